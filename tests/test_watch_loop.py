"""The watch loop: only new entries, ETag/Last-Modified, back-off, state across restarts, stops."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from flashpoint.errors import ConfigError, FetchError, ParseError
from flashpoint.ingest import IngestFailure, Options
from flashpoint.ingest import watch as watch_mod
from flashpoint.ingest.testing import Route, rss, serve
from flashpoint.ingest.watch import Watcher, parse_duration
from flashpoint.records import Document

TEXT = ("Serbian forces moved armoured units towards the Kosovo border on {n} February, "
        "officials in Pristina said, calling it a provocation that raised tensions. ")


def item(n: int) -> dict:
    return {"title": f"Story {n}", "link": f"http://127.0.0.1/s{n}", "guid": f"g{n}",
            "description": TEXT.format(n=n) * 12}


class Collect:
    def __init__(self):
        self.batches: list[list] = []

    def __call__(self, items):
        self.batches.append(list(items))

    @property
    def docs(self):
        return [x for b in self.batches for x in b if isinstance(x, Document)]

    @property
    def failures(self):
        return [x for b in self.batches for x in b if isinstance(x, IngestFailure)]


@pytest.fixture
def server():
    with serve() as s:
        yield s


def watcher(feeds, sink, tmp_path, **kw):
    kw.setdefault("every", 0.05)
    return Watcher(feeds, sink, state_path=tmp_path / "state.json", options=Options(timeout=2), **kw)


def test_watch_duration_parsing():
    assert [parse_duration(x) for x in ("15m", "30s", "2h", "1d", "90", 5)] == [900, 30, 7200, 86400, 90, 5]
    with pytest.raises(ConfigError):
        parse_duration("soon")
    with pytest.raises(ConfigError):
        parse_duration("0s")


def test_watch_ingests_only_new_items_and_uses_etag(server, tmp_path):
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(1), item(2)]), "application/rss+xml", etag='"v1"')
    sink = Collect()
    w = watcher([feed], sink, tmp_path)
    w.poll_feed(feed)
    assert [d.title for d in sink.docs] == ["Story 1", "Story 2"]
    w.poll_feed(feed)  # unchanged: 304, nothing delivered
    assert len(sink.batches) == 1 and server.requests[-1][1].get("If-None-Match") == '"v1"'
    server.routes["/feed.xml"] = Route(rss([item(3), item(1), item(2)]), "application/rss+xml", etag='"v2"')
    r = w.poll_feed(feed)
    assert r.new == 1 and [d.title for d in sink.docs] == ["Story 1", "Story 2", "Story 3"]


def test_watch_without_validators_still_skips_seen_guids(server, tmp_path):
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(1), item(1), item(2)]), "application/rss+xml")
    sink = Collect()
    w = watcher([feed], sink, tmp_path)
    w.poll_feed(feed)
    w.poll_feed(feed)
    assert [d.title for d in sink.docs] == ["Story 1", "Story 2"]


def test_watch_state_survives_a_restart(server, tmp_path):
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(1)]), "application/rss+xml",
                                       last_modified="Mon, 05 Feb 2024 10:00:00 GMT")
    first = Collect()
    watcher([feed], first, tmp_path).poll_feed(feed)
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["feeds"][feed]["guids"] == ["g1"] and state["feeds"][feed]["last_modified"]
    server.routes["/feed.xml"] = Route(rss([item(1), item(2)]), "application/rss+xml")
    second = Collect()
    watcher([feed], second, tmp_path).poll_feed(feed)
    assert [d.title for d in second.docs] == ["Story 2"]


def test_watch_backs_off_on_errors_and_recovers(server, tmp_path):
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(b"down", status=500)
    sink = Collect()
    w = watcher([feed], sink, tmp_path, every=10)
    r = w.poll_feed(feed)
    st = w.state.feed(feed)
    assert isinstance(r.error, FetchError) and st.errors == 1 and st.next_poll > time.time() + 15
    assert sink.failures[0].error.code == "E107"
    w.poll_feed(feed)
    assert st.errors == 2 and st.next_poll > time.time() + 35
    assert w.poll_due() == []  # not due yet
    server.routes["/feed.xml"] = Route(rss([item(1)]), "application/rss+xml")
    w.poll_feed(feed)
    assert st.errors == 0 and [d.title for d in sink.docs] == ["Story 1"]


def test_watch_refuses_hostile_feed_and_keeps_other_feeds(server, tmp_path):
    server.routes["/evil.xml"] = Route(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                       b"<rss><channel><item><title>&x;</title></item></channel></rss>",
                                       "application/rss+xml")
    server.routes["/good.xml"] = Route(rss([item(1)]), "application/rss+xml")
    sink = Collect()
    results = watcher([server.url("/evil.xml"), server.url("/good.xml")], sink, tmp_path).poll_due()
    assert isinstance(results[0].error, ParseError) and results[1].new == 1
    assert "root:" not in json.dumps([d.to_dict() for d in sink.docs])


def test_watch_stop_mid_feed_loses_nothing(server, tmp_path, monkeypatch):
    monkeypatch.setattr(watch_mod, "SINK_BATCH", 1)
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(n) for n in range(1, 6)]), "application/rss+xml", etag='"v1"')
    stored: list[str] = []

    def sink(items):
        stored.extend(d.meta["guid"] for d in items)
        if len(stored) == 2:
            w.stop.set()  # a signal arrives while the second entry is being stored

    w = watcher([feed], sink, tmp_path)
    assert w.poll_feed(feed).interrupted
    assert stored == ["g1", "g2"] and w.state.feed(feed).etag is None  # validators not saved yet
    w2 = watcher([feed], sink, tmp_path)
    w2.poll_feed(feed)
    assert stored == ["g1", "g2", "g3", "g4", "g5"]


def test_watch_run_picks_up_an_item_added_later(server, tmp_path):
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(1)]), "application/rss+xml")
    sink = Collect()
    w = watcher([feed], sink, tmp_path, every=0.1)
    stop = threading.Event()
    thread = threading.Thread(target=w.run, args=(stop,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not sink.docs and time.monotonic() < deadline:
        time.sleep(0.02)
    server.routes["/feed.xml"] = Route(rss([item(2), item(1)]), "application/rss+xml")
    while len(sink.docs) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(3)
    assert not thread.is_alive() and [d.title for d in sink.docs] == ["Story 1", "Story 2"]


def test_watch_local_feed_file_is_reread_only_when_changed(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([item(1)]))
    sink = Collect()
    w = watcher([str(path)], sink, tmp_path)
    w.poll_feed(str(path))
    assert w.poll_feed(str(path)).not_modified
    path.write_bytes(rss([item(1), item(2)]))
    os.utime(path, (time.time() + 5, time.time() + 5))
    w.poll_feed(str(path))
    assert [d.title for d in sink.docs] == ["Story 1", "Story 2"]


def test_watch_cli_stops_cleanly_on_sigterm(server, tmp_path):
    server.routes["/feed.xml"] = Route(rss([item(1), item(2)]), "application/rss+xml")
    out = tmp_path / "new.jsonl"
    proc = subprocess.Popen([sys.executable, "-c", "from flashpoint.cli import main; main()", "watch", server.url("/feed.xml"),
                             "--every", "0.2s", "--jsonl", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 2):
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert [json.loads(x)["title"] for x in out.read_text().splitlines()] == ["Story 1", "Story 2"]
    assert "SIGTERM received" in err and "watch stopped" in err
    assert json.loads((tmp_path / "new.jsonl.watch.json").read_text())["feeds"]


def test_watch_folder_reads_new_and_changed_files_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    sink = Collect()
    w = watcher([str(inbox)], sink, tmp_path)
    w.poll_feed(str(inbox))
    w.poll_feed(str(inbox))
    assert [d.id for d in sink.docs] == ["inbox/a.txt"]
    (inbox / "b.jsonl").write_text(json.dumps({"id": "j1", "text": TEXT.format(n=2)}) + "\n"
                                   + json.dumps({"id": "j2", "text": TEXT.format(n=3)}) + "\n", encoding="utf-8")
    w.poll_feed(str(inbox))
    assert [d.id for d in sink.docs] == ["inbox/a.txt", "j1", "j2"]
    assert not any("#" in g for g in w.state.feed(str(inbox)).guids)  # per-item keys folded into file keys


def test_watch_folder_stop_mid_file_resumes_at_next_item(tmp_path, monkeypatch):
    monkeypatch.setattr(watch_mod, "SINK_BATCH", 1)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "b.jsonl").write_text("".join(json.dumps({"id": f"j{n}", "text": TEXT.format(n=n)}) + "\n"
                                           for n in range(4)), encoding="utf-8")
    stored: list[str] = []

    def sink(items):
        stored.extend(d.id for d in items)
        if len(stored) == 2:
            w.stop.set()

    w = watcher([str(inbox)], sink, tmp_path)
    w.poll_feed(str(inbox))
    watcher([str(inbox)], sink, tmp_path).poll_feed(str(inbox))
    assert stored == ["j0", "j1", "j2", "j3"]


def test_watch_page_url_is_ingested_again_only_when_it_changes(server, tmp_path):
    page = (f"<html><body><article><p>{TEXT.format(n=1) * 3}</p></article></body></html>").encode()
    server.routes["/page"] = Route(page)
    sink = Collect()
    w = watcher([server.url("/page")], sink, tmp_path)
    w.poll_feed(server.url("/page"))
    w.poll_feed(server.url("/page"))
    assert len(sink.docs) == 1
    server.routes["/page"] = Route(page.replace(b"1 February", b"2 February"))
    w.poll_feed(server.url("/page"))
    assert len(sink.docs) == 2 and sink.docs[0].id == sink.docs[1].id  # same URL: a new version


def test_watch_function_runs_in_a_thread_until_stopped(server, tmp_path):
    server.routes["/feed.xml"] = Route(rss([item(1)]), "application/rss+xml")
    sink, stop = Collect(), threading.Event()
    thread = threading.Thread(target=watch_mod.watch, args=([server.url("/feed.xml")],),
                              kwargs={"sink": sink, "stop": stop, "interval": 0.1}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not sink.docs and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(3)
    assert not thread.is_alive() and [d.title for d in sink.docs] == ["Story 1"]


def test_watch_cli_once_stores_new_items_in_the_database(server, tmp_path):
    from click.testing import CliRunner

    from flashpoint.cli import main
    from flashpoint.store import Store

    server.routes["/feed.xml"] = Route(rss([item(1), item(2)]), "application/rss+xml")
    db = str(tmp_path / "w.duckdb")
    args = ["watch", server.url("/feed.xml"), "--db", db, "--once", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    server.routes["/feed.xml"] = Route(rss([item(3), item(1), item(2)]), "application/rss+xml")
    assert CliRunner().invoke(main, args).exit_code == 0
    with Store(db, read_only=True) as store:
        assert sorted(store.documents()["title"]) == ["Story 1", "Story 2", "Story 3"]
    assert json.loads((tmp_path / "w.duckdb.watch.json").read_text())["feeds"][server.url("/feed.xml")]["guids"] \
        == ["g1", "g2", "g3"]


def test_watch_sink_failure_backs_off_and_keeps_the_items_for_later(server, tmp_path):
    from flashpoint.errors import StoreLockedError

    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(rss([item(1), item(2)]), "application/rss+xml", etag='"v1"')
    calls = {"n": 0}
    stored: list[str] = []

    def sink(items):
        calls["n"] += 1
        if calls["n"] == 1:
            raise StoreLockedError("the database is in use by another process")
        stored.extend(d.meta["guid"] for d in items)

    w = watcher([feed], sink, tmp_path, every=10)
    r = w.poll_feed(feed)
    st = w.state.feed(feed)
    assert isinstance(r.error, StoreLockedError) and st.errors == 1 and st.next_poll > time.time() + 15
    assert st.guids == [] and st.etag is None
    w.poll_feed(feed)
    assert stored == ["g1", "g2"] and st.errors == 0 and st.etag == '"v1"'

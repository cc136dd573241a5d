"""flashpoint ingest against a loopback server and the store: once per article, failures stored,
one writer at a time, and (slow) a SIGKILL in the middle of 1,000 documents."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main
from flashpoint.ingest.testing import Route, rss, serve
from flashpoint.store import Store

STORY = ("Serbian forces moved armoured units towards the Kosovo border on {n} February, officials in Pristina "
         "said, after gunmen attacked a police patrol near Mitrovica and wounded two officers. ")
XXE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b"<rss><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>")


def page(n: int) -> bytes:
    return (f"<html lang='en'><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>{STORY.format(n=n) * 3}</p></article></body></html>").encode()


def counts(line: str) -> dict:
    return {k: int(v) for v, k in re.findall(r"(\d+) (new versions|new|unchanged|failed)", line)}


@pytest.fixture
def site():
    with serve() as s:
        for n in (1, 2):
            s.routes[f"/a{n}"] = Route(page(n))
        s.routes["/down"] = Route(b"no", status=500)
        s.routes["/image"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
        s.routes["/evil.xml"] = Route(XXE, "application/rss+xml")
        s.routes["/feed.xml"] = Route(rss([
            {"title": "Story 1", "link": s.url("/a1"), "guid": "g1", "description": "short"},
            {"title": "Story 2", "link": s.url("/a2"), "guid": "g2", "description": "short"},
            {"title": "Story 1 again", "link": s.url("/a1"), "guid": "g1", "description": "short"},
            {"title": "Story 3", "link": s.url("/down"), "guid": "g3", "description": STORY.format(n=3)},
        ]), "application/rss+xml")
        yield s


def ingest(*args):
    result = CliRunner().invoke(main, ["ingest", *args])
    assert result.exit_code == 0, result.output
    return result


def test_ingest_feed_url_twice_stores_each_article_once(site, tmp_path):
    db = str(tmp_path / "f.duckdb")
    first = ingest(site.url("/feed.xml"), "--db", db)
    second = ingest(site.url("/feed.xml"), "--db", db)
    assert counts(first.stdout.splitlines()[-1])["new"] == 3
    assert counts(second.stdout.splitlines()[-1]) == {"new": 0, "new versions": 0, "unchanged": 3, "failed": 0}
    with Store(db, read_only=True) as store:
        docs = store.documents()
        assert sorted(docs["title"]) == ["Story 1", "Story 2", "Story 3"] and store.counts()["documents"] == 3


def test_ingest_every_failure_mode_is_stored_and_the_rest_ingested(site, tmp_path):
    db = str(tmp_path / "e.duckdb")
    result = ingest(site.url("/down"), site.url("/image"), site.url("/evil.xml"), site.url("/a1"),
                    "http://127.0.0.1:9/closed", "--db", db)
    assert counts(result.stdout.splitlines()[-1]) == {"new": 1, "new versions": 0, "unchanged": 0, "failed": 4}
    assert re.search(r"error \[E107\] .*/down: HTTP 500", result.stderr)
    assert "error [E104]" in result.stderr and "error [E108]" in result.stderr
    with Store(db, read_only=True) as store:
        failed = store.documents(status="failed")
        assert sorted(failed["error_code"]) == ["E104", "E107", "E107", "E108"]


def test_ingest_second_writer_fails_with_a_clear_message(tmp_path):
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    (tmp_path / "a.txt").write_text(STORY.format(n=1), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from flashpoint.store import Store
        s = Store({str(db)!r})
        print("ready", flush=True)
        sys.stdin.readline()
        s.close()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", "from flashpoint.cli import main; main()", "ingest",
                               str(tmp_path / "a.txt"), "--db", str(db), "--wait", "1"],
                              capture_output=True, text=True, timeout=60)
        assert time.monotonic() - start < 30
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    [line] = [x for x in proc.stderr.splitlines() if x.strip()]
    assert line.startswith("error [E401]")


@pytest.mark.slow
def test_ingest_sigkill_midway_then_restart_stores_each_document_once(tmp_path):
    src = tmp_path / "docs.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(1000):
            fh.write(json.dumps({"id": f"d{i:04d}", "date": "2024-02-05",
                                 "text": f"Gunmen attacked a police post in town number {i} on Monday, "
                                         f"killing {i % 7 + 1} officers, officials said."}) + "\n")
    db = tmp_path / "crash.duckdb"
    wal = Path(f"{db}.wal")
    cmd = [sys.executable, "-c", "from flashpoint.cli import main; main()", "ingest", str(src), "--db", str(db),
           "--batch-size", "25"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    def wal_size() -> int:
        return wal.stat().st_size if wal.exists() else 0

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not wal_size():
        time.sleep(0.05)
    time.sleep(1.0)  # the migrations are in the log now; the model is still loading
    opened = wal_size()
    while time.monotonic() < deadline and proc.poll() is None and wal_size() < opened + 5000:
        time.sleep(0.05)  # a committed batch of documents grows the log by ~20 KB
    time.sleep(1.0)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    with Store(db, read_only=True) as store:  # opens cleanly after the crash
        before = store.counts()["documents"]
    assert 0 < before < 1000
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(rerun.stdout.splitlines()[-1])["unchanged"] == before
    with Store(db, read_only=True) as store:
        ids = store.con.execute("SELECT id, count(*) FROM documents GROUP BY id").fetchall()
    assert len(ids) == 1000 and all(n == 1 for _, n in ids)

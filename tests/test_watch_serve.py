"""The watch loop inside the API server process: new feed items appear while the dashboard
API is served from the same store."""
from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.api import Database, create_app  # noqa: E402
from flashpoint.api.writes import start_watch  # noqa: E402
from flashpoint.ingest.testing import Route, rss, serve  # noqa: E402

STORY = ("Serbian police arrested {n} armed men near the Kosovo border on Monday after a shootout in which "
         "two officers were wounded, officials in Belgrade said. ")


def item(n: int) -> dict:
    return {"title": f"Story {n}", "link": f"http://127.0.0.1/s{n}", "guid": f"g{n}",
            "description": STORY.format(n=n) * 8}


def titles(client) -> list[str]:
    body = client.get("/api/documents").json()
    rows = body.get("documents", body.get("items", body)) if isinstance(body, dict) else body
    return sorted(r.get("title") for r in rows)


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_watch_in_server_picks_up_an_item_added_to_the_feed(tmp_path):
    with serve({"/feed.xml": Route(rss([item(1)]), "application/rss+xml")}) as site:
        database = Database(tmp_path / "s.duckdb", writable=True)
        stop, thread = threading.Event(), None
        try:
            client = TestClient(create_app(database))
            thread = start_watch(database, [site.url("/feed.xml")], stop, every="0.3s",
                                 state_path=str(tmp_path / "s.watch.json"))
            assert wait_for(lambda: titles(client) == ["Story 1"]), titles(client)
            site.routes["/feed.xml"] = Route(rss([item(2), item(1)]), "application/rss+xml")
            assert wait_for(lambda: titles(client) == ["Story 1", "Story 2"]), titles(client)
            assert client.get("/api/health").status_code == 200  # served all along
        finally:
            stop.set()
            if thread is not None:
                thread.join(30)
            database.close()
        assert not thread.is_alive()

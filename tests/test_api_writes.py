"""Writing through the API: token checks, size limits, and POST /api/documents storing
what extraction returns (extraction is replaced by a fake so the test needs no model)."""
from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import Database, create_app
from flashpoint.records import Actor, DocumentResult, Event, Place

TOKEN = "s3cret-token-for-tests"
DOC = {"id": "post-1", "text": "Rebels shelled Goma on Monday, killing five civilians.", "date": "2024-02-05",
       "source": "Great Lakes Report", "url": "https://example.org/goma"}


def fake_extract_many(docs, **_):
    for d in docs:
        text = d.text
        yield DocumentResult(d.id, [Event(
            plover="ASSAULT", cameo="195", quad_class=4, goldstein=-10.0, acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Shelling/artillery/missile attack", actor=Actor("Rebels", "COD", "REB", [0, 6]),
            recipient=Actor("civilians", "COD", "CVL", [text.find("civilians"), text.find("civilians") + 9]),
            date="2024-02-05", date_precision="day", location=Place("Goma", [15, 19], "Goma", -1.68, 29.22, "COD"),
            fatalities=5, text=text, span=[0, len(text)], confidence=0.8)])


@pytest.fixture
def make_client(tmp_path):
    apps = []

    def make(token, writable=True, **kw):
        app = create_app(Database(tmp_path / "w.duckdb", writable=writable), token=token,
                         extract=fake_extract_many, **kw)
        apps.append(app)
        return TestClient(app)
    yield make
    for app in apps:
        app.state.db.close()


def test_api_writes_are_forbidden_without_a_server_token(make_client):
    r = make_client(None).post("/api/documents", json=DOC)
    assert r.status_code == 403 and "read-only" in r.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic " + TOKEN, TOKEN, "Bearer " + TOKEN + "x", "Bearer "])
def test_api_writes_need_the_exact_bearer_token(make_client, header):
    headers = {"Authorization": header} if header else {}
    r = make_client(TOKEN).post("/api/documents", json=DOC, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_api_post_documents_codes_and_stores_one_or_many(make_client):
    client = make_client(TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    one = client.post("/api/documents", json=DOC, headers=auth)
    assert one.status_code == 200, one.text
    assert one.json()["documents"] == [{"id": "post-1", "events": 1, "error": None}]
    many = client.post("/api/documents", headers=auth, json=[
        DOC, {**DOC, "id": "post-2", "url": "https://example.org/goma-2", "text": DOC["text"].replace("five", "six")}]).json()
    assert many["summary"]["unchanged"] == 1 and many["summary"]["new"] == 1
    events = client.get("/api/events", params={"country": "COD"}).json()
    assert events["total"] >= 1 and events["items"][0]["location"]["name"] == "Goma"
    assert client.get("/api/documents/post-1").json()["source"] == "Great Lakes Report"


def test_api_post_documents_rejects_bad_bodies(make_client):
    client = make_client(TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/documents", json={"text": "no id"}, headers=auth).status_code == 422
    assert client.post("/api/documents", json=[], headers=auth).status_code == 422
    assert client.post("/api/documents", content=b"{not json", headers={**auth, "Content-Type": "application/json"}
                       ).status_code == 422
    too_many = [{**DOC, "id": f"d{i}"} for i in range(101)]
    assert client.post("/api/documents", json=too_many, headers=auth).status_code == 413


def test_api_refuses_bodies_over_the_size_limit(make_client):
    client = make_client(TOKEN, max_body=1000)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/documents", json={**DOC, "text": "x" * 5000}, headers=auth)
    assert r.status_code == 413

    def chunks():  # no Content-Length: the limit applies to the streamed bytes
        for _ in range(10):
            yield b"x" * 500
    r = client.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_api_read_only_database_refuses_writes_even_with_token(make_client, tmp_path):
    Database(tmp_path / "w.duckdb", writable=True).close()
    client = make_client(TOKEN, writable=False)
    r = client.post("/api/documents", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 503
    assert client.get("/api/health").json()["writable"] is False


def test_api_read_only_server_lets_go_of_the_file_between_requests(tmp_path):
    from flashpoint.store import Store

    path = tmp_path / "shared.duckdb"
    db = Database(path, writable=False, idle=0.05)
    client = TestClient(create_app(db, token=None))
    assert client.get("/api/events").json()["total"] == 0
    deadline = time.monotonic() + 5
    while db.is_open and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not db.is_open  # idle: another process (flashpoint watch / ingest) may now write
    with Store(path) as store:
        store.ingest([(d, r) for d, r in zip([_doc()], fake_extract_many([_doc()]))])
    assert client.get("/api/events").json()["total"] == 1  # reopened, sees the new event
    db.close()


def _doc():
    from flashpoint.records import Document

    return Document.from_dict(DOC)


def test_api_watch_sink_stores_documents_and_failures(tmp_path):
    from flashpoint.api.writes import sink_for
    from flashpoint.ingest import IngestFailure
    from flashpoint.errors import FetchError

    db = Database(tmp_path / "watch.duckdb", writable=True)
    sink = sink_for(db, extract=fake_extract_many)
    summary = sink([_doc(), IngestFailure("https://example.org/feed", "feed-1", FetchError("HTTP 500"))])
    assert (summary.new, summary.failed) == (1, 1)
    client = TestClient(create_app(db, token=None))
    assert client.get("/api/events").json()["total"] == 1
    db.close()

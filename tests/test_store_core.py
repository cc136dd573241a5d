"""The store: migrations, idempotent ingest, versions, failures, provenance, filters."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.records import Document, DocumentResult
from flashpoint.store import Store
from flashpoint.store.connection import migrations, schema_version
from flashpoint.store.testing import event, report


@pytest.fixture
def store():
    s = Store.memory()
    yield s
    s.close()


def test_store_migrations_are_recorded(store):
    versions = [v for v, _, _ in migrations()]
    assert versions[0] == 1 and versions == sorted(versions)
    assert schema_version(store.con) == versions[-1]
    rows = store.con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows[0] == (1, "init")


def test_store_migrations_run_once_on_reopen(tmp_path):
    path = tmp_path / "fp.duckdb"
    Store(path).close()
    with Store(path) as s:
        assert s.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(migrations())


def test_store_same_document_twice_is_stored_once(store):
    first = store.ingest_results([report("a")])
    second = store.ingest_results([report("a")])
    assert (first.new, first.unchanged) == (1, 0)
    assert (second.new, second.unchanged, second.mentions) == (0, 1, 0)
    assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 1


def test_store_duplicate_within_one_batch_is_stored_once(store):
    summary = store.ingest_results([report("a"), report("a")])
    assert (summary.new, summary.unchanged) == (1, 1)


def test_store_whitespace_only_changes_keep_the_document_unchanged(store):
    doc, res = report("a", "Serbian gunmen fought Kosovo police.")
    store.ingest_results([(doc, res)])
    doc2 = Document(id="a", text="Serbian  gunmen fought\nKosovo police.  ", date=doc.date)
    assert store.ingest_results([(doc2, res)]).unchanged == 1


def test_store_changed_text_under_same_id_becomes_a_new_version(store):
    store.ingest_results([report("a", "Four were killed in Banjska.", events=[event(fatalities=4)])])
    summary = store.ingest_results([report("a", "Five were killed in Banjska.", events=[event(fatalities=5)])])
    assert summary.versions == 1
    docs = store.documents(current_only=False)
    assert sorted(docs["version"]) == [1, 2]
    assert docs.set_index("version").loc[1, "is_current"] == False  # noqa: E712
    events = store.events()
    assert len(events) == 1 and events.iloc[0]["fatalities"] == 5
    assert store.document("a")["version"] == 2


def test_store_failed_document_is_stored_with_its_error(store):
    err = {"code": "E103", "message": "the document has no text"}
    summary = store.ingest_results([report("bad", "   x", error=err)])
    assert summary.failed == 1 and summary.failures[0]["code"] == "E103"
    row = store.documents(status="failed").iloc[0]
    assert (row["id"], row["error_code"], row["error"]) == ("bad", "E103", "the document has no text")


def test_store_unsupported_language_gets_its_own_status(store):
    store.ingest_results([report("fr", "Bonjour", error={"code": "E106", "message": "language fr"})])
    assert store.documents().iloc[0]["status"] == "unsupported-language"


def test_store_failed_document_is_retried_when_ingested_again(store):
    store.ingest_results([report("a", "Gunmen fought police.", error={"code": "E200", "message": "boom"})])
    summary = store.ingest_results([report("a", "Gunmen fought police.")])
    assert summary.new == 1
    docs = store.documents(current_only=False)
    assert list(docs["status"]) == ["ok"] and list(docs["version"]) == [1]


def test_store_reader_failures_are_stored_not_dropped(store):
    from flashpoint.errors import InvalidJSONError
    from flashpoint.jsonl import BadLine

    bad = BadLine(3, None, InvalidJSONError("line 3: not valid JSON"))
    summary = store.ingest([bad], extract=lambda docs: [])
    assert summary.failed == 1
    assert store.documents(status="failed").iloc[0]["error_code"] == "E101"
    assert store.ingest([bad], extract=lambda docs: []).unchanged == 1


def test_store_event_keeps_provenance(store):
    text = "Intro sentence. Serbian gunmen fought Kosovo police in Banjska."
    ev = event(text="Serbian gunmen fought Kosovo police in Banjska.")
    ev.span = [16, len(text)]
    store.ingest_results([report("a", text, events=[ev])])
    event_id = store.events().iloc[0]["event_id"]
    detail = store.event(event_id)
    [m] = detail["mentions"]
    assert (m["doc_id"], m["doc_version"], m["span_start"], m["span_end"]) == ("a", 1, 16, len(text))
    assert text[m["span_start"]:m["span_end"]] == m["text"]
    assert detail["documents"][0]["id"] == "a"


def test_store_mentions_read_back_as_the_same_events(store):
    evs = [event(fatalities=4, weapons=["rifles"]), event("PROTEST", actor="XKX", recipient=None, place="Pristina")]
    store.ingest_results([report("a", events=evs)])
    assert store.document_events("a") == evs


def test_store_events_filters(store):
    store.ingest_results([
        report("a", events=[event(fatalities=4, date="2023-09-24")]),
        report("b", "Protest in Kyiv.", events=[event("PROTEST", actor="UKR", recipient="RUS", place="Kyiv",
                                                      date="2022-02-20", text="Protest in Kyiv.")], date="2022-02-21"),
    ])
    assert len(store.events()) == 2
    assert list(store.events(country="UKR")["plover"]) == ["PROTEST"]
    assert list(store.events(dyad="XKX-SRB")["plover"]) == ["FIGHT"]
    assert list(store.events(type="PROTEST")["actor_country"]) == ["UKR"]
    assert list(store.events(type="19")["plover"]) == ["FIGHT"]
    assert list(store.events(min_fatalities=1)["plover"]) == ["FIGHT"]
    assert list(store.events(since="2023-01-01")["plover"]) == ["FIGHT"]
    assert list(store.events(until="2023-01-01")["plover"]) == ["PROTEST"]


def test_store_documents_search_and_dates(store):
    store.ingest_results([report("a", "Fighting in Banjska.", date="2023-09-25", title="Banjska clash")])
    assert len(store.documents(q="banjska")) == 1
    assert len(store.documents(q="nothing-like-this")) == 0
    assert store.documents().iloc[0]["published"].date() == dt.date(2023, 9, 25)


def test_store_ingest_reads_text_files(tmp_path):
    (tmp_path / "a.txt").write_text("title: Clash\ndate: 2024-02-05\nsource: Wire\n\nGunmen fought police.\n")
    calls = []

    def fake_extract(docs):
        docs = list(docs)
        calls.extend(docs)
        return [DocumentResult(d.id, [event(date="2024-02-05")]) for d in docs]

    with Store(tmp_path / "db.duckdb") as s:
        s.ingest([str(tmp_path / "a.txt")], extract=fake_extract)
        doc = s.documents().iloc[0]
    assert doc["title"] == "Clash" and doc["source"] == "Wire"
    assert "Gunmen fought police." in calls[0].text


def test_store_ingest_keeps_a_document_in_an_uncoded_language_without_coding_it(store):
    german = Document("de-1", "Serbien rüstet an der Grenze zum Kosovo auf und will neue Waffen kaufen. "
                              "Verteidigungsminister Boris Pistorius sichert dem Kosovo weitere Hilfe zu.",
                      date="2024-02-05", language="de")
    coded = []
    summary = store.ingest([german], extract=lambda docs: coded.extend(docs) or [])
    assert coded == [] and summary.failed == 1
    row = store.documents().iloc[0]
    assert row["status"] == "unsupported-language" and row["error_code"] == "E106"

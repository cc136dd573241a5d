"""The ingest service: documents in, stored once, extracted, fused.

Each batch is one transaction (documents, their mentions, fusion, event rows), so a
crash loses at most the batch in flight and re-running stores each document exactly
once. A document whose whitespace-normalised text was stored before is *unchanged*;
a known id (or URL) with new text becomes a new *version*, the old version's mentions
leave their events. Items that could not be read or extracted are stored as failed
documents with their error code and message, never dropped.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..ingest.language import language_error
from ..records import Document, DocumentResult
from .db import insert, query, transaction
from .fuse_store import fuse_new, recompute_events
from .rows import DOCUMENT_COLUMNS, MENTION_COLUMNS, content_hash, document_row, mention_row

# An extractor reads an iterable of Documents ONCE and yields one DocumentResult per
# document, in order (``flashpoint.extract_many`` is one).
Extractor = Callable[[Iterable[Document]], Iterable[DocumentResult]]


@dataclass
class Failure:
    """An input item that never became a Document (unreadable line, fetch error ...)."""

    id: str | None
    source: str | None
    error: dict


@dataclass
class IngestSummary:
    new: int = 0
    versions: int = 0
    unchanged: int = 0
    failed: int = 0
    mentions: int = 0
    events: int = 0          # events created or updated
    alerts: int = 0          # alerts new in this run
    failures: list[dict] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.versions + self.unchanged + self.failed

    def line(self) -> str:
        return (f"documents: {self.new} new, {self.versions} new versions, {self.unchanged} unchanged, "
                f"{self.failed} failed; mentions: {self.mentions}; events touched: {self.events}; "
                f"new alerts: {self.alerts}")


def as_item(item) -> Document | Failure | tuple:
    """Normalise what readers yield: Documents, (Document, DocumentResult) pairs, and failures
    (``flashpoint.jsonl.BadLine`` or any object with ``error`` and ``id``/``source``)."""
    if isinstance(item, (Document, Failure, tuple)):
        return item
    if isinstance(item, dict):
        return Document.from_dict(item)
    error = getattr(item, "error", None)
    if error is not None:
        err = error.to_dict() if hasattr(error, "to_dict") else {"code": getattr(error, "code", "E100"),
                                                                 "message": str(error)}
        source = getattr(item, "source", None)
        line_no = getattr(item, "line_no", None)
        if source is None and line_no is not None:
            source = f"line {line_no}"
        return Failure(getattr(item, "id", None), None if source is None else str(source), err)
    raise TypeError(f"cannot ingest a {type(item).__name__}")


def _status(error: dict | None) -> str:
    if not error:
        return "ok"
    return "unsupported-language" if error.get("code") == "E106" else "failed"


class _Planner:
    """Decides, per item, what a batch will write: reads the database and the batch so far."""

    def __init__(self, con):
        self.con = con
        self.hashes: set[str] = set()
        self.versions: dict[str, int] = {}

    def _latest(self, doc_id: str, url: str | None) -> int:
        if doc_id in self.versions:
            return self.versions[doc_id]
        row = query(self.con, "SELECT max(version) AS v FROM documents WHERE id = ?", [doc_id])[0]
        return int(row["v"] or 0)

    def document(self, doc: Document) -> dict:
        """{"action": unchanged | new | version | retry, "version": n}"""
        h = content_hash(doc.text)
        if h in self.hashes:
            return {"action": "unchanged"}
        same = query(self.con, "SELECT id, version, status FROM documents WHERE content_hash = ?", [h])
        if any(r["status"] != "failed" for r in same):
            return {"action": "unchanged"}
        self.hashes.add(h)
        retry = [r for r in same if r["id"] == doc.id]
        if retry:
            return {"action": "retry", "version": retry[0]["version"]}
        if doc.url and doc.id not in self.versions:
            by_url = query(self.con, "SELECT id FROM documents WHERE url = ? AND id <> ? LIMIT 1", [doc.url, doc.id])
            if by_url and not query(self.con, "SELECT 1 FROM documents WHERE id = ?", [doc.id]):
                doc.id = by_url[0]["id"]  # the same URL under another id: a new version of that document
        latest = self._latest(doc.id, doc.url)
        self.versions[doc.id] = latest + 1
        return {"action": "version" if latest else "new", "version": latest + 1}

    def failure(self, item: Failure) -> dict:
        doc_id = item.id or f"failed:{item.source or 'input'}"
        item.id = doc_id
        same = query(self.con, "SELECT 1 FROM documents WHERE id = ? AND status <> 'ok' AND error_code = ? "
                               "AND coalesce(error, '') = ? LIMIT 1",
                     [doc_id, item.error.get("code"), item.error.get("message") or ""])
        if same or ("fail", doc_id) in self.versions:
            return {"action": "unchanged"}
        latest = self._latest(doc_id, None)
        self.versions[doc_id] = latest + 1
        self.versions[("fail", doc_id)] = 1  # type: ignore[index]
        return {"action": "failed", "version": latest + 1}


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def default_extractor(workers: int = 1, batch_size: int | None = None) -> Extractor:
    def run(docs: list[Document]) -> Iterable[DocumentResult]:
        from ..extract import extract_many

        return extract_many(docs, workers=workers, batch_size=batch_size)
    return run


@dataclass
class _Entry:
    item: Document | Failure
    given: DocumentResult | None
    plan: dict
    result: DocumentResult | None = None

    @property
    def needs_extraction(self) -> bool:
        return self.given is None and self.plan["action"] in ("new", "version", "retry")


def _planned(planner: _Planner, items: Iterable) -> Iterator[_Entry]:
    for raw in items:
        item = as_item(raw)
        doc, given = item if isinstance(item, tuple) else (item, None)
        plan = planner.failure(doc) if isinstance(doc, Failure) else planner.document(doc)
        if plan["action"] == "unchanged" and isinstance(doc, Document):
            doc = Document(id=doc.id, text="")  # nothing of it is written: do not hold its text
        elif given is None and isinstance(doc, Document) and plan["action"] in ("new", "version", "retry"):
            unsupported = language_error(doc)  # stored with its status, never coded with the English pipeline
            if unsupported is not None:
                given = DocumentResult(doc.id, error=unsupported.to_dict())
        yield _Entry(doc, given, plan)


def _in_order(entries: Iterator[_Entry], extract: Extractor) -> Iterator[_Entry]:
    """Entries in input order, those that need it extracted by ONE streaming extraction
    run (so worker processes start once per ingest, not once per batch)."""
    queue: deque[_Entry] = deque()

    def feed():
        for entry in entries:
            queue.append(entry)
            if entry.needs_extraction:
                yield entry.item

    fed = feed()
    for result in extract(fed):
        while queue:
            entry = queue.popleft()
            if entry.needs_extraction:
                entry.result = result
                yield entry
                break
            yield entry
    for _ in fed:  # an extractor that stopped early (or needed nothing) leaves items unread
        pass
    while queue:
        yield queue.popleft()


def ingest(con, items: Iterable, *, extract: Extractor | None = None, batch_size: int = 64,
           progress=None, summary: IngestSummary | None = None) -> IngestSummary:
    """Store ``items`` (Documents, failures, or (Document, DocumentResult) pairs)."""
    extract = extract or default_extractor()
    summary = summary or IngestSummary()
    planner = _Planner(con.cursor())  # its own cursor: extraction may pull items from another thread
    try:
        for batch in _batched(_in_order(_planned(planner, items), extract), batch_size):
            _write_batch(con, batch, summary)
            if progress is not None:
                progress.advance(len(batch))
    finally:
        planner.con.close()
    return summary


def _write_batch(con, batch: list[_Entry], summary: IngestSummary) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with transaction(con):
        doc_rows, mention_rows, superseded = [], [], []
        for entry in batch:
            doc, plan = entry.item, entry.plan
            action = plan["action"]
            if action == "unchanged":
                summary.unchanged += 1
                continue
            if isinstance(doc, Failure):
                doc_rows.append({"id": doc.id, "version": plan["version"], "source": doc.source, "ingested_at": now,
                                 "status": "failed", "error_code": doc.error.get("code"),
                                 "error": doc.error.get("message"), "is_current": True, "n_mentions": 0,
                                 "meta": "{}"})
                summary.failed += 1
                summary.failures.append({"id": doc.id, **doc.error})
                continue
            result = entry.given if entry.given is not None else entry.result
            if result is None:
                raise RuntimeError(f"the extractor returned no result for document {doc.id!r}")
            status = _status(result.error)
            mentions = [] if result.error else [mention_row(ev, doc.id, plan["version"], n)
                                                for n, ev in enumerate(result.events)]
            doc_rows.append(document_row(doc, plan["version"], status, error=result.error,
                                         n_mentions=len(mentions), now=now))
            mention_rows.extend(mentions)
            if status != "ok":
                summary.failed += 1
                summary.failures.append({"id": doc.id, **(result.error or {})})
            elif action == "version":
                summary.versions += 1
            else:
                summary.new += 1
            if action == "retry":
                con.execute("DELETE FROM documents WHERE id = ? AND version = ?", [doc.id, plan["version"]])
            elif action == "version" and status == "ok":
                superseded.append(doc.id)
        touched = set()
        for doc_id in superseded:
            old = query(con, "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ? AND is_current "
                             "AND event_id IS NOT NULL", [doc_id])
            touched.update(r["event_id"] for r in old)
            con.execute("UPDATE mentions SET is_current = FALSE, event_id = NULL WHERE doc_id = ?", [doc_id])
            con.execute("UPDATE documents SET is_current = FALSE WHERE id = ?", [doc_id])
        insert(con, "documents", doc_rows, DOCUMENT_COLUMNS)
        insert(con, "mentions", mention_rows, MENTION_COLUMNS)
        touched |= fuse_new(con, mention_rows)
        recompute_events(con, touched)
        summary.mentions += len(mention_rows)
        summary.events += len(touched)

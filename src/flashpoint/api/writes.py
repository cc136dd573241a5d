"""Writing through the server: ``POST /api/documents`` and the ``--watch`` ingest loop.

Extraction runs outside the database lock (it is the slow part); only storing, fusing
and refreshing the alerts hold it, so the dashboard stays responsive while a batch is
coded.
"""
from __future__ import annotations

import logging
import threading

from ..records import Document
from .db import Database

log = logging.getLogger("flashpoint.api")


def store_documents(db: Database, docs: list[Document], extract=None) -> dict:
    """Extract (``extract(docs)`` -> results, default ``flashpoint.extract_many``), then
    store, fuse and refresh alerts through ``Store.ingest``; per-document outcomes."""
    if extract is None:
        from ..extract import extract_many as extract
    results = list(extract(docs))
    summary = db.write(lambda store: store.ingest(list(zip(docs, results))))
    return {
        "summary": {"new": summary.new, "versions": summary.versions, "unchanged": summary.unchanged,
                    "failed": summary.failed, "mentions": summary.mentions, "events": summary.events,
                    "alerts": summary.alerts},
        "documents": [{"id": d.id, "events": len(r.events), "error": r.error} for d, r in zip(docs, results)],
    }


def sink_for(db: Database, extract=None):
    """The ``sink`` the ingest ``Watcher`` calls with each batch of new items. Documents
    are coded before the lock is taken, so the dashboard is not kept waiting meanwhile."""
    def sink(items: list) -> object:
        run = extract
        if run is None:
            from ..extract import extract_many as run
        docs = [x for x in items if isinstance(x, Document)]
        results = dict(zip(map(id, docs), run(docs))) if docs else {}
        prepared = [(x, results[id(x)]) if isinstance(x, Document) else x for x in items]
        summary = db.write(lambda store: store.ingest(prepared))
        log.info("watch: %s", summary.line())
        return summary
    return sink


def start_watch(db: Database, feeds: list[str], stop: threading.Event, *, every: str = "15m",
                state_path: str | None = None) -> threading.Thread:
    """Run ``flashpoint.ingest.watch.Watcher`` in a daemon thread of the server process."""
    from ..ingest.watch import Watcher

    watcher = Watcher(list(feeds), sink_for(db), every=every, state_path=state_path or f"{db.path}.watch.json")

    def run():
        try:
            watcher.run(stop)
        except Exception:  # noqa: BLE001 - the server keeps serving what is stored
            log.exception("the watch loop stopped")
        finally:
            watcher.options.close()

    thread = threading.Thread(target=run, name="flashpoint-watch", daemon=True)
    thread.start()
    return thread

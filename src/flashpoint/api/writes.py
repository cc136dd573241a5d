"""Writing through the server: ``POST /api/documents`` and the ``--watch`` ingest loop.

Extraction runs outside the database lock (it is the slow part); only storing, fusing
and refreshing the alerts hold it, so the dashboard stays responsive while a batch is
coded.
"""
from __future__ import annotations

import logging
import threading
from typing import Iterable

from ..records import Document
from .db import Database

log = logging.getLogger("flashpoint.api")


def store_documents(db: Database, docs: list[Document], extract=None) -> dict:
    """Extract (``extract(docs)`` -> results, default ``flashpoint.extract_many``), store,
    fuse and refresh alerts; a per-document outcome and a summary."""
    from ..store.ingest import ingest

    if extract is None:
        from ..extract import extract_many as extract
    results = list(extract(docs))

    def write():
        summary = ingest(db.con, list(zip(docs, results)))
        summary.alerts = _refresh_alerts(db)
        return summary

    summary = db.write(write)
    return {
        "summary": {"new": summary.new, "versions": summary.versions, "unchanged": summary.unchanged,
                    "failed": summary.failed, "mentions": summary.mentions, "events": summary.events,
                    "alerts": summary.alerts},
        "documents": [{"id": d.id, "events": len(r.events), "error": r.error} for d, r in zip(docs, results)],
    }


def _refresh_alerts(db: Database) -> int:
    try:
        from ..store.alerts import refresh
    except ImportError:  # pragma: no cover - the store ships it
        return 0
    return refresh(db.con)


def sink_for(db: Database):
    """The ``sink`` the ingest watch loop calls with each batch of new items."""
    from ..store.ingest import ingest

    def sink(items: Iterable) -> object:
        def write():
            summary = ingest(db.con, items)
            summary.alerts = _refresh_alerts(db)
            return summary
        summary = db.write(write)
        log.info("watch: %s", summary.line())
        return summary
    return sink


def start_watch(db: Database, feeds: list[str], stop: threading.Event, **options) -> threading.Thread:
    """Run ``flashpoint.ingest.watch`` in a daemon thread of the server process."""
    from ..ingest import watch as watch_module

    loop = getattr(watch_module, "watch", None) or getattr(watch_module, "run", None)
    if loop is None:
        raise RuntimeError("flashpoint.ingest.watch has no watch() function")

    def run():
        try:
            loop(feeds, sink=sink_for(db), stop=stop, **options)
        except Exception:  # noqa: BLE001 - the server keeps serving what is stored
            log.exception("the watch loop stopped")

    thread = threading.Thread(target=run, name="flashpoint-watch", daemon=True)
    thread.start()
    return thread

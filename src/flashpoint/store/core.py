"""``Store``: the embedded event database as a Python object.

    >>> from flashpoint.store import Store
    >>> with Store("flashpoint.duckdb") as store:
    ...     store.ingest(["examples/"])              # files, folders, Documents
    ...     store.events(country="UKR", since="2022-02-01")   # a DataFrame
    ...     store.event("ev-…")                      # one event, its mentions and documents
    ...     store.signals(scope="pair", key="SRB-XKX", freq="week")
    ...     store.alerts()

Methods return pandas DataFrames where the result is a table. A ``Store`` holds its
connection (and so DuckDB's write lock) until ``close()``; readers that share a file
with a writer should open ``Store(path, read_only=True)`` for each request.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .. import settings
from ..records import Document, DocumentResult, Event
from . import alerts as alerts_mod
from . import queries
from .connection import MEMORY, connect
from .db import query, transaction
from .ingest import Extractor, IngestSummary, default_extractor, ingest
from .rows import event_from_row
from .signals import series
from .sources import read_sources


def _expand(items: Iterable) -> Iterator:
    """Sources (paths, URLs) read through ``read_sources``; anything else passes as is, in order."""
    paths: list[str] = []
    for item in items:
        if isinstance(item, (str, Path)):
            paths.append(str(item))
            continue
        if paths:
            yield from read_sources(paths)
            paths = []
        yield item
    if paths:
        yield from read_sources(paths)


def default_path() -> str:
    return str(settings.get("db"))


class Store:
    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, timeout: float = 10.0):
        self.path = str(path) if path is not None else default_path()
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only, timeout=timeout)

    @classmethod
    def memory(cls) -> "Store":
        return cls(MEMORY)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ---------------------------------------------------------------------
    def ingest(self, items: Iterable, *, extract: Extractor | None = None, workers: int = 1,
               batch_size: int = 64, progress=None, detector: alerts_mod.DetectorConfig | None = None) -> IngestSummary:
        """Store sources (paths/URLs as strings), ``Document``s, or ``(Document, DocumentResult)``
        pairs already extracted; then refresh actors, places and alerts."""
        stream = _expand(items)
        summary = ingest(self.con, stream, extract=extract or default_extractor(workers),
                         batch_size=batch_size, progress=progress)
        summary.alerts = self.refresh(detector)
        return summary

    def ingest_results(self, pairs: Iterable[tuple[Document, DocumentResult]], **kwargs) -> IngestSummary:
        return self.ingest([tuple(p) for p in pairs], **kwargs)

    def refresh(self, detector: alerts_mod.DetectorConfig | None = None) -> int:
        """Recompute derived tables (actors, places, alerts); returns the number of new alerts."""
        with transaction(self.con):
            self.con.execute("DELETE FROM actors")
            self.con.execute("""
                INSERT INTO actors SELECT k, any_value(t), any_value(c), any_value(s), count(*), min(date), max(date)
                FROM (SELECT coalesce(actor_country, '') || '|' || coalesce(actor_sector, '') || '|' || lower(actor_text) AS k,
                             actor_text AS t, actor_country AS c, actor_sector AS s, date FROM mentions
                      WHERE is_current AND actor_text IS NOT NULL
                      UNION ALL
                      SELECT coalesce(recipient_country, '') || '|' || coalesce(recipient_sector, '') || '|' || lower(recipient_text),
                             recipient_text, recipient_country, recipient_sector, date FROM mentions
                      WHERE is_current AND recipient_text IS NOT NULL) GROUP BY k""")
            self.con.execute("DELETE FROM places")
            self.con.execute("""
                INSERT INTO places SELECT k, any_value(name), avg(lat), avg(lon), any_value(country), any_value(admin1),
                       any_value(geonames_id), any_value(feature), count(*)
                FROM (SELECT coalesce(CAST(geonames_id AS VARCHAR), coalesce(country, '') || '|' || coalesce(place_name, place_text)) AS k,
                             coalesce(place_name, place_text) AS name, lat, lon, country, admin1, geonames_id, feature
                      FROM mentions WHERE is_current AND (place_name IS NOT NULL OR place_text IS NOT NULL)) GROUP BY k""")
            return alerts_mod.refresh(self.con, detector)

    # -- reading ---------------------------------------------------------------------
    def events(self, *, limit: int | None = None, offset: int = 0, **filters) -> pd.DataFrame:
        """Fused events; filters: since, until, country, dyad ("A-B", either direction), type
        (PLOVER, CAMEO prefix or ACLED type), min_fatalities, actor, min_sources."""
        return queries.events(self.con, limit=limit, offset=offset, **filters)

    def event(self, event_id: str) -> dict | None:
        """One event with ``mentions`` (each with its evidence span) and ``documents``."""
        return queries.event(self.con, event_id)

    def mentions(self, *, doc_id: str | None = None, event_id: str | None = None,
                 current_only: bool = True) -> pd.DataFrame:
        where, params = ["TRUE"], []
        if current_only:
            where.append("is_current")
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if event_id is not None:
            where.append("event_id = ?")
            params.append(event_id)
        return self.con.execute(f"SELECT * FROM mentions WHERE {' AND '.join(where)} ORDER BY doc_id, doc_version, n",
                                params).fetchdf()

    def document_events(self, doc_id: str, version: int | None = None) -> list[Event]:
        """The contract ``Event``s stored for a document (its current version by default)."""
        sql = "SELECT * FROM mentions WHERE doc_id = ? AND " + ("doc_version = ?" if version else "is_current")
        rows = query(self.con, sql + " ORDER BY n", [doc_id, version] if version else [doc_id])
        return [event_from_row(r) for r in rows]

    def documents(self, **filters) -> pd.DataFrame:
        """Documents; filters: status, since, until, q (title/text search), current_only, limit, with_text."""
        return queries.documents(self.con, **filters)

    def document(self, doc_id: str, version: int | None = None) -> dict | None:
        sql = "SELECT * FROM documents WHERE id = ? " + ("AND version = ?" if version else "ORDER BY version DESC LIMIT 1")
        rows = query(self.con, sql, [doc_id, version] if version else [doc_id])
        if not rows:
            return None
        row = rows[0]
        row["meta"] = json.loads(row["meta"]) if row.get("meta") else {}
        return row

    def dyads(self, **kwargs) -> pd.DataFrame:
        """Country pairs ranked by recent escalation (see ``queries.dyads``)."""
        return queries.dyads(self.con, **kwargs)

    def signals(self, *, scope: str = "country", key: str | None = None, freq: str = "week", **kwargs) -> pd.DataFrame:
        """Signal series; scope: country, admin1, dyad (directed "A-B"), pair (undirected)."""
        return series(self.con, scope=scope, key=key, freq=freq, **kwargs)

    def alerts(self, *, scope: str | None = None, key: str | None = None, since=None, freq: str | None = None,
               limit: int | None = None) -> pd.DataFrame:
        where, params = ["TRUE"], []
        for col, val in (("scope", scope), ("freq", freq)):
            if val:
                where.append(f"{col} = ?")
                params.append(val)
        if key:
            where.append("key = ?")
            params.append(key.upper() if scope != "admin1" else key)
        if since:
            where.append("period >= ?")
            params.append(pd.Timestamp(since).date())
        sql = f"SELECT * FROM alerts WHERE {' AND '.join(where)} ORDER BY period DESC, z DESC, alert_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.con.execute(sql, params).fetchdf()

    def counts(self) -> dict:
        """Row counts: documents (current, by status), mentions, events, alerts."""
        out = {"documents": self.con.execute("SELECT count(*) FROM documents WHERE is_current").fetchone()[0]}
        for status, n in self.con.execute("SELECT status, count(*) FROM documents WHERE is_current GROUP BY 1 ORDER BY 1").fetchall():
            out[f"documents_{status}"] = n
        for table in ("mentions", "events", "alerts", "actors", "places"):
            where = " WHERE is_current" if table == "mentions" else ""
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}{where}").fetchone()[0]
        return out

"""Tension series, alerts and documents for the API (parameterised SQL over the store)."""
from __future__ import annotations

import datetime as dt
import json

from .db import Database
from .queries import _iso, split_dyad

SCOPE_ALIASES = {"dyad": "pair"}  # the API's dyads are undirected country pairs


def signals(db: Database, scope: str, key: str, since: dt.date | None, until: dt.date | None,
            freq: str = "day") -> dict:
    """The store's tension series (``store.signals.series``) for one key, zero-filled:
    events, counts per quad class, material conflict, Goldstein sum and mean, fatalities."""
    from ..store.signals import normalise_key, series

    scope = SCOPE_ALIASES.get(scope, scope)
    with db.lock:
        table = series(db.con, scope=scope, key=key, freq=freq, since=since, until=until)
    rows = []
    for r in table.to_dict("records"):
        mean = r["goldstein_mean"]
        rows.append({
            "period": _iso(r["period"]), "events": int(r["events"]),
            "quad": [int(r[f"quad{i}"]) for i in range(5)],
            "conflict": int(r["quad3"]) + int(r["quad4"]), "material_conflict": int(r["material_conflict"]),
            "cooperation": int(r["quad1"]) + int(r["quad2"]),
            "goldstein_sum": round(float(r["goldstein_sum"]), 3),
            "goldstein_mean": None if mean is None or mean != mean else round(float(mean), 3),
            "fatalities": int(r["fatalities"]), "documents": int(r["documents"]),
        })
    return {"scope": scope, "key": normalise_key(scope, key), "freq": freq, "series": rows}


ALERT_COLUMNS = ("alert_id", "scope", "key", "freq", "period", "since", "observed", "baseline_mean", "baseline_std",
                 "z", "goldstein_sum", "goldstein_baseline", "fatalities", "n_documents", "severity", "reason",
                 "event_ids", "created_at")


def alerts(db: Database, scope: str | None, key: str | None, since: dt.date | None, until: dt.date | None,
           limit: int, offset: int) -> dict:
    clauses, params = [], []
    if scope:
        clauses.append("scope = ?")
        params.append(SCOPE_ALIASES.get(scope, scope))
    if key:
        if scope in ("dyad", "pair") or (scope is None and any(s in key for s in "-:,/")):
            a, b = split_dyad(key)
            variants = sorted({f"{a}-{b}", f"{b}-{a}", f"{a}:{b}", f"{b}:{a}"})
            clauses.append("key IN (" + ", ".join("?" * len(variants)) + ")")
            params += variants
        else:
            clauses.append("upper(key) = upper(?)")
            params.append(key.strip())
    if since:
        clauses.append("period >= ?")
        params.append(since)
    if until:
        clauses.append("period <= ?")
        params.append(until)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = db.scalar("SELECT count(*) FROM alerts" + where, params)
    rows = db.rows("SELECT " + ", ".join(ALERT_COLUMNS) + " FROM alerts" + where +
                   " ORDER BY period DESC, coalesce(z, 0) DESC, alert_id LIMIT ? OFFSET ?", params + [limit, offset])
    items = []
    for r in rows:
        item = {k: _iso(v) for k, v in r.items()}
        item["id"] = item.pop("alert_id")
        ids = r.get("event_ids")
        item["event_ids"] = json.loads(ids) if isinstance(ids, str) else (ids or [])
        items.append(item)
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


DOC_COLUMNS = ("id", "version", "url", "title", "source", "published", "language", "ingested_at", "status",
               "error_code", "error", "n_mentions")


def documents(db: Database, since: dt.date | None, until: dt.date | None, source: str | None,
              limit: int, offset: int) -> dict:
    clauses, params = ["is_current"], []
    if since:
        clauses.append("published >= ?")
        params.append(since)
    if until:
        clauses.append("published <= ?")
        params.append(until)
    if source:
        clauses.append("source = ?")
        params.append(source)
    where = " WHERE " + " AND ".join(clauses)
    total = db.scalar("SELECT count(*) FROM documents" + where, params)
    rows = db.rows("SELECT " + ", ".join(DOC_COLUMNS) + " FROM documents" + where +
                   " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset,
            "items": [{k: _iso(v) for k, v in r.items()} for r in rows]}


def document(db: Database, doc_id: str) -> dict | None:
    rows = db.rows("SELECT " + ", ".join(DOC_COLUMNS) + ", text FROM documents WHERE id = ? "
                   "ORDER BY is_current DESC, version DESC LIMIT 1", [doc_id])
    if not rows:
        return None
    doc = {k: _iso(v) for k, v in rows[0].items()}
    doc["event_ids"] = [r["event_id"] for r in db.rows(
        "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ? AND doc_version = ? AND event_id IS NOT NULL "
        "ORDER BY event_id", [doc_id, rows[0]["version"]])]
    return doc


def facets(db: Database) -> dict:
    """What the dashboard's filters can offer: countries, event types, the date range."""
    countries = [r["c"] for r in db.rows(
        "SELECT c, count(*) AS n FROM (SELECT country AS c FROM events UNION ALL SELECT actor_country FROM events "
        "UNION ALL SELECT recipient_country FROM events) WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c")]
    types = [r["t"] for r in db.rows(
        "SELECT t, count(*) AS n FROM (SELECT acled_event_type AS t FROM events UNION ALL SELECT plover FROM events) "
        "WHERE t IS NOT NULL GROUP BY t ORDER BY n DESC, t")]
    r = db.rows("SELECT min(date) AS lo, max(date) AS hi, count(*) AS n FROM events")[0]
    docs = db.scalar("SELECT count(*) FROM documents WHERE is_current")
    return {"countries": countries, "types": types, "min_date": _iso(r["lo"]), "max_date": _iso(r["hi"]),
            "events": int(r["n"] or 0), "documents": int(docs or 0)}

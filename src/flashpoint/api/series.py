"""Tension series, alerts and documents for the API (parameterised SQL over the store)."""
from __future__ import annotations

import datetime as dt
import json

from ..store.db import date_bounds
from .db import Session
from .queries import clean, split_dyad

SCOPE_ALIASES = {"dyad": "pair"}  # the API's dyads are undirected country pairs
TRIM_PAD = 3


def signals(s: Session, scope: str, key: str, since: dt.date | None, until: dt.date | None,
            freq: str = "day", trim: bool = True) -> dict:
    """The store's tension series (``store.signals.series``) for one key, zero-filled:
    events, counts per quad class, material conflict, Goldstein sum and mean, fatalities."""
    from ..store.signals import normalise_key

    scope = SCOPE_ALIASES.get(scope, scope)
    table = s.store.signals(scope=scope, key=key, freq=freq, since=since, until=until)
    rows = []
    for r in table.to_dict("records"):
        mean = r["goldstein_mean"]
        rows.append({
            "period": clean(r["period"]), "events": int(r["events"]),
            "quad": [int(r[f"quad{i}"]) for i in range(5)],
            "conflict": int(r["quad3"]) + int(r["quad4"]), "material_conflict": int(r["material_conflict"]),
            "cooperation": int(r["quad1"]) + int(r["quad2"]),
            "goldstein_sum": round(float(r["goldstein_sum"]), 3),
            "goldstein_mean": None if mean is None or mean != mean else round(float(mean), 3),
            "fatalities": int(r["fatalities"]), "documents": int(r["documents"]),
        })
    if trim:
        rows = _trim(rows, TRIM_PAD)
    return {"scope": scope, "key": normalise_key(scope, key), "freq": freq, "series": rows}


def _trim(rows: list[dict], pad: int) -> list[dict]:
    """Drop the empty periods before the key's first and after its last event, but ``pad``
    (the store zero-fills every key across the whole store's date range)."""
    busy = [i for i, r in enumerate(rows) if r["events"]]
    if not busy:
        return []
    return rows[max(0, busy[0] - pad): busy[-1] + pad + 1]


ALERT_COLUMNS = ("alert_id", "scope", "key", "freq", "period", "since", "observed", "baseline_mean", "baseline_std",
                 "z", "goldstein_sum", "goldstein_baseline", "fatalities", "n_documents", "severity", "reason",
                 "event_ids", "created_at")


def alerts(s: Session, scope: str | None, key: str | None, since: dt.date | None, until: dt.date | None,
           limit: int, offset: int) -> dict:
    clauses, params = [], []
    if scope:
        clauses.append("scope = ?")
        params.append(SCOPE_ALIASES.get(scope, scope))
    if key:
        if scope in ("dyad", "pair") or (scope is None and any(ch in key for ch in "-:,/")):
            a, b = split_dyad(key)
            variants = sorted({f"{a}-{b}", f"{b}-{a}", f"{a}:{b}", f"{b}:{a}"})
            clauses.append("key IN (" + ", ".join("?" * len(variants)) + ")")
            params += variants
        else:
            clauses.append("upper(key) = upper(?)")
            params.append(key.strip())
    bounds, values = date_bounds("period", since, until)
    clauses += bounds
    params += values
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = s.scalar("SELECT count(*) FROM alerts" + where, params)
    rows = s.rows("SELECT " + ", ".join(ALERT_COLUMNS) + " FROM alerts" + where +
                   " ORDER BY period DESC, coalesce(z, 0) DESC, alert_id LIMIT ? OFFSET ?", params + [limit, offset])
    items = []
    for r in rows:
        item = {k: clean(v) for k, v in r.items()}
        item["id"] = item.pop("alert_id")
        ids = r.get("event_ids")
        item["event_ids"] = json.loads(ids) if isinstance(ids, str) else (ids or [])
        items.append(item)
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


DOC_COLUMNS = ("id", "version", "url", "title", "source", "published", "language", "ingested_at", "status",
               "error_code", "error", "n_mentions")


def documents(s: Session, since: dt.date | None, until: dt.date | None, source: str | None,
              limit: int, offset: int) -> dict:
    clauses, params = ["is_current"], []
    bounds, values = date_bounds("published", since, until)
    clauses += bounds
    params += values
    if source:
        clauses.append("source = ?")
        params.append(source)
    where = " WHERE " + " AND ".join(clauses)
    total = s.scalar("SELECT count(*) FROM documents" + where, params)
    rows = s.rows("SELECT " + ", ".join(DOC_COLUMNS) + " FROM documents" + where +
                   " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset,
            "items": [{k: clean(v) for k, v in r.items()} for r in rows]}


def document(s: Session, doc_id: str) -> dict | None:
    rows = s.rows("SELECT " + ", ".join(DOC_COLUMNS) + ", text FROM documents WHERE id = ? "
                   "ORDER BY is_current DESC, version DESC LIMIT 1", [doc_id])
    if not rows:
        return None
    doc = {k: clean(v) for k, v in rows[0].items()}
    doc["event_ids"] = [r["event_id"] for r in s.rows(
        "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ? AND doc_version = ? AND event_id IS NOT NULL "
        "ORDER BY event_id", [doc_id, rows[0]["version"]])]
    return doc


def facets(s: Session) -> dict:
    """What the dashboard's filters can offer: countries, event types, the date range."""
    countries = [r["c"] for r in s.rows(
        "SELECT c, count(*) AS n FROM (SELECT country AS c FROM events UNION ALL SELECT actor_country FROM events "
        "UNION ALL SELECT recipient_country FROM events) WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c")]
    types = [r["t"] for r in s.rows(
        "SELECT t, count(*) AS n FROM (SELECT acled_event_type AS t FROM events UNION ALL SELECT plover FROM events) "
        "WHERE t IS NOT NULL GROUP BY t ORDER BY n DESC, t")]
    r = s.rows("SELECT min(date) AS lo, max(date) AS hi, count(*) AS n FROM events")[0]
    docs = s.scalar("SELECT count(*) FROM documents WHERE is_current")
    return {"countries": countries, "types": types, "min_date": clean(r["lo"]), "max_date": clean(r["hi"]),
            "events": int(r["n"] or 0), "documents": int(docs or 0)}

"""Read queries behind ``Store``: events with filters, one event with its evidence,
documents, dyads ranked by recent escalation."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .db import date_bounds, query
from .rows import parse_day
from .signals import COUNTED


def event_filters(*, since=None, until=None, country=None, dyad=None, type=None, min_fatalities=None,
                  actor=None, min_sources=None) -> tuple[str, list]:
    """WHERE clause and parameters. ``dyad`` "A-B" matches either direction; ``type`` a
    PLOVER type, CAMEO code prefix or ACLED event type; ``country`` the place or either actor."""
    where, params = ["TRUE"], []
    bounds, values = date_bounds("date", since, until, parse_day)
    where += bounds
    params += values
    if country:
        codes = [c.strip().upper() for c in str(country).split(",") if c.strip()]
        where.append("(country IN ? OR actor_country IN ? OR recipient_country IN ?)")
        params += [codes, codes, codes]
    if dyad:
        a, _, b = dyad.upper().partition("-")
        where.append("((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))")
        params += [a, b, b, a]
    if type:
        where.append("(upper(plover) = upper(?) OR cameo LIKE ? OR lower(acled_event_type) = lower(?) "
                     "OR lower(acled_sub_event_type) = lower(?))")
        params += [type, f"{type}%", type, type]
    if min_fatalities is not None:
        where.append("coalesce(fatalities, 0) >= ?")
        params.append(int(min_fatalities))
    if actor:
        where.append("(actor_country = ? OR recipient_country = ?)")
        params += [actor.upper(), actor.upper()]
    if min_sources:
        where.append("source_count >= ?")
        params.append(int(min_sources))
    return " AND ".join(where), params


def events(con, limit: int | None = None, offset: int = 0, order: str = "date DESC, event_id", **filters) -> pd.DataFrame:
    where, params = event_filters(**filters)
    sql = f"SELECT * FROM events WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return con.execute(sql, params).fetchdf()


def event(con, event_id: str) -> dict | None:
    rows = query(con, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    out = rows[0]
    out["mentions"] = query(con, "SELECT m.*, d.title, d.url, d.source, d.published FROM mentions m "
                                 "JOIN documents d ON d.id = m.doc_id AND d.version = m.doc_version "
                                 "WHERE m.event_id = ? ORDER BY d.published, m.mention_id", [event_id])
    ids = sorted({(m["doc_id"], m["doc_version"]) for m in out["mentions"]})
    out["documents"] = [query(con, "SELECT id, version, url, title, source, published, language, status "
                                   "FROM documents WHERE id = ? AND version = ?", list(k))[0] for k in ids]
    return out


def documents(con, *, status=None, since=None, until=None, q=None, current_only=True, limit=None,
              offset: int = 0, with_text: bool = False) -> pd.DataFrame:
    cols = "*" if with_text else ("id, version, url, title, source, published, content_hash, language, ingested_at, "
                                  "status, error_code, error, is_current, n_mentions")
    where, params = ["TRUE"], []
    if current_only:
        where.append("is_current")
    if status:
        where.append("status = ?")
        params.append(status)
    bounds, values = date_bounds("published", since, until, parse_day)
    where += bounds
    params += values
    if q:
        where.append("(title ILIKE ? OR text ILIKE ?)")
        params += [f"%{q}%", f"%{q}%"]
    sql = f"SELECT {cols} FROM documents WHERE {' AND '.join(where)} ORDER BY published DESC NULLS LAST, id, version"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return con.execute(sql, params).fetchdf()


def dyads(con, *, days: int = 14, as_of=None, directed: bool = False, limit: int | None = 50) -> pd.DataFrame:
    """Country pairs ranked by recent escalation: the change in material-conflict events
    and Goldstein sum over the last ``days`` against the ``days`` before (as of the
    latest event date unless ``as_of``)."""
    end = parse_day(as_of) if as_of else (con.execute(f"SELECT max(date) FROM events WHERE {COUNTED}").fetchone()[0])
    if end is None:
        return pd.DataFrame(columns=["dyad", "recent_events", "recent_material_conflict", "recent_goldstein",
                                     "prior_events", "prior_material_conflict", "prior_goldstein",
                                     "recent_fatalities", "escalation"])
    mid, start = end - dt.timedelta(days=days), end - dt.timedelta(days=2 * days)
    key = ("actor_country || '-' || recipient_country" if directed else
           "least(actor_country, recipient_country) || '-' || greatest(actor_country, recipient_country)")
    sql = f"""
        SELECT {key} AS dyad,
          count(*) FILTER (WHERE date > ?) AS recent_events,
          count(*) FILTER (WHERE date > ? AND quad_class = 4) AS recent_material_conflict,
          coalesce(sum(goldstein) FILTER (WHERE date > ?), 0) AS recent_goldstein,
          count(*) FILTER (WHERE date <= ?) AS prior_events,
          count(*) FILTER (WHERE date <= ? AND quad_class = 4) AS prior_material_conflict,
          coalesce(sum(goldstein) FILTER (WHERE date <= ?), 0) AS prior_goldstein,
          coalesce(sum(fatalities) FILTER (WHERE date > ?), 0) AS recent_fatalities
        FROM events
        WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND actor_country <> recipient_country
          AND date > ? AND date <= ? AND {COUNTED}
        GROUP BY 1"""
    df = con.execute(sql, [mid, mid, mid, mid, mid, mid, mid, start, end]).fetchdf()
    df["escalation"] = (df["recent_material_conflict"] - df["prior_material_conflict"]) \
        - (df["recent_goldstein"] - df["prior_goldstein"]) / 10.0
    df = df.sort_values(["escalation", "recent_events", "dyad"], ascending=[False, False, True])
    return (df.head(limit) if limit else df).reset_index(drop=True)

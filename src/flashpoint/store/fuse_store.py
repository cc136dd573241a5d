"""Fusion against the database: new mentions join (or found) events, then the
affected events are recomputed from all their current mentions."""
from __future__ import annotations

import datetime as dt
import hashlib

from .db import insert, query, with_ids
from .fusion import Clusters, FusionConfig, MentionView, default_config
from .merge import merge_event

EVENT_COLUMNS = [
    "event_id", "plover", "mode", "cameo", "quad_class", "goldstein", "acled_event_type", "acled_sub_event_type",
    "actor_text", "actor_country", "actor_sector", "recipient_text", "recipient_country", "recipient_sector",
    "dyad", "place_name", "lat", "lon", "country", "admin1", "geonames_id", "geo_precision", "date",
    "date_precision", "fatalities", "injuries", "crowd_size", "weapons", "status", "confidence", "text",
    "first_report", "last_report", "source_count", "document_count", "mention_count", "updated_at",
]
_VIEW_FIELDS = ("mention_id", "doc_id", "plover", "cameo", "status", "actor_country", "recipient_country",
                "date", "date_precision", "lat", "lon", "geo_precision", "country", "admin1", "place_name",
                "geonames_id", "fatalities", "text", "event_id")


def _shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:  # a mention dated near year 1 or 9999
        return dt.date.min if delta.days < 0 else dt.date.max


def view(row: dict) -> MentionView:
    return MentionView(**{k: row.get(k) for k in _VIEW_FIELDS})


def event_id_for(mention_id: str) -> str:
    return "ev-" + hashlib.sha1(mention_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def fuse_new(con, new_rows: list[dict], cfg: FusionConfig | None = None) -> set[str]:
    """Assign ``event_id`` to each new mention row (in the database too); returns the ids touched."""
    cfg = cfg or default_config()
    if not new_rows:
        return set()
    clusters = Clusters(cfg, new_id=lambda m: event_id_for(m.mention_id))
    days = [r["date"] for r in new_rows if r.get("date") is not None]
    if days:
        reach = dt.timedelta(days=max(cfg.date_tolerance_days, 31))
        for row in query(con, "SELECT * FROM mentions WHERE is_current AND event_id IS NOT NULL "
                              "AND date BETWEEN ? AND ?", [_shift(min(days), -reach), _shift(max(days), reach)]):
            clusters.seed(view(row))
    views = [view({**r, "event_id": None}) for r in new_rows]
    order = sorted(range(len(views)), key=lambda i: (views[i].date or dt.date.max, views[i].mention_id))
    touched = set()
    for i in order:
        event_id = clusters.add(views[i])
        new_rows[i]["event_id"] = event_id
        touched.add(event_id)
    con.execute("CREATE OR REPLACE TEMP TABLE _fp_assign (mention_id VARCHAR, event_id VARCHAR)")
    insert(con, "_fp_assign", [{"mention_id": r["mention_id"], "event_id": r["event_id"]} for r in new_rows],
           ["mention_id", "event_id"])
    con.execute("UPDATE mentions SET event_id = a.event_id FROM _fp_assign a WHERE mentions.mention_id = a.mention_id")
    return touched


def recompute_events(con, event_ids: set[str]) -> None:
    """Rewrite the ``events`` rows of ``event_ids`` from their current mentions (drop emptied ones)."""
    if not event_ids:
        return
    with_ids(con, "_fp_events", event_ids)
    rows = query(con, "SELECT m.*, d.source, d.published FROM mentions m "
                      "JOIN documents d ON d.id = m.doc_id AND d.version = m.doc_version "
                      "WHERE m.is_current AND m.event_id IN (SELECT id FROM _fp_events) ORDER BY m.mention_id")
    by_event: dict[str, list[dict]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], []).append(r)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    con.execute("DELETE FROM events WHERE event_id IN (SELECT id FROM _fp_events)")
    insert(con, "events", [merge_event(eid, ms, now) for eid, ms in sorted(by_event.items())], EVENT_COLUMNS)

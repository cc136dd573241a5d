"""Events and dyads for the API, shaped as JSON, built on ``flashpoint.store``.

Filters mean what they mean in ``Store.events`` (the same WHERE clause builder);
every value reaches DuckDB as a bound parameter.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass

from ..store.queries import event_filters
from .db import Cache, Session

EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "plover", "mode", "cameo", "quad_class", "goldstein",
    "acled_event_type", "acled_sub_event_type", "actor_text", "actor_country", "actor_sector",
    "recipient_text", "recipient_country", "recipient_sector", "dyad", "place_name", "lat", "lon",
    "country", "admin1", "geonames_id", "geo_precision", "fatalities", "injuries", "crowd_size", "weapons",
    "status", "confidence", "text", "first_report", "last_report", "source_count", "document_count",
    "mention_count",
)


@dataclass
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    dyad: str | None = None
    type: str | None = None
    min_fatalities: int | None = None

    def where(self) -> tuple[str, list]:
        filters = asdict(self)
        if filters["dyad"]:
            filters["dyad"] = "-".join(split_dyad(filters["dyad"]))
        return event_filters(**filters)

    def key(self) -> tuple:
        """The filter as a hashable key: its WHERE clause and parameters."""
        where, params = self.where()
        return where, tuple(tuple(p) if isinstance(p, list) else p for p in params)


def split_dyad(value: str) -> tuple[str, str]:
    """"srb-xkx" / "SRB:XKX" / "SRB,XKX" -> ("SRB", "XKX"); one code -> (code, code)."""
    text = value.strip().upper()
    for sep in ("-", ":", ",", "/", " "):
        if sep in text:
            a, _, b = text.partition(sep)
            return a.strip(), b.strip()
    return text, text


def dyad_key(a: str | None, b: str | None) -> str | None:
    """The undirected key of a country pair: "SRB-XKX" whichever acted on whom."""
    if not a or not b:
        return None
    return "-".join(sorted((a, b)))


_PLAIN = frozenset((str, int, bool))


def clean(value):
    """JSON-safe scalars: dates to ISO strings, NaN/NaT to None, numpy numbers to Python."""
    kind = type(value)
    if value is None or kind in _PLAIN:  # the common cases first: the checks below are slow on a page
        return value
    if kind is float:
        return None if value != value else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "isoformat") and hasattr(value, "to_pydatetime"):  # pandas Timestamp / NaT
        return None if value != value else value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _jsonish(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def event_json(row: dict) -> dict:
    """One events row as the API's event object."""
    g = lambda k: clean(row.get(k))  # noqa: E731
    actor = {"text": g("actor_text"), "country": g("actor_country"), "sector": g("actor_sector")} \
        if g("actor_text") or g("actor_country") else None
    recipient = {"text": g("recipient_text"), "country": g("recipient_country"), "sector": g("recipient_sector")} \
        if g("recipient_text") or g("recipient_country") else None
    location = {"name": g("place_name"), "lat": g("lat"), "lon": g("lon"), "country": g("country"),
                "admin1": g("admin1"), "geonames_id": g("geonames_id"), "precision": g("geo_precision")} \
        if g("place_name") or g("lat") is not None or g("country") else None
    return {
        "id": g("event_id"), "date": g("date"), "date_precision": g("date_precision"),
        "plover": g("plover"), "mode": g("mode"), "cameo": g("cameo"), "quad_class": g("quad_class"),
        "goldstein": g("goldstein"), "acled_event_type": g("acled_event_type"),
        "acled_sub_event_type": g("acled_sub_event_type"), "actor": actor, "recipient": recipient,
        "dyad": dyad_key(g("actor_country"), g("recipient_country")), "location": location,
        "fatalities": g("fatalities"), "injuries": g("injuries"), "crowd_size": g("crowd_size"),
        "weapons": _jsonish(g("weapons")) or [], "status": g("status"), "confidence": g("confidence"),
        "text": g("text"), "first_report": g("first_report"), "last_report": g("last_report"),
        "source_count": g("source_count"), "document_count": g("document_count"),
        "mention_count": g("mention_count"),
    }


def list_events(s: Session, f: EventFilter, limit: int, offset: int, counts: Cache | None = None) -> dict:
    """One page of events and the total matching ``f``. The total is counted only when the
    page does not tell it (a page short of ``limit`` ends the list), and ``counts`` keeps it
    for the filter's other pages and page sizes until the data changes: the count is a
    fifth of an uncached page's time."""
    where, params = f.where()
    rows = s.rows(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where} "
                  "ORDER BY date DESC NULLS LAST, coalesce(fatalities, 0) DESC, event_id LIMIT ? OFFSET ?",
                  params + [limit, offset])
    key = f.key()
    total = counts.get(s.version, key) if counts is not None else None
    if total is None:
        if len(rows) < limit and (rows or not offset):
            total = offset + len(rows)
        else:
            total = int(s.scalar(f"SELECT count(*) FROM events WHERE {where}", params) or 0)
        if counts is not None:
            counts.put(s.version, key, total)
    return {"total": total, "limit": limit, "offset": offset, "items": [event_json(r) for r in rows]}


def get_event(s: Session, event_id: str) -> dict | None:
    found = s.store.event(event_id)
    if found is None:
        return None
    event = event_json(found)
    event["mentions"] = [mention_json(m) for m in found.get("mentions") or []]
    event["documents"] = [{k: clean(v) for k, v in d.items()} for d in found.get("documents") or []]
    return event


_ROLES = (("actor", "actor_text"), ("recipient", "recipient_text"), ("place", "place_text"))


def evidence(m: dict) -> dict:
    """The evidence sentence and the actor/recipient/place spans inside it (sentence offsets)."""
    text = clean(m.get("text")) or ""
    start = clean(m.get("span_start"))
    marks = []
    for role, text_col in _ROLES:
        s, e = clean(m.get(f"{role}_span_start")), clean(m.get(f"{role}_span_end"))
        rel = None
        if s is not None and e is not None and start is not None:
            rs, re_ = int(s) - int(start), int(e) - int(start)
            if 0 <= rs < re_ <= len(text):
                rel = (rs, re_)
        words = clean(m.get(text_col))
        if rel is not None and words and text[rel[0]:rel[1]] != words and words in text:
            rel = None  # the span does not hold the words: the sentence was re-cut; find them
        if rel is None and words:
            i = text.find(words)
            if i >= 0:
                rel = (i, i + len(words))
        if rel:
            marks.append({"role": role, "start": rel[0], "end": rel[1], "text": text[rel[0]:rel[1]]})
    marks.sort(key=lambda x: (x["start"], -x["end"]))
    kept, last = [], -1  # the highlighter needs disjoint marks
    for mk in marks:
        if mk["start"] >= last:
            kept.append(mk)
            last = mk["end"]
    return {"text": text, "span": [start, clean(m.get("span_end"))], "highlights": kept}


def mention_json(m: dict) -> dict:
    g = lambda k: clean(m.get(k))  # noqa: E731
    return {
        "id": g("mention_id"), "doc_id": g("doc_id"), "doc_version": g("doc_version"),
        "plover": g("plover"), "cameo": g("cameo"), "acled_event_type": g("acled_event_type"),
        "acled_sub_event_type": g("acled_sub_event_type"), "trigger": g("trigger"),
        "actor": g("actor_text"), "recipient": g("recipient_text"), "place": g("place_text"),
        "date": g("date"), "fatalities": g("fatalities"), "injuries": g("injuries"),
        "weapons": _jsonish(g("weapons")) or [], "status": g("status"), "confidence": g("confidence"),
        "source": g("source"), "title": g("title"), "url": g("url"), "published": g("published"),
        "evidence": evidence(m),
    }


def list_dyads(s: Session, window: int, day: dt.date | None, limit: int) -> dict:
    """Country pairs ranked by ``Store.dyads`` escalation (material conflict and Goldstein
    over the last ``window`` days against the ``window`` before); pairs without recent
    events follow, most recent first. Each row adds all-time totals and alert counts."""
    ranked = s.store.dyads(days=window, as_of=day, limit=None)
    end = day or s.scalar("SELECT max(date) FROM events WHERE date <= ?", [dt.date.today()])
    totals = {r["dyad"]: r for r in s.rows(
        "SELECT least(actor_country, recipient_country) || '-' || greatest(actor_country, recipient_country) AS dyad, "
        "count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities, max(date) AS last_date FROM events "
        "WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND actor_country <> recipient_country "
        "GROUP BY 1")}
    alerts = _alert_counts(s, end - dt.timedelta(days=max(window, 7)) if end else None)
    out, seen = [], set()
    for r in ranked.to_dict("records"):
        key = r["dyad"]
        seen.add(key)
        out.append(_dyad_row(key, totals.get(key, {}), alerts.get(key, 0), r))
    rest = [k for k in totals if k not in seen]
    rest.sort(key=lambda k: (str(totals[k]["last_date"] or ""), totals[k]["events"]), reverse=True)
    out += [_dyad_row(k, totals[k], alerts.get(k, 0), None) for k in rest]
    return {"as_of": clean(end), "window": window, "items": out[:limit]}


def _dyad_row(key: str, total: dict, alerts: int, ranked: dict | None) -> dict:
    r = ranked or {}
    a, b = split_dyad(key)
    return {
        "dyad": key, "a": a, "b": b, "events": int(total.get("events") or 0),
        "fatalities": int(total.get("fatalities") or 0), "last_date": clean(total.get("last_date")),
        "recent_events": int(clean(r.get("recent_events")) or 0),
        "recent_material_conflict": int(clean(r.get("recent_material_conflict")) or 0),
        "recent_goldstein": float(clean(r.get("recent_goldstein")) or 0.0),
        "recent_fatalities": int(clean(r.get("recent_fatalities")) or 0),
        "prior_events": int(clean(r.get("prior_events")) or 0),
        "escalation": round(float(clean(r.get("escalation")) or 0.0), 3), "alerts": alerts,
    }


def _alert_counts(s: Session, since: dt.date | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    if since is None:
        return counts
    for r in s.rows("SELECT key, count(*) AS n FROM alerts WHERE scope IN ('dyad', 'pair') AND period > ? "
                    "GROUP BY key", [since]):
        key = dyad_key(*split_dyad(r["key"])) or r["key"]
        counts[key] = counts.get(key, 0) + int(r["n"])
    return counts

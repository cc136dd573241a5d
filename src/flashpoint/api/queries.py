"""Read queries the API serves, over the store's tables (``store/migrations``).

Every value reaches DuckDB as a bound parameter; only fixed column lists and clauses
chosen from this module's own constants are ever joined into SQL text.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from .db import Database

EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "plover", "mode", "cameo", "quad_class", "goldstein",
    "acled_event_type", "acled_sub_event_type", "actor_text", "actor_country", "actor_sector",
    "recipient_text", "recipient_country", "recipient_sector", "dyad", "place_name", "lat", "lon",
    "country", "admin1", "geonames_id", "geo_precision", "fatalities", "injuries", "crowd_size", "weapons",
    "status", "confidence", "text", "first_report", "last_report", "source_count", "document_count",
    "mention_count",
)
_SELECT_EVENTS = "SELECT " + ", ".join(EVENT_COLUMNS) + " FROM events"


@dataclass
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    dyad: str | None = None
    type: str | None = None
    min_fatalities: int | None = None
    quad_class: int | None = None

    def where(self) -> tuple[str, list]:
        """(`` WHERE …`` or ``""``, params)."""
        clauses, params = [], []
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.country:
            code = self.country.strip().upper()
            clauses.append("(country = ? OR actor_country = ? OR recipient_country = ?)")
            params += [code, code, code]
        if self.dyad:
            a, b = split_dyad(self.dyad)
            clauses.append("((actor_country = ? AND recipient_country = ?) OR (actor_country = ? AND recipient_country = ?))")
            params += [a, b, b, a]
        if self.type:
            t = self.type.strip()
            clauses.append("(upper(plover) = upper(?) OR lower(acled_event_type) = lower(?) "
                           "OR lower(acled_sub_event_type) = lower(?) OR starts_with(cameo, ?))")
            params += [t, t, t, t if t.isdigit() else "\x00"]
        if self.min_fatalities is not None:
            clauses.append("coalesce(fatalities, 0) >= ?")
            params.append(int(self.min_fatalities))
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(self.quad_class))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


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


def _jsonish(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _iso(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def event_json(row: dict) -> dict:
    """One events row as the API's event object."""
    g = row.get
    actor = {"text": g("actor_text"), "country": g("actor_country"), "sector": g("actor_sector")} \
        if g("actor_text") or g("actor_country") else None
    recipient = {"text": g("recipient_text"), "country": g("recipient_country"), "sector": g("recipient_sector")} \
        if g("recipient_text") or g("recipient_country") else None
    location = {"name": g("place_name"), "lat": g("lat"), "lon": g("lon"), "country": g("country"),
                "admin1": g("admin1"), "geonames_id": g("geonames_id"), "precision": g("geo_precision")} \
        if g("place_name") or g("lat") is not None or g("country") else None
    return {
        "id": g("event_id"), "date": _iso(g("date")), "date_precision": g("date_precision"),
        "plover": g("plover"), "mode": g("mode"), "cameo": g("cameo"), "quad_class": g("quad_class"),
        "goldstein": g("goldstein"), "acled_event_type": g("acled_event_type"),
        "acled_sub_event_type": g("acled_sub_event_type"), "actor": actor, "recipient": recipient,
        "dyad": dyad_key(g("actor_country"), g("recipient_country")), "location": location,
        "fatalities": g("fatalities"), "injuries": g("injuries"), "crowd_size": g("crowd_size"),
        "weapons": _jsonish(g("weapons")) or [], "status": g("status"), "confidence": g("confidence"),
        "text": g("text"), "first_report": _iso(g("first_report")), "last_report": _iso(g("last_report")),
        "source_count": g("source_count"), "document_count": g("document_count"),
        "mention_count": g("mention_count"),
    }


def list_events(db: Database, f: EventFilter, limit: int, offset: int) -> dict:
    where, params = f.where()
    total = db.scalar("SELECT count(*) FROM events" + where, params)
    rows = db.rows(_SELECT_EVENTS + where + " ORDER BY date DESC NULLS LAST, coalesce(fatalities, 0) DESC, "
                   "event_id LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": [event_json(r) for r in rows]}


def get_event(db: Database, event_id: str) -> dict | None:
    rows = db.rows(_SELECT_EVENTS + " WHERE event_id = ?", [event_id])
    if not rows:
        return None
    event = event_json(rows[0])
    mentions = db.rows("SELECT * FROM mentions WHERE event_id = ? ORDER BY doc_id, doc_version, n", [event_id])
    keys = sorted({(m["doc_id"], m["doc_version"]) for m in mentions})
    documents = []
    for doc_id, version in keys:
        documents += db.rows("SELECT id, version, url, title, source, published, language, ingested_at, status "
                             "FROM documents WHERE id = ? AND version = ?", [doc_id, version])
    event["mentions"] = [mention_json(m) for m in mentions]
    event["documents"] = [{k: _iso(v) for k, v in d.items()} for d in documents]
    return event


_ROLES = (("actor", "actor_text"), ("recipient", "recipient_text"), ("place", "place_text"))


def evidence(m: dict) -> dict:
    """The evidence sentence and the actor/recipient/place spans inside it (sentence offsets)."""
    text = m.get("text") or ""
    start = m.get("span_start")
    marks = []
    for role, text_col in _ROLES:
        s, e = m.get(f"{role}_span_start"), m.get(f"{role}_span_end")
        rel = None
        if s is not None and e is not None and start is not None:
            rs, re_ = int(s) - int(start), int(e) - int(start)
            if 0 <= rs < re_ <= len(text):
                rel = (rs, re_)
        if rel is None and m.get(text_col):  # no usable span: find the words in the sentence
            i = text.find(m[text_col])
            if i >= 0:
                rel = (i, i + len(m[text_col]))
        if rel:
            marks.append({"role": role, "start": rel[0], "end": rel[1], "text": text[rel[0]:rel[1]]})
    marks.sort(key=lambda x: (x["start"], -x["end"]))
    kept, last = [], -1  # drop overlaps: the highlighter needs disjoint marks
    for mk in marks:
        if mk["start"] >= last:
            kept.append(mk)
            last = mk["end"]
    return {"text": text, "span": [start, m.get("span_end")], "highlights": kept}


def mention_json(m: dict) -> dict:
    return {
        "id": m.get("mention_id"), "doc_id": m.get("doc_id"), "doc_version": m.get("doc_version"),
        "plover": m.get("plover"), "cameo": m.get("cameo"), "acled_event_type": m.get("acled_event_type"),
        "acled_sub_event_type": m.get("acled_sub_event_type"), "trigger": m.get("trigger"),
        "actor": m.get("actor_text"), "recipient": m.get("recipient_text"), "place": m.get("place_text"),
        "date": _iso(m.get("date")), "fatalities": m.get("fatalities"), "injuries": m.get("injuries"),
        "weapons": _jsonish(m.get("weapons")) or [], "status": m.get("status"), "confidence": m.get("confidence"),
        "evidence": evidence(m),
    }


def as_of(db: Database) -> dt.date:
    """The reference day for "recent": the latest event date not in the future, else today."""
    today = dt.date.today()
    day = db.scalar("SELECT max(date) FROM events WHERE date <= ?", [today])
    return day or today


def list_dyads(db: Database, window: int, day: dt.date | None, limit: int) -> dict:
    """Country pairs ranked by escalation: conflict intensity (sum of -Goldstein over
    conflict events) in the last ``window`` days minus its mean over the 4 windows before."""
    day = day or as_of(db)
    recent_from = day - dt.timedelta(days=window)
    base_from = day - dt.timedelta(days=5 * window)
    rows = db.rows(
        "WITH e AS (SELECT CASE WHEN actor_country <= recipient_country "
        "THEN actor_country || '-' || recipient_country ELSE recipient_country || '-' || actor_country END AS dyad, "
        "date, quad_class, goldstein, coalesce(fatalities, 0) AS fat FROM events "
        "WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND (date IS NULL OR date <= ?)) "
        "SELECT dyad, count(*) AS events, max(date) AS last_date, sum(fat) AS fatalities, "
        "count(*) FILTER (WHERE date > ?) AS recent_events, "
        "count(*) FILTER (WHERE date > ? AND quad_class >= 3) AS recent_conflict, "
        "sum(fat) FILTER (WHERE date > ?) AS recent_fatalities, "
        "avg(goldstein) FILTER (WHERE date > ?) AS recent_goldstein, "
        "sum(greatest(-goldstein, 0)) FILTER (WHERE date > ?) AS recent_intensity, "
        "sum(greatest(-goldstein, 0)) FILTER (WHERE date > ? AND date <= ?) AS baseline_intensity, "
        "count(*) FILTER (WHERE date > ? AND date <= ?) AS baseline_events "
        "FROM e GROUP BY dyad",
        [day, recent_from, recent_from, recent_from, recent_from, recent_from, base_from, recent_from,
         base_from, recent_from])
    alerts = _alert_counts(db, recent_from)
    out = []
    for r in rows:
        recent = float(r["recent_intensity"] or 0.0)
        baseline = float(r["baseline_intensity"] or 0.0) / 4.0
        a, b = split_dyad(r["dyad"])
        out.append({
            "dyad": r["dyad"], "a": a, "b": b, "events": r["events"], "last_date": _iso(r["last_date"]),
            "fatalities": int(r["fatalities"] or 0), "recent_events": r["recent_events"],
            "recent_conflict": r["recent_conflict"], "recent_fatalities": int(r["recent_fatalities"] or 0),
            "recent_goldstein": r["recent_goldstein"], "baseline_events": r["baseline_events"],
            "escalation": round(recent - baseline, 3), "alerts": alerts.get(r["dyad"], 0),
        })
    out.sort(key=lambda d: (-d["escalation"], -d["alerts"], -d["recent_events"], -d["events"], d["dyad"]))
    return {"as_of": day.isoformat(), "window": window, "items": out[:limit]}


def _alert_counts(db: Database, since: dt.date) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in db.rows("SELECT key, count(*) AS n FROM alerts WHERE scope IN ('dyad', 'pair') AND period > ? "
                     "GROUP BY key", [since]):
        key = dyad_key(*split_dyad(r["key"])) or r["key"]
        counts[key] = counts.get(key, 0) + int(r["n"])
    return counts

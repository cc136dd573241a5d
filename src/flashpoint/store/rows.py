"""Contract records <-> table rows. A mention row holds every field of an ``Event``
plus its provenance (document id, version, sentence span); ``event_from_row`` turns it
back into the same ``Event``."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from ..records import Actor, Document, Event, Place, Quantity

MENTION_COLUMNS = [
    "mention_id", "doc_id", "doc_version", "n", "span_start", "span_end", "text", "trigger",
    "plover", "mode", "cameo", "quad_class", "goldstein", "acled_event_type", "acled_sub_event_type",
    "actor_text", "actor_country", "actor_sector", "actor_span_start", "actor_span_end",
    "recipient_text", "recipient_country", "recipient_sector", "recipient_span_start", "recipient_span_end",
    "place_text", "place_span_start", "place_span_end", "place_name", "lat", "lon", "country", "admin1",
    "geonames_id", "feature", "geo_precision", "date", "date_precision", "fatalities", "injuries",
    "crowd_size", "weapons", "quantities", "status", "confidence", "event_id", "is_current",
]

DOCUMENT_COLUMNS = [
    "id", "version", "url", "title", "source", "published", "content_hash", "language", "ingested_at",
    "status", "error_code", "error", "is_current", "n_mentions", "text", "meta",
]

_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """sha256 of the text with runs of whitespace collapsed: re-wrapped copies hash alike."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8", "surrogatepass")).hexdigest()


def parse_day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def mention_id(doc_id: str, version: int, n: int) -> str:
    return f"{doc_id}@{version}#{n}"


def _span(span, i):
    return int(span[i]) if span and len(span) == 2 and span[i] is not None else None


def _int(value):
    return None if value is None else int(value)


def mention_row(ev: Event, doc_id: str, version: int, n: int) -> dict:
    a, r, p = ev.actor, ev.recipient, ev.location
    return {
        "mention_id": mention_id(doc_id, version, n), "doc_id": doc_id, "doc_version": version, "n": n,
        "span_start": _span(ev.span, 0), "span_end": _span(ev.span, 1), "text": ev.text, "trigger": ev.trigger,
        "plover": ev.plover, "mode": ev.mode, "cameo": ev.cameo, "quad_class": _int(ev.quad_class),
        "goldstein": ev.goldstein, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type,
        "actor_text": a.text if a else None, "actor_country": a.country if a else None,
        "actor_sector": a.sector if a else None,
        "actor_span_start": _span(a.span, 0) if a else None, "actor_span_end": _span(a.span, 1) if a else None,
        "recipient_text": r.text if r else None, "recipient_country": r.country if r else None,
        "recipient_sector": r.sector if r else None,
        "recipient_span_start": _span(r.span, 0) if r else None,
        "recipient_span_end": _span(r.span, 1) if r else None,
        "place_text": p.text if p else None,
        "place_span_start": _span(p.span, 0) if p else None, "place_span_end": _span(p.span, 1) if p else None,
        "place_name": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
        "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "geonames_id": p.geonames_id if p else None, "feature": p.feature if p else None,
        "geo_precision": p.precision if p else None,
        "date": parse_day(ev.date), "date_precision": ev.date_precision,
        "fatalities": _int(ev.fatalities), "injuries": _int(ev.injuries), "crowd_size": _int(ev.crowd_size),
        "weapons": json.dumps(list(ev.weapons or []), ensure_ascii=False),
        "quantities": json.dumps([q.to_dict() for q in ev.quantities or []], ensure_ascii=False),
        "status": ev.status, "confidence": float(ev.confidence or 0.0), "event_id": None, "is_current": True,
    }


def _nn(value):
    """NaN/NaT (pandas' missing values) -> None."""
    if value is None:
        return None
    try:
        if value != value:  # noqa: PLR0124 - NaN check
            return None
    except (TypeError, ValueError):
        pass
    return value


def _pair(row, prefix):
    s, e = _nn(row.get(f"{prefix}_start")), _nn(row.get(f"{prefix}_end"))
    return None if s is None or e is None else [int(s), int(e)]


def _loads(value, default):
    value = _nn(value)
    if value is None:
        return default
    return json.loads(value) if isinstance(value, str) else value


def event_from_row(row: dict) -> Event:
    """A mention row (dict) back to the contract ``Event`` it was stored from."""
    g = lambda k: _nn(row.get(k))  # noqa: E731
    actor = Actor(g("actor_text"), g("actor_country"), g("actor_sector"), _pair(row, "actor_span")) \
        if g("actor_text") is not None else None
    recipient = Actor(g("recipient_text"), g("recipient_country"), g("recipient_sector"),
                      _pair(row, "recipient_span")) if g("recipient_text") is not None else None
    place = None
    if g("place_text") is not None:
        place = Place(g("place_text"), _pair(row, "place_span"), g("place_name"), g("lat"), g("lon"),
                      g("country"), g("admin1"), _int(g("geonames_id")), g("feature"), _int(g("geo_precision")))
    day = g("date")
    return Event(
        plover=g("plover"), mode=g("mode"), cameo=g("cameo"), quad_class=_int(g("quad_class")),
        goldstein=g("goldstein"), acled_event_type=g("acled_event_type"),
        acled_sub_event_type=g("acled_sub_event_type"), actor=actor, recipient=recipient,
        date=day.isoformat()[:10] if hasattr(day, "isoformat") else day, date_precision=g("date_precision"),
        location=place, fatalities=_int(g("fatalities")), injuries=_int(g("injuries")),
        crowd_size=_int(g("crowd_size")), weapons=list(_loads(row.get("weapons"), [])),
        quantities=[Quantity.from_dict(q) for q in _loads(row.get("quantities"), [])],
        status=g("status") or "asserted", text=g("text") or "", span=_pair(row, "span") or [0, 0],
        confidence=float(g("confidence") or 0.0), trigger=g("trigger"),
    )


def document_row(doc: Document, version: int, status: str, *, error: dict | None = None,
                 n_mentions: int = 0, now: dt.datetime | None = None) -> dict:
    meta = dict(doc.meta or {})
    return {
        "id": doc.id, "version": version, "url": doc.url, "title": doc.title, "source": doc.source,
        "published": parse_day(doc.date), "content_hash": content_hash(doc.text) if doc.text else None,
        "language": doc.language, "ingested_at": now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        "status": status, "error_code": (error or {}).get("code"), "error": (error or {}).get("message"),
        "is_current": True, "n_mentions": n_mentions, "text": doc.text,
        "meta": json.dumps(meta, ensure_ascii=False, default=str),
    }

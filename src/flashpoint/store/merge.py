"""The fused event's attributes from its mentions (the rule docs/store.md explains).

- codes (PLOVER, CAMEO, quad class, Goldstein, ACLED types): the most reported value,
  each document counted once, ties to the higher-confidence mention;
- actor / recipient country and sector: the most reported non-null value;
- date: the most reported day, ties to the earliest;
- place: the most precise one reported (lowest ACLED geo_precision), ties to the most reported;
- fatalities, injuries, crowd size: the low median of the figures the documents report
  (each document's largest figure counts once): one outlier outlet moves it neither up
  nor down, and with two reports it takes the lower, like ACLED's "lowest credible figure";
- weapons: the union; status: the most reported; confidence: the highest;
- first/last report: the earliest/latest publication date of its documents;
- source_count: distinct outlets (a document without a source counts as its own outlet).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter


def _mode(rows: list[dict], key: str, tie=None):
    """Most reported non-null value of ``key`` (one vote per document)."""
    votes: Counter = Counter()
    best_conf: dict = {}
    seen = set()
    for r in rows:
        v = r.get(key)
        if v is None or (doc := (r["doc_id"], v)) in seen:
            continue
        seen.add(doc)
        votes[v] += 1
        best_conf[v] = max(best_conf.get(v, 0.0), r.get("confidence") or 0.0)
    if not votes:
        return None
    top = max(votes.values())
    tied = [v for v, n in votes.items() if n == top]
    if tie == "min":
        return min(tied)
    return max(tied, key=lambda v: (best_conf[v], str(v)))


def low_median(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _figure(rows: list[dict], key: str) -> int | None:
    per_doc: dict[str, int] = {}
    for r in rows:
        v = r.get(key)
        if v is not None:
            per_doc[r["doc_id"]] = max(per_doc.get(r["doc_id"], 0), int(v))
    return low_median(list(per_doc.values()))


def _best_place(rows: list[dict]) -> dict:
    located = [r for r in rows if r.get("lat") is not None or r.get("place_name") or r.get("country")]
    if not located:
        return {}
    counts = Counter((r.get("place_name"), r.get("country")) for r in located)
    key = lambda r: (r.get("geo_precision") or 9 if r.get("lat") is not None else 10,  # noqa: E731
                     -counts[(r.get("place_name"), r.get("country"))], -(r.get("confidence") or 0.0))
    return min(located, key=key)


def _dyad(rows: list[dict]) -> tuple[str | None, str | None]:
    """The most reported (actor, recipient) pair; reports that name the two the other
    way round ("police clashed with gunmen") vote for the pair as most often oriented."""
    both = [(r["actor_country"], r["recipient_country"]) for r in rows
            if r.get("actor_country") and r.get("recipient_country")]
    if both:
        oriented = Counter(both)
        pairs = Counter(tuple(sorted(p)) for p in both)
        top = max(pairs.values())
        pair = next(tuple(sorted(p)) for p in both if pairs[tuple(sorted(p))] == top)
        forward, backward = pair, pair[::-1]
        if oriented[backward] > oriented[forward]:
            return backward
        if oriented[backward] == oriented[forward]:  # a tie: the orientation reported first
            return next(p for p in both if p in (forward, backward))
        return forward
    return _mode(rows, "actor_country"), _mode(rows, "recipient_country")


def _side(rows: list[dict], country: str | None, role: str, lead: dict) -> dict:
    """Text and sector of the actor with ``country``, whichever role a report gave it."""
    other = "recipient" if role == "actor" else "actor"
    for r in sorted(rows, key=lambda r: -(r.get("confidence") or 0.0)):
        for side in (role, other):
            if country is not None and r.get(f"{side}_country") == country and r.get(f"{side}_text"):
                return {"text": r[f"{side}_text"], "sector": r.get(f"{side}_sector")}
    if country is None:
        return {"text": lead.get(f"{role}_text"), "sector": lead.get(f"{role}_sector")}
    return {"text": None, "sector": None}


def merge_event(event_id: str, rows: list[dict], now: dt.datetime | None = None) -> dict:
    """One ``events`` row from the mention rows (each with ``source`` and ``published``)."""
    plover = _mode(rows, "plover")
    same = [r for r in rows if r.get("plover") == plover] or rows
    lead = max(same, key=lambda r: (r.get("confidence") or 0.0, -len(r.get("text") or "")))
    cameo = _mode(same, "cameo")
    coded = next((r for r in same if r.get("cameo") == cameo), lead)
    actor_country, recipient_country = _dyad(rows)
    actor = _side(rows, actor_country, "actor", lead)
    recipient = _side(rows, recipient_country, "recipient", lead)
    place = _best_place(rows)
    weapons = sorted({w for r in rows for w in json.loads(r.get("weapons") or "[]")})
    published = [r["published"] for r in rows if r.get("published") is not None]
    outlets = {(r.get("source") or f"doc:{r['doc_id']}").strip().lower() for r in rows}
    day = _mode(rows, "date", tie="min")
    return {
        "event_id": event_id, "plover": plover, "mode": _mode(same, "mode"), "cameo": cameo,
        "quad_class": coded.get("quad_class"), "goldstein": coded.get("goldstein"),
        "acled_event_type": _mode(rows, "acled_event_type"), "acled_sub_event_type": _mode(rows, "acled_sub_event_type"),
        "actor_text": actor["text"], "actor_country": actor_country, "actor_sector": actor["sector"],
        "recipient_text": recipient["text"], "recipient_country": recipient_country,
        "recipient_sector": recipient["sector"],
        "dyad": f"{actor_country}-{recipient_country}" if actor_country and recipient_country else None,
        "place_name": place.get("place_name") or place.get("place_text"), "lat": place.get("lat"),
        "lon": place.get("lon"), "country": place.get("country") or actor_country,
        "admin1": place.get("admin1"), "geonames_id": place.get("geonames_id"),
        "geo_precision": place.get("geo_precision"),
        "date": day, "date_precision": next((r.get("date_precision") for r in rows if r.get("date") == day), None),
        "fatalities": _figure(rows, "fatalities"), "injuries": _figure(rows, "injuries"),
        "crowd_size": _figure(rows, "crowd_size"), "weapons": json.dumps(weapons, ensure_ascii=False),
        "status": _mode(rows, "status") or "asserted", "confidence": max((r.get("confidence") or 0.0) for r in rows),
        "text": lead.get("text"),
        "first_report": min(published) if published else None, "last_report": max(published) if published else None,
        "source_count": len(outlets), "document_count": len({r["doc_id"] for r in rows}), "mention_count": len(rows),
        "updated_at": now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    }

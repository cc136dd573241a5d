"""Typed records of the extraction contract (``shared/eval/CONTRACT.md``).

``Document`` goes in; ``DocumentResult`` (events, places, error) comes out. Every
record turns into the contract's JSON with ``to_dict()`` and back with ``from_dict()``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("asserted", "negated", "hypothetical", "planned")
QUALIFIERS = ("exact", "about", "at least", "more than", "up to", "less than")
DATE_PRECISIONS = ("day", "month", "year")


def _clean(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return obj.to_dict()
    if isinstance(obj, (list, tuple)):
        return [_clean(x) for x in obj]
    return obj


class _Record:
    def to_dict(self) -> dict:
        return {f.name: _clean(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass
class Document(_Record):
    """One input article. ``date`` is the publication/reference date (YYYY-MM-DD)."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        known = {f.name for f in dataclasses.fields(cls)} - {"meta"}
        kwargs = {k: data[k] for k in known if k in data}
        meta = {k: v for k, v in data.items() if k not in known and k != "meta"}
        extra = data.get("meta")
        if isinstance(extra, dict):
            meta.update(extra)
        elif extra is not None:
            meta["meta"] = extra
        return cls(**kwargs, meta=meta)


@dataclass
class Actor(_Record):
    text: str
    country: str | None = None
    sector: str | None = None
    span: list[int] | None = None

    @classmethod
    def from_dict(cls, data: dict | None) -> "Actor | None":
        if not data:
            return None
        return cls(data.get("text", ""), data.get("country"), data.get("sector"), data.get("span"))


@dataclass
class Place(_Record):
    text: str
    span: list[int] | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None
    precision: int | None = None  # ACLED geo_precision: 1 place, 2 nearby/containing, 3 admin-1

    @classmethod
    def from_dict(cls, data: dict | None) -> "Place | None":
        if not data:
            return None
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Quantity(_Record):
    text: str
    value: float | int
    unit: str | None = None
    qualifier: str = "exact"

    @classmethod
    def from_dict(cls, data: dict) -> "Quantity":
        return cls(data["text"], data["value"], data.get("unit"), data.get("qualifier", "exact"))


@dataclass
class Event(_Record):
    plover: str | None = None
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    fatalities: int | None = None
    injuries: int | None = None
    crowd_size: int | None = None
    weapons: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    status: str = "asserted"
    text: str = ""
    span: list[int] = field(default_factory=lambda: [0, 0])
    confidence: float = 0.0
    trigger: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Event":
        names = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in data.items() if k in names}
        kw["actor"] = Actor.from_dict(data.get("actor"))
        kw["recipient"] = Actor.from_dict(data.get("recipient"))
        kw["location"] = Place.from_dict(data.get("location"))
        kw["quantities"] = [Quantity.from_dict(q) for q in data.get("quantities") or []]
        return cls(**kw)


@dataclass
class DocumentResult(_Record):
    id: str | None
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    error: dict | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentResult":
        return cls(
            data.get("id"),
            [Event.from_dict(e) for e in data.get("events") or []],
            [Place.from_dict(p) for p in data.get("places") or []],  # type: ignore[misc]
            data.get("error"),
        )

    @property
    def primary(self) -> Event | None:
        """The highest-confidence event (ties: the first), as the contract defines it."""
        best = None
        for ev in self.events:
            if best is None or ev.confidence > best.confidence:
                best = ev
        return best

"""Builders for store tests and demos: contract records with sensible defaults, so a
test states only what it is about.

    >>> doc, result = report("d1", "Serbian gunmen fought Kosovo police in Banjska.", date="2023-09-24",
    ...                      events=[event(fatalities=4)])
    >>> store.ingest_results([(doc, result)])
"""
from __future__ import annotations

from ..records import Actor, Document, DocumentResult, Event, Place

PLACES = {
    "Banjska": ("Banjska", 42.96, 20.78, "XKX", "Mitrovica"),
    "Zvecan": ("Zvecan", 42.91, 20.84, "XKX", "Mitrovica"),
    "Pristina": ("Pristina", 42.67, 21.17, "XKX", "Pristina"),
    "Belgrade": ("Belgrade", 44.80, 20.47, "SRB", "Belgrade"),
    "Kharkiv": ("Kharkiv", 49.99, 36.23, "UKR", "Kharkiv"),
    "Kyiv": ("Kyiv", 50.45, 30.52, "UKR", "Kyiv City"),
    "Odesa": ("Odesa", 46.48, 30.72, "UKR", "Odesa"),
    "Dnipro": ("Dnipro", 48.46, 35.05, "UKR", "Dnipropetrovsk"),
    "Lviv": ("Lviv", 49.84, 24.03, "UKR", "Lviv"),
    "Zaporizhzhia": ("Zaporizhzhia", 47.84, 35.14, "UKR", "Zaporizhzhia"),
    "Sumy": ("Sumy", 50.91, 34.80, "UKR", "Sumy"),
    "Kherson": ("Kherson", 46.64, 32.62, "UKR", "Kherson"),
    "Chernihiv": ("Chernihiv", 51.49, 31.29, "UKR", "Chernihiv"),
    "Paris": ("Paris", 48.86, 2.35, "FRA", "Ile-de-France"),
}
_CAMEO = {"FIGHT": ("190", 4, -10.0), "ASSAULT": ("180", 4, -9.0), "PROTEST": ("140", 4, -6.5),
          "COERCE": ("170", 4, -7.0), "THREATEN": ("130", 3, -4.4), "CONSULT": ("040", 1, 1.0),
          "AGREE": ("030", 1, 4.0), "AID": ("070", 2, 7.0), "MOBILIZE": ("150", 4, -7.2),
          "DISAPPROVE": ("110", 3, -2.0)}


def event(plover: str = "FIGHT", actor: str | None = "SRB", recipient: str | None = "XKX",
          date: str | None = "2023-09-24", place: str | None = "Banjska", fatalities: int | None = None,
          text: str = "Serbian gunmen fought Kosovo police in Banjska.", status: str = "asserted",
          confidence: float = 0.8, **extra) -> Event:
    cameo, quad, goldstein = _CAMEO.get(plover, (None, None, None))
    loc = None
    if place:
        name, lat, lon, country, admin1 = PLACES.get(place, (place, None, None, None, None))
        loc = Place(name, [0, len(name)], name, lat, lon, country, admin1, None, "town", 1 if lat else None)
    return Event(plover=plover, cameo=cameo, quad_class=quad, goldstein=goldstein,
                 actor=Actor(f"{actor} actor", actor, "MIL", [0, 5]) if actor else None,
                 recipient=Actor(f"{recipient} actor", recipient, "COP", [6, 10]) if recipient else None,
                 date=date, date_precision="day" if date else None, location=loc, fatalities=fatalities,
                 status=status, text=text, span=[0, len(text)], confidence=confidence, **extra)


def report(doc_id: str, text: str | None = None, *, date: str | None = "2023-09-25", source: str | None = None,
           url: str | None = None, events: list[Event] | None = None, error: dict | None = None,
           title: str | None = None) -> tuple[Document, DocumentResult]:
    """A document and the extraction result the store should take for it."""
    evs = events if events is not None else [event()]
    text = text if text is not None else " ".join(e.text for e in evs) or f"document {doc_id}"
    doc = Document(id=doc_id, text=text, date=date, source=source or f"outlet-{doc_id}", url=url, title=title)
    return doc, DocumentResult(doc_id, [] if error else evs, [], error)

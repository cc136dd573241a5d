"""Turn a parsed document into resolved ``PlaceMention``s (detect, then resolve)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..pipeline.mentions import PlaceMention
from .countries import iso3
from .detect import detect
from .gazetteer import Gazetteer
from .normalize import key
from .resolve import resolve

FEATURE_NAMES = {"capital": "city"}


@dataclass
class GeoMention(PlaceMention):
    """A PlaceMention with how sure the geoparser is that the text names a place there."""

    strength: float = 0.0  # 3 a named-entity place, 2 a strong cue, 1.5 a weaker cue
    fallback: bool = False  # resolved to a containing or nearby unit, not the place itself
    demonym: bool = False  # a nationality word ("Serbian") standing for its country: never where events happen


def geoparse(doc: Doc, gaz: Gazetteer, include_demonyms: bool = False) -> list[GeoMention]:
    toponyms = detect(doc, gaz, include_demonyms)
    keys = [key(doc[t.start:t.end].text) for t in toponyms]
    out = []
    for r in resolve(toponyms, keys, gaz):
        t, c = r.toponym, r.cand
        span = doc[t.start:t.end]
        feature = FEATURE_NAMES.get(c.feature, c.feature)
        out.append(GeoMention(
            start=t.start, end=t.end, start_char=span.start_char, end_char=span.end_char, text=span.text,
            name=c.name, lat=round(c.lat, 5), lon=round(c.lon, 5), country=iso3(c.cc),
            admin1=c.admin1 if c.feature != "country" else None, geonames_id=c.geonames_id, feature=feature,
            precision=r.precision, is_country=c.feature in ("country", "continent") and not r.fallback,
            strength=t.strength, fallback=r.fallback, demonym=t.demonym,
        ))
    return out

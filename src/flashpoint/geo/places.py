"""Turn a parsed document into resolved ``PlaceMention``s (detect, then resolve)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..pipeline.mentions import PlaceMention
from .countries import demonym_countries, iso3
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
    qualifier: bool = False  # names the region of the place before it: "(Santa Cruz)", ", Texas"


def country_hints(doc: Doc) -> list[tuple[int, str]]:
    """(token, ISO alpha-2) for the nationality words of the text ("French police"): not
    places, but they say which country the story is about."""
    by_hash = _demonym_hashes()
    # compare lower-case string hashes from one array: making a Token per word costs more
    hits = [(i, by_hash[h]) for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in by_hash]
    return [(i, cc) for i, cc in hits if doc[i].text[:1].isupper()]


@functools.cache
def _demonym_hashes() -> dict[int, str]:
    return {get_string_id(word): cc for word, cc in demonym_countries().items()}


def geoparse(doc: Doc, gaz: Gazetteer, include_demonyms: bool = False) -> list[GeoMention]:
    toponyms = detect(doc, gaz, include_demonyms)
    keys = [key(doc[t.start:t.end].text) for t in toponyms]
    out = []
    for r in resolve(toponyms, keys, gaz, country_hints(doc)):
        t, c = r.toponym, r.cand
        span = doc[t.start:t.end + (1 if t.street else 0)]  # a street keeps its type word: "Oxford Street"
        feature = FEATURE_NAMES.get(c.feature, c.feature)
        out.append(GeoMention(
            start=span.start, end=span.end, start_char=span.start_char, end_char=span.end_char, text=span.text,
            name=c.name, lat=round(c.lat, 5), lon=round(c.lon, 5), country=iso3(c.cc),
            admin1=c.admin1 if c.feature != "country" else None, geonames_id=c.geonames_id, feature=feature,
            precision=r.precision, is_country=c.feature in ("country", "continent") and not r.fallback,
            strength=t.strength, fallback=r.fallback, demonym=t.demonym, qualifier=t.is_qualifier,
        ))
    return out

"""flashpoint's offline geoparser: a gazetteer index built from packaged GeoNames data,
toponym detection on a spaCy parse, context disambiguation, and event-location linking.

    from flashpoint.geo import Gazetteer, geoparse
    places = geoparse(doc, Gazetteer.default())     # list[PlaceMention]
"""
from __future__ import annotations

from .gazetteer import Candidate, Gazetteer, ensure_built
from .places import GeoMention, geoparse

__all__ = ["Candidate", "Gazetteer", "GeoMention", "ensure_built", "geoparse"]

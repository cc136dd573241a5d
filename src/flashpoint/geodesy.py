"""Distances on the globe, shared by fusion, the geoparser and the tests."""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def near_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in kilometres: cheaper, and good enough below a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_RADIUS_KM * math.hypot(x, math.radians(lat2 - lat1))

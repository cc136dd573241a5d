"""How well a reading of a name sits with the readings of the document's other names.

Local news names towns without their state: "Alexandria" and "Douglas County" together
mean Minnesota, the one state that has both close together, though Alexandria, Virginia
is larger. Every own-name reading of every other name counts, not only the reading that
currently wins, so a pair of small places can outvote a larger namesake of each:

    coh = Coherence(toponyms, keys, kinds)
    coh.support(candidate, "alexandria")    # 0.. (about one per other name close by)

A name read in many places ("Washington", "Franklin") lies near almost anything, so its
support is discounted by how many readings it has.
"""
from __future__ import annotations

import math
from collections import defaultdict

from ..geodesy import near_km
from .gazetteer import Candidate
from .votes import nearness

RADIUS_KM = 80.0  # two readings this close (or one inside the other's region) support each other
CELL = 1.0  # grid cell in degrees, about 111 km north-south
COMMON = 400  # a name with this many readings supports nothing
SUPPORTING = {"capital", "city", "town", "village", "admin2", "county", "admin1"}
DESIGNATORS = ("county", "parish", "township", "twp", "city", "borough", "village", "town")


def base(name_key: str) -> str:
    """"dekalb county" and "dekalb" are one name: they cannot vouch for each other."""
    first, _, rest = name_key.partition(" ")
    if first in ("city", "county", "town", "village") and rest.startswith("of "):
        return rest[3:]
    head, _, last = name_key.rpartition(" ")
    return head if head and last in DESIGNATORS else name_key


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / CELL)), int(math.floor(lon / CELL))


class Coherence:
    def __init__(self, names: list[tuple[str, int, float, list[Candidate]]]):
        """``names``: (name key, token position, weight, own-name readings) per name of the document."""
        self.grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
        self.regions: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # (cc, admin1) -> names read there
        self.weight: dict[str, float] = {}
        self.positions: dict[str, list[int]] = defaultdict(list)
        for name_key, pos, strength, readings in names:
            name_key = base(name_key)
            self.positions[name_key].append(pos)
            readings = [c for c in readings if c.feature in SUPPORTING and c.cc]
            if not readings or name_key in self.weight:
                continue
            specific = max(0.0, 1.0 - math.log(len(readings)) / math.log(COMMON))
            self.weight[name_key] = strength * specific
            for c in readings:
                if c.feature == "admin1":
                    self.regions[(c.cc, c.admin1)][name_key] = None
                else:
                    self.grid[_cell(c.lat, c.lon)].append((name_key, c.lat, c.lon))
                    if c.admin1:
                        self.regions[(c.cc, "in:" + c.admin1)][name_key] = None

    def support(self, c: Candidate, name_key: str, pos: int | None = None) -> float:
        """Sum over the other names of their weight times how close their nearest reading is
        (and how near in the text the name is to ``pos``)."""
        if c.feature not in SUPPORTING or not c.cc:
            return 0.0
        best: dict[str, float] = {}
        if c.feature == "admin1":
            for k in self.regions.get((c.cc, "in:" + (c.admin1 or "")), ()):
                best[k] = 1.0
        else:
            if c.admin1:
                for k in self.regions.get((c.cc, c.admin1), ()):
                    best[k] = 1.0  # its own state is named
            ci, cj = _cell(c.lat, c.lon)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for k, lat, lon in self.grid.get((ci + di, cj + dj), ()):
                        if best.get(k, 0.0) >= 1.0:
                            continue
                        d = near_km(c.lat, c.lon, lat, lon)
                        if d < RADIUS_KM:
                            best[k] = max(best.get(k, 0.0), 1.0 - 0.5 * d / RADIUS_KM)
        best.pop(base(name_key), None)
        return sum(self.weight.get(k, 0.0) * v * nearness(self.positions[k], pos) for k, v in best.items())

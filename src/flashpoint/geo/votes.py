"""The countries and first-level regions a document's names point to."""
from __future__ import annotations

from collections import defaultdict

from .gazetteer import Candidate


class Votes:
    """Countries and first-level regions the document's names point to. Each distinct name
    spreads one vote over its candidates by how likely each is, so names that share a
    region reinforce each other ("Gainesville" with "Hall County" and "Oakwood")."""

    def __init__(self):
        self.country: dict[str, float] = defaultdict(float)
        self.admin1: dict[tuple, float] = defaultdict(float)
        self.by_key: dict[str, list[tuple[str | None, tuple | None, float]]] = {}

    def add(self, name_key: str, spread: list[tuple[Candidate, float]]) -> None:
        if name_key in self.by_key:
            return
        entries = []
        for c, w in spread:
            a1 = (c.cc, c.admin1) if c.admin1 and c.feature != "country" else None
            entries.append((c.cc, a1, w))
            if c.cc:
                self.country[c.cc] += w
            if a1:
                self.admin1[a1] += w
        self.by_key[name_key] = entries

    def shares(self, name_key: str):
        """A function giving, for a candidate of ``name_key``, how much the other names vote
        for its country and region (0..1 of the top)."""
        own_c: dict = defaultdict(float)
        own_a: dict = defaultdict(float)
        for cc, a1, w in self.by_key.get(name_key, ()):
            own_c[cc] += w
            if a1 is not None:
                own_a[a1] += w
        top_c = max(self.country.values(), default=0.0)
        top_a = max(self.admin1.values(), default=0.0)
        cv, av = self.country, self.admin1

        def share(c: Candidate) -> tuple[float, float]:
            cs = (cv.get(c.cc, 0.0) - own_c.get(c.cc, 0.0)) / top_c if top_c > 0 and c.cc else 0.0
            if c.feature == "country":
                return max(cs, 0.0), max(cs, 0.0)  # a country agrees with every region inside it
            a1 = (c.cc, c.admin1)
            as_ = (av.get(a1, 0.0) - own_a.get(a1, 0.0)) / top_a if top_a > 0 and c.admin1 else 0.0
            if c.feature in ("admin1", "capital"):
                as_ = max(as_, cs)  # a state or a capital stands for its country as much as any place
            return max(cs, 0.0), max(as_, 0.0)

        return share

    def top_country(self) -> str | None:
        return max(self.country, key=self.country.get) if self.country else None

    def top_admin1(self) -> tuple | None:
        if not self.admin1:
            return None
        best = max(self.admin1, key=self.admin1.get)
        total = sum(self.admin1.values())
        return best if total and self.admin1[best] / total > 0.5 else None

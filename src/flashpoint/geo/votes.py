"""The countries and first-level regions a document's names point to, and how near in the
text each name is to the one being resolved."""
from __future__ import annotations

from collections import defaultdict

from .gazetteer import Candidate

NEAR_TOKENS = 500  # names this many tokens apart count fully; farther ones fade ...
FAR_WEIGHT = 0.3  # ... down to this share of a vote (a bulletin's other stories)


def nearness(positions: list[int], pos: int | None) -> float:
    """How much a name told at ``positions`` bears on a name at token ``pos``."""
    if pos is None or not positions:
        return 1.0
    gap = min(abs(p - pos) for p in positions)
    return 1.0 if gap <= NEAR_TOKENS else max(FAR_WEIGHT, NEAR_TOKENS / gap)


class Votes:
    """Countries and first-level regions the document's names point to. Each distinct name
    spreads one vote over its candidates by how likely each is, so names that share a
    region reinforce each other ("Gainesville" with "Hall County" and "Oakwood"). A name
    far away in a long text (another story of a bulletin) weighs less."""

    def __init__(self):
        self.country: dict[str, float] = defaultdict(float)
        self.admin1: dict[tuple, float] = defaultdict(float)
        self.by_key: dict[str, list[tuple[str | None, tuple | None, float]]] = {}
        self.positions: dict[str, list[int]] = defaultdict(list)
        self._span = (0, 0)  # the first and last token a name was told at
        self._all_near: dict[str, tuple[dict, dict]] = {}

    def add(self, name_key: str, spread: list[tuple[Candidate, float]], pos: int = 0) -> None:
        self._span = (min(self._span[0], pos), max(self._span[1], pos)) if self.positions else (pos, pos)
        self._all_near.clear()
        self.positions[name_key].append(pos)
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

    def _near_votes(self, name_key: str, pos: int | None) -> tuple[dict, dict]:
        """Country and region votes of the other names, each weighed by its nearness to ``pos``."""
        if pos is None or (pos - self._span[0] <= NEAR_TOKENS and self._span[1] - pos <= NEAR_TOKENS):
            # every name counts fully (a short text): the answer depends on the name alone
            hit = self._all_near.get(name_key)
            if hit is None:
                hit = self._all_near[name_key] = self._sum_votes(name_key, None)
            return hit
        return self._sum_votes(name_key, pos)

    def _sum_votes(self, name_key: str, pos: int | None) -> tuple[dict, dict]:
        cv: dict = defaultdict(float)
        av: dict = defaultdict(float)
        for k, entries in self.by_key.items():
            if k == name_key:
                continue
            near = nearness(self.positions[k], pos)
            for cc, a1, w in entries:
                if cc:
                    cv[cc] += w * near
                if a1 is not None:
                    av[a1] += w * near
        return cv, av

    def shares(self, name_key: str, pos: int | None = None):
        """A function giving, for a candidate of ``name_key`` at token ``pos``, how much the
        other names vote for its country and region (0..1 of the top)."""
        cv, av = self._near_votes(name_key, pos)
        top_c = max(self.country.values(), default=0.0)
        top_a = max(self.admin1.values(), default=0.0)

        def share(c: Candidate) -> tuple[float, float]:
            cs = cv.get(c.cc, 0.0) / top_c if top_c > 0 and c.cc else 0.0
            if c.feature == "country":
                return max(cs, 0.0), max(cs, 0.0)  # a country agrees with every region inside it
            as_ = av.get((c.cc, c.admin1), 0.0) / top_a if top_a > 0 and c.admin1 else 0.0
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

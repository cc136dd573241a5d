"""Decisions about a name that look at the whole text rather than its own readings:
a name means one place throughout ("Springfield ... Springfield, Ohio"), a capitalised word
with no cue is a place when it lies next to a place the text surely names ("Gainesville"
tagged a person, in a story about Hall County), and a small town read far away from the one
region the story is about is more likely a place the gazetteer lacks."""
from __future__ import annotations

from ..geodesy import km
from .coherence import Coherence, base
from .gazetteer import Candidate
from .schema import LOCAL
from .tokens import MIN_STRENGTH, Toponym
from .votes import Votes

CORROBORATE_KM = 50.0  # a weak name read this close to a sure place is a place
STRAY_POPULATION = 5000  # a town smaller than this, far from the story's region, is a stray


def one_sense(toponyms: list[Toponym], keys: list[str], chosen: dict) -> None:
    """A name means one place throughout a text: "Springfield ... Springfield, Ohio" both
    read the place its qualified mention chose."""
    qualified: dict[str, Candidate] = {}
    for i, t in enumerate(toponyms):
        if t.qualifiers and id(t) in chosen and keys[i] not in qualified:
            qualified[keys[i]] = chosen[id(t)]
    for i, t in enumerate(toponyms):
        c = qualified.get(keys[i])
        if c is not None and not t.qualifiers and t.qualifies is None and c in t.cands:
            chosen[id(t)] = c


def corroborate(toponyms: list[Toponym], keys: list[str], kinds: dict, chosen: dict) -> None:
    """A capitalised word with no cue ("Gainesville" tagged a person) is still a place when one
    of its own-name readings lies close to a place the document surely names ("Hall County"):
    a person's name rarely coincides with a town next door. Such a name becomes a weak place,
    read there."""
    sure = [(base(keys[i]), chosen[id(t)].lat, chosen[id(t)].lon) for i, t in enumerate(toponyms)
            if t.strength >= 2 and id(t) in chosen and chosen[id(t)].feature in LOCAL]
    if not sure:
        return
    for i, t in enumerate(toponyms):
        if t.strength >= MIN_STRENGTH or t.person or t.street or not t.cands:
            continue
        own = base(keys[i])
        best, best_d = None, CORROBORATE_KM
        for c, kind in zip(t.cands, kinds[id(t)]):
            if kind != 0 or c.feature not in LOCAL:
                continue
            for k, lat, lon in sure:
                if k != own and abs(lat - c.lat) < 1.0 and (d := km(c.lat, c.lon, lat, lon)) < best_d:
                    best, best_d = c, d
        if best is not None:
            t.strength = MIN_STRENGTH
            chosen[id(t)] = best


def stray(t: Toponym, name_key: str, c: Candidate, votes: Votes, coherence: Coherence) -> bool:
    """A small town read far from the one region the rest of the story is about, with nothing
    near it and nothing naming its region: most likely a place the gazetteer lacks."""
    if c.feature not in LOCAL or c.population >= STRAY_POPULATION or t.qualifiers or t.qualifies is not None:
        return False
    a1 = votes.top_admin1()
    if a1 is None or a1 == (c.cc, c.admin1) or a1[0] != c.cc:
        return False
    _, as_ = votes.shares(name_key)(c)
    return as_ < 0.05 and coherence.support(c, name_key) == 0.0

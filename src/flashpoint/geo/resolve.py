"""Choose one gazetteer entry per toponym from the document's context.

Each candidate scores a prior (feature kind, population, how its name matched, a type
word next to the name such as "region") plus context: an admin or country that qualifies
the name ("Villa Yapacani (Santa Cruz)", "Paris, Texas"), the countries and first-level
regions the rest of the document votes for ("Mitrovica" in a story about Kosovo; nearer
names weigh more, nationality words a little), and how many other names
of the document can be read close by ("Alexandria" with "Douglas County": coherence.py).
A name means one place throughout the text (discourse.py). A name with no plausible entry
(a village the gazetteer lacks, one whose only match is an alternate spelling abroad, a
hamlet far from the one region the story is about) falls back to the nearest unit the
text names: its qualifier, a place right after it ("Banjska near Mitrovica"), the
document's region or country, at a coarser precision.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..geodesy import near_km
from .coherence import Coherence
from .discourse import corroborate, one_sense, stray
from .gazetteer import RESPELT, Candidate, lies_in
from .normalize import key
from .schema import LOCAL, POPULATED, UNITS, features
from .tokens import MIN_STRENGTH, Toponym
from .votes import Votes

ADMIN2 = {"admin2", "county"}
NAME_MATCH = {0: 0.0, 1: -1.0, 2: -2.0}
W_COUNTRY, W_ADMIN1, W_QUALIFIER, W_POPULATION = 2.5, 2.5, 6.0, 0.35
W_HINT = 0.5  # a nationality word's vote for its country ("French police")
W_VARIANT = 1.0  # a spelling variant ("Valencia" for "Valence") where a place bears the very name
W_COHERENCE, MAX_COHERENCE = 2.5, 2.0  # per other name read close by (see coherence.py)
ENCLOSED_KM = 100.0  # a district farther than this from the city said to enclose it is another place
SMALL_PLACE = 5000
HAMLET = 1000  # even a name the tagger calls a place is no such hamlet abroad ("Piccadilly" in London)
SOME_SUPPORT = 0.3  # the other names' vote for a country that makes a hamlet there plausible
CITY = 100_000
TOWN = 10_000
WORLD_CITY = 500_000  # its other names ("Genova", "Koln") are as good as its own against a village
QUALIFIER_READINGS = 30
WEAK_NAME = 0.2  # a capitalised word no cue calls a place still hints where the story is ("Concord Regional Crimeline")


@dataclass
class Resolution:
    toponym: Toponym
    cand: Candidate
    precision: int
    fallback: bool = False
    score: float = 0.0


def _spelling(name_key: str, c: Candidate) -> int:
    """0 when the text spells c's own name, or a variant of it ("Mitrovica" for "Mitrovicë");
    else how the name matched (1 alternate name, 2 short form)."""
    if c.kind == 1:
        own = key(c.name)
        if abs(len(own) - len(name_key)) <= 2 and own[:5] == name_key[:5] and own[-1:] != name_key[-1:] or \
                own.replace(" ", "") == name_key.replace(" ", ""):
            return 0
    return c.kind


def _prior(t: Toponym, c: Candidate, kind: int) -> float:
    f = features()
    s = f["prior"].get(c.feature, 0.0) + W_POPULATION * math.log10(c.population + 1)
    s += -0.2 if (kind == 1 and c.feature == "country") else NAME_MATCH.get(kind, -1.0)
    if t.hint == "admin1":
        s += 3.0 if c.feature == "admin1" else (-0.5 if c.feature in POPULATED else 0.0)
    elif t.hint == "admin2":
        s += 3.0 if c.feature in ADMIN2 else (1.0 if c.feature == "admin1" else -0.5)
    elif t.hint == "country":
        s += 3.0 if c.feature == "country" else 0.0
    elif t.hint == "populated":
        s += 1.5 if c.feature in POPULATED else 0.0
    return s


def _agreement(c: Candidate, q: Candidate) -> float:
    """How well c sits with q, a name that qualifies it (or that it qualifies): 0..1."""
    if c.cc != q.cc or not c.cc:
        return 0.0
    if q.feature == "country" or c.feature == "country":
        return 0.6
    if c.admin1 and c.admin1 == q.admin1:
        if q.feature in ADMIN2 and c.admin2 and c.admin2 != q.admin2:
            return 0.5
        return 1.0 if "admin1" in (c.feature, q.feature) or q.feature in ADMIN2 else 0.8
    return 0.0


def _unit_readings(q: Toponym) -> tuple[Candidate, ...]:
    """The readings of a qualifying name: after a comma only a unit that can hold a place
    ("Bradford, Ontario" is not two towns named in Ohio); in parentheses any."""
    cands = q.cands if q.encloses else tuple(c for c in q.cands if c.feature in UNITS)
    return cands[:QUALIFIER_READINGS]


def _qualifier_bonus(c: Candidate, quals: list[tuple[Candidate, ...]]) -> float:
    """Agreement with the best-agreeing reading of each qualifying name."""
    bonus = 0.0
    for readings in quals:
        bonus = max(bonus, max((_agreement(c, q) for q in readings), default=0.0) * W_QUALIFIER)
    return bonus


def _scores(t: Toponym, name_key: str, votes: Votes | None, quals: list[tuple[Candidate, ...]], priors: list[float],
            kinds: list[int], coherence: Coherence) -> list[float]:
    out = []
    share = votes.shares(name_key, t.start) if votes is not None else None
    has_own = 0 in kinds
    has_town = any(k == 0 and c.feature in POPULATED and c.population >= TOWN for c, k in zip(t.cands, kinds))
    exact = any(c.kind == 0 for c in t.cands)
    for c, prior, kind in zip(t.cands, priors, kinds):
        s = prior
        if quals and (c.feature in UNITS or t.encloses or t.qualifies is None):
            s += _qualifier_bonus(c, quals)
        cs = as_ = 0.0
        if share is not None:
            cs, as_ = share(c) if c.cc else (1.0, 0.0)  # a sea or continent lies in no one country
        # one region's worth of evidence: its name, or places read around it, not both
        coh = W_COHERENCE * min(coherence.support(c, name_key, t.start), MAX_COHERENCE) if kind != 1 else 0.0
        s += W_COUNTRY * cs + max(W_ADMIN1 * as_, coh)
        if kind == 2 and c.feature == "admin1" and has_town and not t.is_qualifier and t.hint is None:
            s -= 1.5  # "Columbia" is a town of that name, not the District of Columbia
        elif c.kind == 1 and c.population >= WORLD_CITY and c.feature in POPULATED and not has_town:
            pass  # "Genova", "Koln": a world city's other name, before a village bearing it
        elif kind == 1 and has_own and c.feature != "country":
            s -= 1.5  # another place bears this very name
        elif c.kind == 1 and exact:
            s -= W_VARIANT  # "Valencia" for "Valence", where a Valence exists
        out.append(s)
    return out


def _spread(t: Toponym, scores: list[float]) -> list[tuple[Candidate, float]]:
    """A name's vote over its candidates (softmax of their scores), heavier for sure places."""
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    weight = 1.0 if t.strength >= 2 else 0.5
    out = []
    for c, e in zip(t.cands, exp):
        p = e / total
        if p > 0.05 and c.kind != RESPELT:  # a near spelling casts no vote: it needs the others' support
            out.append((c, p * weight * (2.0 if c.feature in ("country", "admin1") else 1.0)))
    return out


def _plausible(t: Toponym, name_key: str, c: Candidate, votes: Votes) -> bool:
    """An alternate spelling abroad, or a hamlet abroad that only a weak cue found, is no
    match for a name in a story about somewhere else."""
    if c.kind == RESPELT:  # "Oromia" for Oromiya, only in a story the other names place in Ethiopia
        return votes.country.get(c.cc, 0.0) - _own_votes(votes, name_key).get(c.cc, 0.0) > SOME_SUPPORT
    if c.feature not in LOCAL | {"admin1"} or not votes.country:
        return True
    if c.kind == 0 and (t.strength >= 3 and c.population >= HAMLET or c.population >= SMALL_PLACE):
        return True
    own = _own_votes(votes, name_key)
    if votes.country.get(c.cc, 0.0) - own.get(c.cc, 0.0) > SOME_SUPPORT:
        return True
    elsewhere = max((v - own.get(cc, 0.0) for cc, v in votes.country.items() if cc != c.cc), default=0.0)
    return elsewhere < 1.0  # no other country the story is clearly about


def _own_votes(votes: Votes, name_key: str) -> dict[str, float]:
    """The country votes a name cast itself."""
    own: dict[str, float] = {}
    for cc, _, w in votes.by_key.get(name_key, ()):
        own[cc] = own.get(cc, 0.0) + w
    return own


def _respelt(own: str, name_key: str) -> bool:
    return abs(len(own) - len(name_key)) <= 2 and own[:4] == name_key[:4]


def _prefer_city(t: Toponym, name_key: str, c: Candidate, scores: list[float], kinds: list[int]) -> Candidate:
    """"Cordoba", "Mykolaiv", "Chihuahua": a region named after its city means the city (also
    a large one spelt a little otherwise: "Mykolaiv", "Mykolayiv"), unless the text says region
    ("the Donetsk region")."""
    if c.feature != "admin1" or t.hint in ("admin1", "admin2") or t.is_qualifier:
        return c
    best, best_s = c, -math.inf
    for other, s, kind in zip(t.cands, scores, kinds):
        if other.feature in POPULATED and other.cc == c.cc and other.admin1 == c.admin1 and s > best_s \
                and (kind == 0 or kind == 1 and other.population >= CITY and _respelt(key(other.name), name_key)):
            best, best_s = other, s
    return best


def resolve(toponyms: list[Toponym], keys: list[str], gaz, hints: list[tuple[int, str]] = ()) -> list[Resolution]:
    """One resolution per accepted toponym, in document order; ``hints`` (token, country code)
    are weak votes for a country from words that are no places ("French police")."""
    precision = features()["precision"]
    chosen: dict[int, Candidate] = {}
    votes: Votes | None = None
    kinds = {id(t): [_spelling(keys[i], c) for c in t.cands] for i, t in enumerate(toponyms)}
    priors = {id(t): [_prior(t, c, k) for c, k in zip(t.cands, kinds[id(t)])] for t in toponyms}
    coherence = Coherence([(keys[i], t.start, _witness(t), [c for c, k in zip(t.cands, kinds[id(t)]) if k != 1])
                           for i, t in enumerate(toponyms) if t.strength >= MIN_STRENGTH or not (t.person or t.street)])
    for _ in range(3):
        new_votes = Votes()
        scored: dict[int, list[float]] = {}
        for i, t in enumerate(toponyms):
            if not t.cands:
                continue
            quals = [_unit_readings(q) for q in t.qualifiers if q.cands]
            if t.qualifies is not None and id(t.qualifies) in chosen:
                quals.append((chosen[id(t.qualifies)],))  # "Santa Cruz" is the region Villa Yapacani is in
            scored[id(t)] = _scores(t, keys[i], votes, quals, priors[id(t)], kinds[id(t)], coherence)
        _pool_bare_mentions(toponyms, keys, scored)
        for i, t in enumerate(toponyms):
            if not t.cands:
                continue
            scores = scored[id(t)]
            best = max(range(len(scores)), key=scores.__getitem__)
            chosen[id(t)] = _prefer_city(t, keys[i], t.cands[best], scores, kinds[id(t)])
            if t.strength >= MIN_STRENGTH:
                new_votes.add(keys[i], _spread(t, scores), t.start)
        for pos, cc in hints:
            country = gaz.country(cc)
            if country is not None:
                new_votes.add("~" + cc, [(country, W_HINT)], pos)
        votes = new_votes
    votes = votes or Votes()
    one_sense(toponyms, keys, chosen)
    corroborate(toponyms, keys, kinds, chosen)
    out: list[Resolution] = []
    key_of = {id(t): keys[i] for i, t in enumerate(toponyms)}
    for i, t in enumerate(toponyms):
        if t.strength < MIN_STRENGTH:
            continue
        c = chosen.get(id(t)) if not t.street else None  # "Oxford Street" is no street in Oxford
        if c is not None and _plausible(t, keys[i], c, votes) and _within_qualifiers(c, t, chosen, key_of, votes) \
                and not stray(t, keys[i], c, votes, coherence):
            out.append(Resolution(t, c, precision.get(c.feature, 1)))
            continue
        fb = _fallback(t, i, toponyms, keys, chosen, votes, gaz, key_of)
        if fb is not None:
            p = 2 if fb.feature in LOCAL else 3  # a place nearby or around it, else a region's centre
            out.append(Resolution(t, fb, p, fallback=True))
    return out


def _witness(t: Toponym) -> float:
    """How much a name's readings vouch for the places read near them."""
    return 1.0 if t.strength >= 2 else 0.5 if t.strength >= MIN_STRENGTH else WEAK_NAME


def _bare(t: Toponym) -> bool:
    return not t.qualifiers and t.qualifies is None and not t.street and t.strength >= MIN_STRENGTH


def _pool_bare_mentions(toponyms: list[Toponym], keys: list[str], scored: dict[int, list[float]]) -> None:
    """A name means one place throughout a text: its unqualified mentions all take the
    reading that scores best over them together ("Paris" opening a story about Henry County,
    whose later mentions sit among the county's towns), not each the reading its own
    neighbourhood favours."""
    groups: dict[str, list[Toponym]] = {}
    for i, t in enumerate(toponyms):
        if id(t) in scored and _bare(t):
            groups.setdefault(keys[i], []).append(t)
    for mentions in groups.values():
        if len(mentions) < 2:
            continue
        total: dict[int, float] = {}
        for t in mentions:
            for c, s in zip(t.cands, scored[id(t)]):
                total[c.id] = max(total.get(c.id, -math.inf), s)
        for t in mentions:
            scored[id(t)] = [total[c.id] for c in t.cands]


def _sure_unit(q: Toponym, r: Candidate, key_of: dict, votes: Votes) -> bool:
    """A state or country the text surely names by its own name, in the country the story is about."""
    return q.strength >= 3 and key(r.name) == key_of.get(id(q)) and votes.top_country() == r.cc


def _within_qualifiers(c: Candidate, t: Toponym, chosen: dict, key_of: dict, votes: Votes) -> bool:
    """"Seoul City - Yongsan" names a district of that city: a Yongsan far from Seoul is
    another place of that name, so the gazetteer lacks this one."""
    if c.kind == RESPELT:  # a near spelling never overrules a qualifier: "Comayaguela, Francisco Morazan"
        return all(_agreement(c, r) > 0 for r in (chosen.get(id(q)) for q in t.qualifiers) if r is not None)
    if c.feature not in LOCAL:
        return True
    for q in t.qualifiers:
        r = chosen.get(id(q))
        if r is None:
            continue
        if q.encloses and q.qualifies is None and r.feature in POPULATED | ADMIN2 \
                and near_km(c.lat, c.lon, r.lat, r.lon) > ENCLOSED_KM:
            return False
        if q.encloses and q.qualifies is None and r.feature in ("admin1", "country") \
                and _sure_unit(q, r, key_of, votes) and not lies_in(c, r):
            return False  # "X in Colorado": an X elsewhere is another place of that name
        if q.qualifies is t and r.feature == "admin1" and r.kind == 0 and c.cc == r.cc and c.admin1 != r.admin1 \
                and sum(1 for x in q.cands if x.feature == "admin1") == 1:
            return False  # "Luhanske, Donetsk": the gazetteer's Luhanske lies in another region
    return True


def _fallback(t: Toponym, i: int, toponyms: list[Toponym], keys: list[str], chosen: dict, votes: Votes,
              gaz, key_of: dict) -> Candidate | None:
    for q in t.qualifiers:
        c = chosen.get(id(q))
        if c is not None and (c.kind != RESPELT or _plausible(q, key_of[id(q)], c, votes)):
            return c
    for j in range(i + 1, min(i + 3, len(toponyms))):
        other = toponyms[j]
        if other.start - t.end > 6 or other.sentence != t.sentence:
            break  # "Banjska near Mitrovica", not "Readington Township. Patrick ..."
        c = chosen.get(id(other))
        if c is not None and c.feature != "country" and not other.street and other.strength >= MIN_STRENGTH \
                and not other.person and _plausible(other, keys[j], c, votes):  # not "Warab state, Anthony Bol Madut"
            return c
    a1 = votes.top_admin1()
    if a1 is not None:
        c = gaz.admin1(a1[0], a1[1])
        if c is not None:
            return c
    if (not t.cands and t.hint is None) or t.street:
        return None  # a name only the tagger calls a place ("Bundeswehr"), a street: no country-wide guess
    cc = votes.top_country()
    return gaz.country(cc) if cc else None

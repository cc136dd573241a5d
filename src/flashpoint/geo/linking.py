"""Tie an event to the place where it happened.

    event_location(doc._.fp_places, doc, sent_start, sent_end, trigger) -> PlaceMention | None

In the event's sentence, a local place (not a whole country) wins by how it hangs on the
event word: the object of "in/near/at/outside ..." in the trigger's phrase ("fought ...
in the town of Banjska", "On 2 March 2023, in Villa Yapacani (Santa Cruz), farmers
staged ..."), being the sentence's first local place, then closeness to the trigger. A
qualifier in parentheses, a place that only names a group ("Mitrovica Serbs") or a
building or body ("Marriott Hotel", "Liberty Party") and a place that a weak cue found
rank lower.
With no local place in the sentence: the latest local place earlier in the document when
it lies in the sentence's country (or the sentence names none), else the sentence's
country, else the latest local place, else the document's first country.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..pipeline.mentions import PlaceMention

LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "across", "into", "from", "within", "on",
            "throughout", "nearby", "towards", "toward", "to", "of", "between", "through", "along"}
MAX_HOPS = 6
FIRST = 1.0  # the sentence's first local place is most often the scene ("On 8 June, in X (Y), ...")
BROAD_FEATURES = {"admin1", "country", "region", "continent"}
SCENE = {"in", "at", "inside", "across", "throughout", "within", "into", "near", "outside", "around"}
FACILITY = {"square", "street", "road", "junction", "crossing", "roundabout", "checkpoint", "canton", "avenue",
            "bridge", "park", "station", "stadium", "market", "mall", "highway", "boulevard", "complex", "camp",
            "university", "college", "school", "hospital", "airport",
            "prison", "base", "office", "offices", "embassy", "consulate", "court", "hall", "mosque", "church"}
# capitalised after a name, these make it a building's or a body's ("Marriott Hotel", "Liberty Unification Party")
BUILDINGS = FACILITY | {"circle", "hotel", "palace", "tower", "building", "plaza", "temple", "cathedral", "centre",
                        "center", "cemetery", "port", "harbour", "harbor", "pier", "terminal"}
DESIGNATORS = {"city", "county", "province", "district", "region", "state", "governorate", "oblast", "town"}
BODIES = {"party", "union", "movement", "front", "association", "company", "corporation", "group",
          "federation", "alliance", "league", "foundation", "society", "committee", "army", "brigade",
          "services", "broadcasting", "radio", "television", "media", "newspaper", "bank", "council", "authority",
          "agency", "institute", "club"}


def _strength(p: PlaceMention) -> float:
    return getattr(p, "strength", 3.0)


def _local(p: PlaceMention) -> bool:
    """A place inside a country (a fallback to a whole country is not)."""
    return not p.is_country and p.feature not in ("country", "continent")


def _attached(doc: Doc, p: PlaceMention, trigger: int) -> bool:
    """Whether the place's phrase hangs on the trigger (within a few dependency hops)."""
    tok = doc[p.end - 1]
    for _ in range(MAX_HOPS):
        if tok.i == trigger:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return tok.i == trigger


def _in_parentheses(doc: Doc, p: PlaceMention, sent_start: int) -> bool:
    depth = 0
    for tok in doc[sent_start:p.start]:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(depth - 1, 0)
    return depth > 0


def _names_building(doc: Doc, k: int) -> bool:
    """Whether the capitalised words from token k end in a building's or a body's type word."""
    for tok in doc[k:k + 4]:
        if not tok.text[:1].isupper():
            return False
        if tok.lower_ in BUILDINGS or tok.lower_ in BODIES:
            return True
    return False


def _starts_place(tok, places: list[PlaceMention]) -> bool:
    return any(q.start == tok.i and not getattr(q, "fallback", False) for q in places)


def _sets_scene(doc: Doc, p: PlaceMention, trigger: int) -> bool:
    """"in Serbia", "across Kosovo", or hanging on the event word: not "the border with Serbia"."""
    prev = doc[p.start - 1].lower_ if p.start > 0 else ""
    if prev in SCENE:
        return True
    head = doc[p.end - 1].head
    return head.i == trigger or head.head.i == trigger and head.dep_ == "prep" and head.lower_ in SCENE


def _score(doc: Doc, p: PlaceMention, sent_start: int, trigger: int, places: list[PlaceMention]) -> float:
    s = 0.0
    if _attached(doc, p, trigger):
        s += 3.0
    prev = doc[p.start - 1].lower_ if p.start > 0 else ""
    prev2 = doc[p.start - 2].lower_ if p.start > 1 else ""
    if prev in LOCATIVE or (prev == "the" and prev2 in LOCATIVE) or prev2 in LOCATIVE:
        s += 1.5
    if prev == "to" and prev2 == "coded":
        s += 4.0  # the reporter says where it is placed: "along the X-Y road, coded to X"
    if getattr(p, "qualifier", True) and _in_parentheses(doc, p, sent_start):
        s -= 2.0  # "Villa Yapacani (Santa Cruz)": the region of the place named before it
    last = doc[p.end - 1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= p.end and prev not in LOCATIVE:
        s -= 1.0  # "Mitrovica Serbs", "Gaza police": a modifier, not where it happened
    if _strength(p) < 2:
        s -= 1.0
    if getattr(p, "fallback", False) and (p.precision or 1) >= 3:
        s -= 1.0  # a name the gazetteer lacks, placed at its region's centre
    precision = p.precision or 1
    s += 1.0 if precision == 1 else (-0.5 if precision >= 3 else 0.0)  # the most specific place named
    if p.end < len(doc):
        nxt = doc[p.end]
        if _names_building(doc, p.end):
            s -= 3.0  # a building's or a body's name: "Marriott Hotel", "Monument Circle", "Liberty Party"
        elif nxt.lower_ in FACILITY or (nxt.text[:1].isupper() and nxt.pos_ == "PROPN"
                                        and nxt.lower_ not in DESIGNATORS and not _starts_place(nxt, places)):
            s -= 1.5  # part of a longer name: "Galle Face", "Saint-Michel square", "Ararat Sports Complex"
    s -= min(abs(p.start - trigger), 40) / 20.0
    return s


def _previous_scene(doc: Doc, earlier: list[PlaceMention], places: list[PlaceMention]) -> PlaceMention | None:
    """The place of the latest sentence before this one that names a local place, chosen
    as for an event of that sentence ("in Volta Redonda (Rio de Janeiro), ..." -> Volta Redonda)."""
    if not earlier:
        return None
    sent = doc[earlier[-1].start].sent
    same = [p for p in earlier if sent.start <= p.start and p.end <= sent.end]
    return max(same, key=lambda p: _score(doc, p, sent.start, sent.root.i, places))


def event_location(places: list[PlaceMention], doc: Doc, sent_start: int, sent_end: int,
                   trigger: int) -> PlaceMention | None:
    resolved = [p for p in places if p.lat is not None and not getattr(p, "demonym", False)]
    here = [p for p in resolved if sent_start <= p.start and p.end <= sent_end]
    local = [p for p in here if _local(p)]
    if local:
        first = min(local, key=lambda p: p.start)
        best = max(local, key=lambda p: _score(doc, p, sent_start, trigger, places) + (FIRST if p is first else 0.0))
        if best.feature in BROAD_FEATURES or (best.precision or 1) == 3:
            # a region won, or a missing village fell back to one: a town or district the
            # sentence also names locates the event better ("a village (District, Region)")
            finer = [p for p in local if p.feature not in BROAD_FEATURES and (p.precision or 1) <= 2]
            if finer:
                return finer[0]
        return best
    countries = [p for p in here if p.is_country and p.feature == "country" and _sets_scene(doc, p, trigger)]
    country = min(countries, key=lambda p: abs(p.start - trigger)) if countries else None
    earlier = _previous_scene(doc, [p for p in resolved if p.end <= sent_start and _local(p) and _strength(p) >= 2],
                              places)
    if earlier is not None and (country is None or earlier.country == country.country):
        return earlier
    if country is not None:
        return country
    if earlier is not None:
        return earlier
    whole = [p for p in resolved if p.is_country and p.feature == "country"]
    return whole[0] if whole else (resolved[0] if resolved else None)

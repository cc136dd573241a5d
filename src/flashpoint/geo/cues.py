"""The cues around a name that say it is a place, and how names relate: "in Lombard",
"Gainesville police", "COLUMBUS --", "Paris, Texas", "Villa Yapacani (Santa Cruz)",
"Douglas, Sarpy and Lancaster counties"."""
from __future__ import annotations

from spacy.tokens import Doc

from .gazetteer import Candidate, Gazetteer, lies_in
from .normalize import key
from .tokens import DASHES, MIN_STRENGTH, MODIFIERS, STRONG_LABELS, Tokens, Toponym, cap, words


def hint_after(tk: Tokens, j: int) -> str | None:
    """The type word right after a name: "region", "district", "sub-county"."""
    if j >= len(tk.words) or tk.cap[j]:
        return None
    hints = words()["hints"]
    if tk.lower[j] == "sub" and j + 2 < len(tk.words) and tk.words[j + 1] in DASHES:
        return hints.get("sub-" + tk.lower[j + 2])
    return hints.get(tk.lower[j])


def part_of_name(doc: Doc, start: int, end: int, label: str) -> bool:
    """A word of a longer person's name: "Virginia" in "Virginia Smith" (not "As Samawah",
    whose second word alone was tagged a person)."""
    if label != "PERSON":
        return False
    before = doc[start].ent_iob_ == "I" and doc[start].ent_type_ == "PERSON"
    after = end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON"
    return (before or after) and not _names_institution(doc, start, end, _institution_words(), "PERSON")


TYPE_OF = {"town": "populated", "village": "populated", "city": "populated", "settlement": "populated",
           "state": "admin1", "province": "admin1", "governorate": "admin1", "oblast": "admin1",
           "county": "admin2", "district": "admin2"}


def hint_before(tk: Tokens, i: int) -> str | None:
    """The type word in "the town of Banjska", "the state of Washington"."""
    if i < 2 or tk.lower[i - 1] != "of":
        return None
    return TYPE_OF.get(tk.lower[i - 2])


def evidence(doc: Doc, gaz: Gazetteer, start: int, end: int, cands: tuple[Candidate, ...], label: str,
             typed: bool = False) -> float:
    """How strongly the text says the name is a place: 3 a GPE/LOC entity, 2 a strong cue,
    1.5 a weaker one, 0 nothing (a capitalised word that happens to name a village).
    ``typed``: a type word comes before it ("the village of", see hint_before)."""
    lists = words()
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if label in STRONG_LABELS:
        return 3.0
    if nxt is not None and nxt.lower_ in lists["hints"] and prev is not None and prev.lower_ in lists["prep"]:
        return 2.0  # "in As Samawah city", whatever the tagger thought
    last = doc[end - 1]
    if designated(doc, start, end) and cands[0].kind == 0:
        return 2.0  # "Henderson County", "Rapides Parish", even inside "McMinn County Sheriff Steve Frisbie"
    if dateline(doc, start, end):
        return 2.0  # "COLUMBUS --", "LEBANON (AP)", "DeKALB –", though the tagger reads on into the text
    if typed:
        return 2.0  # "the Village of Glen Carbon's budget", whatever the tagger thought
    if end - start > 1 and any(c.kind == 0 and c.feature == "country" for c in cands):
        return 2.5  # "Sri Lanka", "South Africa": no person bears a country's name of two words
    if part_of_name(doc, start, end, label):
        return 0.0  # "Virginia Smith"
    while prev is not None and prev.lower_ in MODIFIERS and prev.i > 0:
        prev = doc[prev.i - 1]  # "in central Thessaloniki"
    if any((c.kind <= 1 or c.kind == 2 and end - start > 1) and c.feature in ("country", "admin1", "continent")
           for c in cands):
        return 2.5  # "Ohio State University", "Valle del Cauca"
    if nxt is not None and nxt.text in (",", "(") and end + 1 < len(doc):
        after = doc[end + 1]
        if cap(after) and any(c.feature in ("admin1", "country") and c.kind <= 1 for c in gaz.lookup(after.text)):
            return 2.0  # "Paris, Texas", "Chowchilla, Calif."
    if prev is not None and (prev.lower_ in lists["prep"] or (prev.lower_ == "the" and start > 1
                                                                and doc[start - 2].lower_ in lists["prep"])):
        return 1.5
    if nxt is not None and (nxt.lower_ in lists["nouns"] or nxt.lower_ in lists["hints"]):
        return 1.5
    if last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN" and last.head.text.islower() \
            and label != "PERSON":
        return 1.5  # "Preble voters", "a Pewaukee nun"
    if nxt is not None and nxt.text in ("’s", "'s") and label != "PERSON" \
            and (label != "ORG" or any(c.kind == 0 and c.population >= 100_000 for c in cands)):
        return 1.5  # "Joliet's building inspector"
    if any(c.kind == 0 and (c.feature == "capital" or c.population >= 1_000_000) for c in cands[:3]):
        return 1.5  # a capital or a city of millions, even where the tagger takes it for a person ("Tbilisi said")
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text in (")", ",") \
            and any(c.kind == 0 and c.feature != "country" for c in cands):
        return 1.5  # where a building stands: "the Provincial Office of Education (Chuncheon)"
    if start > 1 and doc[start - 1].text == "-" and doc[start - 2].text in lists["parties"]:
        return 2.0  # a legislator's party and home town: "Rep. Jane Doe, R-Elbow Lake"
    if label in ("ORG", "FAC", "PERSON") and any(c.kind == 0 and c.population >= 5000 for c in cands) \
            and _names_institution(doc, start, end, _institution_words(), label):
        return 1.5  # "Gainesville Environmental Services", "the Nashville Film Festival", "Shelbyville Rec Center"
    return 0.0


def designated(doc: Doc, start: int, end: int) -> bool:
    """A name ending in its designator: "Henderson County", "Rapides Parish" (never a person)."""
    return end - start > 1 and doc[end - 1].text.casefold() in words()["suffix"]


def _shouted(word: str) -> bool:
    """Written in capitals, as datelines are: "COLUMBUS", "DeKALB", "McALLEN"."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 2 and sum(c.islower() for c in letters) <= 1 and letters[-1].isupper()


def dateline(doc: Doc, start: int, end: int) -> bool:
    """A dateline: a name in capitals before a dash or "(AP)", the way a report opens."""
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and (nxt.text in DASHES or nxt.text == "(") and _shouted(doc[start].text) \
        and all(_shouted(t.text) or t.text.isupper() for t in doc[start + 1:end])  # "ISLE OF PALMS"


def _institution_words() -> frozenset[str]:
    lists = words()
    return lists["nouns"] | lists["institutions"]


def _names_institution(doc: Doc, start: int, end: int, kinds: frozenset[str], label: str = "ORG") -> bool:
    """An organisation's name that opens with the place it serves: a word of it says what it is
    (the tagger may take the whole for a person: "Athens Parks and Recreation Director Austin Fesmire")."""
    opens = doc[start].ent_iob_ == "B" or start == 0 or doc[start - 1].ent_type_ != label \
        or (doc[start - 1].lower_ == "the" and doc[start - 1].ent_iob_ == "B")  # "the Nashville Film Festival"
    if not opens:
        return False
    k = end
    while k < len(doc) and doc[k].ent_iob_ == "I" and k - end < 5:
        if doc[k].lower_ in kinds:
            return True
        k += 1
    return False


def coordinate(tk: Tokens, found: list[Toponym]) -> None:
    """Names listed with a place are places: "Hamilton and Middletown", "Douglas, Sarpy and
    Lancaster counties" (a plural type word after the list types all of it)."""
    hints = words()["hints"]
    groups: list[list[Toponym]] = []
    for t in found:
        if groups:
            prev = groups[-1][-1]
            between = tk.lower[prev.end:t.start]
            if between and len(between) <= 2 and all(w in (",", "and", "or", "&") for w in between):
                groups[-1].append(t)
                continue
        groups.append([t])
    for group in groups:
        if len(group) < 2:
            continue
        _same_kind(group)
        last = group[-1]
        after = tk.lower[last.end] if last.end < len(tk.lower) else ""
        hint = hints.get(after) if after.endswith("s") else None
        sure = max(t.strength for t in group)
        for t in group:
            if hint:
                t.hint = hint
                t.strength = max(t.strength, 2.0)
            elif sure >= 2:
                t.strength = max(t.strength, 1.5)


def _unit_of(t: Toponym) -> str | None:
    """"admin1" or "country" when the name's best-known reading is such a unit."""
    top = t.cands[0] if t.cands else None
    return top.feature if top is not None and top.kind == 0 and top.feature in ("admin1", "country") else None


def _same_kind(group: list[Toponym]) -> None:
    """"Utah, Virginia, Washington and Wyoming": a name listed among states is a state, one
    listed among countries a country."""
    kinds = [_unit_of(t) for t in group]
    for t, own in zip(group, kinds):
        for unit in ("admin1", "country"):
            others = sum(1 for other, k in zip(group, kinds) if other is not t and k == unit)
            if others >= 2 and t.hint is None \
                    and any(c.feature == unit and c.kind == 0 for c in t.cands):
                t.hint = unit


def propagate(tk: Tokens, found: list[Toponym]) -> None:
    """A name the text calls a place once is a place wherever it recurs."""
    sure = {key(tk.span_text(t.start, t.end)) for t in found if t.strength >= 2}
    likely = {key(tk.span_text(t.start, t.end)) for t in found if t.strength >= MIN_STRENGTH}
    for t in found:
        k = key(tk.span_text(t.start, t.end))
        if t.strength < 2 and k in sure:
            t.strength = 2.0
        elif t.strength < MIN_STRENGTH and k in likely and not t.person:
            t.strength = MIN_STRENGTH


BIG_UNITS = ("country", "admin1", "continent", "region")


def _listed_unit(tk: Tokens, t: Toponym, q: Toponym, by_start: dict, by_end: dict) -> bool:
    """"Iraq, Iran and Syria", "Vermont, Virginia": a country or state followed by another is a
    list, not a place and its region, unless the first name also names a place inside the
    second ("Lebanon, Ohio") and no other unit is listed around them ("Georgia, Oklahoma,
    Pennsylvania")."""
    if not t.cands or t.cands[0].feature not in BIG_UNITS or t.cands[0].kind != 0:
        return False
    units = [c for c in q.cands if c.feature in ("admin1", "country", "admin2", "county")]
    if not any(c.kind == 0 and lies_in(c, u) for c in t.cands for u in units):
        return True
    before = by_end.get(t.start - 1) if t.start > 0 and tk.words[t.start - 1] == "," else None
    k = q.end + (1 if q.end < len(tk.words) and tk.words[q.end] == "," else 0)
    k += 1 if k < len(tk.words) and tk.lower[k] in ("and", "or") else 0
    after = by_start.get(k) if k > q.end else None
    return any(x is not None and _unit_of(x) is not None for x in (before, after))


def _holds_places(t: Toponym) -> bool:
    top = t.cands[0] if t.cands else None
    return top is not None and top.feature in ("capital", "city", "town", "admin2", "county", "admin1")


def _is_local(t: Toponym) -> bool:
    """A part of a town, or a place the gazetteer lacks: not a country, a region or a city
    ("an IDP man from rural Damascus in Al Bab city" says where he came from)."""
    top = t.cands[0] if t.cands else None
    return top is None or top.feature not in ("country", "admin1", "continent", "region", "capital", "city")


def attach_qualifiers(tk: Tokens, found: list[Toponym]) -> None:
    """"Villa Yapacani (Santa Cruz)", "Paris, Texas", "Minakulu sub-county (Oyam, Northern)":
    each name in the parentheses or after the comma qualifies the one before it."""
    by_start = {t.start: t for t in found}
    by_end = {t.end - 1: t for t in found}
    toks, lower = tk.words, tk.lower
    hints = words()["hints"]
    n = len(toks)
    for t in found:
        k = t.end
        while k < n and k - t.end < 3 and (toks[k] in DASHES or lower[k] in hints or lower[k] == "sub"):
            k += 1  # "sub-county", "district"
        if k >= n:
            continue
        if toks[k] == "(":
            k += 1
            prev = t
            while k < n and toks[k] != ")" and k - t.end < 14:
                q = by_start.get(k)
                if q is None:
                    k += 1
                    continue
                if q.qualifies is None:
                    prev.qualifiers.append(q)
                    q.qualifies = prev
                    q.encloses = True
                    q.strength = max(q.strength, 2.0)  # a name in parentheses after a place is a place
                    if prev is not t:
                        t.qualifiers.append(q)
                prev = q
                k = q.end
        elif toks[k] in DASHES and k == t.end and (d := by_start.get(k + 1)) is not None and d.qualifies is None \
                and tk.idx[k] > tk.idx[k - 1] + len(toks[k - 1]) and any(c.feature in ("capital", "city")
                                                                           for c in t.cands):
            d.qualifiers.append(t)  # "Seoul City - Yongsan", "Bangkok - Phra Nakhon": a district of the city
            t.encloses = True
        elif lower[k] == "in" and k == t.end and t.strength >= MIN_STRENGTH and (q := by_start.get(k + 1)) is not None \
                and q.qualifies is None and not q.person and q.strength >= 2 and _holds_places(q) and _is_local(t):
            t.qualifiers.append(q)  # "University Heights in San Diego", "Lagoa in Horta": a part of the town
            q.encloses = True
        elif toks[k] == "," and (q := by_start.get(k + 1)) is not None and q.qualifies is None and not q.person:
            if any(c.feature in ("admin1", "country", "admin2", "county") for c in q.cands) \
                    and not _listed_unit(tk, t, q, by_start, by_end):
                t.qualifiers.append(q)
                q.qualifies = t
        if t.qualifiers and t.strength < 2:
            t.strength = 2.0

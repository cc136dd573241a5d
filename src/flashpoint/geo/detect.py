"""Find toponyms in a parsed ``Doc``: spaCy's GPE/LOC entities, and gazetteer names that
the tagger missed or labelled ORG/PERSON when the text around them says "place"
("Gainesville police", "in Lombard", "COLUMBUS --", "Paris, Texas").

A toponym's span is the name itself, with a capitalised designator that belongs to it
("Rapides Parish") but without a lower-case modifier or type word ("northern Kosovo" ->
"Kosovo", "the Donetsk region" -> "Donetsk", hinting at a first-level region), as the
geoparsing gold standards mark them. Demonyms ("Serbian", "Kosovar") are not places.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .countries import demonyms
from .gazetteer import Candidate, Gazetteer
from .normalize import key
from .schema import features

MAX_WORDS = 6
STRONG_LABELS = {"GPE", "LOC"}
SKIP_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LAW", "LANGUAGE"}
DASHES = {"--", "—", "–", "-"}
MODIFIERS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
             "lower", "greater", "metro", "northeast", "northwest", "southeast", "southwest", "north-east",
             "north-west", "south-east", "south-west", "northeastern", "northwestern", "southeastern",
             "southwestern", "mid", "inner", "outer", "downtown", "suburban", "rural", "coastal"}


@dataclass
class Toponym:
    start: int
    end: int
    cands: tuple[Candidate, ...]
    strength: float  # how sure the text is that this is a place: 3 NER, 2 strong cue, 1.5 cue, 0 none
    hint: str | None = None  # admin1 | admin2 | populated: a type word next to the name
    qualifiers: list["Toponym"] = field(default_factory=list)  # "(Santa Cruz)", ", Texas"
    label: str = ""
    qualifies: "Toponym | None" = None  # the name this one qualifies: "(Santa Cruz)", ", Donetsk"

    @property
    def is_qualifier(self) -> bool:
        return self.qualifies is not None


@functools.cache
def _words() -> dict[str, frozenset[str]]:
    f = features()
    hints = {w: kind for kind, words in f["hints"].items() for w in words}
    return {
        "prep": frozenset(f["context"]["prepositions"]),
        "nouns": frozenset(f["context"]["nouns"]),
        "conn": frozenset(f["context"]["connectors"]),
        "generic": frozenset(f["context"]["generic"]),
        "suffix": frozenset(w.casefold() for w in f["designators"]["suffix"]),
        "hints": hints,  # type: ignore[dict-item]
    }


def _cap(t: Token) -> bool:
    return t.text[:1].isupper()


def _label(doc: Doc, start: int, end: int) -> str:
    labels = [t.ent_type_ for t in doc[start:end] if t.ent_type_]
    if not labels:
        return ""
    return max(set(labels), key=labels.count)


class _Tokens:
    """Per-token facts read once from the Doc (Token objects are costly to make)."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        toks = list(doc)
        self.words = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.idx = [t.idx for t in toks]
        self.cap = [w[:1].isupper() or (w[:2] in ("d'", "l'", "d’", "l’") and w[2:3].isupper())
                    for w in self.words]
        self.sent_start = [bool(t.is_sent_start) for t in toks]
        self.ent = [t.ent_type_ for t in toks]
        self.propn = [t.pos_ == "PROPN" for t in toks]

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.words[end - 1])]

    def startable(self, i: int) -> bool:
        return self.cap[i] and self.ent[i] not in SKIP_LABELS and self.words[i] not in DASHES


def _listed(tk: _Tokens, i: int) -> bool:
    """A word standing alone in a list of names: "(Oyam, Northern)"."""
    return 0 < i < len(tk.words) - 1 and tk.words[i - 1] in (",", "(") and tk.words[i + 1] in (")", ",")


def _match_runs(tk: _Tokens, gaz: Gazetteer, stop: set[str]):
    """Longest gazetteer matches over capitalised runs; yields (start, end, candidates)."""
    conn = _words()["conn"]
    generic = _words()["generic"]
    n = len(tk.words)
    i = 0
    while i < n:
        if not tk.startable(i):
            i += 1
            continue
        # the run of words a name could span from here
        j = i + 1
        while j < n and j - i < MAX_WORDS and not tk.sent_start[j] and (tk.cap[j] or tk.lower[j] in conn):
            j += 1
        found = None
        inside = i > 0 and tk.ent[i] and tk.ent[i - 1] == tk.ent[i] and tk.cap[i - 1] and \
            tk.lower[i - 1] not in MODIFIERS and tk.lower[i - 1] not in stop and \
            tk.idx[i - 1] + len(tk.words[i - 1]) < tk.idx[i]
        for end in range(j, i, -1):
            if not tk.cap[end - 1]:
                continue
            if end - i == 1 and ((tk.lower[i] in stop and not tk.words[i].isupper()) or len(tk.words[i]) < 2
                                 or (tk.lower[i] in MODIFIERS and not _listed(tk, i))
                                 or tk.lower[i] in generic or tk.lower[i] in conn):
                continue
            cands = gaz.lookup(tk.span_text(i, end))
            if end - i == 1 and not tk.words[i].isupper() and (
                    tk.words[i].endswith(".") or (i + 1 < n and tk.words[i + 1] == ".")):
                cands = gaz.lookup(tk.words[i], abbreviation=True) + cands
            if cands and end - i == 1 and tk.words[i].isupper() and len(tk.words[i]) <= 4:
                # an acronym ("PKK", "NATO") names a place only as a country or region code ("US", "NSW")
                cands = tuple(c for c in cands if c.kind <= 1 and c.feature in ("country", "admin1", "region"))
            if inside and cands and end - i == 1 and not any(
                    c.kind <= 1 and c.feature in ("country", "admin1") for c in cands):
                break  # the tail of a longer name: "Union" in "Soviet Union", "Valley" in "Swat Valley"
            if cands:
                found = (i, end, cands)
                break
        if found:
            yield found
            i = found[1]
        else:
            i += 1


def _hint_after(tk: _Tokens, j: int) -> str | None:
    """The type word right after a name: "region", "district", "sub-county"."""
    if j >= len(tk.words) or tk.cap[j]:
        return None
    hints = _words()["hints"]
    if tk.lower[j] == "sub" and j + 2 < len(tk.words) and tk.words[j + 1] in DASHES:
        return hints.get("sub-" + tk.lower[j + 2])
    return hints.get(tk.lower[j])


def _evidence(doc: Doc, gaz: Gazetteer, start: int, end: int, cands: tuple[Candidate, ...], label: str) -> float:
    """How strongly the text says the name is a place: 3 a GPE/LOC entity, 2 a strong cue,
    1.5 a weaker one, 0 nothing (a capitalised word that happens to name a village)."""
    words = _words()
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    ent_start = doc[start].ent_iob_ == "B" or (start == 0 or doc[start - 1].ent_type_ != doc[start].ent_type_)
    whole_ent = label and ent_start and (end == len(doc) or doc[end].ent_iob_ != "I")
    if label in STRONG_LABELS:
        return 3.0
    if label == "PERSON" and not whole_ent:
        return 0.0  # "Virginia Smith"
    if any(c.kind <= 1 and c.feature in ("country", "admin1", "continent") for c in cands):
        return 2.5
    last = doc[end - 1]
    if end - start > 1 and last.text.casefold() in words["suffix"] and cands[0].kind == 0:
        return 2.0  # "Henderson County", "Rapides Parish"
    first = doc[start].text
    if first.isupper() and len(first) > 2 and nxt is not None and (nxt.text in DASHES or nxt.text == "("):
        return 2.0  # a dateline: "COLUMBUS --", "LEBANON (AP)"
    if nxt is not None and nxt.text in (",", "(") and end + 1 < len(doc):
        after = doc[end + 1]
        if _cap(after) and any(c.feature in ("admin1", "country") and c.kind <= 1 for c in gaz.lookup(after.text)):
            return 2.0  # "Paris, Texas", "Chowchilla, Calif."
    if prev is not None and (prev.lower_ in words["prep"] or (prev.lower_ == "the" and start > 1
                                                                and doc[start - 2].lower_ in words["prep"])):
        return 1.5
    if nxt is not None and (nxt.lower_ in words["nouns"] or nxt.lower_ in words["hints"]):
        return 1.5
    if last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN" and last.head.text.islower() \
            and label != "PERSON":
        return 1.5  # "Preble voters", "a Pewaukee nun"
    if nxt is not None and nxt.text in ("’s", "'s") and label != "PERSON":
        return 1.5  # "Joliet's building inspector"
    if label != "PERSON" and any(c.kind == 0 and (c.feature == "capital" or c.population >= 1_000_000)
                                 for c in cands[:3]):
        return 1.5  # a capital or a city of millions
    return 0.0


def _coordinate(doc: Doc, found: list["Toponym"]) -> None:
    """Names listed with a place are places: "Hamilton and Middletown", "Douglas, Sarpy and
    Lancaster counties" (a plural type word after the list types all of it)."""
    hints = _words()["hints"]
    groups: list[list[Toponym]] = []
    for t in found:
        if groups:
            prev = groups[-1][-1]
            between = [tok.lower_ for tok in doc[prev.end:t.start]]
            if between and len(between) <= 2 and all(w in (",", "and", "or", "&") for w in between):
                groups[-1].append(t)
                continue
        groups.append([t])
    for group in groups:
        if len(group) < 2:
            continue
        last = group[-1]
        after = doc[last.end].lower_ if last.end < len(doc) else ""
        hint = hints.get(after) if after.endswith("s") else None
        sure = max(t.strength for t in group)
        for t in group:
            if hint:
                t.hint = hint
                t.strength = max(t.strength, 2.0)
            elif sure >= 2:
                t.strength = max(t.strength, 1.5)


def detect(doc: Doc, gaz: Gazetteer, include_demonyms: bool = False) -> list[Toponym]:
    """Every toponym of the document, in order, before disambiguation."""
    stop = STOP_WORDS
    dem = demonyms()
    words = _words()
    found: list[Toponym] = []
    tk = _Tokens(doc)
    for start, end, cands in _match_runs(tk, gaz, stop):
        span_key = key(doc[start:end].text)
        label = _label(doc, start, end)
        all_norp = all(tk.ent[k] == "NORP" for k in range(start, end))
        if span_key in dem or (all_norp and not any(c.kind == 0 for c in cands)):
            if not include_demonyms:
                continue
        strength = _evidence(doc, gaz, start, end, cands, label)
        hint = _hint_after(tk, end)
        prev2 = doc[max(start - 2, 0):start].text.casefold()
        if hint is None and any(prev2.endswith(w + " of") for w in ("town", "village", "city", "settlement")):
            hint = "populated"
        found.append(Toponym(start, end, cands, strength, hint, label=label))
    found.extend(_unmatched(doc, tk, found))
    found.sort(key=lambda t: t.start)
    _coordinate(doc, found)
    _propagate(doc, found)
    _attach_qualifiers(doc, found)
    return found


def _unmatched(doc: Doc, tk: _Tokens, found: list[Toponym]) -> list[Toponym]:
    """Names the gazetteer lacks that the text still calls places: GPE/LOC entities,
    "Minakulu sub-county", "the village of Banjska". They resolve by fallback."""
    covered = set()
    for t in found:
        covered.update(range(t.start, t.end))
    hints = _words()["hints"]
    out = []
    n = len(tk.words)
    i = 0
    while i < n:
        if i in covered or not tk.startable(i) or tk.lower[i] in STOP_WORDS or not tk.propn[i]:
            i += 1
            continue
        j = i + 1
        while j < n and j - i < MAX_WORDS and j not in covered and tk.cap[j] and tk.propn[j] and not tk.sent_start[j]:
            j += 1
        label = _label(doc, i, j)
        hint = _hint_after(tk, j)
        prev2 = " ".join(tk.lower[max(i - 2, 0):i])
        if hint is None and any(prev2.endswith(w + " of") for w in ("town", "village", "city", "settlement")):
            hint = "populated"
        if hint is None and i > 0 and tk.lower[i - 1] in ("in", "near", "at", "outside") and j < n \
                and tk.words[j] in (",", "(") and j + 1 < n and tk.cap[j + 1]:
            hint = "populated"  # "near Shyrokyne, Donetsk", "in Barauliany (Minsk)"
        generic = j - i == 1 and (tk.lower[i] in MODIFIERS or tk.lower[i] in _words()["generic"])
        if (label in STRONG_LABELS or hint is not None) and not generic:
            if key(tk.span_text(i, j)) not in demonyms():
                out.append(Toponym(i, j, (), 3.0 if label in STRONG_LABELS else 2.0, hint, label=label))
        i = j
    return out


def _propagate(doc: Doc, found: list[Toponym]) -> None:
    """A name the text calls a place once is a place wherever it recurs."""
    sure = {key(doc[t.start:t.end].text) for t in found if t.strength >= 2}
    for t in found:
        if t.strength < 2 and key(doc[t.start:t.end].text) in sure:
            t.strength = 2.0


def _attach_qualifiers(doc: Doc, found: list[Toponym]) -> None:
    """"Villa Yapacani (Santa Cruz)", "Paris, Texas", "Minakulu sub-county (Oyam, Northern)":
    each name in the parentheses or after the comma qualifies the one before it."""
    by_start = {t.start: t for t in found}
    n = len(doc)
    for t in found:
        k = t.end
        while k < n and k - t.end < 3 and (doc[k].text in DASHES or doc[k].lower_ in _words()["hints"]
                                          or doc[k].lower_ == "sub"):
            k += 1  # "sub-county", "district"
        if k >= n:
            continue
        if doc[k].text == "(":
            k += 1
            prev = t
            while k < n and doc[k].text != ")" and k - t.end < 14:
                q = by_start.get(k)
                if q is None:
                    k += 1
                    continue
                if q.qualifies is None:
                    prev.qualifiers.append(q)
                    q.qualifies = prev
                    if prev is not t:
                        t.qualifiers.append(q)
                prev = q
                k = q.end
        elif doc[k].text == "," and (q := by_start.get(k + 1)) is not None and q.qualifies is None:
            if any(c.feature in ("admin1", "country", "admin2", "county") for c in q.cands):
                t.qualifiers.append(q)
                q.qualifies = t
        if t.qualifiers and t.strength < 2:
            t.strength = 2.0

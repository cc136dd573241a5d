"""Find toponyms in a parsed ``Doc``: spaCy's GPE/LOC entities, and gazetteer names that
the tagger missed or labelled ORG/PERSON when the text around them says "place"
("Gainesville police", "in Lombard", "COLUMBUS --", "Paris, Texas").

A toponym's span is the name itself, with a capitalised designator that belongs to it
("Rapides Parish") but without a lower-case modifier or type word ("northern Kosovo" ->
"Kosovo", "the Donetsk region" -> "Donetsk", hinting at a first-level region), as the
geoparsing gold standards mark them. Demonyms ("Serbian", "Kosovar") are not places.
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .countries import demonym_countries, demonyms
from .cues import attach_qualifiers, coordinate, evidence, hint_after, propagate
from .gazetteer import Gazetteer
from .normalize import key
from .tokens import MAX_WORDS, MODIFIERS, STRONG_LABELS, Tokens, Toponym, ent_label, words

__all__ = ["Toponym", "detect"]



def _listed(tk: Tokens, i: int) -> bool:
    """A word standing alone in a list of names: "(Oyam, Northern)"."""
    return 0 < i < len(tk.words) - 1 and tk.words[i - 1] in (",", "(") and tk.words[i + 1] in (")", ",")


def _match_runs(tk: Tokens, gaz: Gazetteer, stop: set[str]):
    """Longest gazetteer matches over capitalised runs; yields (start, end, candidates)."""
    conn = words()["conn"]
    generic = words()["generic"]
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
            short = len(tk.words[i]) < 3 and not tk.words[i].isupper()  # "Pa", "Wa": no name on their own
            if end - i == 1 and ((tk.lower[i] in stop and not tk.words[i].isupper()) or len(tk.words[i]) < 2 or short
                                 or (tk.lower[i] in MODIFIERS and not _listed(tk, i))
                                 or tk.lower[i] in generic or tk.lower[i] in conn):
                continue
            cands = gaz.lookup(tk.span_text(i, end))
            last = tk.words[end - 1]
            if not last.isupper() and (last.endswith(".") or (end < n and tk.words[end] == ".")):
                cands = gaz.lookup(tk.span_text(i, end), abbreviation=True) + cands  # "Calif.", "W. Va."
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


def detect(doc: Doc, gaz: Gazetteer, include_demonyms: bool = False) -> list[Toponym]:
    """Every toponym of the document, in order, before disambiguation."""
    stop = STOP_WORDS
    dem = demonyms()
    found: list[Toponym] = []
    tk = Tokens(doc)
    for start, end, cands in _match_runs(tk, gaz, stop):
        span_key = key(tk.span_text(start, end))
        label = ent_label(tk, start, end)
        all_norp = all(tk.ent[k] == "NORP" for k in range(start, end))
        if span_key in dem or (all_norp and not any(c.kind == 0 for c in cands)):
            continue  # a people, not a place (see _demonyms)
        strength = evidence(doc, gaz, start, end, cands, label)
        hint = hint_after(tk, end)
        prev2 = " ".join(tk.lower[max(start - 2, 0):start])
        if hint is None and any(prev2.endswith(w + " of") for w in ("town", "village", "city", "settlement")):
            hint = "populated"
        found.append(Toponym(start, end, cands, strength, hint, label=label))
    found.extend(_unmatched(doc, tk, found))
    if include_demonyms:
        found.extend(_demonyms(tk, gaz, found))
    found.sort(key=lambda t: t.start)
    coordinate(tk, found)
    propagate(tk, found)
    attach_qualifiers(tk, found)
    return found


def _demonyms(tk: Tokens, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """"Serbian", "Kosovar" as mentions of their country (the geoparsing corpora count them)."""
    table = demonym_countries()
    taken = {i for t in found for i in range(t.start, t.end)}
    out = []
    for i, low in enumerate(tk.lower):
        cc = table.get(low) if tk.cap[i] and i not in taken else None
        country = gaz.country(cc) if cc else None
        if country is not None:
            out.append(Toponym(i, i + 1, (country,), 2.0, label="NORP", demonym=True))
    return out


def _unmatched(doc: Doc, tk: Tokens, found: list[Toponym]) -> list[Toponym]:
    """Names the gazetteer lacks that the text still calls places: GPE/LOC entities,
    "Minakulu sub-county", "the village of Banjska". They resolve by fallback."""
    covered = set()
    for t in found:
        covered.update(range(t.start, t.end))
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
        label = ent_label(tk, i, j)
        hint = hint_after(tk, j)
        prev2 = " ".join(tk.lower[max(i - 2, 0):i])
        if hint is None and any(prev2.endswith(w + " of") for w in ("town", "village", "city", "settlement")):
            hint = "populated"
        if hint is None and i > 0 and tk.lower[i - 1] in ("in", "near", "at", "outside") and j < n \
                and tk.words[j] in (",", "(") and j + 1 < n and tk.cap[j + 1]:
            hint = "populated"  # "near Shyrokyne, Donetsk", "in Barauliany (Minsk)"
        generic = j - i == 1 and (tk.lower[i] in MODIFIERS or tk.lower[i] in words()["generic"])
        if (label in STRONG_LABELS or hint is not None) and not generic:
            if key(tk.span_text(i, j)) not in demonyms():
                out.append(Toponym(i, j, (), 3.0 if label in STRONG_LABELS else 2.0, hint, label=label))
        i = j
    return out

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
from .cues import (attach_qualifiers, coordinate, dateline, designated, evidence, hint_after, hint_before, part_of_name,
                   propagate)
from .gazetteer import Gazetteer
from .normalize import key
from .schema import POPULATED
from .tokens import MAX_WORDS, MODIFIERS, STRONG_LABELS, Tokens, Toponym, ent_label, words

__all__ = ["Toponym", "detect"]

CITY_ABBREVIATED = 500_000  # a city big enough to go by its initials



def _listed(tk: Tokens, i: int) -> bool:
    """A word standing alone in a list of names: "(Oyam, Northern)"."""
    return 0 < i < len(tk.words) - 1 and tk.words[i - 1] in (",", "(") and tk.words[i + 1] in (")", ",")


def _abbreviation_stop(tk: Tokens, j: int) -> bool:
    """The full stop of "ST. PAUL", "MT. VERNON": capitals on both sides, none between."""
    return 0 < j < len(tk.words) - 1 and tk.words[j] == "." and tk.idx[j] == tk.idx[j - 1] + len(tk.words[j - 1]) \
        and tk.words[j - 1].isupper() and len(tk.words[j - 1]) <= 3 and tk.cap[j + 1]


def _with_city(cands: tuple, base: tuple) -> tuple:
    """"Dublin City", when no town bears that whole name: the towns called Dublin too, not
    only the Irish district of that name."""
    seen = {c.id for c in cands}
    return cands + tuple(c for c in base if c.feature in POPULATED and c.id not in seen)


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
        while j < n and j - i < MAX_WORDS and (tk.cap[j] or tk.lower[j] in conn or _abbreviation_stop(tk, j)) \
                and (not tk.sent_start[j] or _abbreviation_stop(tk, j - 1)):
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
            if end - i == 2 and tk.lower[i] == "the" and tk.lower[i + 1] in generic:
                continue  # "The City", "The County": no name
            cands = gaz.lookup(tk.span_text(i, end))
            last = tk.words[end - 1]
            if not last.isupper() and (last.endswith(".") or (end < n and tk.words[end] == ".")):
                cands = gaz.lookup(tk.span_text(i, end), abbreviation=True) + cands  # "Calif.", "W. Va."
            if cands and end - i == 1 and tk.words[i].isupper() and len(tk.words[i]) <= 4:
                # an acronym ("PKK", "NATO", "U.N.") names a place only as a country or region code ("US", "NSW")
                # or a big city's short name ("L.A.")
                cands = tuple(c for c in cands if c.kind <= 1 and c.feature in ("country", "admin1", "region")
                              or c.kind == 1 and c.population >= CITY_ABBREVIATED and "." in tk.words[i])
            if inside and cands and end - i == 1 and not any(
                    c.kind <= 1 and c.feature in ("country", "admin1") for c in cands):
                break  # the tail of a longer name: "Union" in "Soviet Union", "Valley" in "Swat Valley"
            if cands and end - i > 1 and tk.lower[end - 1] == "city" \
                    and not any(c.feature in POPULATED and c.kind == 0 for c in cands):
                cands = _with_city(cands, gaz.lookup(tk.span_text(i, end - 1)))
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
    names = _person_words(doc)
    for start, end, cands in _match_runs(tk, gaz, stop):
        if _street_named_after(tk, start):
            continue
        span_key = key(tk.span_text(start, end))
        label = ent_label(tk, start, end)
        all_norp = all(tk.ent[k] == "NORP" for k in range(start, end))
        names_country = any(c.kind == 0 and c.feature == "country" for c in cands)  # "Djibouti", both
        if (span_key in dem and not names_country) or (all_norp and not any(c.kind == 0 for c in cands)):
            continue  # a people, not a place (see _demonyms)
        typed = hint_before(tk, start)  # "the Village of Glen Carbon"
        strength = evidence(doc, gaz, start, end, cands, label, typed is not None)
        hint = hint_after(tk, end) or typed
        person = (part_of_name(doc, start, end, label) or (label == "PERSON" and span_key in names)
                  or (start > 0 and tk.title(start - 1))) and not designated(doc, start, end) and strength < 2.5 \
            and not dateline(doc, start, end) and typed is None
        if person:
            strength = 0.0
        found.append(Toponym(start, end, cands, strength, hint, label=label, person=person, street=tk.street(end)))
    found.extend(_unmatched(doc, tk, found, gaz))
    if include_demonyms:
        found.extend(_demonyms(tk, gaz, found))
    found.sort(key=lambda t: t.start)
    _number_sentences(tk, found)
    coordinate(tk, found)
    propagate(tk, found)
    attach_qualifiers(tk, found)
    return found


def _number_sentences(tk: Tokens, found: list[Toponym]) -> None:
    sentence, k = 0, 0
    for t in found:
        while k <= t.start:
            sentence += tk.sent_start[k] and k > 0
            k += 1
        t.sentence = sentence


def _street_named_after(tk: Tokens, start: int) -> bool:
    """"Plaza de Colon", "Avenida Paulista", "Rue de Rivoli": a square or street named after the place."""
    k = start - 1
    while k >= 0 and tk.lower[k] in words()["conn"] and start - k <= 2:
        k -= 1
    return k >= 0 and tk.cap[k] and tk.lower[k] in words()["street_prefixes"]


def _person_words(doc: Doc) -> set[str]:
    """The words of the document's full person names: "Clinton" alone, after "Hillary
    Clinton", is her again."""
    return {key(t.text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}


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


def _unmatched(doc: Doc, tk: Tokens, found: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
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
        if tk.street(j - 1) or tk.street(j):
            i = j
            continue  # "Indian Lake Road", "Main Street"
        label = ent_label(tk, i, j)
        hint = hint_after(tk, j) or hint_before(tk, i)
        if hint is None and i > 0 and tk.lower[i - 1] in ("in", "near", "at", "outside") and j < n \
                and tk.words[j] in (",", "(") and j + 1 < n and tk.cap[j + 1]:
            hint = "populated"  # "near Shyrokyne, Donetsk", "in Barauliany (Minsk)"
        generic = j - i == 1 and (tk.lower[i] in MODIFIERS or tk.lower[i] in words()["generic"])
        if (label in STRONG_LABELS or hint is not None) and not generic:
            if key(tk.span_text(i, j)) not in demonyms():
                cands = gaz.respelt_region(tk.span_text(i, j))  # "Oromia" for the gazetteer's Oromiya
                out.append(Toponym(i, j, cands, 3.0 if label in STRONG_LABELS else 2.0, hint, label=label))
        i = j
    return out

"""The cues around a name that say it is a place, and how names relate: "in Lombard",
"Gainesville police", "COLUMBUS --", "Paris, Texas", "Villa Yapacani (Santa Cruz)",
"Douglas, Sarpy and Lancaster counties"."""
from __future__ import annotations

from spacy.tokens import Doc

from .gazetteer import Candidate, Gazetteer
from .normalize import key
from .tokens import DASHES, STRONG_LABELS, Tokens, Toponym, cap, words

def hint_after(tk: Tokens, j: int) -> str | None:
    """The type word right after a name: "region", "district", "sub-county"."""
    if j >= len(tk.words) or tk.cap[j]:
        return None
    hints = words()["hints"]
    if tk.lower[j] == "sub" and j + 2 < len(tk.words) and tk.words[j + 1] in DASHES:
        return hints.get("sub-" + tk.lower[j + 2])
    return hints.get(tk.lower[j])


def evidence(doc: Doc, gaz: Gazetteer, start: int, end: int, cands: tuple[Candidate, ...], label: str) -> float:
    """How strongly the text says the name is a place: 3 a GPE/LOC entity, 2 a strong cue,
    1.5 a weaker one, 0 nothing (a capitalised word that happens to name a village)."""
    lists = words()
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    ent_start = doc[start].ent_iob_ == "B" or (start == 0 or doc[start - 1].ent_type_ != doc[start].ent_type_)
    whole_ent = label and ent_start and (end == len(doc) or doc[end].ent_iob_ != "I")
    if label in STRONG_LABELS:
        return 3.0
    if label == "PERSON" and not whole_ent:
        return 0.0  # "Virginia Smith"
    if any((c.kind <= 1 or c.kind == 2 and end - start > 1) and c.feature in ("country", "admin1", "continent")
           for c in cands):
        return 2.5  # "Ohio State University", "Valle del Cauca"
    last = doc[end - 1]
    if end - start > 1 and last.text.casefold() in lists["suffix"] and cands[0].kind == 0:
        return 2.0  # "Henderson County", "Rapides Parish"
    first = doc[start].text
    if first.isupper() and len(first) > 2 and nxt is not None and (nxt.text in DASHES or nxt.text == "("):
        return 2.0  # a dateline: "COLUMBUS --", "LEBANON (AP)"
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
    if nxt is not None and nxt.text in ("’s", "'s") and label != "PERSON":
        return 1.5  # "Joliet's building inspector"
    if label != "PERSON" and any(c.kind == 0 and (c.feature == "capital" or c.population >= 1_000_000)
                                 for c in cands[:3]):
        return 1.5  # a capital or a city of millions
    return 0.0


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


def propagate(tk: Tokens, found: list[Toponym]) -> None:
    """A name the text calls a place once is a place wherever it recurs."""
    sure = {key(tk.span_text(t.start, t.end)) for t in found if t.strength >= 2}
    for t in found:
        if t.strength < 2 and key(tk.span_text(t.start, t.end)) in sure:
            t.strength = 2.0


def attach_qualifiers(tk: Tokens, found: list[Toponym]) -> None:
    """"Villa Yapacani (Santa Cruz)", "Paris, Texas", "Minakulu sub-county (Oyam, Northern)":
    each name in the parentheses or after the comma qualifies the one before it."""
    by_start = {t.start: t for t in found}
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
        elif toks[k] == "," and (q := by_start.get(k + 1)) is not None and q.qualifies is None:
            if any(c.feature in ("admin1", "country", "admin2", "county") for c in q.cands):
                t.qualifiers.append(q)
                q.qualifies = t
        if t.qualifiers and t.strength < 2:
            t.strength = 2.0

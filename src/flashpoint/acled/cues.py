"""Find ACLED cues in a span and say who takes part.

``find_cues`` returns every cue of the lexicon in a span with its syntactic head and
whether it is negated ("no clashes were reported", "without resistance"). A cue inside a
longer cue is dropped, so "air strike" is not also a labour "strike" and "stun grenade"
is not a hand grenade. ``actor_classes`` classes a noun phrase as state forces, an armed
non-state group, civilians, protesters, rioters, an armed target, property or a weapon.
"""
from __future__ import annotations

import functools

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import IGNORED, CueIndex

FUNCTION_POS = {"CCONJ", "ADP", "DET", "PART", "PUNCT", "SCONJ", "AUX"}
NEGATORS = {"no", "without", "non", "not", "never", "neither", "nor"}
# a sector from the actors stage -> the class the rules use
SECTOR_CLASS = {"MIL": "state", "COP": "state", "GOV": "state", "SPY": "state", "JUD": "state",
                "REB": "nonstate", "UAF": "nonstate", "CRM": "nonstate", "INS": "nonstate",
                "SEP": "nonstate", "CVL": "civilian", "BUS": "civilian", "MED": "civilian",
                "EDU": "civilian", "LAB": "civilian", "REL": "civilian", "AGR": "civilian",
                "REF": "civilian", "HLH": "civilian", "NGO": "civilian", "OPP": "civilian",
                "LEG": "civilian", "IGO": "civilian", "ELI": "civilian"}
TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
ARMED_CLASSES = {"state", "nonstate"}
# person words that an "armed"/"security" modifier turns into an armed actor
GENERIC_PEOPLE = {"man", "men", "person", "people", "individual", "youth", "assailant", "element",
                  "suspect", "group", "member", "personnel", "men"}
QUANTIFIERS = {"group", "member", "number", "dozen", "hundred", "thousand", "score", "some",
               "several", "all", "many", "few", "one", "two", "three", "part", "team", "band",
               "body", "unit", "crowd", "handful", "couple", "majority", "lot", "kind"}


@dataclass(frozen=True)
class Cue:
    group: str    # "acts.protest", "means.air", "protest_outcome.intervention", ...
    start: int    # doc token offsets of the matched words
    end: int
    head: int     # the matched token nearest the sentence root
    negated: bool

    @property
    def kind(self) -> str:
        return self.group.split(".", 1)[1]


def _keys(tok: Token) -> frozenset[str]:
    """The forms a cue word may take: lemma, lower case, and crude stems for words the
    tagger got wrong ("protested" tagged as a noun keeps its -ed)."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return frozenset()  # "March" the month is no march
    return _forms(tok.lower_, tok.lemma_.lower())


@functools.lru_cache(maxsize=65536)
def _forms(low: str, lemma: str) -> frozenset[str]:
    keys = {lemma, low}
    if len(low) > 4:
        if low.endswith("ed"):
            keys.update((low[:-2], low[:-1]))
        elif low.endswith("ing"):
            keys.update((low[:-3], low[:-3] + "e"))
        elif low.endswith("es"):
            keys.update((low[:-2], low[:-1]))
        elif low.endswith("s"):
            keys.add(low[:-1])
    return frozenset(keys)


def _match(index: CueIndex, toks: list[Token]) -> list[tuple[int, int, str]]:
    """(first, last) positions in ``toks`` and group of every cue, longest first per start."""
    keys = [_keys(t) for t in toks]
    found = []
    for i, forms in enumerate(keys):
        seen = set()
        for word in forms:
            for tail, group in index.first.get(word, ()):
                n = len(tail)
                if i + n >= len(keys):
                    continue
                if all(tail[k] in keys[i + 1 + k] for k in range(n)) and (group, n) not in seen:
                    seen.add((group, n))
                    found.append((i, i + n, group))
    return found


def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 40:
        tok = tok.head
        d += 1
    return d


def _negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in NEGATORS:
        return True
    head = tok.head
    if head.lower_ == "without" or (tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in head.children)):
        return True
    return False


def find_cues(span: Span, index: CueIndex) -> list[Cue]:
    """Cues of a sentence; computed once per sentence and document (every event of the
    sentence asks for them)."""
    cache = span.doc.user_data.setdefault("fp_acled_cues", {})
    key = (span.start, span.end, id(index))
    if key not in cache:
        cache[key] = _find_cues(span, index)
    return cache[key]


def _find_cues(span: Span, index: CueIndex) -> list[Cue]:
    toks = [t for t in span if t.text not in IGNORED]
    raw = _match(index, toks)
    # drop a cue strictly inside a longer one ("strike" in "air strike")
    spans = [(toks[a].i, toks[b].i + 1, g) for a, b, g in raw]
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0])
                                        and o[2].split(".")[0] != "protest_outcome"
                                        and s[2].split(".")[0] != "protest_outcome" for o in spans)]
    doc = span.doc
    out = []
    for start, end, group in kept:
        words = [doc[k] for k in range(start, end) if doc[k].text not in IGNORED]
        content = [w for w in words if w.pos_ not in FUNCTION_POS] or words
        head = min(content, key=depth)
        # a qualifier ("without resistance") carries its own negation
        neg = not group.startswith("qualifiers.") and any(_negated(w) for w in words)
        out.append(Cue(group, start, end, head.i, neg))
    return out


def phrase_tokens(tok: Token) -> list[Token]:
    """The noun phrase a token heads, left modifiers included ("unknown armed men")."""
    return [t for t in tok.doc[tok.left_edge.i:tok.i + 1] if t.text not in IGNORED]


def actor_classes(tok: Token | None, index: CueIndex, sectors: dict[int, str] | None = None) -> set[str]:
    """Classes of the phrase headed by ``tok``; looks through "members of X", "a group of X"."""
    if tok is None:
        return set()
    if tok.lemma_.lower() in QUANTIFIERS or tok.like_num or tok.pos_ == "NUM":
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = actor_classes(pobj, index, sectors)
                        if inner:
                            return inner
    classes = set()
    if sectors:
        for t in phrase_tokens(tok):
            if t.i in sectors and sectors[t.i] in SECTOR_CLASS:
                classes.add(SECTOR_CLASS[sectors[t.i]])
    toks = phrase_tokens(tok)
    found = _match(index, toks)
    at_head = {group for _a, b, group in found if b == len(toks) - 1}
    modifiers = {group for _a, b, group in found if b < len(toks) - 1}
    if modifiers & ARMED_CLASSES and (not at_head or tok.lemma_.lower() in GENERIC_PEOPLE):
        at_head = (at_head - {"civilian"}) | (modifiers & ARMED_CLASSES)
    elif modifiers & ARMED_CLASSES and "armed_target" in at_head:
        at_head = at_head - {"civilian"}  # "a military camp" is no refugee camp
    classes |= at_head or modifiers
    if not classes and tok.pos_ == "PROPN":
        classes.add("civilian" if tok.ent_type_ == "PERSON" else ("org" if tok.ent_type_ in ("ORG", "NORP", "") else "place"))
    return classes


def subject(verb: Token) -> Token | None:
    """The agent of a verb (active subject, passive "by" agent), through conjunctions."""
    seen = 0
    while seen < 4:
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            # "was shot and killed by armed men": the agent sits on the conjoined verb
            for conj in _conjoined_verbs(verb):
                for c in conj.children:
                    if c.dep_ == "agent":
                        return next((p for p in c.children if p.dep_ == "pobj"), None)
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl") and verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl"):
                return verb.head
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _conjoined_verbs(verb: Token) -> list[Token]:
    """The verbs joined to ``verb`` ("shot and killed"): they share its agent and object."""
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]


def patients(verb: Token) -> list[Token]:
    """Who or what a verb (or event noun) acts upon: objects, passive subjects, "on"/"against" X."""
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon", "with", "between", "toward", "towards"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    out = [t for t in out if t.ent_type_ not in TIME_ENTS and not t.like_num]
    if not out and verb.pos_ == "VERB":
        # "shot and killed two gang members": the object sits on the conjoined verb
        for conj in _conjoined_verbs(verb):
            out.extend(c for c in conj.children if c.dep_ in ("dobj", "nsubjpass"))
    for t in list(out):
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out

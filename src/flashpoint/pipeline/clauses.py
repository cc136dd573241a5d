"""Where a trigger sits in its sentence: main clause or embedded, foreground or background.

These read the dependency parse only; the event coder uses them to rank a document's
events and to keep one event per clause.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import light_verbs

BACKGROUND_PREPS = {"after", "following", "amid", "despite", "during", "since", "before", "over"}
BACKGROUND_MARKS = {"after", "as", "since", "while", "when", "before", "because"}
EMBEDDED_DEPS = {"relcl", "acl", "amod", "advcl", "pcomp"}
CONTENT_PREPS = {"of", "for", "to", "with", "on", "about"}


def infinitive_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def depth_below(token: Token, head: Token) -> int:
    depth = 0
    while token.i != head.i and token.head.i != token.i and depth < 20:
        token, depth = token.head, depth + 1
    return depth


def embedded(token: Token, hops: int = 5) -> bool:
    """Inside a relative or adjectival clause ("a resolution that aims to tighten sanctions")."""
    for _ in range(hops):
        if token.dep_ in EMBEDDED_DEPS:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def in_background(token: Token) -> bool:
    """An event told as the setting of another: "after clashes", "as street battles raged"."""
    for _ in range(2):
        if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in token.children):
            return True
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.i == token.i:
            return False
        token = token.head
    return False


def centrality(token: Token) -> float:
    if token.dep_ == "ROOT":
        return 0.2
    if token.dep_ in ("conj", "ccomp", "xcomp") and token.head.dep_ == "ROOT":
        return 0.12
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.head.dep_ == "ROOT":
        return 0.1
    return 0.0


def content_of_trigger_verb(token: Token, by_index: dict) -> bool:
    head = token.head
    if head.lemma_.lower() in light_verbs() or head.head.lemma_.lower() in light_verbs():
        return False
    if token.dep_ == "dobj" and head.i in by_index and head.pos_ in ("VERB", "AUX"):
        return True
    if token.dep_ == "pobj" and head.lower_ in CONTENT_PREPS:
        verb = head.head
        return verb.i in by_index and verb.i != token.i and verb.pos_ in ("VERB", "AUX")
    return False


def governs_trigger(token: Token, by_index: dict) -> bool:
    for child in token.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass", "xcomp") and child.i in by_index:
            return True
        if child.dep_ == "advcl" and child.i in by_index and any(g.lower_ == "to" for g in child.children):
            return True  # "sent experts to investigate"
        if child.dep_ in ("dobj", "xcomp", "advcl") and any(g.i in by_index and g.dep_ in ("xcomp", "acl", "relcl")
                                                            for g in child.children):
            return True
    return False


def noun_is_central(token: Token) -> bool:
    """A noun event that a main verb reports ("staged a protest", "the clash left…")."""
    if token.dep_ == "ROOT":
        return True
    head = token.head if token.dep_ != "pobj" else token.head.head
    if token.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.lower() in light_verbs():
        return True
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and head.dep_ == "ROOT"

"""An event word's status (asserted, negated, hypothetical, planned) from its context,
with the cue words in ``data/events/modality.csv``.

Also tells whether the context states a *will* to act ("will", "vow", "ready to"), which
CAMEO and PLOVER code as an offer or a threat rather than as the act itself, and whether
the act is demanded in reported speech ("Russia said Sudan must return the helicopter").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from .. import ontology

FORMAL_ANNOUNCE = {"announce", "confirm", "pledge", "promise", "declare", "report"}
REPORTING = {"say", "insist", "tell", "state", "warn", "stress", "declare", "add", "argue", "write", "conclude",
             "reminder", "warning", "message", "statement", "insistence", "demand"}
DEMAND_MODALS = {"must", "should"}
CLIMB_DEPS = {"xcomp", "advcl", "ccomp"}


@dataclass(frozen=True)
class Modality:
    status: str = "asserted"
    intent: bool = False
    demanded_by: int | None = None  # token index of the verb reporting a "must"
    claimed: bool = False  # told as the actor's own claim ("they claimed they had attacked")


@functools.lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], tuple[str, bool]]:
    return {(r["where"], r["word"]): (r["status"], r.get("intent") == "yes")
            for r in ontology.read_csv_rows("events", "modality.csv")}


@functools.lru_cache(maxsize=1)
def intent_heads() -> frozenset[str]:
    return frozenset(word for (where, word), (_, intent) in cues().items() if where == "head" and intent)


def demanded_by(token: Token) -> int | None:
    """"X said (that) Y must act", "a reminder to Iraq that it must cooperate": the index of
    the reporting word when a must/should clause hangs under it, else None."""
    if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in token.children):
        return None
    if token.dep_ in ("ccomp", "acl") and token.head.lemma_.lower() in REPORTING:
        return token.head.i
    return None


def _from_children(token: Token) -> Modality | None:
    table = cues()
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        return Modality("negated")
    for child in children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        word = child.lower_
        reporter = demanded_by(token) if word in DEMAND_MODALS else None
        if reporter is not None:
            return Modality("hypothetical", False, reporter)
        if ("aux", word) in table:
            status, intent = table[("aux", word)]
            if word == "would" and token.dep_ == "ccomp" and token.head.lemma_.lower() in FORMAL_ANNOUNCE:
                return Modality("planned")  # "announced that it would supply": a decision, not a wish
            return Modality(status, intent)
    for child in children:
        if child.dep_ == "mark" and ("mark", child.lower_) in table:
            return Modality(table[("mark", child.lower_)][0])
    return None


def _from_head(token: Token) -> Modality | None:
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ not in CLIMB_DEPS and token.dep_ not in ("pobj", "dobj") and not infinitive:
        return None
    head = token.head
    if head.i == token.i:
        return None
    if any(c.dep_ == "neg" for c in head.children):
        return Modality("negated")
    table = cues()
    key = ("head", head.lemma_.lower())
    if key in table and (token.dep_ in ("xcomp", "ccomp") or infinitive):
        status, intent = table[key]
        return Modality(status, intent)
    for child in head.children:
        if child.dep_ in ("aux", "auxpass") and ("aux", child.lower_) in table:
            status, intent = table[("aux", child.lower_)]
            return Modality(status, intent)
    return None


CLAIM_HEADS = {"claim"}


def modality_of(token: Token) -> Modality:
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in CLAIM_HEADS:
        return Modality(claimed=True)
    found = _from_children(token)
    if found is not None:
        return found
    # "is to be deployed", "wants to purchase", "wants to use the money to purchase"
    for _ in range(2):
        found = _from_head(token)
        if found is not None:
            return found
        if token.dep_ not in ("xcomp", "advcl") or token.head.i == token.i:
            break
        token = token.head
    return Modality()

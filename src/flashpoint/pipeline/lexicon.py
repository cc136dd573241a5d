"""The event lexicon: trigger terms and the data files that refine, qualify and discard them.

``triggers.csv`` (and a user's verb dictionary) give the words that can be events;
``refine.csv`` sharpens a code by cue words in the sentence, ``modes.csv`` picks a PLOVER
mode, ``figurative.csv`` and ``light_verbs.csv`` list the words that make a trigger
figurative ("attacked the proposal") or defer to its object ("carried out an attack").
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from spacy.tokens import Token

from .. import ontology
from ..errors import DictionaryError

NO_EVENT = "---"
CLAUSE_DEPS = {"advcl", "ccomp", "conj", "relcl", "acl", "parataxis", "csubj"}


@dataclass(frozen=True)
class Trigger:
    head: str
    others: tuple[str, ...]
    pos: str
    cameo: str
    weight: float
    user: bool = False  # from a user dictionary: its code is the user's final word


def read_triggers(rows, *, strict: bool) -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows:
        words = row["term"].strip().lower().split()
        pos = row["pos"].strip().upper()
        code = row["cameo"].strip()
        if not words or pos not in ("VERB", "NOUN", "ADJ"):
            continue
        ontology.lookup(code, strict=strict)  # fail early on a code the ontology lacks
        # a verb heads its particle/object ("call for"); a noun is headed by its last word ("air strike")
        # unless an "of" phrase follows it ("state of emergency")
        first_heads = pos == "VERB" or "of" in words
        head, others = (words[0], tuple(words[1:])) if first_heads else (words[-1], tuple(words[:-1]))
        if pos == "VERB" and any("*" in w for w in words):
            head, others = _ordered_term(words)  # "death toll *rise", "*restore diplomatic ties"
        weight = float(row.get("weight") or 0.7)
        table.setdefault((head, pos), []).append(Trigger(head, others, pos, code, weight, user=not strict))
    for entries in table.values():
        entries.sort(key=lambda t: -sum(len(o.replace("*", " ").replace("_", " ").split()) for o in t.others))
    return table


@functools.lru_cache(maxsize=8)
def triggers(user_verbs: str | None = None) -> dict[tuple[str, str], list[Trigger]]:
    """(head lemma, POS) -> triggers, the multi-word ones first. A user dictionary (CSV:
    term,pos,cameo[,weight]) replaces the built-in entries for the words it lists. A user
    VERB term may be a PETRARCH-style pattern: ``*`` marks the verb (its lemma, or an
    inflected form tried before the lemma's entries), the other words must come before or
    after it in the sentence in that order, ``_`` joins adjacent words and ``%`` stands for
    two actors joined by "and" ("% have *delay", "death toll *rise"); cameo ``---`` = no event."""
    table = read_triggers(ontology.read_csv_rows("events", "triggers.csv"), strict=True)
    if user_verbs:
        try:
            with open(user_verbs, encoding="utf-8") as handle:
                rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            raise DictionaryError(f"cannot read the verb dictionary {user_verbs}: {exc}",
                                  hint="pass a CSV with columns term,pos,cameo[,weight]") from exc
        if rows and not {"term", "pos", "cameo"} <= set(rows[0]):
            raise DictionaryError(f"{user_verbs}: expected columns term,pos,cameo[,weight], got {sorted(rows[0])}")
        table.update(read_triggers(rows, strict=False))
    return table


@functools.lru_cache(maxsize=1)
def refinements() -> list[tuple[str, str, str]]:
    return [(r["family"], r["cue"], r["code"]) for r in ontology.read_csv_rows("events", "refine.csv")]


@functools.lru_cache(maxsize=1)
def mode_cues() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for row in ontology.read_csv_rows("events", "modes.csv"):
        table.setdefault(row["plover"], []).append((row["cue"], row["mode"]))
    return table


def mode_for(plover: str | None, default: str | None, sentence_lemmas: set[str]) -> str | None:
    for cue, mode in mode_cues().get(plover or "", ()):
        if cue in sentence_lemmas:
            return mode
    return default


@functools.lru_cache(maxsize=1)
def figurative_objects() -> frozenset[str]:
    return frozenset(r["lemma"].strip() for r in ontology.read_csv_rows("events", "figurative.csv"))


def figurative(token: Token, trig: Trigger) -> bool:
    if ontology.ROOT_TO_QUAD.get(trig.cameo[:2]) != 4:
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for g in c.children if g.dep_ == "pobj"]
    figurative = figurative_objects()
    return any(o.lemma_.lower() in figurative or any(c.lemma_.lower() in figurative for c in o.children
                                                     if c.dep_ == "compound") for o in objects)


@functools.lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(r["lemma"].strip() for r in ontology.read_csv_rows("events", "light_verbs.csv"))


def _near_lemmas(token: Token, depth: int = 2) -> set[str]:
    """Lemmas of the trigger's own phrase: its dependents two levels down, not other clauses."""
    out: set[str] = set()
    frontier = [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ not in CLAUSE_DEPS]
        out.update(c.lemma_.lower() for c in frontier)
        out.update(c.lower_ for c in frontier)
    return out


def match_trigger(token: Token, table: dict | None = None) -> Trigger | None:
    table = triggers() if table is None else table
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    if pos == "PROPN":
        pos = "NOUN"
    lemma, form = token.lemma_.lower(), token.lower_
    entries = table.get((lemma, pos)) or table.get((form, pos))
    if pos == "VERB" and form != lemma and entries and (form, pos) in table and (lemma, pos) in table:
        entries = table[(form, pos)] + entries  # a form listed on its own ("left") before its lemma ("leave")
    if not entries:
        return None
    near = words = None
    for entry in entries:
        if any("*" in w for w in entry.others):
            words = words if words is not None else [t.lower_.replace("\u2019", "'") for t in token.sent]
            if not _ordered_match(token, entry.others, words):
                continue
        elif entry.others:
            near = near if near is not None else _near_lemmas(token)
            if not all(w in near for w in entry.others):
                continue
        return None if entry.cameo == NO_EVENT else entry  # "riot police": the user says no event
    return None


def _ordered_term(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """A PETRARCH-style term: ``*`` marks the verb, words before it must come before it in
    the sentence and words after it after, in order; ``_`` joins words that must be adjacent
    ("most_certainly_did_n't *clash over efforts"). -> (verb, chunks with the verb as "*")."""
    k = next(i for i, w in enumerate(words) if "*" in w)
    pre, _, rest = words[k].partition("*")
    head, _, post = rest.partition("_")
    chunk = pre + "*" + ("_" + post if post else "")
    return head, tuple(words[:k]) + (chunk,) + tuple(words[k + 1:])


def _ordered_match(token: Token, chunks: tuple[str, ...], words: list[str]) -> bool:
    """The chunks around ``*`` occur in order before/after the verb in its sentence (``words``)."""
    sent = token.sent
    v = token.i - sent.start
    k = next(i for i, c in enumerate(chunks) if "*" in c)
    pre, _, post = chunks[k].partition("*")
    pre_w, post_w = [w for w in pre.split("_") if w], [w for w in post.split("_") if w]
    lo, hi = v - len(pre_w), v + 1 + len(post_w)
    if lo < 0 or words[lo:v] != pre_w or words[v + 1:hi] != post_w:
        return False
    for chunk in reversed(chunks[:k]):
        c = chunk.split("_")
        if chunk == "%":
            j = next((j for j in range(lo - 1, -1, -1) if _compound(sent, j, 0)), -1)
            lo = sent[j].head.i - sent.start if j >= 0 else -1
        else:
            lo = next((j for j in range(lo - len(c), -1, -1) if words[j:j + len(c)] == c), -1)
        if lo < 0:
            return False
    for chunk in chunks[k + 1:]:
        c = chunk.split("_")
        if chunk == "%":
            j = next((j for j in range(hi, len(words)) if _compound(sent, j, hi)), -1)
        else:
            j = next((j for j in range(hi, len(words) - len(c) + 1) if words[j:j + len(c)] == c), -1)
        if j < 0:
            return False
        hi = j + (1 if chunk == "%" else len(c))
    return True


def _compound(sent, j: int, after: int) -> bool:
    """``%`` in a pattern: token j is a noun joined to an earlier one at or after ``after``
    ("Gondor and Osgiliath have delayed")."""
    t = sent[j]
    return t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "PRON") and after <= t.head.i - sent.start < j


def refine(code: str, sentence_lemmas: set[str]) -> str:
    for family, cue, new in refinements():
        if code.startswith(family) and cue in sentence_lemmas:
            return new
    return code

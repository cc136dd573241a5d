"""PETRARCH verb dictionary -> flashpoint's verb CSV (``term,pos,cameo,weight``).

Each verb of a block becomes a row keyed by its lemma (``*abandon``), with the verb's
own code or the block's; each pattern becomes an ordered term around that verb, its
synsets expanded (``will not *contribute swiss_francs``): ``*`` marks the verb, words
before it must precede it in the sentence, words after it follow it, ``_`` joins words
that must be adjacent (see ``pipeline/events.py``). ``---`` rows say "no event".

An inflected block verb ("LEFT") is keyed by its lemma unless another block holds the
lemma itself ("LEAVE"): then it keeps its form, which the matcher tries first, as
PETRARCH does. Speech verbs that flashpoint treats as reporting ("say", "tell") get a
low weight when they stand alone, so the act they report ranks first.
"""
from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass, field
from typing import Callable, TextIO

from .petr import NO_EVENT, Block, Pattern, Verb, VerbDictionary

MAX_EXPANSIONS = 512


@dataclass(frozen=True)
class Weights:
    verb: float = 0.8      # a verb alone
    pattern: float = 0.9   # a verb in a pattern: more words, more certain
    speech: float = 0.3    # a reporting verb alone ("said", "reported"): the act it reports ranks first


@dataclass
class VerbRow:
    term: str
    cameo: str
    weight: float
    pos: str = "VERB"


@dataclass
class VerbConversion:
    rows: list[VerbRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    verbs: int = 0
    patterns: int = 0


def _alternatives(item: str, synsets: dict[str, list[list[str]]], seen: tuple[str, ...] = ()) -> list[list[str]] | None:
    """The word sequences a pattern item stands for; None for an unknown synset."""
    if not item.startswith("&"):
        return [[item]]
    name = item.rstrip("_")
    if name not in synsets or name in seen:
        return None
    out: list[list[str]] = []
    for member in synsets[name]:
        expanded = _sequence(member, synsets, seen + (name,))
        if expanded is None:
            return None
        out.extend(expanded)
    return out


def _sequence(items: list[str], synsets, seen: tuple[str, ...] = ()) -> list[list[str]] | None:
    parts = []
    for item in items:
        alts = _alternatives(item, synsets, seen)
        if alts is None:
            return None
        parts.append(alts)
    out = []
    for combo in itertools.islice(itertools.product(*parts), MAX_EXPANSIONS + 1):
        out.append([w for seq in combo for w in seq])
    return out


def expand(pattern: Pattern, synsets) -> list[list[list[str]]] | None:
    """Every synset choice of a pattern: a list of chunk lists; None for an unknown synset."""
    per_chunk = []
    for chunk in pattern.chunks:
        seqs = _sequence(chunk, synsets)
        if seqs is None:
            return None
        per_chunk.append(seqs)
    return [list(c) for c in itertools.islice(itertools.product(*per_chunk), MAX_EXPANSIONS + 1)]


def _verb_chunk(verb: Verb, key: str) -> list[str]:
    return verb.words[:verb.index] + ["*" + key] + verb.words[verb.index + 1:]


def _term(chunks: list[list[str]], verb_chunk: list[str]) -> str:
    out = []
    for chunk in chunks:
        merged: list[str] = []
        for w in chunk:
            merged.extend(verb_chunk if w == "*" else [w])
        out.append("_".join(merged))
    return " ".join(out)


def verb_keys(dictionary: VerbDictionary, lemma: Callable[[str], str]) -> dict[str, str]:
    """Verb word -> the key its rows go under (its lemma, or itself; see the module doc)."""
    words = {v.words[v.index] for b in dictionary.blocks for v in b.verbs}
    bases = {w for w in words if lemma(w) == w}
    keys = {}
    for w in words:
        lem = lemma(w)
        keys[w] = w if lem == w or lem in bases else lem
    return keys


def convert_verbs(dictionary: VerbDictionary, *, lemma: Callable[[str], str] | None = None,
                  weights: Weights = Weights(), source: str = "verbs") -> VerbConversion:
    if lemma is None:
        from .lemma import verb_lemma as lemma
    from ..pipeline.status import REPORTING

    speech = REPORTING | {"report"}
    out = VerbConversion(warnings=list(dictionary.warnings))
    keys = verb_keys(dictionary, lemma)
    table: dict[str, VerbRow] = {}
    for block in dictionary.blocks:
        expanded = _expand_block(block, dictionary.synsets, out.warnings, source)
        for verb in block.verbs:
            out.verbs += 1
            key = keys[verb.words[verb.index]]
            aliases = [key] + [f for f in verb.forms if lemma(f) != lemma(key) and f != key]
            for alias in dict.fromkeys(aliases):
                vchunk = _verb_chunk(verb, alias)
                code = verb.code or block.code
                alone = weights.speech if lemma(alias) in speech and not verb.index and len(verb.words) == 1 \
                    else weights.verb
                _put(table, VerbRow(_term([["*"]], vchunk), code, alone))
                for pattern, chunk_lists in expanded:
                    for chunks in chunk_lists:
                        _put(table, VerbRow(_term(chunks, vchunk), pattern.code, weights.pattern))
    out.patterns = sum(len(b.patterns) for b in dictionary.blocks)
    out.rows = list(table.values())
    return out


def _put(table: dict[str, VerbRow], row: VerbRow) -> None:
    table.pop(row.term, None)  # a later entry for the same words wins, as in PETRARCH
    table[row.term] = row


def _expand_block(block: Block, synsets, warnings: list[str], source: str):
    out = []
    for pattern in block.patterns:
        chunk_lists = expand(pattern, synsets)
        if chunk_lists is None:
            warnings.append(f"{source} line {pattern.line}: unknown synset in pattern; skipped")
            continue
        if len(chunk_lists) > MAX_EXPANSIONS:
            warnings.append(f"{source} line {pattern.line}: more than {MAX_EXPANSIONS} synset choices; kept the first")
            chunk_lists = chunk_lists[:MAX_EXPANSIONS]
        out.append((pattern, chunk_lists))
    return out


def write_csv(rows: list[VerbRow], stream: TextIO, source: str | None = None) -> None:
    if source:
        stream.write(f"# flashpoint verb dictionary converted from {source}; '*' marks the verb, '---' = no event\n")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["term", "pos", "cameo", "weight"])
    for row in rows:
        writer.writerow([row.term, row.pos, row.cameo if row.cameo else NO_EVENT, f"{row.weight:g}"])

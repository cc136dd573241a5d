"""Find dictionary actors in a Doc: one PhraseMatcher pass over lower-cased tokens
(plus an exact-case pass for acronyms that are also English words: US, IS, AU ...).

User entries take precedence over built-in ones: they are placed first, and built-in
matches overlapping a user match are dropped. Among matches of one origin the longest
wins. Entries whose validity dates exclude ``doc._.fp_date`` are ignored.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .dictionary import ActorEntry

# lower-cased, these are ordinary words: such a pattern only matches its own spelling
CASE_SENSITIVE = frozenset(
    "us is it as at in on or an no so to he we me my am be do go if of up by hi oh ok sad car "
    "who aid ira eta ola pdf npa blah saf".split())


@dataclass
class DictMatch:
    start: int
    end: int
    entry: ActorEntry


class ActorMatcher:
    def __init__(self, vocab: Vocab, tokenizer, entries: Iterable[ActorEntry]):
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._entries: dict[str, list[ActorEntry]] = {}
        patterns: dict[str, list] = {}
        for entry in entries:
            exact = entry.pattern.lower() in CASE_SENSITIVE
            key = ("=" if exact else "~") + (entry.pattern if exact else entry.pattern.lower())
            if key not in self._entries:
                self._entries[key] = []
                patterns[key] = _variants(tokenizer, entry.pattern, exact)
            # user entries first: they are preferred for the same pattern
            self._entries[key].append(entry)
        for key, docs in patterns.items():
            self._entries[key].sort(key=lambda e: e.origin != "user")
            (self._exact if key[0] == "=" else self._lower).add(key, docs)
        self._strings = vocab.strings

    def __len__(self) -> int:
        return len(self._entries)

    def entry_for(self, key: str, date: dt.date | None) -> ActorEntry | None:
        """The first entry for a pattern valid on ``date`` (user entries first).

        A built-in office holder out of office on ``date`` is still of his country: he is
        coded as one of its elites (CAMEO ``ELI``), as CAMEO codes former officials.
        """
        entries = self._entries.get(key, ())
        for entry in entries:
            if entry.valid_on(date):
                return entry
        leaders = [e for e in entries if e.kind == "leader" and e.origin == "builtin"]
        if leaders:  # an organisation's former head stays with the organisation (IGO)
            sector = "IGO" if leaders[-1].sector == "IGO" else "ELI"
            return replace(leaders[-1], sector=sector, valid_from=None, valid_to=None)
        return None

    def __call__(self, doc: Doc) -> list[DictMatch]:
        date = doc._.fp_date if Doc.has_extension("fp_date") else None
        if isinstance(date, dt.datetime):
            date = date.date()
        elif not isinstance(date, dt.date):
            date = None
        found = []
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                entry = self.entry_for(self._strings[match_id], date)
                if entry is not None:
                    found.append(DictMatch(start, end, entry))
        found.sort(key=lambda m: (m.entry.origin != "user", -(m.end - m.start), m.start))
        taken = bytearray(len(doc))
        kept = []
        for m in found:
            if any(taken[m.start:m.end]):
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept


def _variants(tokenizer, pattern: str, exact: bool) -> list[Doc]:
    """The pattern tokenised as written, and in the other casings when the tokenizer
    splits those differently ("k.u." vs "K.U.", "u.s." vs "U.S.")."""
    docs = [tokenizer(pattern)]
    if exact:
        return docs
    seen = {tuple(t.lower_ for t in docs[0])}
    for form in (pattern.upper(), pattern.title(), pattern.lower()):
        doc = tokenizer(form)
        key = tuple(t.lower_ for t in doc)
        if key not in seen:
            seen.add(key)
            docs.append(doc)
    return docs

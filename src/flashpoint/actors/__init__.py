"""Actor coding: dictionaries (built-in CSV data plus a user's CSV), phrase matching,
sector resolution from head nouns, and the PETRARCH dictionary converter.

    from flashpoint.actors import ActorCoder
    coder = ActorCoder(nlp, user_dictionary="my_actors.csv")
    mentions = coder(doc)            # list[ActorMention]
"""
from __future__ import annotations

from pathlib import Path

from .dictionary import ActorEntry, builtin_entries, read_actor_csv, sector_nouns
from .matcher import ActorMatcher
from .resolve import MentionBuilder
from .sectors import SectorLexicon

__all__ = ["ActorCoder", "ActorEntry", "builtin_entries", "read_actor_csv"]


class ActorCoder:
    """Everything the actors stage needs, built once per pipeline."""

    def __init__(self, nlp, user_dictionary: str | Path | None = None, builtin: bool = True):
        entries = builtin_entries() if builtin else []
        if user_dictionary:
            entries = read_actor_csv(user_dictionary) + entries
        self.matcher = ActorMatcher(nlp.vocab, nlp.make_doc, entries)
        self.build = MentionBuilder(SectorLexicon(sector_nouns()))

    def __call__(self, doc):
        return self.build(doc, self.matcher(doc))

"""Sector resolution: the CAMEO agent code a noun phrase's words imply.

The head noun decides first ("Kosovar police" = COP); a head that is only a generic
agent word ("group", "members") lets its modifiers decide ("commando group" = MIL);
weak nouns ("official", "leader") give way to a named actor's own sector ("Hamas
official" = REB) and apply only when nothing else does ("a senior official" = GOV).
"""
from __future__ import annotations

from spacy.tokens import Token

from .dictionary import SectorNoun

# heads that name a group of people without saying which kind: modifiers decide
GENERIC_AGENTS = frozenset(
    "group member team faction wing side camp body organization organisation movement coalition "
    "network cell element supporter loyalist man woman person youth national figure chief head "
    "staff personnel partner ally counterpart neighbour neighbor nation country minority community "
    "majority representative delegate elite".split())


class SectorLexicon:
    def __init__(self, nouns: dict[tuple[str, ...], SectorNoun]):
        self.nouns = nouns
        self.heads = frozenset(words[-1] for words in nouns)
        self.max_words = max((len(w) for w in nouns), default=1)

    def at(self, tok: Token, left: int) -> SectorNoun | None:
        """The longest sector noun ending at ``tok`` and starting at or after ``left``."""
        doc = tok.doc
        for form in {tok.lemma_.lower(), tok.lower_}:
            if form not in self.heads:
                continue
            for n in range(min(self.max_words, tok.i - left + 1), 0, -1):
                words = tuple(t.lower_ for t in doc[tok.i - n + 1:tok.i]) + (form,)
                hit = self.nouns.get(words)
                if hit is not None:
                    return hit
        return None

    def is_agent_head(self, tok: Token) -> bool:
        return (tok.lemma_.lower() in self.heads or tok.lower_ in self.heads
                or tok.lemma_.lower() in GENERIC_AGENTS)

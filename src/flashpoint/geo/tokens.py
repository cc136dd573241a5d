"""What the places stage reads from a Doc and hands between its steps: the per-token
facts (read once, Token objects are costly), the word lists of ``data/geo/features.toml``,
and the ``Toponym`` a detected name becomes before it is resolved."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .gazetteer import Candidate
from .schema import features

MAX_WORDS = 8  # tokens, hyphens included: "Saint-Priest-en-Jarez"
MIN_STRENGTH = 1.5  # a name weaker than this is not reported as a place
STRONG_LABELS = {"GPE", "LOC"}
SKIP_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LAW", "LANGUAGE"}
_INNER_DOT = re.compile(r"\w\.[a-z]")  # "Ver.di", "Amazon.com": a union's or a site's name, no place
MISREAD_LABELS = SKIP_LABELS - {"LAW", "LANGUAGE"}  # none of them a proper noun: a PROPN inside one is misread
DASHES = {"--", "---", "—", "–", "-"}
MODIFIERS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
             "lower", "greater", "metro", "northeast", "northwest", "southeast", "southwest", "north-east",
             "north-west", "south-east", "south-west", "northeastern", "northwestern", "southeastern",
             "southwestern", "mid", "inner", "outer", "downtown", "suburban", "rural", "coastal"}


@dataclass
class Toponym:
    start: int
    end: int
    cands: tuple[Candidate, ...]
    strength: float  # how sure the text is that this is a place: 3 NER, 2 strong cue, 1.5 cue, 0 none
    hint: str | None = None  # admin1 | admin2 | populated: a type word next to the name
    qualifiers: list["Toponym"] = field(default_factory=list)  # "(Santa Cruz)", ", Texas"
    label: str = ""
    demonym: bool = False  # a nationality word standing for its country ("Serbian")
    encloses: bool = False  # as a qualifier, it surely contains what it qualifies: "(Santa Cruz)", "Seoul -"
    qualifies: "Toponym | None" = None  # the name this one qualifies: "(Santa Cruz)", ", Donetsk"
    person: bool = False  # a word of a longer person's name ("Virginia Smith"): never a place
    street: bool = False  # names a street ("2517 Memphis St."): context for the others, not itself a place
    sentence: int = 0  # which sentence of the text it is in

    @property
    def is_qualifier(self) -> bool:
        return self.qualifies is not None


@functools.cache
def words() -> dict[str, frozenset[str]]:
    f = features()
    hints = {w: kind for kind, words in f["hints"].items() for w in words}
    return {
        "prep": frozenset(f["context"]["prepositions"]),
        "nouns": frozenset(f["context"]["nouns"]),
        "conn": frozenset(f["context"]["connectors"]),
        "generic": frozenset(f["context"]["generic"]),
        "abbreviations": frozenset(f["context"]["abbreviations"]),
        "institutions": frozenset(f["context"]["institutions"]),
        "parties": frozenset(f["context"]["parties"]),
        "streets": frozenset(f["context"]["streets"]),
        "street_prefixes": frozenset(f["context"]["street_prefixes"]),
        "suffix": frozenset(w.casefold() for w in f["designators"]["suffix"]),
        "dates": frozenset(f["context"]["dates"]),
        "hints": hints,  # type: ignore[dict-item]
    }


def cap(t: Token) -> bool:
    return t.text[:1].isupper()


def ent_label(tk: "Tokens", start: int, end: int) -> str:
    """The entity label most of the span's tokens carry ("" for none)."""
    labels = [e for e in tk.ent[start:end] if e]
    if not labels:
        return ""
    return max(dict.fromkeys(labels), key=labels.count)  # ties go to the first label, whatever the hash seed


class Tokens:
    """Per-token facts read once from the Doc (Token objects are costly to make)."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        toks = list(doc)
        self.words = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.idx = [t.idx for t in toks]
        self.cap = [w[:1].isupper() or (w[:2] in ("d'", "l'", "d’", "l’") and w[2:3].isupper())
                    for w in self.words]
        self.sent_start = [bool(t.is_sent_start) for t in toks]
        self.ent = [t.ent_type_ for t in toks]
        self.propn = [t.pos_ == "PROPN" for t in toks]

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.words[end - 1])]

    def startable(self, i: int) -> bool:
        return self.cap[i] and (self.ent[i] not in SKIP_LABELS or self._misdated(i)) and self.words[i] not in DASHES \
            and not self.title(i) and not _INNER_DOT.search(self.words[i])

    def _misdated(self, i: int) -> bool:
        """A proper name the tagger took for a date, a time or a number: "grew up in Saratoga",
        "12:03 p.m. Walker County", "NSW Minister for Primary Industries"."""
        return self.ent[i] in MISREAD_LABELS and self.propn[i] and self.lower[i].rstrip(".") not in words()["dates"]

    def street(self, j: int) -> bool:
        """Whether the word at j makes the name before it a street's: "Memphis St.", "Augusta Road"."""
        if j >= len(self.words) or not self.cap[j] or self.lower[j].rstrip(".") not in words()["streets"]:
            return False
        after = self.words[j + 1] if j + 1 < len(self.words) else ""
        return not (after[:1].isupper() or after[:1].isdigit())  # not "Florida Highway Patrol", "S.C. Highway 17"

    def title(self, i: int) -> bool:
        """"Dr." in "Dr. Moe Hein Tun", "Inc.": a title or a company's suffix, written with a full stop."""
        low = self.lower[i]
        dotted = low.endswith(".") or (i + 1 < len(self.words) and self.words[i + 1] == ".")
        return dotted and low.rstrip(".") in words()["abbreviations"]



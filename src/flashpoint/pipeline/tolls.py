"""Headline tolls: casualty counts read from the word sequence, not the parse.

A headline's parse is often wrong ("Six reported killed", "One serviceman KIA, two WIA"),
so the numbers stage also reads tolls from the words: a count, its victims (people only)
and a casualty word, or an active form right before the count ("shelling kills six").
``CasualtyWords`` holds the casualty vocabulary of ``data/numbers.toml`` and the word
tests both readers share.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..text.numbers import lexicon

NP_WORDS = {"more", "other", "others", "-", "'s", "’s"}  # inside a headline's victims ("two more DPR fighters")
NP_MAX = 6
LIST_JOINS = {",", "and"}
ATTRIBUTION_MARKS = {"-", "—", "–", ":"}
NEGATORS = {"no", "not", "none", "without"}
INCLUSIVE = {"including", "includes", "included", "among", "incl."}  # a part of a count told before
ACTIVE_FORMS = {"killed", "murdered", "executed", "injured", "wounded", "hurt"}  # may take an object


@dataclass
class Toll:
    """A headline count of the dead or injured, read from the words."""
    kind: str
    value: int | float
    spans: frozenset[int]  # indices of the number spans it sums
    start: int
    end: int
    head: int
    qualifier: str = "exact"


def attributed(verb: Token, obj: Token) -> bool:
    """Is ``obj`` a source after a dash or colon ("… killed - governor"), not the verb's object?"""
    doc = verb.doc
    return obj.i > verb.i and any(t.text in ATTRIBUTION_MARKS and (t.text != "-" or t.whitespace_ or doc[t.i - 1].whitespace_)
                                  for t in doc[verb.i + 1:obj.i])  # "off-duty" is no dash


def age_end(doc: Doc, e: int) -> int | None:
    """End of "-year-old" after a number: "an 8-year-old" is one person, not eight."""
    words = [t.lower_ for t in doc[e:e + 4]]
    for form in (["-", "year", "-", "old"], ["-", "years", "-", "old"], ["-", "year", "old"], ["year", "old"],
                 ["years", "old"]):
        if words[:len(form)] == form:
            return e + len(form)
    return None


def counted_noun(doc: Doc, e: int) -> Token | None:
    """The noun a figure ending at token ``e`` counts: "a dozen ADAPEI medical-social workers"
    counts workers (adjectives, "of" and a determiner may stand between); none for "30-strong"."""
    i = e
    if i < len(doc) and doc[i].text in ("-strong", "strong") or (i + 1 < len(doc) and doc[i].text == "-"
                                                               and doc[i + 1].lower_ == "strong"):
        return None
    while i < len(doc) and (doc[i].pos_ in ("ADJ", "PUNCT") and doc[i].text not in (",", ".", ";", "(", ")")
                            or doc[i].lower_ == "of" or doc[i].pos_ == "DET"):
        i += 1
        if i - e > 3:
            return None
    if i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN"):
        x = doc[i]
        while x.dep_ in ("compound", "amod", "nmod") and x.i < x.head.i <= x.i + 4 and x.head.pos_ in (
                "NOUN", "PROPN"):
            x = x.head
        return x
    return None


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each token's sentence: ``token.sent`` builds a Span per call, too slow per token."""
    bounds: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
    for sent in doc.sents:
        bounds[sent.start:sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
    return bounds


class CasualtyWords:
    """The casualty vocabulary of numbers.toml, with the word tests the parse reader and the
    headline reader share."""

    def __init__(self) -> None:
        cas = lexicon()["casualties"]
        self.fatal_verbs = set(cas["fatal_verbs"]) - set(cas["strict_verbs"])
        self.strict = set(cas["strict_verbs"])
        self.with_dead = set(cas["fatal_with_dead"])
        self.injury_verbs = set(cas["injury_verbs"])
        self.fatal_nouns = set(cas["fatal_nouns"])
        self.injury_nouns = set(cas["injury_nouns"])
        self.toll = set(cas["toll_nouns"])
        self.crowd_nouns = set(cas["crowd_nouns"])
        self.protest = set(cas["protest_words"])
        self.not_counts = set(cas["not_counts"])
        self.person_suffixes = tuple(cas["person_suffixes"])
        self.person_endings = tuple(cas["person_endings"]) + self.person_suffixes
        self.person_nouns = set(cas["person_nouns"]) | self.crowd_nouns
        self.toll_words = {**{w: "injuries" for w in cas["toll_injury_words"]},
                           **{w: "fatalities" for w in cas["toll_fatal_words"]}}
        self.toll_verbs = {**{w: "injuries" for w in cas["toll_injury_verbs"]},
                           **{w: "fatalities" for w in cas["toll_fatal_verbs"]}}
        self.bridges = set(cas["toll_bridges"])
        self.cumulative = tuple(cas["cumulative"])
        self.toll_links = set(cas["toll_links"])
        self.things = set(cas["things"])
        self.thing_endings = tuple(cas["thing_endings"])

    def person(self, t: Token) -> bool:
        return t.lower_ in self.person_nouns or t.pos_ in ("NOUN", "PROPN") and t.lower_.endswith(self.person_endings)

    def thing(self, t: Token) -> bool:
        """An act or an object, never a victim: "killed in the shelling", "shot down an airliner"."""
        return t.lower_ in self.things or t.lower_.endswith(self.thing_endings) and not self.person(t)


class HeadlineTolls:
    def __init__(self, words: CasualtyWords, blocked: Callable[[Token], bool]) -> None:
        self.words = words
        self.blocked = blocked  # the numbers stage's test for a death word that counts nobody

    def _np_end(self, doc: Doc, i: int, stop: int) -> int:
        """Where the plain noun phrase of victims starting at ``i`` ends ("Ukrainian servicemen")."""
        j = i
        while (j < stop and j - i < NP_MAX and (doc[j].lower_ in NP_WORDS or doc[j].pos_ in ("ADJ", "NOUN", "PROPN"))
               and doc[j].lower_ not in self.words.toll_words and doc[j].lower_ not in self.words.bridges
               and not (doc[j].text == "-" and (doc[j].whitespace_ or doc[j - 1].whitespace_))):  # a dash ends it
            j += 1
        return j

    def _group(self, doc: Doc, i: int, stop: int, spans, starts) -> tuple[int | float, int | None, int] | None:
        """(count, number span, end) of one listed victim group: a count and its victims, or one
        person with no count ("a civilian", "soldier"); the caller checks the victims are people."""
        if i >= stop:
            return None
        if i in starts:
            k = starts[i]
            ns, _, e = spans[k]
            if ns.unit:
                return None
            age = age_end(doc, e)
            if age is not None:
                return 1, None, self._np_end(doc, age, stop)
            j = e + (ns.vague and e < stop and doc[e].lower_ == "of")  # "dozens of civilians"
            end = self._np_end(doc, j, stop)
            if end > j and doc[end - 1].lower_ in self.words.not_counts:  # "24 hours", "25 times"
                return None
            return ns.value, k, end
        j = i + (doc[i].lower_ in ("a", "an", "another"))
        end = self._np_end(doc, j, stop)
        return (1, None, end) if end > j and doc[end - 1].tag_ not in ("NNS", "NNPS") and self.words.person(doc[end - 1]) \
            else None

    def _part(self, doc: Doc, s: int, bounds) -> bool:
        """Is the count at ``s`` a part of one told before it ("Nine people including two officers and
        seven civilians were killed")? Looks back to the clause's start."""
        for t in reversed(doc[bounds[s][0]:s]):
            if t.lower_ in INCLUSIVE:
                return True
            if t.lower_ in self.words.toll_words or t.is_punct and t.text not in ("-", "'"):
                return False
        return False

    def _list_toll(self, doc: Doc, i: int, spans, starts, bounds) -> Toll | None:
        """"Five troops, 19 civilians reported killed": the groups listed before a casualty word."""
        stop = bounds[i][1]
        first = self._group(doc, i, stop, spans, starts)
        if first is None:
            return None
        total, ks, end = first[0], {first[1]} - {None}, first[2]
        while end < stop and doc[end].lower_ in LIST_JOINS:
            j = end + 1 + (end + 1 < stop and doc[end].text == "," and doc[end + 1].lower_ == "and")
            more = self._group(doc, j, stop, spans, starts)
            if more is None:
                break
            if not (self.words.person(doc[end - 1]) and self.words.person(doc[more[2] - 1])):
                return None  # "violated the truce 12 times, one soldier killed": a list of people only
            total, end = total + more[0], more[2]
            ks |= {more[1]} - {None}
        c = end + (end + 1 < stop and doc[end].text == "," and doc[end + 1].lower_ in self.words.toll_words)
        while c < stop and c - end < 3 and doc[c].lower_ in self.words.bridges:
            c += 1
        if c >= stop or doc[c].lower_ not in self.words.toll_words:
            return None
        nxt = doc[c + 1] if c + 1 < stop else None
        if nxt is not None and (nxt.lower_ == "or" or doc[c].lower_ in ACTIVE_FORMS and (
                nxt.pos_ in ("DET", "NUM", "PRON") or c + 1 in starts
                or any(ch.dep_ == "dobj" and ch.i > c and ch.ent_type_ not in ("GPE", "LOC")
                       and not attributed(doc[c], ch) for ch in doc[c].children))):
            return None  # "3 gunmen killed two soldiers": the count is of the killers; "killed or wounded"
        qual = spans[min(ks)][0].qualifier if ks else "exact"
        return Toll(self.words.toll_words[doc[c].lower_], total, frozenset(ks), i, c + 1, end - 1, qual)

    def __call__(self, doc: Doc, spans) -> list[Toll]:
        starts = {s: k for k, (_, s, _) in enumerate(spans)}
        inside = {i for _, s, e in spans for i in range(s, e)}
        bounds = _sentence_bounds(doc)
        out: list[Toll] = []
        covered: set[int] = set()
        for i, t in enumerate(doc):
            if i in covered:
                continue
            prev = doc[i - 1] if i > bounds[i][0] else None
            active = prev is not None and prev.lower_ in self.words.toll_verbs and not self.blocked(prev)
            if active and i not in inside:  # "explosive device kills civilian"
                one = self._group(doc, i, bounds[i][1], spans, starts)
                if one is not None and one[1] is None:
                    out.append(Toll(self.words.toll_verbs[prev.lower_], 1, frozenset(), i, one[2], one[2] - 1))
                    covered.update(range(i, one[2]))
                    continue
            if i in starts:
                ns, s, e = spans[starts[i]]
                if active and not ns.unit:
                    noun = counted_noun(doc, e)  # "shelling kills six", "killing 14 troops"
                    age = age_end(doc, e)
                    year = 1900 <= ns.value <= 2100
                    if age is None and (noun is None or noun.lower_ not in self.words.not_counts) and not year:
                        out.append(Toll(self.words.toll_verbs[prev.lower_], ns.value, frozenset({starts[i]}), s, e,
                                        noun.i if noun is not None else s, ns.qualifier))
                        covered.update(range(s, e))
                        continue
                    if age is not None:  # "kills 8-year-old"
                        out.append(Toll(self.words.toll_verbs[prev.lower_], 1, frozenset({starts[i]}), s, age, age - 1))
                        covered.update(range(s, age))
                        continue
                lead = doc[s - 2] if prev is not None and prev.pos_ == "DET" and s - 2 >= bounds[i][0] else prev
                if lead is not None and (lead.pos_ == "ADP" or lead.lower_ in self.words.toll_verbs) or self._part(doc, s, bounds) \
                        or prev is not None and prev.lower_ in NEGATORS:
                    continue  # "the death of 5 soldiers", "killing 2 soldiers and 3 civilians were hurt", "no one"
            elif i in inside or not (prev is None or prev.is_punct):
                continue
            toll = self._list_toll(doc, i, spans, starts, bounds)
            if toll is not None:
                out.append(toll)
                covered.update(range(toll.start, toll.end))
        return out

"""The dates stage: every date expression, resolved against the reference date.

Writes ``doc._.fp_dates`` (``DateMention``). Candidates come from
``flashpoint.text.dates.find_dates`` (one regex pass per sentence; see its docstring for
the resolution rules) plus spaCy's DATE entities that the patterns do not cover: a bare
year ("in 2006 and 2007") resolves to that year, others that name a period ("the last few
months") are kept with ``value=None`` (a date is named but cannot be resolved); ages
("22-year-old") and ordinals are dropped. A sentence with a future
auxiliary ("will", "shall") reads bare weekdays forward ("will meet on Monday").
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..text.dates import find_dates
from .mentions import DateMention

FUTURE = {"will", "shall", "'ll", "wo"}
YEAR = re.compile(r"(?:1[89]|20)\d\d")
DATE_WORDS = re.compile(r"\b(?:days?|weeks?|weekends?|months?|years?|decades?|century|centuries|spring|summer|"
                        r"autumn|fall|winter|night|morning|evening|ago|later|earlier|recently)\b", re.IGNORECASE)


def _future(sent) -> bool:
    return any(t.lower_ in FUTURE and t.tag_ == "MD" for t in sent)


class DateStage:
    def __call__(self, doc: Doc) -> Doc:
        ref = doc._.fp_date
        out: list[DateMention] = []
        covered: set[int] = set()
        for sent in doc.sents:
            base = sent.start_char
            for d in find_dates(sent.text, ref, future=_future(sent)):
                span = (doc.char_span(base + d.start, base + d.end, alignment_mode="contract")
                        or doc.char_span(base + d.start, base + d.end, alignment_mode="expand"))
                if span is None or not len(span):
                    continue
                covered.update(range(span.start, span.end))
                out.append(DateMention(span.start, span.end, span.start_char, span.end_char, span.text,
                                       value=d.value, precision=d.precision, relation=d.relation))
        for ent in doc.ents:
            if ent.label_ != "DATE" or covered.intersection(range(ent.start, ent.end)):
                continue
            if YEAR.fullmatch(ent.text):  # "in 2006 and 2007", "the 2010 census"
                out.append(DateMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text,
                                       value=ent.text, precision="year"))
            elif DATE_WORDS.search(ent.text) and not ent.text.lower().endswith("old"):  # "the last few months"
                out.append(DateMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text))
        doc._.fp_dates = sorted(out, key=lambda m: (m.start, m.end))
        return doc


@Language.factory("flashpoint_dates_v1", default_config={})
def make_dates(nlp: Language, name: str) -> DateStage:
    return DateStage()

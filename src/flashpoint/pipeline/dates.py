"""The dates stage: every date expression, resolved against the reference date.

Writes ``doc._.fp_dates`` (``DateMention``). Candidates come from
``flashpoint.text.dates.find_dates`` (one regex pass per sentence; see its docstring for
the resolution rules) plus spaCy's DATE entities that the patterns do not cover (kept
with ``value=None``: a date is named but cannot be resolved). A sentence with a future
auxiliary ("will", "shall") reads bare weekdays forward ("will meet on Monday").
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text.dates import find_dates
from .mentions import DateMention

FUTURE = {"will", "shall", "'ll", "wo"}


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
                span = doc.char_span(base + d.start, base + d.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                covered.update(range(span.start, span.end))
                out.append(DateMention(span.start, span.end, span.start_char, span.end_char, span.text,
                                       value=d.value, precision=d.precision, relation=d.relation))
        for ent in doc.ents:
            if ent.label_ == "DATE" and not covered.intersection(range(ent.start, ent.end)):
                out.append(DateMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text))
        doc._.fp_dates = sorted(out, key=lambda m: (m.start, m.end))
        return doc


@Language.factory("flashpoint_dates_v1", default_config={})
def make_dates(nlp: Language, name: str) -> DateStage:
    return DateStage()

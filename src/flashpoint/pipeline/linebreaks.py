"""flashpoint_linebreaks_v1: a line break ends a sentence.

Headlines, bylines and subheads ("Pistorius assures Pristina of further support") carry
no final stop; without this the parser glues them to the next sentence. Runs before
the parser, which keeps the boundaries it is given.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("flashpoint_linebreaks_v1", default_config={})
def make_linebreaks(nlp: Language, name: str):
    def split_lines(doc: Doc) -> Doc:
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_ and not prev.is_space:
                token.is_sent_start = True
        return doc
    return split_lines

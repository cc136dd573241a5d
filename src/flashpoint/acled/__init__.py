"""ACLED typing: event type and sub-event type of an event from its sentence (or note).

    lexicon.py   loads the cue lexicons and tables under ``data/acled/``
    cues.py      finds cues, their negation and the people involved in a span
    classify.py  ACLED's codebook rules over those cues -> (event type, sub-event type)

The spaCy stage that uses them is ``pipeline/acled.py`` (``flashpoint_acled_v1``).
"""
from .classify import Label, classify_note, classify_span, note_tag
from .lexicon import Lexicon, load_lexicon

__all__ = ["Label", "Lexicon", "classify_note", "classify_span", "load_lexicon", "note_tag"]

"""What the numbers-stage tests share: the values the stage read of one kind."""
from __future__ import annotations


def kinds(nlp, text: str, kind: str) -> list:
    """The values of the ``kind`` ("fatalities", "injuries", ...) numbers read in ``text``."""
    return [m.value for m in nlp(text)._.fp_numbers if m.kind == kind]

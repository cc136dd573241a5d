"""User verb dictionaries: read PETRARCH / TABARI ``.verbs`` files and write flashpoint's
verb CSV (``term,pos,cameo,weight``) for ``flashpoint extract --verbs``.

    from flashpoint.verbs import parse_verbs, convert_verbs, write_csv
    result = convert_verbs(parse_verbs(open("PETR.verbs.txt")))
"""
from __future__ import annotations

from pathlib import Path

from .convert import VerbConversion, VerbRow, Weights, convert_verbs, write_csv
from .petr import VerbDictionary, parse_verbs

__all__ = ["VerbConversion", "VerbDictionary", "VerbRow", "Weights", "convert_verbs", "parse_verbs",
           "read_lines", "write_csv"]


def read_lines(path: str | Path) -> list[str]:
    """A dictionary file's lines; undecodable bytes are replaced, not fatal."""
    return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()

"""Name keys for the gazetteer: case-, accent- and punctuation-insensitive.

    key("Mitrovicë") == key("MITROVICE") == "mitrovice"
    key("St. Clair Twp.") == "st clair twp"
"""
from __future__ import annotations

import functools
import re
import unicodedata

_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "œ": "oe",
                       "‘": "'", "’": "'", "`": "'", "´": "'", "–": "-", "—": "-"})
_PUNCT = re.compile(r"[.'\u02bc]")
_SEP = re.compile(r"[\s\-_,/()]+")
_LATIN = re.compile(r"^[a-z0-9 &]+$")


@functools.lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """The lookup key of a place name."""
    if name.isascii():
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
        text = unicodedata.normalize("NFKD", "".join(c for c in text if not unicodedata.combining(c)).casefold())
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    text = _PUNCT.sub("", text)
    return _SEP.sub(" ", text).strip()


def is_latin_key(k: str) -> bool:
    """A key that English text can contain (drops Cyrillic, Arabic, CJK, ... alternate names)."""
    return bool(k) and _LATIN.match(k) is not None and any(c.isalpha() for c in k)


def alias_key(alias: str) -> str:
    """An abbreviation with a full stop ("Pa.", "Calif.") keeps it: "PA" or "Pa" alone is no state."""
    if alias.endswith(".") and any(c.islower() for c in alias):
        return key(alias) + "."
    return key(alias)

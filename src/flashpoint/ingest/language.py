"""Language identification (py3langid, offline) and the set of languages flashpoint codes.

Only English has a pipeline today (see ``docs/languages.md``). Readers set
``Document.language`` (ISO 639-1); the store keeps other languages with the status
``unsupported-language`` instead of coding them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import UnsupportedLanguageError
from ..records import Document

SUPPORTED_LANGUAGES = frozenset({"en"})
MIN_CHARS = 40          # shorter texts are not classified (too unreliable)
SAMPLE_CHARS = 5000     # the classifier reads at most this much
_NAMES = {"english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr", "spanish": "es",
          "español": "es", "russian": "ru", "arabic": "ar", "ukrainian": "uk", "serbian": "sr", "albanian": "sq",
          "portuguese": "pt", "italian": "it", "turkish": "tr", "chinese": "zh", "persian": "fa", "hebrew": "he"}
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\b")
_WORD = re.compile(r"^\s*([^\W\d_]+)")


def normalize_code(value: object) -> str | None:
    """``"en"``, ``"en-GB"``, ``"English"``, ``"en (an English rendering)"`` -> ``"en"``; else None."""
    if not isinstance(value, str):
        return None
    word = _WORD.match(value)
    if word and word.group(1).lower() in _NAMES:
        return _NAMES[word.group(1).lower()]
    m = _CODE.match(value)
    if m and len(m.group(1)) == 2:
        return m.group(1).lower()
    return None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code, probability)``; ``(None, 0.0)`` for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)


def set_language(doc: Document, *, prefer_declared: bool = True) -> Document:
    """Fill ``doc.language``: a declared code (normalised) or the detected one.

    With ``prefer_declared=False`` (HTML ``lang`` attributes are often template
    defaults) a confident detection overrides the declaration.
    """
    declared = normalize_code(doc.language)
    if doc.language is not None and declared != doc.language:
        doc.meta.setdefault("declared_language", doc.language)
    if declared and prefer_declared:
        doc.language = declared
        return doc
    code, prob = detect(doc.text)
    if code and (prob >= 0.9 or not declared):
        doc.language = code
        doc.meta["language_probability"] = round(prob, 3)
    else:
        doc.language = declared
    return doc


def is_supported(doc: Document) -> bool:
    """Whether flashpoint can code ``doc``: English, or a language nobody could tell."""
    return doc.language is None or doc.language in SUPPORTED_LANGUAGES


def language_error(doc: Document) -> UnsupportedLanguageError | None:
    """The E106 error for a document in a language without a pipeline, else None."""
    if is_supported(doc):
        return None
    return UnsupportedLanguageError(f"document {doc.id!r} is in {doc.language!r}; flashpoint codes only "
                                    f"{', '.join(sorted(SUPPORTED_LANGUAGES))}",
                                    hint="see docs/languages.md for adding a language")

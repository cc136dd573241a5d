"""Verb lemmas for dictionary words ("SHOT" -> "shoot", "LEFT" -> "leave").

Uses the lemmatizer of the pipeline's spaCy model (the same one that lemmatizes the text
at extraction time, so dictionary and text agree); falls back to a few suffix rules when
the model cannot be loaded.
"""
from __future__ import annotations

import functools
from typing import Callable


def _rules(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "stopped" -> "stop"
            return stem
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


@functools.lru_cache(maxsize=1)
def _spacy_lemmatizer() -> Callable[[str], str] | None:
    try:
        import spacy
        from spacy.tokens import Doc

        from ..pipeline import load_config

        nlp = spacy.load(load_config()["nlp"]["model"], exclude=["parser", "ner", "senter"])
        pipe = nlp.get_pipe("lemmatizer")
        bases = set(pipe.lookups.get_table("lemma_index").get("verb", [])) if pipe.lookups.has_table("lemma_index") else set()
    except Exception:  # noqa: BLE001 - any failure to load means: use the rules
        return None

    def lemma(word: str) -> str:
        if word.lower() in bases:
            return word.lower()  # a base form already ("express", not "expres")
        doc = Doc(nlp.vocab, words=[word.lower()])
        doc[0].tag_ = "VBD"
        doc[0].pos_ = "VERB"
        return pipe(doc)[0].lemma_.lower() or word.lower()
    return lemma


@functools.lru_cache(maxsize=4096)
def verb_lemma(word: str) -> str:
    spacy_lemma = _spacy_lemmatizer()
    return spacy_lemma(word) if spacy_lemma is not None else _rules(word)

"""The weapons stage: weapon classes and named systems, with their modifiers.

Writes ``doc._.fp_weapons`` (``WeaponMention``). The lexicon is ``data/weapons.csv``:
weapon nouns (``head``, plurals matched too), multi-word names (``phrase``), named systems
(``system``: "Javelin", "HIMARS") and the modifiers a span grows over (``modifier``).
An ambiguous word ("strike", "shell", "mine", "tank") carries a ``needs`` context and
counts only in a sentence holding a word of that context (``context`` rows: "fire",
"militants", "explode" …), so "a 90th-minute strike" and "ocean shells" stay out.

A span is a weapon noun plus what stands before it in its noun phrase when that is a
modifier, another weapon word, a named system or a hyphenated compound of those
("Javelin anti-tank missiles", "heavy machine gun", "vehicle-borne improvised explosive
device"); determiners, numbers and nationalities stay out (annotators drop them).
A weapon word that only modifies another weapon noun ("tank" in "anti-tank missiles")
is part of that noun's span, not a mention of its own.
"""
from __future__ import annotations

import csv
import functools
import re
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..errors import DictionaryError
from .mentions import WeaponMention

EXTENDERS = {"launcher", "launchers", "round", "rounds"}
# compound heads that make a weapon word a topic, not a weapon ("gun control", "tank top")
NOT_WEAPON_HEADS = {"violence", "control", "law", "laws", "shop", "shops", "owner", "owners", "rights", "lobby",
                    "crime", "crimes", "show", "top", "tops", "club", "license", "licence", "range", "factory",
                    "dealer", "market", "trade", "smuggling", "depot", "depots", "shipment", "shipments", "impact",
                    "point", "points", "inspector", "inspectors", "stockpile", "stockpiles", "store", "stores",
                    "program", "programme", "deal", "deals", "sale", "sales", "exports", "imports"}
NOT_TANK = {"think", "water", "fuel", "oil", "septic", "gas", "storage", "fish", "petrol", "diesel", "tank"}
NOT_MINE = {"gold", "coal", "diamond", "salt", "copper", "iron", "tin", "open-pit", "uranium", "lithium", "cobalt"}
NAMED_ENTS = {"GPE", "FAC", "LOC", "WORK_OF_ART", "NORP"}
VERB_LIKE = {"bomb", "shell", "strike", "tank", "mine", "gun", "knife", "rocket", "mortar", "drone", "explosive"}
LABOUR = {"hunger", "general", "labour", "labor", "workers", "nationwide", "national", "indefinite", "teachers",
          "sit-down", "transport", "trade", "union"}
HYPHEN_PREFIXES = ("anti-", "surface-", "air-", "ground-", "ship-", "sea-")
HYPHEN_SUFFIXES = ("-guided", "-borne", "-based", "-propelled", "-range", "-made", "-controlled", "-launched",
                   "-calibre", "-caliber", "mm")
MODEL_CODE = re.compile(r"^[a-z]{1,4}-?\d{1,4}[a-z]{0,2}$")
KEEP_OUT_ENTS = {"NORP", "GPE", "ORG", "PERSON", "DATE", "CARDINAL", "LOC", "FAC"}


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> dict[str, dict[str, str]]:
    """{"head": {word: category}, "phrase": …, "system": …, "modifier": …, "context": {word: context},
    "needs": {word: context}} from ``data/weapons.csv`` or the CSV at ``path``."""
    out: dict[str, dict[str, str]] = {"head": {}, "phrase": {}, "system": {}, "modifier": {}, "context": {},
                                      "needs": {}}
    source = resources.files("flashpoint.data").joinpath("weapons.csv") if path is None else path
    try:
        with (source.open("r", encoding="utf-8") if path is None else open(path, encoding="utf-8")) as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            for row in rows:
                kind = (row.get("kind") or "").strip()
                if kind not in out or kind == "needs":
                    raise DictionaryError(f"weapons lexicon row {row} has an unknown kind {kind!r}",
                                          hint="use head, phrase, system, modifier or context")
                term = row["term"].strip().lower()
                if kind == "context":
                    out["context"][term] = (row.get("category") or "").strip()
                    continue
                out[kind][term] = (row.get("category") or "").strip()
                if (row.get("needs") or "").strip():
                    out["needs"][term] = row["needs"].strip()
    except (OSError, csv.Error, KeyError) as exc:
        raise DictionaryError(f"cannot read the weapons lexicon {source}: {exc}") from exc
    return out


class WeaponStage:
    def __init__(self, nlp: Language, lexicon_path: str | None = None) -> None:
        lex = load_lexicon(lexicon_path)
        self.heads = lex["head"]
        self.systems = {k: v for k, v in lex["system"].items() if " " not in k}
        self.modifiers = set(lex["modifier"])
        self.needs = lex["needs"]
        self.context: dict[str, set[str]] = {}
        for word, ctx in lex["context"].items():
            self.context.setdefault(ctx, set()).add(word)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_cat: dict[str, str] = {}
        multi = {**lex["phrase"], **{k: v for k, v in lex["system"].items() if " " in k}}
        for term, cat in multi.items():
            self.phrase_cat[term] = cat
            self.matcher.add(term, [nlp.make_doc(term)])
        self.matcher_ids = {nlp.vocab.strings[t]: t for t in multi}

    def _head_category(self, t: Token) -> str | None:
        low = t.lower_
        if low in self.systems:
            return self.systems[low]
        plural_noun = low.endswith("s") and low[:-1] in self.heads and low[:-1] not in VERB_LIKE
        if t.pos_ not in ("NOUN", "PROPN") and not t.text.isupper() and not plural_noun:
            return None  # "landmines" mis-tagged as a verb still counts; "bombs" as a verb does not
        if t.pos_ == "PROPN" and low in ("shell", "shells"):
            return None
        for form in (low, t.lemma_.lower(), low[:-1] if low.endswith("s") else low,
                     low[:-2] if low.endswith("es") else low):
            if form in self.heads:
                return self.heads[form]
        return None

    def _excluded(self, doc: Doc, t: Token) -> bool:
        low = t.lemma_.lower()
        if t.pos_ == "PROPN" and t.ent_type_ in NAMED_ENTS and not t.text.isupper():
            return True  # "the Adamek Bomb", "Cannon County"
        need = self.needs.get(t.lower_) or self.needs.get(low)
        if need:  # "a 90th-minute strike", "ocean shells", "a deep mine" are not weapons
            words = self.context.get(need, set())
            if not any(w.i != t.i and (w.lemma_.lower() in words or w.lower_ in words) for w in t.sent):
                return True
        prev = doc[t.i - 1].lower_ if t.i > 0 else ""
        if t.dep_ == "compound" and t.head.lower_ in NOT_WEAPON_HEADS:
            return True
        if low == "tank" and prev in NOT_TANK or low == "mine" and prev in NOT_MINE:
            return True
        if low == "strike" and (prev in LABOUR or any(w.lower_ in LABOUR or w.lemma_ in ("wage", "salary", "pay")
                                                        for w in t.sent)):
            return True
        return False

    def _group(self, doc: Doc, i: int) -> tuple[int, str]:
        """The start of the hyphen-glued word ending at token ``i`` and its lower-cased text."""
        j = i
        while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_punct or (
                j > 0 and (doc[j].text == "-" or doc[j - 1].text == "-") and not doc[j - 1].whitespace_):
            j -= 1
        return j, doc[j:i + 1].text.lower()

    def _modifier_ok(self, doc: Doc, j: int, text: str, tok: Token) -> bool:
        if text in self.modifiers or text in self.systems or text in self.heads:
            return True
        if MODEL_CODE.match(text):  # "TB2", "T-72", "Mi-24", "M777"
            return True
        if "-" in text or text.endswith("mm"):
            return text.startswith(HYPHEN_PREFIXES) or text.endswith(HYPHEN_SUFFIXES)
        return tok.ent_type_ not in KEEP_OUT_ENTS and text.rstrip("s") in self.heads

    def _expand(self, doc: Doc, start: int, end: int) -> int:
        sent_start = doc[start].sent.start
        i = start - 1
        while i >= sent_start:
            j, text = self._group(doc, i)
            if doc[i].dep_ not in ("compound", "amod", "nmod", "npadvmod", "punct", "advmod", "nummod") \
                    and not text.startswith(HYPHEN_PREFIXES):
                break
            if doc[i].head.i < i or doc[i].head.i >= end + 2 or not self._modifier_ok(doc, j, text, doc[i]):
                break
            start = j
            i = j - 1
        return start

    def __call__(self, doc: Doc) -> Doc:
        cands: list[tuple[int, int, str]] = []
        for match_id, s, e in self.matcher(doc):
            cands.append((s, e, self.phrase_cat.get(self.matcher_ids.get(match_id, ""), "")))
        for t in doc:
            cat = self._head_category(t)
            if cat is None or self._excluded(doc, t):
                continue
            head = t.head
            if t.dep_ in ("compound", "amod", "nmod") and head.i > t.i and self._head_category(head) is not None:
                continue  # part of the weapon noun it modifies
            cands.append((t.i, t.i + 1, cat))
        spans: list[tuple[int, int, str]] = []
        for s, e, cat in cands:
            if e < len(doc) and doc[e].lower_ in EXTENDERS:
                e += 1
            spans.append((self._expand(doc, s, e), e, cat))
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[WeaponMention] = []
        last_end = -1
        for s, e, cat in spans:
            if s < last_end:
                if out and e > out[-1].end and s >= out[-1].start:
                    continue
                continue
            span = doc[s:e]
            out.append(WeaponMention(s, e, span.start_char, span.end_char, span.text, category=cat or None))
            last_end = e
        doc._.fp_weapons = out
        return doc


@Language.factory("flashpoint_weapons_v1", default_config={"lexicon": None})
def make_weapons(nlp: Language, name: str, lexicon: str | None) -> WeaponStage:
    return WeaponStage(nlp, lexicon)

"""flashpoint_events_v1: find event words and code them (CAMEO -> PLOVER, quad, Goldstein).

A trigger is a verb or noun whose lemma is in ``data/events/triggers.csv``; two-word terms
("call for", "air strike") also need their second word among the trigger's dependents.
Each trigger becomes an ``EventMention`` whose code is refined by cue words in the
sentence (``refine.csv``: "attack" + "artillery" -> 194) and whose status comes from its
context (``modality.csv``). ``score`` ranks events: the document's primary event is the
most specific, most central one (a main-clause trigger early in the text).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import ontology
from ..errors import DictionaryError
from .mentions import EventMention
from .status import Modality, cues, demanded_by, intent_heads, modality_of

LIGHT_OBJECT_DEPS = {"dobj", "attr", "nsubjpass", "pobj"}
REPORTING_CODES = {"010", "011", "012", "013", "014"}
CONTENT_POS = {"VERB", "NOUN", "PROPN", "ADJ"}
NAME_ENTITIES = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "NORP", "MONEY", "QUANTITY", "CARDINAL",
                 "ORDINAL", "PERCENT", "ORG", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"}
BACKGROUND_PREPS = {"after", "following", "amid", "despite", "during", "since", "before", "over"}
BACKGROUND_MARKS = {"after", "as", "since", "while", "when", "before", "because"}
EMBEDDED_DEPS = {"relcl", "acl", "amod", "advcl", "pcomp"}
# a stated will to cooperate is an offer (CAMEO 03x, PLOVER AGREE); to harm, a threat (13x, THREATEN)
INTENT_OF_ROOT = {"04": "036", "06": "031", "07": "033", "08": "035"}
THREAT_OF_ROOT = {"16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}


@dataclass(frozen=True)
class Trigger:
    head: str
    others: tuple[str, ...]
    pos: str
    cameo: str
    weight: float
    user: bool = False  # from a user dictionary: its code is the user's final word


def _read_triggers(rows, *, strict: bool) -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows:
        words = row["term"].strip().lower().split()
        pos = row["pos"].strip().upper()
        code = row["cameo"].strip()
        if not words or pos not in ("VERB", "NOUN", "ADJ"):
            continue
        ontology.lookup(code, strict=strict)  # fail early on a code the ontology lacks
        # a verb heads its particle/object ("call for"); a noun is headed by its last word ("air strike")
        # unless an "of" phrase follows it ("state of emergency")
        first_heads = pos == "VERB" or "of" in words
        head, others = (words[0], tuple(words[1:])) if first_heads else (words[-1], tuple(words[:-1]))
        if pos == "VERB" and any("*" in w for w in words):
            head, others = _ordered_term(words)  # "death toll *rise", "*restore diplomatic ties"
        weight = float(row.get("weight") or 0.7)
        table.setdefault((head, pos), []).append(Trigger(head, others, pos, code, weight, user=not strict))
    for entries in table.values():
        entries.sort(key=lambda t: -sum(len(o.replace("*", " ").replace("_", " ").split()) for o in t.others))
    return table


@functools.lru_cache(maxsize=8)
def triggers(user_verbs: str | None = None) -> dict[tuple[str, str], list[Trigger]]:
    """(head lemma, POS) -> triggers, the multi-word ones first. A user dictionary (CSV:
    term,pos,cameo[,weight]) replaces the built-in entries for the words it lists. A user
    VERB term may be a PETRARCH-style pattern: ``*`` marks the verb (its lemma, or an
    inflected form tried before the lemma's entries), the other words must come before or
    after it in the sentence in that order, ``_`` joins adjacent words and ``%`` stands for
    two actors joined by "and" ("% have *delay", "death toll *rise"); cameo ``---`` = no event."""
    table = _read_triggers(ontology.read_csv_rows("events", "triggers.csv"), strict=True)
    if user_verbs:
        try:
            with open(user_verbs, encoding="utf-8") as handle:
                rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            raise DictionaryError(f"cannot read the verb dictionary {user_verbs}: {exc}",
                                  hint="pass a CSV with columns term,pos,cameo[,weight]") from exc
        if rows and not {"term", "pos", "cameo"} <= set(rows[0]):
            raise DictionaryError(f"{user_verbs}: expected columns term,pos,cameo[,weight], got {sorted(rows[0])}")
        table.update(_read_triggers(rows, strict=False))
    return table


@functools.lru_cache(maxsize=1)
def refinements() -> list[tuple[str, str, str]]:
    return [(r["family"], r["cue"], r["code"]) for r in ontology.read_csv_rows("events", "refine.csv")]


@functools.lru_cache(maxsize=1)
def mode_cues() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for row in ontology.read_csv_rows("events", "modes.csv"):
        table.setdefault(row["plover"], []).append((row["cue"], row["mode"]))
    return table


def mode_for(plover: str | None, default: str | None, sentence_lemmas: set[str]) -> str | None:
    for cue, mode in mode_cues().get(plover or "", ()):
        if cue in sentence_lemmas:
            return mode
    return default


@functools.lru_cache(maxsize=1)
def figurative_objects() -> frozenset[str]:
    return frozenset(r["lemma"].strip() for r in ontology.read_csv_rows("events", "figurative.csv"))


def _figurative(token: Token, trig: Trigger) -> bool:
    if ontology.ROOT_TO_QUAD.get(trig.cameo[:2]) != 4:
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for g in c.children if g.dep_ == "pobj"]
    figurative = figurative_objects()
    return any(o.lemma_.lower() in figurative or any(c.lemma_.lower() in figurative for c in o.children
                                                     if c.dep_ == "compound") for o in objects)


@functools.lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(r["lemma"].strip() for r in ontology.read_csv_rows("events", "light_verbs.csv"))


CLAUSE_DEPS = {"advcl", "ccomp", "conj", "relcl", "acl", "parataxis", "csubj"}


def _near_lemmas(token: Token, depth: int = 2) -> set[str]:
    """Lemmas of the trigger's own phrase: its dependents two levels down, not other clauses."""
    out: set[str] = set()
    frontier = [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ not in CLAUSE_DEPS]
        out.update(c.lemma_.lower() for c in frontier)
        out.update(c.lower_ for c in frontier)
    return out


def match_trigger(token: Token, table: dict | None = None) -> Trigger | None:
    table = triggers() if table is None else table
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    if pos == "PROPN":
        pos = "NOUN"
    lemma, form = token.lemma_.lower(), token.lower_
    entries = table.get((lemma, pos)) or table.get((form, pos))
    if pos == "VERB" and form != lemma and entries and (form, pos) in table and (lemma, pos) in table:
        entries = table[(form, pos)] + entries  # a form listed on its own ("left") before its lemma ("leave")
    if not entries:
        return None
    near = words = None
    for entry in entries:
        if any("*" in w for w in entry.others):
            words = words if words is not None else [t.lower_.replace("\u2019", "'") for t in token.sent]
            if not _ordered_match(token, entry.others, words):
                continue
        elif entry.others:
            near = near if near is not None else _near_lemmas(token)
            if not all(w in near for w in entry.others):
                continue
        return None if entry.cameo == NO_EVENT else entry  # "riot police": the user says no event
    return None


NO_EVENT = "---"


def _ordered_term(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """A PETRARCH-style term: ``*`` marks the verb, words before it must come before it in
    the sentence and words after it after, in order; ``_`` joins words that must be adjacent
    ("most_certainly_did_n't *clash over efforts"). -> (verb, chunks with the verb as "*")."""
    k = next(i for i, w in enumerate(words) if "*" in w)
    pre, _, rest = words[k].partition("*")
    head, _, post = rest.partition("_")
    chunk = pre + "*" + ("_" + post if post else "")
    return head, tuple(words[:k]) + (chunk,) + tuple(words[k + 1:])


def _ordered_match(token: Token, chunks: tuple[str, ...], words: list[str]) -> bool:
    """The chunks around ``*`` occur in order before/after the verb in its sentence (``words``)."""
    sent = token.sent
    v = token.i - sent.start
    k = next(i for i, c in enumerate(chunks) if "*" in c)
    pre, _, post = chunks[k].partition("*")
    pre_w, post_w = [w for w in pre.split("_") if w], [w for w in post.split("_") if w]
    lo, hi = v - len(pre_w), v + 1 + len(post_w)
    if lo < 0 or words[lo:v] != pre_w or words[v + 1:hi] != post_w:
        return False
    for chunk in reversed(chunks[:k]):
        c = chunk.split("_")
        if chunk == "%":
            j = next((j for j in range(lo - 1, -1, -1) if _compound(sent, j, 0)), -1)
            lo = sent[j].head.i - sent.start if j >= 0 else -1
        else:
            lo = next((j for j in range(lo - len(c), -1, -1) if words[j:j + len(c)] == c), -1)
        if lo < 0:
            return False
    for chunk in chunks[k + 1:]:
        c = chunk.split("_")
        if chunk == "%":
            j = next((j for j in range(hi, len(words)) if _compound(sent, j, hi)), -1)
        else:
            j = next((j for j in range(hi, len(words) - len(c) + 1) if words[j:j + len(c)] == c), -1)
        if j < 0:
            return False
        hi = j + (1 if chunk == "%" else len(c))
    return True


def _compound(sent, j: int, after: int) -> bool:
    """``%`` in a pattern: token j is a noun joined to an earlier one at or after ``after``
    ("Gondor and Osgiliath have delayed")."""
    t = sent[j]
    return t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "PRON") and after <= t.head.i - sent.start < j


def refine(code: str, sentence_lemmas: set[str]) -> str:
    for family, cue, new in refinements():
        if code.startswith(family) and cue in sentence_lemmas:
            return new
    return code


DEMAND_TRIGGER = Trigger("must", (), "VERB", "100", 0.6)


def recode(code: str, mod: Modality) -> tuple[str, str]:
    """(CAMEO code, code whose PLOVER type the event takes) under its modality."""
    root = code[:2]
    if mod.claimed and ontology.ROOT_TO_QUAD.get(root) == 4:
        return "015", code  # "the Houthis claimed they had attacked the airport": a claim of responsibility
    if mod.demanded_by is not None:
        return "100", "100"  # "X said Y must return the helicopter": X demands it of Y
    if mod.status == "negated" and ontology.ROOT_TO_QUAD.get(root) in (1, 2):
        return "120", "120"  # "failed to reach a deal", "will not end the strike": a refusal
    if mod.intent and root in INTENT_OF_ROOT:
        return INTENT_OF_ROOT[root], INTENT_OF_ROOT[root]
    if mod.intent and root in THREAT_OF_ROOT:
        return THREAT_OF_ROOT[root], THREAT_OF_ROOT[root]
    return code, code


RESULT_VERBS = {"kill", "wound", "injure", "leave", "claim", "cause", "hit"}
ATTITUDE_CODES = {"011", "012", "013", "014", "018"}
WILL_HEADS = {"threaten", "agree", "offer", "promise", "pledge", "vow", "swear", "willing", "ready", "prepared"}


def _infinitive_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _depth_below(token: Token, head: Token) -> int:
    depth = 0
    while token.i != head.i and token.head.i != token.i and depth < 20:
        token, depth = token.head, depth + 1
    return depth


def _embedded(token: Token, hops: int = 3) -> bool:
    """Inside a relative or adjectival clause ("a resolution that aims to tighten sanctions")."""
    for _ in range(hops):
        if token.dep_ in EMBEDDED_DEPS:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _in_background(token: Token) -> bool:
    """An event told as the setting of another: "after clashes", "as street battles raged"."""
    for _ in range(2):
        if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in token.children):
            return True
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _centrality(token: Token) -> float:
    if token.dep_ == "ROOT":
        return 0.2
    if token.dep_ in ("conj", "ccomp", "xcomp") and token.head.dep_ == "ROOT":
        return 0.12
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.head.dep_ == "ROOT":
        return 0.1
    return 0.0


CONTENT_PREPS = {"of", "for", "to", "with", "on", "about"}


def _content_of_trigger_verb(token: Token, by_index: dict) -> bool:
    head = token.head
    if head.lemma_.lower() in light_verbs() or head.head.lemma_.lower() in light_verbs():
        return False
    if token.dep_ == "dobj" and head.i in by_index and head.pos_ in ("VERB", "AUX"):
        return True
    if token.dep_ == "pobj" and head.lower_ in CONTENT_PREPS:
        verb = head.head
        return verb.i in by_index and verb.i != token.i and verb.pos_ in ("VERB", "AUX")
    return False


def _governs_trigger(token: Token, by_index: dict) -> bool:
    for child in token.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass", "xcomp") and child.i in by_index:
            return True
        if child.dep_ == "advcl" and child.i in by_index and any(g.lower_ == "to" for g in child.children):
            return True  # "sent experts to investigate"
        if child.dep_ in ("dobj", "xcomp", "advcl") and any(g.i in by_index and g.dep_ in ("xcomp", "acl", "relcl")
                                                            for g in child.children):
            return True
    return False


def _noun_is_central(token: Token) -> bool:
    """A noun event that a main verb reports ("staged a protest", "the clash left…")."""
    if token.dep_ == "ROOT":
        return True
    head = token.head if token.dep_ != "pobj" else token.head.head
    if token.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.lower() in light_verbs():
        return True
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and head.dep_ == "ROOT"


class EventCoder:
    def __init__(self, max_sentence_tokens: int = 400, user_verbs: str | None = None):
        self.max_sentence_tokens = max_sentence_tokens
        self.table = triggers(user_verbs)
        self.strict = user_verbs is None
        refinements(), cues(), light_verbs(), mode_cues(), figurative_objects()

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventMention] = []
        for rank, sent in enumerate(doc.sents):
            if len(sent) > self.max_sentence_tokens:
                continue
            lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
            found: list[tuple[Token, Trigger]] = []
            for token in sent:
                if token.pos_ not in CONTENT_POS and token.pos_ != "AUX" or token.ent_type_ in NAME_ENTITIES:
                    continue  # "March" the month, "Rally" the surname
                trig = match_trigger(token, self.table)
                if trig is not None:
                    found.append((token, trig))
            found = [(t, trig) for t, trig in found if not _figurative(t, trig)]
            found = self._drop_shadowed(self._fold_into_heads(found))
            triggered = {t.i for t, _ in found}
            for token in sent:
                if token.i not in triggered and token.pos_ in ("VERB", "AUX") and demanded_by(token) is not None:
                    found.append((token, DEMAND_TRIGGER))
            for token, trig in found:
                code = refine(trig.cameo, lemmas)
                mod = modality_of(token)
                code, plover_code = (code, code) if trig.user else recode(code, mod)
                plover_entry = ontology.lookup(plover_code, strict=self.strict)
                entry = ontology.lookup(code, strict=self.strict)
                score = trig.weight + _centrality(token) + (0.1 if rank == 0 else 0.0) - 0.01 * min(rank, 10)
                if code in REPORTING_CODES:
                    score -= 0.2
                if trig.pos == "NOUN" and not _noun_is_central(token):
                    score -= 0.15
                if _embedded(token):
                    score -= 0.2
                if _in_background(token):
                    score -= 0.2
                status = mod.status
                if status != "asserted":
                    score -= 0.1
                events.append(EventMention(
                    trigger=token.i, sent_start=sent.start, sent_end=sent.end, cameo=entry.code,
                    plover=plover_entry.plover, mode=mode_for(plover_entry.plover, plover_entry.mode, lemmas), quad_class=entry.quad_class, goldstein=entry.goldstein,
                    status=status, score=round(max(score, 0.01), 4),
                    attrs={"demanded_by": mod.demanded_by} if mod.demanded_by is not None else {}))
        doc._.fp_events = events
        return doc

    @staticmethod
    def _fold_into_heads(found: list[tuple[Token, Trigger]]) -> list[tuple[Token, Trigger]]:
        """One event for "X vowed to fight", "X agreed to open its borders to aid", "X said it
        is skeptical about the talks": the governing word (a will, an attitude) is the event,
        coded by what it governs; the words it governs are not events of their own."""
        if len(found) < 2:
            return found
        by_index = {t.i: trig for t, trig in found}
        folded: dict[int, Trigger] = {}
        swallowed: set[int] = set()
        for token, trig in found:
            if trig.user:
                continue  # a user dictionary codes each verb as it says
            lemma = token.lemma_.lower()
            if trig.cameo in ATTITUDE_CODES:
                scope = [t for t in token.subtree if t.i != token.i]
            elif lemma in intent_heads() or lemma in WILL_HEADS:
                scope = [t for c in token.children if c.dep_ in ("xcomp", "ccomp") or _infinitive_clause(c)
                         for t in c.subtree]
            else:
                continue
            governed = [t for t in scope if t.i in by_index and t.i not in swallowed]
            if not governed:
                continue
            act = min(governed, key=lambda t: _depth_below(t, token))
            act_root = by_index[act.i].cameo[:2]
            code = trig.cameo
            if trig.cameo not in ATTITUDE_CODES:
                code = THREAT_OF_ROOT.get(act_root) or INTENT_OF_ROOT.get(act_root) or trig.cameo
            folded[token.i] = Trigger(trig.head, trig.others, trig.pos, code, max(trig.weight, by_index[act.i].weight))
            # an attitude does not swallow violence it mentions ("condolences to the families of six
            # soldiers killed"): the killing stays an event of its own, ranked below the statement
            swallowed.update(t.i for t in governed if trig.cameo not in ATTITUDE_CODES
                             or ontology.ROOT_TO_QUAD.get(by_index[t.i].cameo[:2]) != 4)
        return [(t, folded.get(t.i, trig)) for t, trig in found if t.i not in swallowed or t.i in folded]

    @staticmethod
    def _drop_shadowed(found: list[tuple[Token, Trigger]]) -> list[tuple[Token, Trigger]]:
        """One event per clause: a light verb defers to its object noun ("carried out an
        attack"), a noun defers to the verb it completes ("killed in an attack" keeps both
        only when they code differently); reporting verbs defer to what they report."""
        if len(found) < 2:
            return found
        by_index = {t.i: (t, trig) for t, trig in found}
        light = light_verbs()
        # "carried out an attack", "sent experts to investigate": the other word says what happened
        deferring = {t.i for t, trig in found if t.lemma_.lower() in light and _governs_trigger(t, by_index)
                     and not (trig.user and any(o != "*" for o in trig.others))}  # "* HOPES": the user coded the object
        keep = []
        for token, trig in found:
            if token.i in deferring:
                continue
            if token.lemma_.lower() in RESULT_VERBS and any(c.dep_ in ("nsubj", "csubj") and c.i in by_index
                                                            for c in token.children):
                continue  # "a roadside bombing killed two": the bombing is the event, the deaths its result
            head = token.head
            if head.i in by_index and head.i != token.i and head.i not in deferring:
                head_trig = by_index[head.i][1]
                same_family = head_trig.cameo[:2] == trig.cameo[:2]
                if same_family and head_trig.weight >= trig.weight:
                    continue  # "clashed in fighting": the governing word already says it
            if trig.pos == "NOUN" and _content_of_trigger_verb(token, by_index):
                continue  # "assured Kosovo of help", "called for protection": the verb's content, not an event
            keep.append((token, trig))
        if any(trig.cameo not in REPORTING_CODES for _, trig in keep):
            keep = [(t, trig) for t, trig in keep if trig.cameo not in REPORTING_CODES or trig.cameo in ATTITUDE_CODES]
        return keep


@Language.factory("flashpoint_events_v1", default_config={"max_sentence_tokens": 400, "user_verbs": None})
def make_events(nlp: Language, name: str, max_sentence_tokens: int, user_verbs: str | None) -> EventCoder:
    return EventCoder(max_sentence_tokens, user_verbs)

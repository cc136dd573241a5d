"""flashpoint_events_v1: find event words and code them (CAMEO -> PLOVER, quad, Goldstein).

A trigger is a verb or noun whose lemma is in ``data/events/triggers.csv`` (see
``lexicon``); two-word terms ("call for", "air strike") also need their second word among
the trigger's dependents. Each trigger becomes an ``EventMention`` whose code is refined by
cue words in the sentence (``refine.csv``: "attack" + "artillery" -> 194) and whose status
comes from its context (``modality.csv``). ``score`` ranks events: the document's primary
event is the most specific, most central one (a main-clause trigger early in the text,
see ``clauses``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import ontology
from .clauses import (centrality, content_of_trigger_verb, depth_below, embedded, governs_trigger,
                      in_background, infinitive_clause, noun_is_central)
from .lexicon import (Trigger, figurative, figurative_objects, light_verbs, match_trigger, mode_cues, mode_for,
                      refine, refinements, triggers)
from .mentions import EventMention
from .status import Modality, cues, demanded_by, intent_heads, modality_of

REPORTING_CODES = {"010", "011", "012", "013", "014"}
CONTENT_POS = {"VERB", "NOUN", "PROPN", "ADJ"}
NAME_ENTITIES = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "NORP", "MONEY", "QUANTITY", "CARDINAL",
                 "ORDINAL", "PERCENT", "ORG", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"}
# a stated will to cooperate is an offer (CAMEO 03x, PLOVER AGREE); to harm, a threat (13x, THREATEN)
INTENT_OF_ROOT = {"04": "036", "06": "031", "07": "033", "08": "035"}
THREAT_OF_ROOT = {"16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
RESULT_VERBS = {"kill", "wound", "injure", "leave", "claim", "cause", "hit"}
ATTITUDE_CODES = {"011", "012", "013", "014", "018"}
PERMISSION_HEADS = {"allow", "permit", "let", "authorize", "authorise"}
WILL_HEADS = {"threaten", "agree", "offer", "promise", "pledge", "vow", "swear", "willing", "ready", "prepared"}

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
            found = [(t, trig) for t, trig in found if not figurative(t, trig)]
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
                score = trig.weight + centrality(token) + (0.1 if rank == 0 else 0.0) - 0.01 * min(rank, 10)
                if code in REPORTING_CODES:
                    score -= 0.2
                if trig.pos == "NOUN" and not noun_is_central(token):
                    score -= 0.15
                # "X said Y must leave": what Y must do is hypothetical and embedded, X's demand is made
                demand = mod.demanded_by is not None and code == "100"
                if embedded(token) and not demand:
                    score -= 0.2
                if in_background(token):
                    score -= 0.2
                status = "asserted" if demand else mod.status
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
            elif lemma in PERMISSION_HEADS:
                # "allowed the opposition to hold a rally": the permission is the event, not the rally
                swallowed.update(t.i for c in token.children if c.dep_ in ("xcomp", "ccomp") or infinitive_clause(c)
                                 for t in c.subtree if t.i in by_index)
                continue
            elif lemma in intent_heads() or lemma in WILL_HEADS:
                scope = [t for c in token.children if c.dep_ in ("xcomp", "ccomp") or infinitive_clause(c)
                         for t in c.subtree]
            else:
                continue
            governed = [t for t in scope if t.i in by_index and t.i not in swallowed]
            if not governed:
                continue
            act = min(governed, key=lambda t: depth_below(t, token))
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
        deferring = {t.i for t, trig in found if t.lemma_.lower() in light and governs_trigger(t, by_index)
                     and not (trig.user and any(o != "*" for o in trig.others))}  # "* HOPES": the user coded the object
        keep = []
        for token, trig in found:
            if token.i in deferring:
                continue
            if token.lemma_.lower() in RESULT_VERBS and any(c.dep_ in ("nsubj", "csubj") and c.i in by_index
                                                            for c in token.children):
                continue  # "a roadside bombing killed two": the bombing is the event, the deaths its result
            head = token.head
            if token.dep_ == "compound" and head.i in by_index and head.i != token.i:
                continue  # "ceasefire violations", "peace talks": the modifier is part of the head's term
            if head.i in by_index and head.i != token.i and head.i not in deferring:
                head_trig = by_index[head.i][1]
                same_family = head_trig.cameo[:2] == trig.cameo[:2]
                if same_family and head_trig.weight >= trig.weight:
                    continue  # "clashed in fighting": the governing word already says it
            if trig.pos == "NOUN" and content_of_trigger_verb(token, by_index):
                continue  # "assured Kosovo of help", "called for protection": the verb's content, not an event
            keep.append((token, trig))
        if any(trig.cameo not in REPORTING_CODES for _, trig in keep):
            keep = [(t, trig) for t, trig in keep if trig.cameo not in REPORTING_CODES or trig.cameo in ATTITUDE_CODES]
        return keep


@Language.factory("flashpoint_events_v1", default_config={"max_sentence_tokens": 400, "user_verbs": None})
def make_events(nlp: Language, name: str, max_sentence_tokens: int, user_verbs: str | None) -> EventCoder:
    return EventCoder(max_sentence_tokens, user_verbs)

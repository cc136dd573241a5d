"""flashpoint_acled_v1: give each event its ACLED event type and sub-event type.

Runs last, after events and roles. Three steps:

1. Each EventMention is typed from its own sentence (``acled.classify_span`` with the
   trigger as focus). Events whose CAMEO code is verbal (roots 01-13, 16: statements,
   appeals, threats) stay untyped unless the ACLED cue is their own trigger, and an
   Agreement needs a cooperative code. When the sentence has no ACLED cue, the CAMEO
   code's own family gives the type (``data/acled/cameo_map.csv``).
2. A short document (at most ``note_max_tokens`` tokens) that opens the way ACLED notes
   do (an optional tag such as "Looting:", then a dated lead: "On 3 May 2022, …",
   "Around 18 January 2022 (as reported), …") is read as an ACLED-style note that reports one event (``acled.classify_note``: its first sentence names it, later
   ones say what happened next). The event that matches the note's label is promoted:
   it gets the note's label and the highest ``score`` in the document (others are kept
   below it), because the highest-scored event is the document's primary event.
3. When no event matches and the note carries an ACLED tag ("Displacement:"), the
   primary event takes the tag's label whatever it codes. Otherwise, when no event
   matches (the events stage missed "gathered", or coded only "demanded"), one
   EventMention is added at the cue word with the sub-event's default CAMEO code
   (``data/acled/sub_events.csv``) and promoted the same way. Any other document without
   a single event gets such an event too (its first ACLED cue), but nothing is promoted in
   a document that is not a note: there the events stage's ranking stands.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import ontology
from ..acled import Label, classify_note, classify_span, load_lexicon, note_tag
from ..acled.cues import subject
from ..acled.lexicon import Lexicon
from .assemble import SCORE_SCALE
from .mentions import ActorMention, EventMention, doc_list

VERBAL_ROOTS = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "16"}
AGREEMENT_ROOTS = {"03", "04", "05", "06", "08"}
PROMOTION_MARGIN = 0.05
NOTE_LEAD = re.compile(r"^\s*(?:[A-Z][A-Za-z /-]{2,40}:\s*)?(?:On|Around|Between|During|Over|From|Since|Overnight|"
                       r"In|By|As of|Early on|Late on)\b[^.]{0,80}?\b(?:19|20)\d\d\b")


def _sectors(doc: Doc) -> dict[int, str]:
    out = {}
    for m in doc_list(doc, "fp_actors"):
        if m.sector:
            for i in range(m.start, m.end):
                out[i] = m.sector
    return out


def _fits(ev: EventMention, label: Label | None) -> bool:
    """Can this event carry this ACLED label?"""
    if label is None:
        return False
    root = (ev.cameo or "")[:2]
    if label.sub_event_type == "Agreement":
        return root in AGREEMENT_ROOTS or label.cue == ev.trigger
    if root in VERBAL_ROOTS:
        return label.cue == ev.trigger
    return True


class AcledTyper:
    def __init__(self, lexicon: str | None, note_max_tokens: int, add_missing: bool):
        self.lex_dir = lexicon
        self.note_max_tokens = note_max_tokens
        self.add_missing = add_missing

    @property
    def lex(self) -> Lexicon:
        return load_lexicon(self.lex_dir)

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        sectors = _sectors(doc)
        events = list(doc_list(doc, "fp_events"))
        for ev in events:
            label = classify_span(doc[ev.sent_start:ev.sent_end], lex, sectors, focus=ev.trigger)
            if not _fits(ev, label):
                label = self._from_cameo(ev, lex)
            ev.acled_event_type = label.event_type if label else None
            ev.acled_sub_event_type = label.sub_event_type if label else None
        is_note = len(doc) <= self.note_max_tokens and NOTE_LEAD.match(doc.text) is not None
        if events and not is_note:
            doc._.fp_events = events
            return doc
        note = classify_note(doc, lex, sectors)
        if note is not None:
            target = self._match(events, note, doc)
            if target is None and events and note_tag(doc, lex) is not None:
                # ACLED's own tag ("Displacement:", "Other:") types the note whatever its verbs code
                target = max(events, key=lambda e: e.score)
            if target is None and self.add_missing:
                target = self._new_event(doc, note, lex)
                if target is not None:
                    events.append(target)
            if target is not None:
                target.acled_event_type = note.event_type
                target.acled_sub_event_type = note.sub_event_type
                _promote(events, target)
        doc._.fp_events = events
        return doc

    @staticmethod
    def _from_cameo(ev: EventMention, lex: Lexicon) -> Label | None:
        sub = lex.cameo_map.get(ev.cameo) or lex.cameo_map.get((ev.cameo or "")[:3]) \
            or lex.cameo_map.get((ev.cameo or "")[:2])
        if not sub:
            return None
        return Label(lex.sub_events[sub].event_type, sub, ev.trigger, 0.4)

    @staticmethod
    def _match(events: list[EventMention], note: Label, doc: Doc) -> EventMention | None:
        """The event that reports the note's main event, best first: the cue itself, an
        event of the same sub-event type, of the same event type, a fitting event in the
        cue's sentence, a fitting event anywhere (the earliest)."""
        if not events:
            return None
        sent = doc[note.cue].sent if note.cue is not None else None
        in_sent = [e for e in events if sent is not None and sent.start <= e.trigger < sent.end]
        tiers = (
            [e for e in events if e.trigger == note.cue],
            [e for e in in_sent if e.acled_sub_event_type == note.sub_event_type],
            [e for e in events if e.acled_sub_event_type == note.sub_event_type],
            [e for e in in_sent if e.acled_event_type == note.event_type],
            [e for e in in_sent if _fits(e, note) and e.acled_event_type is not None],
        )
        for tier in tiers:
            if tier:
                return max(tier, key=lambda e: e.score)
        if note.sub_event_type in ("Other", "Change to group/activity"):
            fitting = [e for e in events if _fits(e, note)]
            return max(fitting, key=lambda e: e.score) if fitting else None
        return None

    @staticmethod
    def _new_event(doc: Doc, note: Label, lex: Lexicon) -> EventMention | None:
        code = lex.sub_events[note.sub_event_type].cameo
        if not code or note.cue is None:
            return None
        entry = ontology.lookup(code)
        tok = doc[note.cue]
        sent = tok.sent
        return EventMention(
            trigger=tok.i, sent_start=sent.start, sent_end=sent.end, cameo=entry.code,
            plover=entry.plover, mode=entry.mode, quad_class=entry.quad_class, goldstein=entry.goldstein,
            actor=_actor_at(doc, subject(tok) if tok.pos_ in ("VERB", "AUX") else subject(tok.head)),
            score=round(note.salience, 4), attrs={"source": "acled"})


def _actor_at(doc: Doc, tok) -> ActorMention | None:
    if tok is None:
        return None
    for m in doc_list(doc, "fp_actors"):
        if m.start <= tok.i < m.end or m.head == tok.i:
            return m
    return None


def _promote(events: list[EventMention], target: EventMention) -> None:
    """Make ``target`` the document's primary event: the top score (at most the scale that
    assemble maps to confidence 1.0), every other event at least a margin below it."""
    others = [e.score for e in events if e is not target]
    top = max(others) + PROMOTION_MARGIN if others else target.score
    target.score = round(min(SCORE_SCALE, max(target.score, top)), 4)
    for e in events:
        if e is not target and e.score > target.score - PROMOTION_MARGIN:
            e.score = round(target.score - PROMOTION_MARGIN, 4)


@Language.factory("flashpoint_acled_v1",
                  default_config={"lexicon": None, "note_max_tokens": 400, "add_missing": True})
def make_acled(nlp: Language, name: str, lexicon: str | None, note_max_tokens: int, add_missing: bool) -> AcledTyper:
    return AcledTyper(lexicon, note_max_tokens, add_missing)

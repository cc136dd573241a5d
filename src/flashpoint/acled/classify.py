"""ACLED's codebook as rules over cues: the event of a sentence or of a short note.

The note's event is named by its main predicate: among the act and means cues, the one
nearest the root of its sentence (earlier sentences first) wins, with small weights that
favour specific acts (sexual violence, abduction, protest) over generic ones (attack,
destroy) and over weak ones (movement of forces, other). The winning cue is then refined:

- a protest becomes Violent demonstration when protesters throw stones, burn tyres,
  clash or vandalise; Excessive force when they are met with live fire; Protest with
  intervention when they are dispersed, tear-gassed or arrested; else Peaceful protest;
- a killing or generic attack is remote violence when a means (air strike, shelling, IED,
  grenade, suicide bomber, chemical weapon) is named in its sentence; a battle when both
  sides are armed (or its target is a military position); Mob violence when unarmed
  people (residents, a mob) attack; else Violence against civilians / Attack;
- an arrest by a non-state group is an abduction; a capture of territory is a
  Non-violent transfer when the note says nobody fought, Government regains territory
  for re-taking verbs, Non-state actor overtakes territory otherwise;
- seizing, defusing or intercepting weapons is Disrupted weapons use.

A note that starts with one of ACLED's own tags ("Looting:", "Movement of forces:")
takes the tag's sub-event type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .cues import Cue, actor_classes, depth, find_cues, patients, subject
from .lexicon import Lexicon

MEANS_ORDER = ("suicide", "chemical", "air", "shelling", "grenade", "ied")
MEANS_SUB = {"suicide": "Suicide bomb", "chemical": "Chemical weapon", "air": "Air/drone strike",
             "shelling": "Shelling/artillery/missile attack", "grenade": "Grenade",
             "ied": "Remote explosive/landmine/IED"}
# added to a cue's depth when choosing the main predicate: lower wins
WEIGHT = {"sexual": -1.5, "abduct": -0.6, "protest": -0.5, "riot": -0.3, "territory_regain": -0.6,
          "territory_take": -0.2, "clash": 0.0, "kill": 0.0, "generic": 0.2, "arrest": 0.0,
          "loot": 0.0, "destroy": 0.6, "disrupt": 0.2, "agreement": 0.0, "hq": 0.0, "change": 1.2,
          "other": 1.6, "claim": 2.5, "means": -0.2}
SENTENCE_PENALTY = 2.5
ARMED = {"state", "nonstate", "org", "armed_target"}
SPECIFIC_DISRUPT = {"defuse", "diffuse", "deactivate", "intercept", "interception", "shoot", "cache",
                    "seizure", "disposal", "demine", "demining", "controlled", "disarm"}
HARMLESS_BURN = {"effigy", "flag", "photo", "picture", "portrait", "copy", "candle", "coffin", "poster",
                 "banner", "document", "ballot", "card", "book", "mask"}
# words that introduce what a protest is about: cues under them are not what happened there
REASON_HEADS = {"demand", "call", "seek", "want", "denounce", "condemn", "against", "over", "about",
                "regard", "regarding", "follow", "following", "after", "justice", "prevention", "prevent",
                "end", "complain", "reject", "accuse", "allege", "claim", "due", "because", "since",
                "protest", "protesting", "oppose", "mark", "commemorate", "criticize", "criticise",
                "express", "demanding", "denouncing", "urge", "release", "investigate", "investigation",
                "victim", "for", "of", "related", "concern", "fear", "anger", "outrage"}
FIREARM_WORDS = {"shoot", "shot", "fire", "gun", "gunfire", "gunshot"}
TAG = re.compile(r"^\s*([A-Z][A-Za-z /-]{2,40}):\s")


@dataclass
class Label:
    event_type: str
    sub_event_type: str
    cue: int | None = None   # token index of the deciding cue
    salience: float = 0.5    # how plainly the text reports an ACLED event (0..1)


@dataclass
class _Note:
    doc: Doc
    sents: list[Span]
    cues: list[list[Cue]]   # per sentence, negated cues dropped
    negated: list[Cue]      # the negated ones ("no clashes were reported")
    lex: Lexicon
    sectors: dict[int, str]

    def kinds(self, section: str, sent: int | None = None) -> list[Cue]:
        pool = self.cues if sent is None else [self.cues[sent]]
        return [c for cs in pool for c in cs if c.group == section or c.group.startswith(section + ".")]

    def classes(self, tok: Token | None) -> set[str]:
        return actor_classes(tok, self.lex.actors, self.sectors)


def _label(lex: Lexicon, sub: str, cue: int | None, salience: float) -> Label:
    return Label(lex.sub_events[sub].event_type, sub, cue, salience)


def _roles(note: _Note, cue: Cue) -> tuple[set[str], set[str]]:
    tok = note.doc[cue.head]
    if tok.pos_ in ("VERB", "AUX"):
        subj, pats = subject(tok), patients(tok)
    else:
        head = tok.head
        subj = None
        for c in tok.children:
            if c.dep_ in ("poss", "compound") and c.i < tok.i:
                subj = c
        if subj is None and head.i != tok.i:
            subj = subject(head)
        pats = [p for p in patients(tok) + (patients(head) if head.i != tok.i else []) if p.i != tok.i]
    pat_classes = set()
    for p in pats:
        pat_classes |= note.classes(p)
    return note.classes(subj) - {"place"}, pat_classes


def _means(note: _Note, sent: int) -> str | None:
    kinds = {c.kind for c in note.kinds("means", sent)}
    return next((m for m in MEANS_ORDER if m in kinds), None)


def _about(tok: Token) -> bool:
    """The token tells what a protest was about ("demanding the arrest of …", "against the
    beating of …", "a man who was shot", "marched after a student was killed"), not what
    happened at it."""
    if tok.dep_ in ("amod", "relcl", "acl") or (tok.dep_ == "compound" and tok.pos_ != "VERB"):
        return True
    return _introduced_as_reason(tok) or _under_reason(tok) or any(a.dep_ in ("relcl", "acl")
                                                                    for a in tok.ancestors)


def _under_reason(tok: Token) -> bool:
    """Governed by a word that says why people protest ("denouncing the rape of …")."""
    return any(a.lemma_.lower() in REASON_HEADS or a.lower_ in REASON_HEADS or _introduced_as_reason(a)
               for a in tok.ancestors)


def _introduced_as_reason(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in REASON_HEADS for c in tok.children)


# a protester killed or hurt is a casualty of how the protest was met, not violence by protesters
CASUALTY_LEMMAS = {"kill", "injure", "wound", "hurt"}
DEATH_LEMMAS = {"kill", "death", "die", "dead"}


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _protest_subtype(note: _Note) -> tuple[str, float]:
    violent = excessive = intervened = False
    for cue in note.kinds("protest_outcome"):
        tok = note.doc[cue.head]
        if _about(tok):
            continue
        subj, pats = _roles(note, cue)
        by_state = bool(subj & {"state"}) and not subj & {"protester", "rioter"}
        if cue.kind == "violence":
            if tok.pos_ == "VERB" and by_state:
                intervened = True
                continue
            if tok.lemma_.lower() in CASUALTY_LEMMAS and (_passive(tok) or not subj):
                continue  # "50 people were injured": hurt, not hurting
            if tok.pos_ != "VERB" and tok.lemma_.lower() in ("torch", "burn", "fight", "beat", "attack"):
                continue
            if tok.lemma_.lower() in ("burn", "set") and any(p.lemma_.lower() in HARMLESS_BURN for p in patients(tok)):
                continue
            violent = True
        elif cue.kind == "live_fire":
            if (cue.end - cue.start) > 1 and "live" in note.doc[cue.start:cue.end].text.lower():
                excessive = True
            elif pats & {"protester", "civilian"} and not subj & {"protester", "rioter"}:
                excessive = True
        elif cue.kind == "intervention":
            if tok.pos_ == "VERB":
                if not (subj & {"state"} or (not subj and _passive(tok))):
                    continue
            elif tok.lemma_.lower() in ("arrest", "detention", "charge", "block", "stop", "clear", "assault"):
                continue
            intervened = True
    if violent:
        return "Violent demonstration", 0.8
    if intervened and any(t.lemma_.lower() in DEATH_LEMMAS and not _about(t) for t in note.doc):
        excessive = True  # "fired tear gas to disperse the crowd; one person was killed"
    if excessive:
        return "Excessive force against protesters", 0.85
    if intervened:
        return "Protest with intervention", 0.8
    return "Peaceful protest", 0.75


def _protest_context(note: _Note) -> bool:
    return bool(note.kinds("acts.protest", 0)) or any(
        "protester" in note.classes(t) for t in note.sents[0] if t.dep_ in ("nsubj", "nsubjpass"))


def _violent(note: _Note, cue: Cue, sent: int) -> tuple[str, float] | None:
    means = _means(note, sent)
    if means:
        return MEANS_SUB[means], 0.9
    subj, pats = _roles(note, cue)
    if _protest_context(note) and not subj & (ARMED - {"org"}):
        return _protest_subtype(note)
    armed_subj = bool(subj & ARMED)
    words = {t.lemma_.lower() for t in note.doc[cue.start:cue.end]}
    if subj & {"rioter"} or (subj & {"civilian", "protester"} and not armed_subj
                             and _plural(note, cue) and not words & FIREARM_WORDS):
        return "Mob violence", 0.75
    armed_pat = bool(pats & ARMED) and not pats & {"civilian"}
    clashes = [c for c in note.kinds("acts", sent) if c.kind == "clash"]
    if cue.kind != "clash" and not subj & {"civilian", "rioter", "protester"} and clashes:
        if all(_unarmed_sides(note, c) for c in clashes):
            return "Mob violence", 0.7  # "30 injured in a clash between two groups of villagers"
        return _battle(note), 0.8  # "killed during clashes between police and gunmen"
    if cue.kind == "clash":
        if not armed_subj and not pats & ARMED and (subj | pats) & {"civilian"}:
            return "Mob violence", 0.7
        return _battle(note), 0.85
    if armed_pat:
        return _battle(note), 0.8
    return "Attack", 0.8


def _unarmed_sides(note: _Note, cue: Cue) -> bool:
    """A clash whose named sides are all unarmed people (villagers, supporters, students)."""
    subj, pats = _roles(note, cue)
    sides = subj | pats
    return bool(sides & {"civilian", "protester", "rioter"}) and not sides & ARMED


def _plural(note: _Note, cue: Cue) -> bool:
    """The act's agent is a group of people ("residents", "a crowd"), not one person."""
    tok = note.doc[cue.head]
    subj = subject(tok) if tok.pos_ in ("VERB", "AUX") else subject(tok.head)
    if subj is None:
        return False
    if subj.tag_ in ("NNS", "NNPS") or subj.lemma_.lower() in ("crowd", "mob", "group", "dozen", "hundred"):
        return True
    return any(c.dep_ == "conj" for c in subj.children)


def _battle(note: _Note) -> str:
    kinds = {c.kind for c in note.kinds("acts")}  # "... clashed in X. The village was liberated."
    if "territory_regain" in kinds:
        return "Government regains territory"
    return "Armed clash"


def _territory(note: _Note, cue: Cue) -> tuple[str, float] | None:
    words = note.doc[cue.start:cue.end].text.lower()
    subj, pats = _roles(note, cue)
    if subj & {"civilian", "protester"} and not subj & ARMED:
        return _protest_subtype(note)  # residents "took over" a school: an occupation protest
    if "control" not in words and "over" not in words and not pats & {"area", "place", "org"}:
        return None
    if note.kinds("qualifiers") or any(c.kind == "clash" for c in note.negated):
        return "Non-violent transfer of territory", 0.7
    if cue.kind == "territory_regain":
        return "Government regains territory", 0.8
    return "Non-state actor overtakes territory", 0.75


def _resolve(note: _Note, cue: Cue, sent: int) -> tuple[str, float] | None:
    kind = cue.kind
    if cue.group.startswith("means."):
        if kind == "stun":
            return None
        return MEANS_SUB[_means(note, sent) or kind], 0.9
    if kind == "protest" or (kind == "riot" and _protest_context(note)):
        return _protest_subtype(note)
    if kind == "claim":
        subj, _pats = _roles(note, cue)
        if subj & (ARMED - {"org"}):
            return None
        return _protest_subtype(note)
    if kind == "riot":
        return "Mob violence", 0.8
    if kind in ("kill", "generic", "clash"):
        return _violent(note, cue, sent)
    if kind == "sexual":
        subj, _pats = _roles(note, cue)
        if _under_reason(note.doc[cue.head]) or subj & {"protester"}:
            return None  # "denouncing the rape of a girl", "protesters cycled naked": the protest is the event
        return "Sexual violence", 0.9
    if kind == "abduct":
        return "Abduction/forced disappearance", 0.85
    if kind == "arrest":
        if _protest_context(note):
            return _protest_subtype(note)
        subj, _pats = _roles(note, cue)
        if subj & {"nonstate", "org"} and not subj & {"state"}:
            return "Abduction/forced disappearance", 0.7
        return "Arrests", 0.75
    if kind in ("territory_take", "territory_regain"):
        return _territory(note, cue)
    if kind == "disrupt":
        _subj, pats = _roles(note, cue)
        words = {t.lemma_.lower() for t in note.doc[cue.start:cue.end]}
        if "weapon_object" in pats or words & SPECIFIC_DISRUPT:
            return "Disrupted weapons use", 0.75
        return None
    if kind in ("loot", "destroy"):
        means = _means(note, sent)
        if means:
            return MEANS_SUB[means], 0.85
        if _protest_context(note):
            return _protest_subtype(note)
        if kind == "destroy":
            _subj, pats = _roles(note, cue)
            if not pats & {"property", "civilian", "area"}:
                return None
        return "Looting/property destruction", 0.7
    simple = {"agreement": "Agreement", "hq": "Headquarters or base established",
              "change": "Change to group/activity", "other": "Other"}
    if kind in simple:
        return simple[kind], 0.5
    return None


def _candidates(note: _Note, focus: int | None) -> list[tuple[float, int, Cue]]:
    out = []
    for k, cues in enumerate(note.cues):
        for cue in cues:
            section = cue.group.split(".")[0]
            if section not in ("acts", "means") or cue.kind == "stun":
                continue
            weight = WEIGHT["means"] if section == "means" else WEIGHT.get(cue.kind, 0.0)
            score = depth(note.doc[cue.head]) + weight + SENTENCE_PENALTY * k
            if focus is not None and cue.start <= focus < cue.end:
                score -= 2.0
            out.append((score, cue.start, cue))
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def _classify(doc: Doc, sents: list[Span], lex: Lexicon, sectors: dict[int, str] | None,
              focus: int | None = None) -> Label | None:
    found = [find_cues(s, lex.cues) for s in sents]
    cues = [[c for c in cs if not c.negated] for cs in found]
    negated = [c for cs in found for c in cs if c.negated]
    note = _Note(doc, sents, cues, negated, lex, sectors or {})
    sent_of = {}
    for k, s in enumerate(sents):
        sent_of.update({i: k for i in range(s.start, s.end)})
    for _score, _start, cue in _candidates(note, focus):
        got = _resolve(note, cue, sent_of.get(cue.head, 0))
        if got:
            sub, salience = got
            return _label(lex, sub, cue.head, salience)
    return None


def classify_span(span: Span, lex: Lexicon, sectors: dict[int, str] | None = None,
                  focus: int | None = None) -> Label | None:
    """The ACLED label of one sentence (``focus``: the event's trigger token), or None."""
    return _classify(span.doc, [span], lex, sectors, focus)


def note_tag(doc: Doc, lex: Lexicon) -> str | None:
    m = TAG.match(doc.text)
    return lex.note_tags.get(m.group(1).strip().lower()) if m else None


def classify_note(doc: Doc, lex: Lexicon, sectors: dict[int, str] | None = None) -> Label | None:
    """The ACLED label of a short note that reports one event (first sentence first)."""
    sents = list(doc.sents)
    if not sents:
        return None
    tagged = note_tag(doc, lex)
    found = _classify(doc, sents, lex, sectors)
    if tagged:
        cue = found.cue if found else None
        return _label(lex, tagged, cue, 0.9)
    return found

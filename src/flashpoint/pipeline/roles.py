"""flashpoint_roles_v1: who acted (actor) and on whom (recipient), from the parse.

Verbs: the subject acts on the object or on the object of "with/against/on/to/at";
passives swap them ("were killed by rebels"); a trigger with no subject of its own
borrows its governing verb's ("Serbia wants to purchase"). Nouns: the possessor, an
adjectival/compound actor ("Israeli strikes"), "by X" or, for visits, "of X" is the
actor; "on/against/with X" the recipient; a noun that is the object of a light verb
("staged a protest") takes that verb's subject. Failing the parse, the nearest actor
before the trigger acts on the nearest other one after it.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .mentions import ActorMention, EventMention, doc_list

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "iobj"}
TARGET_PREPS = {"with", "against", "on", "to", "at", "into", "upon", "toward", "towards", "in", "over"}
NOUN_ACTOR_PREPS = {"by", "from"}
ACTOR_OF_NOUNS = {"visit", "trip", "tour", "arrival", "offensive", "withdrawal", "protest", "demonstration",
                  "statement", "call", "appeal", "demand", "threat", "decision", "pledge", "promise"}
RESULT_LEMMAS = {"kill", "wound", "injure", "die", "leave", "hit", "claim"}
EMBEDDED_CLAUSES = ("relcl", "acl", "advcl")
DEMAND_NOUNS = {"demand", "call", "appeal", "request", "ultimatum", "warning", "reminder", "insistence"}
COMPLAINTS = {"complain", "protest", "criticize", "criticise", "condemn", "denounce", "object", "warn"}
ABOUT_PREPS = {"over", "about", "against", "of"}
BORROW_DEPS = {"xcomp", "advcl", "conj", "ccomp", "relcl", "acl", "pcomp", "pobj", "prep"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her"}
PERSONAL_PRONOUNS = {"he", "she", "his", "her"}
AUTHORED_NOUNS = {"report", "paper", "statement", "study", "document", "analysis", "communique", "letter",
                  "resolution", "declaration"}
AUTHOR_SECTORS = {"GOV", "LEG", "JUD", "IGO", "NGO", "MIL"}
PERSON_SECTORS = {"GOV", "LEG", "JUD", "OPP", "REB", "MED"}
OWN_FORCES_SECTORS = {"MIL", "COP"}
OWN_FORCES_EVENTS = {"AID", "MOBILIZE", "COOPERATE", "RETREAT"}
# passives that state the subject's own stance, not something done to it: "Vietnam is committed to reform"
STANCE_PASSIVES = {"commit", "determine", "prepare", "resolve", "dedicate", "oblige", "obligate", "pledge"}


class RoleFinder:
    def __call__(self, doc: Doc) -> Doc:
        actors = doc_list(doc, "fp_actors")
        if not actors:
            return doc
        owner: dict[int, ActorMention] = {}
        for m in actors:
            for i in range(m.start, m.end):
                owner.setdefault(i, m)
        self._owner = owner
        self._actors = actors
        for ev in doc_list(doc, "fp_events"):
            self._assign(doc, ev, owner, actors)
        return doc

    def _assign(self, doc: Doc, ev: EventMention, owner: dict[int, ActorMention], actors: list[ActorMention]) -> None:
        trigger = doc[ev.trigger]
        if ev.attrs.get("demanded_by") is not None:
            reporter = doc[ev.attrs["demanded_by"]]
            if reporter.pos_ in ("NOUN", "PROPN") and reporter.dep_ in ("dobj", "attr"):
                reporter = reporter.head  # "issued a stern reminder that …": whoever issued it
            ev.actor = self._find(next((c for c in reporter.children if c.dep_ in SUBJ), None), owner)
            ev.recipient = self._find(next((c for c in trigger.children if c.dep_ in SUBJ), None), owner)
            return
        if trigger.pos_ in ("NOUN", "PROPN"):
            actor, recipient = self._noun_roles(trigger, owner)
        else:
            actor, recipient = self._verb_roles(trigger, owner)
        if actor is not None and recipient is actor:
            recipient = None
        passive = trigger.pos_ not in ("NOUN", "PROPN") and any(c.dep_ in PASSIVE_SUBJ for c in trigger.children)
        if passive and actor is None and recipient is not None and recipient.sector in OWN_FORCES_SECTORS \
                and ev.plover in OWN_FORCES_EVENTS:
            actor, recipient = recipient, None  # "soldiers are deployed": the forces are the actor's own
        if actor is None and not passive:
            actor = self._pronoun_antecedent(trigger, actors, recipient)
            if actor is not None and trigger.pos_ not in ("NOUN", "PROPN"):
                recipient = self._verb_roles(trigger, owner, actor)[1] or recipient
        if (actor is None and not passive) or recipient is None:
            in_sentence = [m for m in actors if ev.sent_start <= m.start and m.end <= ev.sent_end]
            if actor is None and not passive:
                before = [m for m in in_sentence if m.end <= ev.trigger and m is not recipient]
                actor = before[-1] if before else None
                if actor is None and recipient is None:
                    after = [m for m in in_sentence if m.start > ev.trigger]
                    actor = after[0] if after else None
            if recipient is None:
                after = [m for m in in_sentence if m.start > ev.trigger and m is not actor
                         and (actor is None or m.country != actor.country)]
                recipient = after[0] if after else None
        ev.actor, ev.recipient = actor, recipient

    def _pronoun_antecedent(self, trigger: Token, actors: list[ActorMention],
                            recipient: ActorMention | None) -> ActorMention | None:
        """The subject is "it"/"they"/"he": the last country or person-like actor named before."""
        verb, subj = trigger, None
        for _ in range(4):
            subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
            if subj is not None or verb.head.i == verb.i:
                break
            verb = verb.head
        if subj is None:
            return None
        return self._antecedent(subj, actors, recipient)

    def _antecedent(self, word: Token, actors: list[ActorMention], recipient: ActorMention | None) -> ActorMention | None:
        authored = word.lemma_.lower() in AUTHORED_NOUNS and word.i not in self._owner
        if word.lower_ not in PRONOUNS and not authored:
            return None
        earlier = [m for m in actors if m.end <= word.i and m is not recipient and (m.country or m.sector in ("IGO", "NGO"))]
        if word.lower_ in PERSONAL_PRONOUNS:
            earlier = [m for m in earlier if m.sector in PERSON_SECTORS] or earlier
        elif authored:  # "the report warns": its author, an institution named before
            earlier = [m for m in earlier if m.sector in AUTHOR_SECTORS]
        return earlier[-1] if earlier else None

    def _find(self, token: Token | None, owner: dict[int, ActorMention]) -> ActorMention | None:
        """The actor mention a dependent names: the token itself, else the nearest in its subtree."""
        if token is None:
            return None
        if token.i in owner:
            return owner[token.i]
        # breadth first, left to right: the nearest mention, and of two as near the first named
        # ("the withdrawal of Serbian forces from Bosnia": the forces)
        frontier = [c for c in token.children if c.dep_ not in EMBEDDED_CLAUSES]
        for _ in range(4):
            for t in sorted(frontier, key=lambda t: t.i):
                if t.i in owner:
                    return owner[t.i]
            frontier = [c for t in frontier for c in t.children if c.dep_ not in EMBEDDED_CLAUSES]
        return None

    def _victims_of_result(self, noun: Token, owner) -> ActorMention | None:
        """"A roadside bombing killed one U.S. soldier", "civilians were killed in a car
        bombing": the victims of the verb that reports the event's toll."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        if verb.lemma_.lower() not in RESULT_LEMMAS or verb.i == noun.i:
            return None
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "nsubj" and child.i != noun.i
                                                        and verb.lemma_.lower() == "die"):
                found = self._find(child, owner)
                if found is not None:
                    return found
        return None

    @staticmethod
    def _other_side(actor: ActorMention | None, candidates: list) -> ActorMention | None:
        """The first named recipient that is not the actor's own side ("offered its troops to
        Lebanon", "withdraw its troops from Lebanon": Lebanon, not the troops)."""
        named = [c for c in candidates if c is not None and c is not actor]
        if actor is not None and actor.country:
            foreign = [c for c in named if c.country != actor.country]
            if foreign:
                return foreign[0]
        return named[0] if named else None

    def _prep_object(self, token: Token, preps: set[str]) -> Token | None:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        return None

    def _verb_roles(self, verb: Token, owner, actor_hint: ActorMention | None = None
                    ) -> tuple[ActorMention | None, ActorMention | None]:
        """(actor, recipient) of a verb; ``actor_hint`` is who acts when the verb's own subject
        names no actor ("it is willing to withdraw its troops from Lebanon")."""
        children = list(verb.children)
        subj = next((c for c in children if c.dep_ in SUBJ), None)
        passive_subj = next((c for c in children if c.dep_ in PASSIVE_SUBJ), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        obj = next((c for c in children if c.dep_ in OBJ), None)
        if passive_subj is not None and agent is None and verb.lemma_.lower() in STANCE_PASSIVES:
            actor, recipient = self._find(passive_subj, owner), None
        elif passive_subj is not None:
            actor, recipient = self._find(agent, owner), self._find(passive_subj, owner)
        else:
            actor = self._find(subj, owner)
            # "complained to the UN over Israeli air raids": what a complaint is about is its target
            about = [self._find(self._prep_object(verb, ABOUT_PREPS), owner)] if verb.lemma_.lower() in COMPLAINTS else []
            recipient = self._other_side(actor or actor_hint, about +
                                         [self._find(c, owner) for c in children if c.dep_ in ("dative", "iobj")]
                                         + [self._find(obj, owner), self._find(self._prep_object(verb, TARGET_PREPS), owner),
                                            self._find(self._prep_object(verb, {"from"}), owner)])
        if recipient is None and obj is not None:
            recipient = self._find(self._prep_object(obj, TARGET_PREPS | {"of"}), owner)
        if recipient is None and subj is not None and actor is not None:
            # "Serbia and Kosovo agreed": each side acts on the other
            for conj in subj.conjuncts:
                other = self._find(conj, owner)
                if other is not None and other is not actor and other.country != actor.country:
                    recipient = other
                    break
        if recipient is None:  # "threatened to ban opposition candidates": the act's object
            for child in children:
                if child.dep_ in ("xcomp", "ccomp") or (child.dep_ == "advcl" and any(g.lower_ == "to" for g in child.children)):
                    governed_actor, governed_recipient = self._verb_roles(child, owner, actor or actor_hint)
                    # "demanded that the United States match …": the one told to act is addressed
                    candidates = ([governed_actor, governed_recipient] if child.dep_ == "ccomp"
                                  else [governed_recipient])
                    recipient = self._other_side(actor or actor_hint, candidates)
                    if recipient is not None:
                        break
        head = verb
        hops = 0
        own_subject = subj is not None or passive_subj is not None
        while actor is None and not own_subject and head.dep_ in BORROW_DEPS and head.head.i != head.i and hops < 4:
            if head.dep_ == "relcl":
                actor = self._find(head.head, owner)  # "the rebels who attacked": the noun is the subject
                break
            head = head.head
            hops += 1
            subj = next((c for c in head.children if c.dep_ in SUBJ), None)
            actor = self._find(subj, owner)
        return actor, recipient

    def _noun_roles(self, noun: Token, owner) -> tuple[ActorMention | None, ActorMention | None]:
        actor = None
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in owner:
                actor = owner[child.i]
                break
            if child.dep_ == "poss" and child.lower_ in PRONOUNS:  # "its demand": whoever "it" is
                actor = self._antecedent(child, self._actors, None)
                break
        if actor is None:
            actor = self._find(self._prep_object(noun, NOUN_ACTOR_PREPS), owner)
        if actor is None and noun.lemma_.lower() in ACTOR_OF_NOUNS:
            actor = self._find(self._prep_object(noun, {"of"}), owner)
        recipient = None
        if noun.lemma_.lower() in DEMAND_NOUNS:  # "its demand that Israel ease restrictions": Israel
            addressed = (self._find(g, owner) for c in noun.children if c.dep_ in ("acl", "ccomp")
                         for g in c.children if g.dep_ in SUBJ)
            recipient = next((a for a in addressed if a is not None), None)
        recipient = recipient or self._find(self._prep_object(noun, TARGET_PREPS | ({"of"} if actor is not None else set())), owner)
        if recipient is None:
            recipient = self._victims_of_result(noun, owner)
        if actor is None and noun.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and noun.head.i != noun.i:
            verb = noun.head if noun.dep_ != "pobj" else noun.head.head
            subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
            actor = self._find(subj, owner)
        if actor is not None and actor is recipient:
            recipient = None
        return actor, recipient


@Language.factory("flashpoint_roles_v1", default_config={})
def make_roles(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder()

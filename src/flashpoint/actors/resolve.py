"""Turn dictionary matches and sector nouns into ``ActorMention`` records, one per
actor noun phrase (two or more for coordinated modifiers: "Hungarian and Romanian
officials").

For each match the phrase head is found by climbing the parse through prenominal
modifiers ("Kosovo's security forces" -> "forces"); the mention spans the head's left
modifiers (capped at ``MAX_LEFT`` tokens) and the head. Country comes from the named
actor on the head, else the nearest named actor among the modifiers, else a
"government of Kosovo" / "police in Kosovo" attachment; sector from ``sectors``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..pipeline.mentions import ActorMention
from .matcher import DictMatch
from .sectors import SectorLexicon

MAX_LEFT = 10
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat"})
NOUNISH = frozenset({"NOUN", "PROPN"})
LOCATIVE = frozenset("in at near inside within throughout across around outside along into".split())
DASHES = frozenset({"–", "—", "-", ":", "--"})
PLACE_KINDS = frozenset({"name", "capital"})
LEADING_JUNK = frozenset({"PRON", "SCONJ", "CCONJ", "ADP", "VERB", "AUX", "PART"})


@dataclass
class _Phrase:
    head: Token
    left: int
    matches: list[DictMatch] = field(default_factory=list)


def _root(doc: Doc, m: DictMatch) -> Token:
    return doc[m.start:m.end].root


def phrase_head(tok: Token) -> Token:
    """Climb from a prenominal modifier (or a conjunct of one) to the noun it modifies."""
    seen = 0
    while seen < 8:
        seen += 1
        dep, head = tok.dep_, tok.head
        if dep in MODIFIER_DEPS and head.i > tok.i and head.pos_ in NOUNISH:
            tok = head
        elif dep == "appos" and head.i == tok.i - 1 and tok.pos_ == "PROPN" and head.pos_ == "PROPN":
            tok = head  # "Deputy Prime Minister Telemar" parsed as an apposition
        elif dep == "conj" and head.dep_ in MODIFIER_DEPS and head.head.i > tok.i and head.head.pos_ in NOUNISH:
            tok = head.head
        else:
            break
    return tok


def _left_edge(head: Token) -> int:
    left = head.i
    for child in head.lefts:
        left = min(left, child.left_edge.i)
    return max(left, head.i - MAX_LEFT)


def _is_location(root: Token, m: DictMatch) -> bool:
    """A place name or capital used as a place: "in Kosovo", "at Pristina airport"."""
    return m.entry.kind in PLACE_KINDS and m.entry.origin != "user" and root.dep_ == "pobj" \
        and root.head.lower_ in LOCATIVE


DESCRIPTOR_PARTICIPLES = frozenset(
    "backed held inhabited controlled dominated majority populated speaking born based made funded "
    "allied aligned sponsored supported occupied administered annexed".split())


def _is_descriptor(doc: Doc, m: DictMatch) -> bool:
    """ "Serb-inhabited", "Russian-backed": a name inside a compound adjective describes,
    it does not act."""
    return (m.end + 1 < len(doc) and doc[m.end].text == "-"
            and doc[m.end + 1].lower_ in DESCRIPTOR_PARTICIPLES and m.entry.origin != "user")


def _is_dateline(doc: Doc, m: DictMatch) -> bool:
    """ "Pristina – Tensions continue …": the place a story was filed from."""
    return (m.entry.kind in PLACE_KINDS and m.end < len(doc) and doc[m.end].text in DASHES
            and (m.start == 0 or doc[m.start - 1].is_space or doc[m.start].is_sent_start))


class MentionBuilder:
    def __init__(self, lexicon: SectorLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc, matches: list[DictMatch]) -> list[ActorMention]:
        phrases: dict[int, _Phrase] = {}
        located: dict[int, DictMatch] = {}
        mentions_at: list[ActorMention] = []
        for m in matches:
            root = _root(doc, m)
            if _is_dateline(doc, m) or _is_descriptor(doc, m):
                continue
            if _is_location(root, m):
                # a country where something happens is often its target ("troops arrived in
                # Bosnia"): kept as a country without a sector; a capital stays a place
                located[root.i] = m
                if m.entry.kind == "name":
                    mentions_at.append(self._make(doc, m.start, m.end, root.i, m.entry.country, None, m.entry.origin))
                continue
            head = phrase_head(root)
            ph = phrases.get(head.i) or phrases.setdefault(head.i, _Phrase(head, _left_edge(head)))
            ph.matches.append(m)
        for tok in doc:
            if tok.i in phrases or tok.pos_ not in NOUNISH or phrase_head(tok) is not tok:
                continue
            left = _left_edge(tok)
            if self.lexicon.at(tok, left) is not None or (tok.pos_ == "PROPN" and self._titled(tok, left)):
                phrases[tok.i] = _Phrase(tok, left)
        mentions: list[ActorMention] = mentions_at
        by_head: dict[int, ActorMention] = {}
        for i in sorted(phrases):
            made = self._mentions(doc, phrases[i], located, matches)
            if made:
                by_head[i] = made[0]
                mentions.extend(made)
        _share_appositions(doc, by_head)
        mentions.sort(key=lambda m: (m.start, m.end))
        _resolve_possessives(doc, mentions)
        return mentions

    def _titled(self, tok: Token, left: int) -> bool:
        """ "Senate Majority Leader Mitch McConnell", "Judge Alejandro Rivera": a name after a title."""
        for mod in tok.doc[left:tok.i]:
            if mod.pos_ in NOUNISH and mod.dep_ == "compound" and mod.is_title:
                noun = self.lexicon.at(mod, left)
                if noun is not None and noun.strength != "named":
                    return True
        return False

    def _sector(self, doc: Doc, ph: _Phrase, entities: list[DictMatch]) -> tuple[str | None, bool]:
        """(sector, whether the phrase names an actor rather than a thing: "Serbian weapons")."""
        head = ph.head
        on_head = [m for m in entities if m.start <= head.i < m.end]
        # a head inside a name ("West Bank", "European Union") is not a common noun
        noun = None if on_head else self.lexicon.at(head, ph.left)
        if noun is not None and noun.strong:
            return noun.sector, True
        if on_head and on_head[0].entry.sector:
            return on_head[0].entry.sector, True
        modifiers = []
        for tok in reversed(doc[ph.left:head.i]):
            hit = next((m for m in entities if m.start <= tok.i < m.end), None)
            mod = self.lexicon.at(tok, ph.left) if tok.pos_ in NOUNISH or tok.dep_ == "amod" else None
            modifiers.append((hit, mod, tok))
        # a person's or group's name makes the phrase an actor ("Gambian President Dawda Jawara")
        agent = noun is not None or self.lexicon.is_agent_head(head) or bool(on_head) or head.pos_ == "PROPN"
        if not agent:
            return None, False
        country = on_head[0].entry.country if on_head else None
        for hit, mod, _tok in modifiers:
            # another actor's own sector does not carry over ("NATO-member Norway" is no IGO)
            if hit is not None and hit.entry.sector and hit.entry.kind != "capital" \
                    and country in (None, hit.entry.country):
                return hit.entry.sector, True
            if mod is not None and mod.strong:
                return mod.sector, True
        if noun is not None:
            return noun.sector, True
        weak = next((mod for _h, mod, _t in modifiers if mod is not None), None)
        return (weak.sector if weak else None), True

    def _mentions(self, doc: Doc, ph: _Phrase, located: dict[int, DictMatch],
                  all_matches: list[DictMatch]) -> list[ActorMention]:
        head = ph.head
        entities = sorted(ph.matches, key=lambda m: (not (m.start <= head.i < m.end), head.i - m.end))
        sector, agent = self._sector(doc, ph, entities)
        named = [m for m in entities if m.entry.country is not None]
        if named and all(m.entry.kind == "capital" for m in named) and not any(
                m.start <= head.i < m.end for m in named) and head.pos_ == "PROPN" \
                and self.lexicon.at(head, ph.left) is None:
            return []  # "Tehran Province", "Seoul's Jongno district": a place
        start, end = ph.left, max([head.i + 1] + [m.end for m in ph.matches if m.start == head.i + 1])
        if not agent:
            # "the Kosovo border", "Serbia's cooperation": only the named actor is an actor;
            # a capital before a thing is a place ("Pristina airport")
            named = [m for m in named if m.entry.kind != "capital"]
            return [self._make(doc, m.start, m.end, _root(doc, m).i, m.entry.country,
                               None if m.entry.kind == "demonym" else m.entry.sector, m.entry.origin)
                    for m in named[:1]]
        if not named:
            attached = _attached(head, located, all_matches)
            if attached is None and sector is None:
                return []
            noun = self.lexicon.at(head, ph.left)
            if attached is None and not entities and noun is not None and (
                    noun.strength == "named" or head.pos_ == "PROPN" and not noun.strong and not head.is_title):
                return []  # "West Darfur State", "the state": a name or a place, not a kind of actor
            origin = next((m.entry.origin for m in entities), "builtin")
            if attached is not None:
                if _root(doc, attached).head.lower_ == "of":
                    end = max(end, attached.end)
                return [self._make(doc, start, end, head.i, attached.entry.country, sector, attached.entry.origin)]
            return [self._make(doc, start, end, head.i, None, sector, origin)]
        first = named[0]
        origin = "user" if any(m.entry.origin == "user" for m in entities) else first.entry.origin
        if first.entry.kind == "demonym" and first.start <= head.i < first.end:
            home = _attached(head, located, all_matches)
            if home is not None and home.entry.kind == "name" and home.entry.country != first.entry.country:
                # "the Albanians of southern Serbia", "Serbs in Kosovo": a people is coded by where it lives
                return [self._make(doc, start, end, head.i, home.entry.country, sector, origin)]
        if first.entry.sector == "IGO":  # "NATO troops" stay NATO/IGO, as the contract codes IGOs
            sector = "IGO"
        out = [self._make(doc, start, end, head.i, first.entry.country, sector, origin)]
        for other in named[1:]:
            if other.entry.country != first.entry.country and _coordinated(doc, other, named, first):
                out.append(self._make(doc, other.start, other.end, head.i, other.entry.country, sector,
                                      other.entry.origin))
        return out

    @staticmethod
    def _make(doc: Doc, start: int, end: int, head: int, country, sector, origin) -> ActorMention:
        # parse slips put "what", "and" or a comma on a phrase's left edge
        while start < head and (doc[start].is_punct or doc[start].pos_ in LEADING_JUNK and doc[start].dep_ != "poss"):
            start += 1
        span = doc[start:end]
        return ActorMention(start, end, span.start_char, span.end_char, span.text, country, sector, head, origin)


def _coordinated(doc: Doc, m: DictMatch, named: list[DictMatch], first: DictMatch) -> bool:
    """ "Hungarian and Romanian officials", "Ethiopian, Mozambican and South African troops"."""
    root = _root(doc, m)
    if root.dep_ == "conj":
        return True
    lo, hi = (m.end, first.start) if m.end <= first.start else (first.end, m.start)
    if any(t.text == "," or t.pos_ == "CCONJ" for t in doc[lo:hi]):
        return True
    return any(_root(doc, o).dep_ == "conj" and _root(doc, o).head.i == root.i for o in named if o is not m)


def _attached(head: Token, located: dict[int, DictMatch], matches: list[DictMatch]) -> DictMatch | None:
    """A country named in a prepositional phrase on the head: "government of Kosovo"."""
    for prep in head.rights:
        if prep.dep_ != "prep" or (prep.lower_ != "of" and prep.lower_ not in LOCATIVE):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.i in located and located[obj.i].entry.kind == "name":
                return located[obj.i]
            if prep.lower_ == "of":
                for m in matches:
                    if m.start <= obj.i < m.end and m.entry.country is not None:
                        return m
    return None


def _share_appositions(doc: Doc, by_head: dict[int, ActorMention]) -> None:
    """ "Pistorius, the German defence minister": each side fills the other's gaps."""
    for i, m in by_head.items():
        tok = doc[i]
        if tok.dep_ != "appos" or tok.head.i not in by_head:
            continue
        other = by_head[tok.head.i]
        for a, b in ((m, other), (other, m)):
            if a.country is None and b.country is not None:
                a.country = b.country
            if a.sector is None and b.sector is not None:
                a.sector = b.sector


POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def _resolve_possessives(doc: Doc, mentions: list[ActorMention]) -> None:
    """ "Serbia has strengthened its military": "its" is the sentence's earlier actor."""
    for m in mentions:
        if m.country is not None or not doc[m.start].lower_ in POSSESSIVE_PRONOUNS:
            continue
        sent_start = doc[m.head].sent.start
        earlier = [o for o in mentions if sent_start <= o.start and o.end <= m.start and o.country]
        subjects = [o for o in earlier if doc[o.head].dep_ in ("nsubj", "nsubjpass")]
        source = (subjects or earlier or [None])[-1]
        if source is not None:
            m.country = source.country

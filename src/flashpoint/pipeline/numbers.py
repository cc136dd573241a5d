"""The numbers stage: casualty figures, crowd sizes and other quantities.

Writes ``doc._.fp_numbers`` (``NumberMention``). Number phrases come from
``flashpoint.text.numbers.find_numbers`` (one regex pass over the text); casualty
figures are read from the parse around death and injury words:

- victims of a trigger: the passive or intransitive subject ("5 soldiers were killed",
  "12 people died"), the object ("killed 5 soldiers", "injuring 4"), the noun a reduced
  relative hangs on ("3 civilians killed in …"), "3 dead", "left 3 dead", "a man was shot dead";
- a victim counts its number ("dozens of people" = 12, ACLED's convention), else 1 for a
  single person ("a civilian", "the driver", "he", a name); coordinated victims are summed
  ("Three attackers and a police officer were killed" = 4, one mention);
- "2 fatalities", "death toll rose to 28", "fatalities coded as 3" (the last, ACLED's
  own coding, replaces the document's other fatality figures);
- headline tolls read from the words (``tolls.HeadlineTolls``), since a headline's parse is often wrong: a count, its
  victims and a casualty word ("Five troops, 19 civilians killed", "One serviceman KIA, two WIA"),
  or an active form right before the count ("shelling kills six"). Such a count keeps its
  kind: "3 killed, 17 wounded" never reads 17 as dead, whatever the parse says.

Everything else with a count is a crowd (a count of people in a protest sentence) or a
quantity with its unit (a currency code or the counted noun) and qualifier.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..text.numbers import NumberSpan, find_numbers
from .mentions import NumberMention
from .tolls import INCLUSIVE, CasualtyWords, HeadlineTolls, Toll, age_end, attributed, counted_noun

PRONOUNS = {"he", "she", "him", "her", "himself", "herself", "other", "another", "one", "individual", "someone"}
BLOCKING_HEADS = {"threaten", "attempt", "try", "plan", "vow", "want", "seek", "intend", "aim", "fear", "escape"}
# a death named as the grievance of a protest ("protested against the killing of …") is background
GRIEVANCE_PREPS = {"against", "over", "for", "after", "following", "about", "of"}
GRIEVANCE_VERBS = {"condemn", "denounce", "protest", "mark", "commemorate", "decry", "mourn", "remember", "demand",
                   "investigate", "repudiate", "oppose", "criticize", "criticise"}
COPULAS = {"be", "lie", "remain"}
GROUP_NOUNS = {"total", "number", "group", "lot", "handful", "couple", "dozen", "score", "tally"}
DEATH_NOUNS = {"death", "deaths", "killing", "killings", "murder", "murders", "assassination", "execution",
               "executions", "massacre"}
INJURY_DEATH_NOUNS = {"injuring", "wounding", "injury", "injuries"}
CODED = {("coded", "as"), ("estimated", "as"), ("coded", "at")}
TOLL_CUES = {"death", "dead", "killed"}
# tokens that may stand between a counted noun and its number ("12 Serbian police officers")
NP_DEPS = {"amod", "compound", "nummod", "quantmod", "det", "advmod", "nmod", "poss", "case", "punct", "npadvmod"}
SUBJ = {"nsubjpass", "nsubj"}
TOLL_WINDOW = 12  # tokens before a figure searched for "death toll … rose to"


def noun_phrase_left(noun: Token) -> list[Token]:
    """The tokens before ``noun`` in its plain noun phrase, nearest first ("At least 12 Serbian")."""
    inside, out, paren = {noun.i}, [], False
    for i in range(noun.i - 1, max(noun.left_edge.i, noun.i - 10) - 1, -1):
        tok = noun.doc[i]
        if tok.text == ")" or paren:  # "two Katiba Serma (JNIM) IED planters"
            paren = tok.text != "("
        elif tok.dep_ not in NP_DEPS or tok.head.i not in inside or (tok.dep_ == "punct" and tok.text != "-"):
            break
        inside.add(i)
        out.append(tok)
    return out


class NumberStage:
    def __init__(self, plural_unknown: int = 0) -> None:
        self.plural_unknown = plural_unknown
        self.words = CasualtyWords()
        self.tolls = HeadlineTolls(self.words, self._blocked)

    # ---- number spans on tokens -------------------------------------------------------
    def _spans(self, doc: Doc) -> tuple[list[tuple[NumberSpan, int, int]], dict[int, int]]:
        spans, by_token = [], {}
        for ns in find_numbers(doc.text):
            sp = doc.char_span(ns.start, ns.end, alignment_mode="expand")
            num = doc.char_span(ns.num_start, ns.end, alignment_mode="expand")
            if sp is None or num is None or not len(sp):
                continue
            nxt = doc[num.end] if num.end < len(doc) else None
            counted = nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in self.words.not_counts
            age = age_end(doc, num.end) is not None
            if any(t.ent_type_ in ("DATE", "TIME") for t in num) and not (ns.vague or ns.unit or counted or age):
                continue
            k = len(spans)
            spans.append((ns, sp.start, sp.end))
            for i in range(num.start, num.end):
                by_token[i] = k  # a token holding two ("UPDATE 1-Six"): the one nearest the noun
        return spans, by_token

    # ---- casualties -------------------------------------------------------------------
    def _kind(self, t: Token) -> str | None:
        low, lemma = t.lower_, t.lemma_.lower()
        if low == "dead":
            return "fatalities"
        if t.pos_ == "NOUN" and (low in DEATH_NOUNS or low in INJURY_DEATH_NOUNS) and any(
                c.lower_ == "of" for c in t.children):
            return "fatalities" if low in DEATH_NOUNS else "injuries"
        if not t.tag_.startswith("VB"):
            return None
        children = {c.lower_ for c in t.children}
        to_death = any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in t.children)
        if lemma in self.words.fatal_verbs or (lemma in self.words.strict and to_death):
            return "fatalities"
        if lemma in self.words.with_dead and ("dead" in children or to_death):
            return "fatalities"
        if lemma in self.words.injury_verbs:
            return "injuries"
        return None

    def _blocked(self, t: Token) -> bool:
        if any(c.dep_ == "neg" for c in t.children) or (t.dep_ == "amod" and t.lower_ != "dead"):  # "a killed reporter"
            return True
        # "killed or wounded", "killed, injured or captured": not a count of the dead
        if any(c.dep_ == "cc" and c.lower_ == "or" for c in (*t.children, *t.head.children)) and (
                any(c.dep_ == "conj" for c in t.children) or t.dep_ == "conj"):
            return True
        head = t.head
        if t.pos_ == "NOUN":
            return (t.dep_ == "pobj" and head.lower_ in GRIEVANCE_PREPS - {"of"}
                    or t.dep_ == "dobj" and head.lemma_.lower() in GRIEVANCE_VERBS)
        if t.dep_ in ("relcl", "acl") and any(c.dep_ == "auxpass" for c in t.children) | (t.dep_ == "acl"):
            return head.dep_ == "pobj" and head.head.lower_ in GRIEVANCE_PREPS
        return t.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in BLOCKING_HEADS

    def _victims(self, t: Token) -> list[Token]:
        if t.lower_ == "dead":
            nums = [c for c in t.children if c.dep_ in ("nummod", "npadvmod", "nsubj")]
            if nums:
                return nums[:1]
            if t.dep_ == "amod":
                return [t.head]
            if t.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and self._kind(t.head) is None:
                # "left 3 dead", "3 were found dead", "nine people were dead"
                deps = ("dobj", "nsubjpass", "nsubj") if t.head.lemma_.lower() in COPULAS else ("dobj", "nsubjpass")
                objs = [c for c in t.head.children if c.dep_ in deps]
                return objs[:1]
            return []
        if t.pos_ == "NOUN":  # "the death of 4 soldiers", "the killing of a journalist"
            return [g for c in t.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"][:1]
        passive = any(c.dep_ == "auxpass" for c in t.children)
        subj = [c for c in t.children if c.dep_ in SUBJ]
        if not subj and t.dep_ == "conj" and t.head.tag_.startswith("VB"):  # "was shot and killed"
            head_subj = [c for c in t.head.children if c.dep_ in SUBJ]
            passive = passive or any(c.dep_ == "nsubjpass" for c in head_subj)
            subj = [c for c in head_subj if c.dep_ == "nsubjpass"]
        # headline parses: "three soldiers killed - Kiev" reads "Kiev" (or "- governor") as the object
        objs = [c for c in t.children if c.dep_ == "dobj" and not (
            c.pos_ == "ADJ" or c.pos_ == "PROPN" and c.ent_type_ in ("GPE", "LOC", "NORP", "FAC")
            or attributed(t, c))]
        if t.dep_ in ("acl", "amod") and not subj and not objs:
            return [t.head]
        if t.dep_ == "relcl" and passive:
            return [t.head]
        lemma = t.lemma_.lower()
        if passive or lemma in ("die", "perish"):
            return [c for c in subj if c.dep_ == "nsubjpass" or lemma in ("die", "perish") or passive]
        if objs:
            return objs
        if t.tag_ in ("VBN", "VBD") and subj and (lemma in self.words.fatal_verbs or lemma in self.words.injury_verbs):
            # headline "4 injured", "Three soldiers killed": a killing verb with no object
            return subj
        return []

    @staticmethod
    def _negated(v: Token) -> bool:
        return v.lower_ in ("nobody", "none", "noone") or any(c.lower_ in ("no", "none") for c in v.children)

    def _count(self, v: Token, spans, by_token) -> tuple[int | float | None, int, str]:
        """(value, first token, qualifier) of one victim noun."""
        counters = [c for c in v.children if c.dep_ == "nummod" and c.i in by_token]  # "two dozen … fighters"
        age = None
        for tok in [v] + counters + noun_phrase_left(v):
            if tok.i in by_token:
                ns, s, e = spans[by_token[tok.i]]
                if age_end(v.doc, e) is None:
                    return ns.value, s, ns.qualifier
                age = age or (1, s, "exact")  # "a 10-year-old", unless counted: "two 10-year-old boys"
        if age is not None:
            return age
        low = v.lower_
        if low in GROUP_NOUNS:  # "a total of 10", "a group of 3 men"
            for c in v.children:
                if c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return self._count(g, spans, by_token)
        if v.lower_ in self.words.not_counts or v.like_num:
            return None, v.i, "exact"
        if low in PRONOUNS or (v.pos_ == "PROPN" and v.ent_type_ in ("PERSON", "")):
            return 1, v.left_edge.i, "exact"
        if v.tag_ == "NN" and v.ent_type_ == "" and not self.words.thing(v):  # "a civilian", headline "journalist killed"
            return 1, max(v.left_edge.i, v.i - 3), "exact"
        if self.plural_unknown and (v.tag_ == "NNS" or low in ("them", "they")):  # "civilians were killed"
            return self.plural_unknown, v.i, "at least"
        return None, v.i, "exact"

    def _casualties(self, doc: Doc, spans, by_token, claimed: dict[int, str]) -> tuple[list[NumberMention], set[int]]:
        """Tolls from the parse; ``claimed`` (number span -> kind) keeps a count to one kind."""
        out, used, seen = [], set(), set()
        for t in doc:
            kind = self._kind(t)
            if kind is None or self._blocked(t):
                continue
            # "13 including two children": the part is not the toll
            victims = [v for v in self._victims(t) if (v.i, kind) not in seen
                       and not (v.dep_ == "pobj" and v.head.lower_ in INCLUSIVE)]
            group = []
            for v in victims:
                group.extend([v, *[c for c in v.conjuncts if c.i > v.i]])
            total, first, last, qual = 0, None, None, "exact"
            for v in group:
                value, s, q = self._count(v, spans, by_token)
                ks = {by_token.get(i) for i in range(s, v.i + 1)} - {None}
                taken = any((k, kind) in seen or claimed.get(k, kind) != kind for k in ks)
                if value is None or taken or self._negated(v):
                    continue
                seen.update((k, kind) for k in ks)
                claimed.update((k, kind) for k in ks)
                seen.add((v.i, kind))
                total += value
                first = s if first is None else min(first, s)
                last = v.i + 1 if last is None else max(last, v.i + 1)
                qual = q if qual == "exact" else qual
                used.update(k for k in (by_token.get(i) for i in range(s, v.i + 1)) if k is not None)
            if first is None or total <= 0:
                continue
            out.append(self._mention(doc, first, last, total, kind, None, qual, group[0].i))
        return out, used

    def _surface(self, doc: Doc, spans, used) -> tuple[list[NumberMention], list[NumberMention]]:
        """Figures the parse misses ("2 fatalities", "3 killed", "death toll … 28"), and ACLED's
        own coding ("fatalities coded as 3"), returned apart."""
        out, coded = [], []
        for k, (ns, s, e) in enumerate(spans):
            if k in used or ns.unit:
                continue
            after = doc[e].lower_ if e < len(doc) else ""
            window = doc[max(doc[s].sent.start, s - TOLL_WINDOW):s]
            before = [t.lower_ for t in window]
            is_coded = tuple(before[-2:]) in CODED and any(w.startswith(("fatalit", "casualt", "death"))
                                                           for w in before)
            tolls = [t for t in window if t.lower_ in self.words.toll]
            # "the death toll … rose to 28": a cue in the window or on the toll word itself, and the
            # figure linked to it ("to", "at", "of", "reached")
            cued = any(w in TOLL_CUES for w in before) or any(c.lower_ in TOLL_CUES for t in tolls for c in t.children)
            toll_cue = cued and bool(before) and before[-1] in self.words.toll_links
            kind = ("fatalities" if after in self.words.fatal_nouns or is_coded else "injuries" if after in self.words.injury_nouns
                    else "fatalities" if tolls and toll_cue else None)
            if kind:
                used.add(k)
                noun = after in self.words.fatal_nouns or after in self.words.injury_nouns
                m = self._mention(doc, s, e + noun, ns.value, kind, None, ns.qualifier, e if noun else None)
                (coded if is_coded else out).append(m)
        return out, coded

    # ---- crowds and quantities --------------------------------------------------------

    def _quantities(self, doc: Doc, spans, used) -> list[NumberMention]:
        out = []
        for k, (ns, s, e) in enumerate(spans):
            if k in used:
                continue
            strong = e < len(doc) and (doc[e].lower_ in ("-strong", "strong")
                                       or doc[e].text == "-" and e + 1 < len(doc) and doc[e + 1].lower_ == "strong")
            noun = counted_noun(doc, e)
            if strong:
                noun = next((t for t in doc[e:e + 6] if t.pos_ == "NOUN" and t.lower_ != "strong"), None)
            if not strong and e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_:
                noun = doc[e + 1]  # "51-page", "30-year-old", "5-km"
            unit = ns.unit or ("people" if strong else noun.lower_ if noun is not None else None)
            if unit in self.words.not_counts or (doc[s].ent_type_ in ("DATE", "TIME") and not ns.unit):
                continue
            if ns.unit is None and noun is None and not strong and (1000 < ns.value < 2100
                                                                    or doc[s:e].text.isdigit() and ns.value > 31):
                continue  # a bare year or a stray figure
            sent = doc[s].sent
            kind = "quantity"
            people = strong or unit in self.words.crowd_nouns or noun is not None and noun.tag_ in ("NNS", "NNPS") and (
                noun.lower_.endswith(self.words.person_suffixes) or noun.ent_type_ == "NORP")
            if (people or ns.vague and noun is None) and any(t.lower_ in self.words.protest for t in sent):
                kind = "crowd"
            out.append(self._mention(doc, s, e, ns.value, kind, unit, ns.qualifier,
                                     noun.i if noun is not None else None))
        return out

    @staticmethod
    def _mention(doc, s, e, value, kind, unit, qual, head) -> NumberMention:
        span = doc[s:e]
        unit = unit if unit else ("people" if kind in ("fatalities", "injuries", "crowd") else None)
        return NumberMention(s, e, span.start_char, span.end_char, span.text, value=value, kind=kind, unit=unit,
                             qualifier=qual, head=head)

    def _merge_tolls(self, doc: Doc, cas: list[NumberMention], tolls: list[Toll], spans, used) -> list[NumberMention]:
        """Headline tolls fill in what the parse missed, and a count the parse lost ("Two Lugansk
        republic's servicemen" read as one serviceman)."""
        counted = {i for _, s, e in spans for i in range(s, e)}
        for toll in tolls:
            tokens = set(range(toll.start, toll.end))
            same = [m for m in cas if m.kind == toll.kind and tokens & set(range(m.start, m.end))]
            if any(counted & set(range(m.start, m.end)) for m in same) or same and not toll.spans:
                continue  # the parse read the count; its reading of coordination is kept
            cas = [m for m in cas if m not in same]
            cas.append(self._mention(doc, toll.start, toll.end, toll.value, toll.kind, None, toll.qualifier, toll.head))
            used.update(toll.spans)
        return cas

    def _cumulative(self, doc: Doc, m: NumberMention) -> bool:
        """A running total ("72 soldiers killed this year", "since the start of the war") counts many
        events, not one."""
        sent = doc[m.start].sent
        words = [t.lower_ for t in doc[max(sent.start, m.start - 6):min(sent.end, m.end + 10)]]
        text = " ".join(words)
        return any(p in text for p in self.words.cumulative)

    def __call__(self, doc: Doc) -> Doc:
        spans, by_token = self._spans(doc)
        tolls = self.tolls(doc, spans)
        claimed = {k: toll.kind for toll in tolls for k in toll.spans}
        cas, used = self._casualties(doc, spans, by_token, claimed)
        cas = self._merge_tolls(doc, cas, tolls, spans, used)
        extra, coded = self._surface(doc, spans, used)
        cas += extra
        for m in cas:
            if m.kind in ("fatalities", "injuries") and self._cumulative(doc, m):
                m.kind = "quantity"
        if coded:  # ACLED's own "fatalities coded as N" overrides the figures it was drawn from
            cas = [m for m in cas if m.kind != "fatalities"] + coded
        out = cas + self._quantities(doc, spans, used)
        doc._.fp_numbers = sorted(out, key=lambda m: (m.start, m.end))
        return doc


@Language.factory("flashpoint_numbers_v1", default_config={"plural_unknown": 0})
def make_numbers(nlp: Language, name: str, plural_unknown: int) -> NumberStage:
    return NumberStage(plural_unknown)

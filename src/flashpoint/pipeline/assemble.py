"""Turn a processed ``Doc`` into contract records: each EventMention gets the date,
place, numbers and weapons of its sentence (or of the sentences it governs).

Linking rules, in order of trust:
- a mention in the event's own sentence, the one nearest the trigger;
- for casualties, a following sentence with no event of its own ("… fought police.
  Four were killed.") up to ``CASUALTY_REACH`` sentences on; of several figures for one
  event the lowest is kept (ACLED's lowest credible figure: a toll repeated or reported
  differently, a part told apart), unless a later one updates the total ("bringing the toll
  to six"); a violent event with a death toll ranks above the talks or blame told beside it;
- for the location, ``geo.linking.event_location`` (the place hanging on the event word,
  else an earlier local place in the same country); for the date, the document date
  when the sentence names none.
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc

from ..actors.dictionary import country_codes
from ..records import Actor, DocumentResult, Event, Place, Quantity
from ..text.numbers import lexicon
from ..geo.linking import event_location
from .mentions import ActorMention, EventMention, PlaceMention, doc_list

CASUALTY_REACH = 2
EVIDENCE_END = "evidence_end"  # token index where a toll told in a later sentence ends
SCORE_SCALE = 1.4  # event scores run to about 1.4; confidence is the score on 0..1
# a violent event with a reported death toll is what the report is about more often than the
# talks, truces or blame told beside it ("4 killed in the east amid news of a new truce")
TOLL_BONUS = 0.2
TOTAL_REACH = 4  # tokens before a figure searched for "total"/"toll"
VIOLENT_QUADS = {4}


def _actor(m: ActorMention | None) -> Actor | None:
    if m is None:
        return None
    return Actor(m.text, m.country, m.sector, m.char_span)


def _place(m: PlaceMention | None) -> Place | None:
    if m is None:
        return None
    return Place(m.text, m.char_span, m.name, m.lat, m.lon, m.country, m.admin1, m.geonames_id, m.feature, m.precision)


def _sentence_index(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sents]


def _in(m, start: int, end: int) -> bool:
    return start <= m.start and m.end <= end


def _nearest(mentions, trigger: int):
    return min(mentions, key=lambda m: abs(m.start - trigger)) if mentions else None


def full_date(value: str) -> str:
    """The contract's YYYY-MM-DD: a month or year is given as its first day (precision says which)."""
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _date(ev: EventMention, doc: Doc) -> tuple[str | None, str | None]:
    dates = [d for d in doc_list(doc, "fp_dates") if d.value and _in(d, ev.sent_start, ev.sent_end)]
    best = _nearest(dates, ev.trigger)
    if best is not None:
        return full_date(best.value), best.precision
    ref = doc._.fp_date
    return (ref.isoformat(), "day") if ref is not None else (None, None)


@functools.cache
def _total_words() -> frozenset[str]:
    return frozenset(lexicon()["casualties"]["total_words"])


def _is_total(doc: Doc, num) -> bool:
    words = _total_words()
    sent_start = doc[num.start].sent.start
    return any(t.lower_ in words for t in doc[max(sent_start, num.start - TOTAL_REACH):num.start])


def _pick(figures: list[tuple[int, bool]]) -> int:
    """The event's toll among the figures told for it: an updated total ("bringing the toll to
    six") if there is one, else the lowest figure, ACLED's lowest credible report (a repeated
    toll, reports that disagree, or a part of the toll told apart: "including two children")."""
    totals = [value for value, total in figures if total]
    return max(totals) if totals else min(value for value, _ in figures)


def _casualties(events: list[EventMention], doc: Doc, sents: list[tuple[int, int]],
                sent_of: dict[int, int]) -> dict[int, dict[str, int]]:
    """Event index -> {"fatalities": n, "injuries": n, "crowd": n}."""
    told: dict[int, dict[str, list[tuple[int, bool]]]] = {}
    ends: dict[int, int] = {}
    by_sent: dict[int, list[int]] = {}
    for k, ev in enumerate(events):
        by_sent.setdefault(sent_of.get(ev.trigger, -1), []).append(k)
    for num in doc_list(doc, "fp_numbers"):
        if num.kind not in ("fatalities", "injuries", "crowd"):
            continue
        si = sent_of.get(num.start, -1)
        target = None
        here = by_sent.get(si, [])
        violent_here = [k for k in here if events[k].quad_class in VIOLENT_QUADS]
        if num.kind == "crowd" and here:
            takers = [k for k in here if events[k].plover == "PROTEST"] or here
            target = min(takers, key=lambda k: abs(events[k].trigger - num.start))
        elif violent_here:
            target = min(violent_here, key=lambda k: abs(events[k].trigger - num.start))
        elif num.kind != "crowd":  # a toll told after the violence ("… fired at a bus. Three died.")
            for back in range(1, CASUALTY_REACH + 1):
                cands = [k for k in by_sent.get(si - back, []) if events[k].quad_class in VIOLENT_QUADS]
                if cands:
                    target = cands[-1]
                    break
        if target is None:
            continue
        if si > sent_of.get(events[target].trigger, -1):
            # the evidence of the toll is that later sentence: the event's evidence runs to its end
            ends[target] = max(ends.get(target, 0), sents[si][1])
        told.setdefault(target, {}).setdefault(num.kind, []).append((int(num.value), _is_total(doc, num)))
    # a violent event also takes the figures of the violent events told in its own sentence and the
    # next CASUALTY_REACH ("Gunmen fired at a bus. Three civilians were killed."): the kill is its outcome
    sentence = [sent_of.get(ev.trigger, -1) for ev in events]
    out: dict[int, dict[str, int]] = {}
    for k, ev in enumerate(events):
        figures = {kind: list(values) for kind, values in told.get(k, {}).items()}
        end = ends.get(k)
        if ev.quad_class in VIOLENT_QUADS:
            for j, theirs in told.items():
                near = sentence[k] <= sentence[j] <= sentence[k] + CASUALTY_REACH
                if j != k and events[j].quad_class in VIOLENT_QUADS and near:
                    for kind in ("fatalities", "injuries"):
                        figures.setdefault(kind, []).extend(theirs.get(kind, []))
                    if j in ends:
                        end = max(end or 0, ends[j])
        slot = {kind: (max(v for v, _ in values) if kind == "crowd" else _pick(values))
                for kind, values in figures.items() if values}
        if end is not None:
            slot[EVIDENCE_END] = end
        if slot:
            out[k] = slot
    return out


def _weapons(events: list[EventMention], weapons, sents: list[tuple[int, int]],
             sent_of: dict[int, int]) -> dict[int, list]:
    """Event index -> (weapon mention, end of its sentence): those of its sentence, and those
    of a following sentence with no event of its own ("Gunmen stormed the village. They used
    grenades."), up to ``CASUALTY_REACH`` sentences on, which go to the last violent event
    before them."""
    with_event = {sent_of.get(ev.trigger) for ev in events}
    out: dict[int, list] = {}
    for w in weapons:
        here = [k for k, ev in enumerate(events) if _in(w, ev.sent_start, ev.sent_end)]
        if not here:
            si = sent_of.get(w.start, -1)
            if si in with_event:
                continue
            before = [k for k, ev in enumerate(events) if ev.quad_class in VIOLENT_QUADS
                      and si - CASUALTY_REACH <= sent_of.get(ev.trigger, -99) < si]
            here = before[-1:]
        for k in here:
            out.setdefault(k, []).append((w, sents[sent_of[w.start]][1]))
    return out


def to_result(doc: Doc, doc_id: str | None) -> DocumentResult:
    events = doc_list(doc, "fp_events")
    places = doc_list(doc, "fp_places")
    resolved = [p for p in places if p.lat is not None]
    sents = _sentence_index(doc)
    sent_of = {t: i for i, (s, e) in enumerate(sents) for t in range(s, e)}  # token -> sentence index
    casualties = _casualties(events, doc, sents, sent_of)
    weapons = _weapons(events, doc_list(doc, "fp_weapons"), sents, sent_of)
    numbers = [n for n in doc_list(doc, "fp_numbers") if n.kind == "quantity"]
    out: list[Event] = []
    for k, ev in enumerate(events):
        cas = casualties.get(k, {})
        arms = weapons.get(k, [])
        sent = doc[ev.sent_start:max([ev.sent_end, cas.get(EVIDENCE_END, 0)] + [end for _w, end in arms])]
        date, precision = _date(ev, doc)
        if "date" in ev.attrs:
            date, precision = ev.attrs["date"]
        out.append(Event(
            plover=ev.plover, mode=ev.mode, cameo=ev.cameo, quad_class=ev.quad_class, goldstein=ev.goldstein,
            acled_event_type=ev.acled_event_type, acled_sub_event_type=ev.acled_sub_event_type,
            actor=_actor(ev.actor), recipient=_actor(ev.recipient),
            date=date, date_precision=precision,
            location=_place(event_location(resolved, doc, ev.sent_start, ev.sent_end, ev.trigger)),
            fatalities=cas.get("fatalities"), injuries=cas.get("injuries"), crowd_size=cas.get("crowd"),
            weapons=list(dict.fromkeys(w.text for w, _end in arms)),
            quantities=[Quantity(n.text, n.value, n.unit, n.qualifier) for n in numbers
                        if _in(n, ev.sent_start, ev.sent_end)],
            status=ev.status,
            text=sent.text,
            span=[sent.start_char, sent.end_char],
            confidence=round(min(1.0, max(0.0, _score(ev, cas) / SCORE_SCALE)), 4),
            trigger=doc[ev.trigger].text,
        ))
    out = merge_continuations(out, doc.text)
    actor_mentions = doc_list(doc, "fp_actors")
    for event in out:
        _recipient_from_location(event)
        _actor_from_location(event)
        for side in (event.actor, event.recipient):
            _domestic_country(side, event.location, event.span)
            _sentence_country(side, actor_mentions, event.span)
    return DocumentResult(doc_id, out, [p for p in (_place(m) for m in places if m.lat is not None) if p])


def _score(ev: EventMention, cas: dict[str, int]) -> float:
    toll = ev.quad_class in VIOLENT_QUADS and cas.get("fatalities", 0) > 0
    return float(ev.score) + (TOLL_BONUS if toll else 0.0)


UNDIRECTED = {"AGREE", "SUPPORT", "COOPERATE", "MOBILIZE"}
RECIPIENT_FROM_PLACE = {"AID", "CONSULT", "FIGHT", "ASSAULT", "MOBILIZE", "COOPERATE"}


def _recipient_from_location(event: Event) -> None:
    """Troops "deployed in Kosovo", a minister's visit to Pristina: with no named recipient,
    the country where a foreign actor acts is the one acted upon."""
    loc, actor = event.location, event.actor
    if event.recipient is None and event.plover == "PROTEST" and (loc is None or not loc.country) \
            and actor is not None and actor.country and len(actor.country) == 3:
        event.recipient = Actor("", actor.country, "GOV", None)  # "Egyptian demonstrators rioted": their government
        return
    if event.recipient is not None or loc is None or not loc.country:
        return
    if event.plover == "PROTEST":  # protesters address the authorities where they march
        event.recipient = Actor("", loc.country, "GOV", None)
    elif (event.plover in RECIPIENT_FROM_PLACE and actor is not None and actor.country
          and actor.country != loc.country and len(actor.country) == 3):
        event.recipient = Actor(loc.text, loc.country, None, loc.span)
    elif event.plover and event.plover not in UNDIRECTED:
        # "lifted the state of emergency in West Darfur": the country where it happens is acted on
        event.recipient = Actor("", loc.country, None, None)


# sectors a bare noun ("police", "students") names locally; titled persons are left alone
DOMESTIC_SECTORS = {"COP", "MIL", "CVL", "OPP", "UAF", "CRM", "REB", "LAB", "EDU", "JUD", "LEG", "MED", "BUS",
                    "AGR", "HLH", "REL", "REF"}


OFFICIAL_SECTORS = {"GOV", "JUD", "LEG", "ELI"}
ETHNIC = "ethnic "


def _domestic_country(actor: Actor | None, loc: Place | None, sentence: list[int]) -> None:
    """"Police arrested …" in Kampala are Ugandan police: a group with no country takes the
    country of the place the event happened in; so does an official ("President X") when
    that place is named in the same sentence; "ethnic Albanians in south Serbia" live there."""
    if actor is None or loc is None or not loc.country or len(loc.country) != 3:
        return
    in_sentence = loc.span is not None and sentence[0] <= loc.span[0] and loc.span[1] <= sentence[1]
    if actor.country is None and (actor.sector in DOMESTIC_SECTORS or (in_sentence and actor.sector in OFFICIAL_SECTORS)):
        actor.country = loc.country
    elif in_sentence and actor.country and actor.country != loc.country and ETHNIC in actor.text.lower():
        actor.country = loc.country


FOREIGN_FACING = ("foreign", "ambassador", "envoy", "embassy", "diplomat", "emissary")


def _sentence_country(actor: Actor | None, mentions, span: list[int]) -> None:
    """ "Judge X opened investigations against 28 Chilean officials": an official or a local
    group with no country of its own belongs to the one country its sentence names, unless
    the office faces abroad (a foreign minister, an envoy)."""
    if actor is None or actor.country is not None or not actor.text or \
            actor.sector not in OFFICIAL_SECTORS | DOMESTIC_SECTORS:
        return
    if any(word in actor.text.lower() for word in FOREIGN_FACING):
        return
    countries = {m.country for m in mentions if m.country in country_codes()
                 and span[0] <= m.start_char and m.end_char <= span[1]}
    if len(countries) == 1:
        actor.country = countries.pop()


UNATTRIBUTED_FROM_PLACE = {"ASSAULT", "FIGHT", "PROTEST"}


def _actor_from_location(event: Event) -> None:
    """An unattributed bombing or protest is coded to the country it happened in, as
    PLOVER and GDELT coders do; the actor's text and span stay empty to show it was inferred."""
    loc = event.location
    if event.actor is None and event.plover in UNATTRIBUTED_FROM_PLACE and loc is not None and loc.country:
        event.actor = Actor("", loc.country, None, None)


def _reality(status: str) -> str:
    return "unreal" if status in ("planned", "hypothetical") else status


def _max_or_none(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def merge_continuations(events: list[Event], text: str) -> list[Event]:
    """One event told over two adjacent sentences ("Serbia announced packages worth half a
    billion euros. Belgrade wants to purchase howitzers …") becomes one record: same
    PLOVER type, same acting country, the second sentence starting where the first ends."""
    merged: list[Event] = []
    for ev in events:
        prev = merged[-1] if merged else None
        if (prev is not None and ev.plover and ev.plover == prev.plover and prev.actor
                and prev.actor.country and (ev.actor is None or prev.actor.country == ev.actor.country)
                and _reality(prev.status) == _reality(ev.status) and prev.span != ev.span and 0 <= ev.span[0] - prev.span[1] <= 2):
            # the first sentence tells the event (its date, its sides); the next one adds to it
            first, second = prev, ev
            first.confidence = max(prev.confidence, ev.confidence)
            first.span = [prev.span[0], ev.span[1]]
            first.text = text[first.span[0]:first.span[1]]
            first.weapons = list(dict.fromkeys(prev.weapons + ev.weapons))
            first.quantities = prev.quantities + ev.quantities
            first.fatalities = _max_or_none(first.fatalities, second.fatalities)
            first.injuries = _max_or_none(first.injuries, second.injuries)
            first.recipient = first.recipient or second.recipient
            first.location = first.location or second.location
            merged[-1] = first
            continue
        merged.append(ev)
    return merged

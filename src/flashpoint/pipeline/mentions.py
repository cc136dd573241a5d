"""What each pipeline stage leaves on the ``Doc`` for the stages after it.

Every stage is a spaCy component that reads the parse (and earlier stages' mentions)
and writes one list on ``doc._``:

    doc._.fp_date       datetime.date | None   the reference (publication) date, set by the caller
    doc._.fp_actors     list[ActorMention]     flashpoint_actors_v1
    doc._.fp_places     list[PlaceMention]     flashpoint_places_v1
    doc._.fp_dates      list[DateMention]      flashpoint_dates_v1
    doc._.fp_numbers    list[NumberMention]    flashpoint_numbers_v1
    doc._.fp_weapons    list[WeaponMention]    flashpoint_weapons_v1
    doc._.fp_events     list[EventMention]     flashpoint_events_v1 (+ roles, acled, assemble)

Token offsets (``start``/``end``) index ``doc`` like a ``Span``; character offsets
(``start_char``/``end_char``) index ``doc.text``. Mentions are plain dataclasses so a
stage can be tested without the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

EXTENSIONS = ("fp_actors", "fp_places", "fp_dates", "fp_numbers", "fp_weapons", "fp_events")


def register_extensions() -> None:
    if not Doc.has_extension("fp_date"):
        Doc.set_extension("fp_date", default=None)
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            # a getter-free default list would be shared between docs; stages assign a new list
            Doc.set_extension(name, default=None)


register_extensions()


@dataclass
class Mention:
    start: int
    end: int
    start_char: int
    end_char: int
    text: str

    @property
    def char_span(self) -> list[int]:
        return [self.start_char, self.end_char]


@dataclass
class ActorMention(Mention):
    country: str | None = None
    sector: str | None = None
    head: int | None = None  # token index of the syntactic head of the mention
    origin: str = "builtin"  # builtin | user | ner


@dataclass
class PlaceMention(Mention):
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None
    precision: int | None = None
    is_country: bool = False  # the toponym names a whole country (rarely an event location)


@dataclass
class DateMention(Mention):
    value: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY; None when unresolvable
    precision: str | None = None  # day | month | year
    relation: str = "on"  # on | from | until | since | before | after


@dataclass
class NumberMention(Mention):
    value: int | float = 0
    kind: str = "quantity"  # fatalities | injuries | crowd | quantity
    unit: str | None = None  # EUR, USD, people, soldiers, ...
    qualifier: str = "exact"
    head: int | None = None  # token index the number counts (e.g. "soldiers")


@dataclass
class WeaponMention(Mention):
    category: str | None = None  # small arms, artillery, missile, aircraft, explosive, ...


@dataclass
class EventMention:
    trigger: int  # token index of the event word
    sent_start: int  # token index of the sentence
    sent_end: int
    cameo: str
    plover: str | None = None
    mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: ActorMention | None = None
    recipient: ActorMention | None = None
    status: str = "asserted"
    score: float = 0.5
    attrs: dict = field(default_factory=dict)


def doc_list(doc: Doc, name: str) -> list:
    """The mention list a stage wrote, or [] when that stage is not in the pipeline."""
    value = getattr(doc._, name)
    return value if value is not None else []

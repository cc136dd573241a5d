"""Which mentions describe the same real-world event.

A mention fuses into an existing event when, against at least one of that event's
mentions, every gate holds (same status, compatible PLOVER family, compatible dyad,
dates within the tolerance, places within the distance, no country conflict) and the
score, token-set Jaccard similarity of the evidence sentences plus small bonuses for
agreeing codes, place, casualty figure, day and dyad, reaches the threshold. Among
candidates the highest score wins; otherwise the mention founds a new event. The
matching is pure Python over ``MentionView`` records so the store and the gold-set
evaluation run the same code. Rules and weights: ``fusion.toml``.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..geodesy import km

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset("""a an the and or but of in on at to for from by with without into onto over under after
before during since until than then that this these those there their they them he she it its his her we
our you your i me my was were is are be been being has have had do does did not no nor as also said says
say according reported report reports told tells would could should will may might can about after amid
while when where which who whom whose what near around some least more most other another two three one""".split())


@dataclass(frozen=True)
class FusionConfig:
    families: dict[str, str]          # PLOVER type -> family
    symmetric: frozenset[str]
    placeless: frozenset[str] = frozenset()
    date_tolerance_days: int = 3
    max_km: float = 100.0
    precise_geo: frozenset[int] = frozenset({1, 2})
    threshold: float = 0.30
    weights: dict[str, float] = field(default_factory=dict)

    def family(self, plover: str | None) -> str | None:
        if plover is None:
            return None
        return self.families.get(plover.upper(), plover.upper())


@lru_cache(maxsize=1)
def default_config() -> FusionConfig:
    raw = tomllib.loads(resources.files(__package__).joinpath("fusion.toml").read_text(encoding="utf-8"))
    fams = {t: name for name, types in raw["families"].items()
            if isinstance(types, list) and name not in ("symmetric", "placeless") for t in types}
    gates, score = raw.get("gates", {}), dict(raw.get("score", {}))
    return FusionConfig(
        families=fams, symmetric=frozenset(raw["families"].get("symmetric", [])),
        placeless=frozenset(raw["families"].get("placeless", [])),
        date_tolerance_days=int(gates.get("date_tolerance_days", 3)), max_km=float(gates.get("max_km", 100)),
        precise_geo=frozenset(gates.get("precise_geo", [1, 2])), threshold=float(score.pop("threshold", 0.3)),
        weights={k: float(v) for k, v in score.items()})


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str | None) -> frozenset[str]:
    """Content-word stems of a sentence (stop words and 1-2 letter words dropped, numbers kept)."""
    if not text:
        return frozenset()
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or (len(w) < 3 and not w.isdigit()):
            continue
        out.add(_stem(w))
    return frozenset(out)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class MentionView:
    """What fusion reads of a mention."""

    mention_id: str
    doc_id: str = ""
    plover: str | None = None
    cameo: str | None = None
    status: str | None = "asserted"
    actor_country: str | None = None
    recipient_country: str | None = None
    date: dt.date | None = None
    date_precision: str | None = "day"
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    place_name: str | None = None
    geonames_id: int | None = None
    fatalities: int | None = None
    text: str = ""
    event_id: str | None = None
    tokens: frozenset = field(default_factory=frozenset)

    def __post_init__(self):
        if not self.tokens:
            self.tokens = tokens(self.text)


def _compatible(x, y) -> bool:
    return x is None or y is None or x == y


def _date_ok(a: MentionView, b: MentionView, cfg: FusionConfig) -> bool:
    if a.date is None or b.date is None:
        return True
    precisions = {a.date_precision or "day", b.date_precision or "day"}
    tolerance = 366 if "year" in precisions else 31 if "month" in precisions else cfg.date_tolerance_days
    return abs((a.date - b.date).days) <= tolerance


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _place_ok(a: MentionView, b: MentionView, cfg: FusionConfig) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.place_name and b.place_name and a.geo_precision == b.geo_precision == 1 \
            and _fold(a.place_name) != _fold(b.place_name) and not (a.geonames_id and a.geonames_id == b.geonames_id):
        # two different named villages/towns: two events, unless the geocoder put them on one spot
        if a.lat is None or b.lat is None or km(a.lat, a.lon, b.lat, b.lon) > 5.0:
            return False
    points = (a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
              and (a.geo_precision is None or a.geo_precision in cfg.precise_geo)
              and (b.geo_precision is None or b.geo_precision in cfg.precise_geo))
    if points:
        return km(a.lat, a.lon, b.lat, b.lon) <= cfg.max_km
    return _compatible(a.admin1, b.admin1)


def pair_score(a: MentionView, b: MentionView, cfg: FusionConfig | None = None) -> float | None:
    """The fusion score of two mentions, or None when a gate rules fusion out."""
    cfg = cfg or default_config()
    if (a.status or "asserted") != (b.status or "asserted"):
        return None
    fam_a, fam_b = cfg.family(a.plover), cfg.family(b.plover)
    if fam_a != fam_b:
        return None
    straight = _compatible(a.actor_country, b.actor_country) and _compatible(a.recipient_country, b.recipient_country)
    crossed = (a.plover in cfg.symmetric or b.plover in cfg.symmetric) and _compatible(a.actor_country, b.recipient_country) \
        and _compatible(a.recipient_country, b.actor_country)
    if not (straight or crossed):
        return None
    if not _date_ok(a, b, cfg) or (fam_a not in cfg.placeless and not _place_ok(a, b, cfg)):
        return None
    w = cfg.weights
    score = jaccard(a.tokens, b.tokens)
    if a.cameo and a.cameo == b.cameo:
        score += w.get("same_cameo", 0.0)
    elif a.plover and a.plover == b.plover:
        score += w.get("same_plover", 0.0)
    if (a.geonames_id and a.geonames_id == b.geonames_id) or \
            (a.place_name and b.place_name and a.place_name.lower() == b.place_name.lower()):
        score += w.get("same_place", 0.0)
    if a.fatalities and a.fatalities == b.fatalities:
        score += w.get("same_fatalities", 0.0)
    if a.date and b.date:
        days = abs((a.date - b.date).days)
        score += w.get("same_day", 0.0) if days == 0 else -w.get("day_penalty", 0.0) * days \
            if (a.date_precision or "day") == (b.date_precision or "day") == "day" else 0.0
    if a.actor_country and a.recipient_country and a.actor_country != a.recipient_country and straight \
            and a.actor_country == b.actor_country and a.recipient_country == b.recipient_country:
        score += w.get("same_dyad", 0.0)
    return score


class Clusters:
    """Events under construction: event id -> its mentions. ``add`` assigns one mention."""

    def __init__(self, cfg: FusionConfig | None = None, new_id=None):
        self.cfg = cfg or default_config()
        self.members: dict[str, list[MentionView]] = {}
        self._by_family: dict[str | None, set[str]] = {}
        self._new_id = new_id or (lambda m: f"ev-{len(self.members) + 1}")

    def seed(self, mention: MentionView) -> None:
        """An already-fused mention (its ``event_id`` set) joins its event."""
        self._join(mention, mention.event_id)

    def _join(self, mention: MentionView, event_id: str) -> None:
        mention.event_id = event_id
        self.members.setdefault(event_id, []).append(mention)
        self._by_family.setdefault(self.cfg.family(mention.plover), set()).add(event_id)

    def best(self, mention: MentionView) -> tuple[str | None, float]:
        best_id, best_score = None, -1.0
        for event_id in sorted(self._by_family.get(self.cfg.family(mention.plover), ())):
            scores = [pair_score(mention, m, self.cfg) for m in self.members[event_id]]
            # every gate must hold against every member (no chaining across days or towns);
            # the best-matching member decides the score
            if scores and None not in scores and max(scores) > best_score:
                best_id, best_score = event_id, max(scores)
        return best_id, best_score

    def add(self, mention: MentionView) -> str:
        event_id, score = self.best(mention)
        if event_id is None or score < self.cfg.threshold:
            event_id = self._new_id(mention)
        self._join(mention, event_id)
        return event_id


def cluster(mentions: list[MentionView], cfg: FusionConfig | None = None) -> list[str]:
    """Event id of each mention, fusing them in date order (the order a stream brings them)."""
    clusters = Clusters(cfg)
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].date or dt.date.max, i))
    out = [""] * len(mentions)
    for i in order:
        out[i] = clusters.add(mentions[i])
    return out

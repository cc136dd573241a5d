"""Actor dictionaries: the built-in CSV files under ``flashpoint/data/actors`` and a
user's CSV, read into ``ActorEntry`` records.

A dictionary CSV has the columns ``pattern,country,sector[,valid_from,valid_to]`` (a
header line is optional; ``#`` lines are comments). ``pattern`` is a phrase matched
case-insensitively on token boundaries; ``country`` an ISO3 code or an organisation's
own code (``NATO``); ``sector`` a CAMEO agent code; the dates (``YYYY-MM-DD``,
``YYYYMMDD`` or ``YYYY``) bound when the entry applies. A row with a sector and no
country names a kind of actor ("gendarmes,,COP") rather than a particular one.

``countries.csv`` is denser: ``iso3,names,demonyms,capitals`` with ``|`` between
alternatives; each name becomes an entry, demonyms also in the plural, and capitals
stand for the government (``Belgrade`` = SRB GOV).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DictionaryError

log = logging.getLogger(__name__)

BUILTIN_FILES = ("organisations.csv", "armed_groups.csv", "leaders.csv")
_CODE = re.compile(r"^[A-Z0-9]{2,9}$")
_HEADER = ("pattern", "country", "sector")


@dataclass(frozen=True)
class ActorEntry:
    pattern: str
    country: str | None = None
    sector: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    origin: str = "builtin"  # builtin | user
    kind: str = "name"  # name | demonym | capital | org | leader

    def valid_on(self, date: dt.date | None) -> bool:
        if date is None:
            return True
        if self.valid_from and date < self.valid_from:
            return False
        return not (self.valid_to and date > self.valid_to)


def parse_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD``, ``YYYYMMDD``, ``YYYY-MM`` or ``YYYY``; None for empty. ValueError if bad."""
    text = (value or "").strip()
    if not text:
        return None
    digits = text.replace("-", "").replace("/", "")
    if not digits.isdigit():
        raise ValueError(f"not a date: {text!r}")
    if len(digits) == 8:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        return dt.date(int(digits[:4]), int(digits[4:6]), 1)
    if len(digits) == 4:
        return dt.date(int(digits), 1, 1)
    raise ValueError(f"not a date: {text!r}")


def _code(value: str | None) -> str | None:
    text = (value or "").strip().upper()
    return text or None


def _rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    content = [ln if not ln.lstrip().startswith("#") else "" for ln in lines]
    for n, row in enumerate(csv.reader(content), 1):
        if row and any(c.strip() for c in row):
            yield n, [c.strip() for c in row]


def parse_actor_rows(lines: Iterable[str], origin: str = "user", kind: str = "name",
                     source: str = "<dictionary>") -> list[ActorEntry]:
    """Entries from CSV lines; a bad row is logged and skipped, never fatal."""
    entries = []
    for n, row in _rows(lines):
        if tuple(c.lower() for c in row[:3]) == _HEADER:
            continue
        pattern = row[0]
        country = _code(row[1]) if len(row) > 1 else None
        sector = _code(row[2]) if len(row) > 2 else None
        problem = None
        if not pattern:
            problem = "empty pattern"
        elif country is None and sector is None:
            problem = "neither a country nor a sector"
        elif any(c is not None and not _CODE.match(c) for c in (country, sector)):
            problem = "codes must be 2-9 letters or digits"
        try:
            start = parse_date(row[3]) if len(row) > 3 else None
            end = parse_date(row[4]) if len(row) > 4 else None
        except ValueError as exc:
            problem = str(exc)
        if problem:
            log.warning("%s line %d skipped: %s", source, n, problem)
            continue
        entries.append(ActorEntry(pattern, country, sector, start, end, origin, kind))
    return entries


def read_actor_csv(path: str | Path, origin: str = "user") -> list[ActorEntry]:
    """A user's actor dictionary. Raises DictionaryError when the file cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"cannot read the actor dictionary {path}: {exc}",
                              hint="pass a UTF-8 CSV with columns pattern,country,sector[,valid_from,valid_to]") from exc
    entries = parse_actor_rows(io.StringIO(text), origin=origin, source=str(path))
    if not entries and text.strip():
        log.warning("%s: no usable entries", path)
    return entries


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"


def _data(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


def plural(word: str) -> str:
    if word.endswith(("ese", "sh", "ch", "ss", "s", "x", "z", "i")) and not word.endswith("li"):
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def country_entries(text: str) -> list[ActorEntry]:
    entries = []
    for n, row in _rows(io.StringIO(text)):
        if row[0] == "iso3" or len(row) < 4:
            continue
        iso3 = row[0]
        for name in filter(None, row[1].split("|")):
            entries.append(ActorEntry(name, iso3, kind="name"))
        for dem in filter(None, row[2].split("|")):
            forms = {dem, plural(dem)}
            for form in forms:
                entries.append(ActorEntry(form, iso3, kind="demonym"))
        for cap in filter(None, row[3].split("|")):
            entries.append(ActorEntry(cap, iso3, "GOV", kind="capital"))
    return entries


@functools.cache
def country_codes() -> frozenset[str]:
    """The ISO alpha-3 codes of ``countries.csv``: what separates a state from an IGO's own code."""
    return frozenset(row[0] for _n, row in _rows(io.StringIO(_data("countries.csv"))) if row[0] != "iso3")


def builtin_entries() -> list[ActorEntry]:
    entries = country_entries(_data("countries.csv"))
    for name in BUILTIN_FILES:
        kind = "leader" if name == "leaders.csv" else "org"
        entries += parse_actor_rows(io.StringIO(_data(name)), origin="builtin", kind=kind, source=name)
    return entries


@dataclass(frozen=True)
class SectorNoun:
    words: tuple[str, ...]
    sector: str
    strength: str = "strong"  # strong | weak | named

    @property
    def strong(self) -> bool:
        return self.strength == "strong"


def sector_nouns(text: str | None = None) -> dict[tuple[str, ...], SectorNoun]:
    """``(word, ..., head-lemma)`` -> SectorNoun, from ``sector_nouns.csv``."""
    out = {}
    for _n, row in _rows(io.StringIO(text if text is not None else _data("sector_nouns.csv"))):
        if row[0] == "noun" or len(row) < 2:
            continue
        words = tuple(row[0].lower().split())
        strength = row[2].lower() if len(row) > 2 and row[2].lower() in ("weak", "named") else "strong"
        out[words] = SectorNoun(words, row[1].upper(), strength)
    return out

"""The on-disk place index and its lookups.

    gaz = Gazetteer.default()           # builds ~/.cache/flashpoint/gazetteer-v2.sqlite once
    gaz.lookup("Mitrovica")             # every place of that name, alternate and accent-free names too

The index lives under ``FLASHPOINT_HOME`` (default ``~/.cache/flashpoint``); it is built
from packaged data on first use (seconds) and can be extended with a GeoNames dump
(``flashpoint gazetteer load``). Lookups are cached per name within the process.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import GazetteerError
from .build import short_keys
from .normalize import key
from .schema import SCHEMA_VERSION

log = logging.getLogger(__name__)
RESPELT = 3  # Candidate.kind of a region found by a near spelling of its name

settings.register(settings.Setting("home", "~/.cache/flashpoint",
                                   "folder for flashpoint's caches (the gazetteer index)"))


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    lat: float
    lon: float
    cc: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    kind: int  # how the name matched: 0 own name, 1 alternate name, 2 short form, 3 a near spelling (RESPELT)

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None


def lies_in(c: Candidate, unit: Candidate) -> bool:
    """Whether place c can lie in the unit (a country, a region, a county)."""
    if not c.cc or c.cc != unit.cc or c.feature in ("country", "continent"):
        return False
    return unit.feature == "country" or (c.feature != "admin1" and c.admin1 == unit.admin1)


def home() -> Path:
    return Path(os.path.expanduser(str(settings.get("home"))))


def default_path() -> Path:
    return home() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


_LOCK = threading.Lock()
_SHARED: dict[str, "Gazetteer"] = {}


class Gazetteer:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer index at {self.path}", hint="run `flashpoint gazetteer build`")
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._con.execute("PRAGMA mmap_size = 268435456")
            self._con.execute("PRAGMA cache_size = -32768")
            version = self._con.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"cannot read the gazetteer index {self.path}: {exc}",
                                 hint="delete it and run `flashpoint gazetteer build`") from exc
        if not version or int(version[0]) != SCHEMA_VERSION:
            raise GazetteerError(f"the gazetteer index {self.path} has an old layout",
                                 hint="run `flashpoint gazetteer build`")
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._by_region: dict[tuple, Candidate] | None = None
        self._respelling: dict[str, list[tuple[str, Candidate]]] | None = None
        self._respelt_cache: dict[str, tuple[Candidate, ...]] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shared index under FLASHPOINT_HOME, built from packaged data when missing."""
        path = default_path()
        with _LOCK:
            gaz = _SHARED.get(str(path))
            if gaz is None:
                ensure_built(path)  # builds a missing index, refreshes a stale one
                gaz = _SHARED[str(path)] = cls(path)
            return gaz

    def close(self) -> None:
        self._con.close()

    def lookup(self, name: str, abbreviation: bool = False) -> tuple[Candidate, ...]:
        """Places called ``name`` (any case, accents or punctuation), best-known first;
        ``abbreviation``: the name was written with a full stop ("Calif.")."""
        k = key(name) + ("." if abbreviation else "")
        hit = self._cache.get(k)
        if hit is None:
            hit = self._cache[k] = self._query(k) if k.strip(".") else ()
        return hit

    def _query(self, k: str) -> tuple[Candidate, ...]:
        with self._lock:
            rows = self._con.execute(
                "SELECT p.id, p.name, p.lat, p.lon, p.cc, p.admin1, p.admin2, p.feature, p.population, MIN(n.kind)"
                " FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? GROUP BY p.id"
                " ORDER BY p.population DESC, MIN(n.kind), p.id LIMIT 80", (k,)).fetchall()
        return tuple(Candidate(*row) for row in rows)

    def _regions(self) -> dict[tuple, Candidate]:
        """Every country and first-level region, read once: (cc,) and (cc, admin1) -> entry."""
        if self._by_region is None:
            with self._lock:
                rows = self._con.execute(
                    "SELECT id, name, lat, lon, cc, admin1, admin2, feature, population, 0 FROM place"
                    " WHERE feature IN ('country', 'admin1') ORDER BY population").fetchall()
            table: dict[tuple, Candidate] = {}
            for row in rows:
                c = Candidate(*row)
                table[(c.cc,) if c.feature == "country" else (c.cc, c.admin1)] = c
            self._by_region = table
        return self._by_region

    def country(self, cc: str) -> Candidate | None:
        """The whole-country entry of an ISO alpha-2 code."""
        return self._regions().get((cc,))

    def admin1(self, cc: str, name: str) -> Candidate | None:
        """The first-level region ``name`` of a country."""
        return self._regions().get((cc, name))

    def respelt_region(self, name: str) -> tuple[Candidate, ...]:
        """The first-level regions spelt one or two letters otherwise ("Oromia" for Oromiya,
        "Andalucia" for Andalusia): region names have many transliterations and the packaged
        data knows one. Only a single closest region counts; ties mean no answer."""
        k = key(name)
        if len(k) < 5:
            return ()
        hit = self._respelt_cache.get(k)
        if hit is None:
            hit = self._respelt_cache[k] = self._closest_region(k)
        return hit

    def _closest_region(self, k: str) -> tuple[Candidate, ...]:
        limit = 1 if len(k) < 9 else 2
        # limit edits leave one of limit + 1 pieces of the name intact: a cheap test first
        pieces = [k[i * len(k) // (limit + 1):(i + 1) * len(k) // (limit + 1)] for i in range(limit + 1)]
        best: list[Candidate] = []
        best_d = limit + 1
        for region_key, c in self._region_keys().get(k[0], ()):
            if abs(len(region_key) - len(k)) > limit or not any(p in region_key for p in pieces):
                continue
            d = edit_distance(k, region_key, limit)
            if d < best_d:
                best, best_d = [c], d
            elif d == best_d and d <= limit and c not in best:
                best.append(c)
        if len(best) != 1 or best_d == 0:
            return ()
        c = best[0]
        return (Candidate(c.id, c.name, c.lat, c.lon, c.cc, c.admin1, c.admin2, c.feature, c.population, RESPELT),)

    def _region_keys(self) -> dict[str, list[tuple[str, Candidate]]]:
        """First letter -> (name key, region) of every first-level region, own and short name."""
        if self._respelling is None:
            out: dict[str, list[tuple[str, Candidate]]] = {}
            for c in self._regions().values():
                if c.feature == "admin1":
                    for k in {key(c.name)} | short_keys(c.name):  # the keys the index holds for it
                        out.setdefault(k[0], []).append((k, c))
            self._respelling = out
        return self._respelling


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 once it is sure to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    prev = [j if j <= limit else big for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        # only cells within `limit` of the diagonal can stay within the limit
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        cur = [big] * (len(b) + 1)
        cur[0] = i if i <= limit else big
        for j in range(lo, hi + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]), big)
        if min(cur[lo - 1:hi + 1]) > limit:
            return big
        prev = cur
    return min(prev[-1], big)


def _meta(path: Path, key: str) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _fingerprint(path: Path) -> str | None:
    return _meta(path, "fingerprint")


def _has_user_data(path: Path) -> bool:
    return _meta(path, "loaded") is not None


def ensure_built(path: Path | None = None, force: bool = False) -> Path:
    """Build the index from packaged data unless it is already there."""
    from .build import build, data_fingerprint

    path = Path(path) if path else default_path()
    if path.exists() and not force:
        if _fingerprint(path) == data_fingerprint():
            return path
        if _has_user_data(path):
            log.warning("the gazetteer index %s was built from older packaged data; run `flashpoint gazetteer "
                        "build --force` and load your GeoNames files again to refresh it", path)
            return path
        log.info("rebuilding the gazetteer index %s: the packaged place data changed", path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index {path}: {exc}",
                             hint="set FLASHPOINT_HOME to a writable folder") from exc
    _warn_of_older_layouts(path)
    return path


def _warn_of_older_layouts(path: Path) -> None:
    """A new index layout starts from packaged data: GeoNames files loaded into an older
    one ("gazetteer-v1.sqlite") must be loaded again."""
    for old in sorted(path.parent.glob("gazetteer-v*.sqlite")):
        if old != path and _has_user_data(old):
            log.warning("the gazetteer index %s holds GeoNames files you loaded; this version reads %s "
                        "instead: run `flashpoint gazetteer load FILE` again", old, path)

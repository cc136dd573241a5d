"""The gazetteer's tables and the feature settings in ``data/geo/features.toml``."""
from __future__ import annotations

import functools
import tomllib
from importlib import resources

SCHEMA_VERSION = 2  # bump when the build code changes what the index holds
POPULATED = {"capital", "city", "town", "village"}
LOCAL = POPULATED | {"admin2", "county"}  # places inside a first-level region
UNITS = {"country", "admin1", "admin2", "county", "region"}  # what can hold a place: "Paris, Texas"

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,      -- GeoNames id; negative for regions derived here
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    cc TEXT,                     -- ISO 3166-1 alpha-2, as GeoNames writes it (Kosovo: XK)
    admin1 TEXT,                 -- first-level region name
    admin2 TEXT,
    feature TEXT NOT NULL,       -- country, admin1, admin2, county, capital, city, town, village, ...
    population INTEGER NOT NULL
);
CREATE TABLE admin1code (
    cc TEXT NOT NULL,
    code TEXT NOT NULL,          -- GeoNames admin1 code ("10097358", "TX")
    name TEXT NOT NULL,
    PRIMARY KEY (cc, code)
);
CREATE TABLE name (
    key TEXT NOT NULL,           -- normalize.key(name)
    id INTEGER NOT NULL,
    kind INTEGER NOT NULL        -- 0 the place's own name, 1 an alternate name, 2 a short form
);
"""


@functools.cache
def features() -> dict:
    text = (resources.files("flashpoint") / "data" / "geo" / "features.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def feature_for_population(population: int) -> str:
    thresholds = features()["population"]
    if population >= thresholds["city"]:
        return "city"
    if population >= thresholds["town"]:
        return "town"
    return "village"

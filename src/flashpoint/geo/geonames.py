"""Import a GeoNames dump into the gazetteer index, for village-level coverage.

Reads the standard 19-column GeoNames TSV (``allCountries.zip``, ``cities500.zip``, a
country file such as ``XK.zip`` or ``XK.txt``), plain or zipped. Populated places (class
P), administrative units (class A), regions (L), water (H) and terrain (T) are kept;
an entry already in the index (same GeoNames id) is replaced.

    load(Path("XK.zip"), default_path())   # -> number of places imported
"""
from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import GazetteerError
from .normalize import is_latin_key, key
from .schema import feature_for_population

KEEP_CLASSES = {"P", "A", "L", "H", "T"}
ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "ADM1H": "admin1", "ADM2H": "admin2"}
WATER = {"LK": "lake", "LKS": "lake", "STM": "river", "BAY": "sea", "GULF": "sea", "SEA": "sea", "OCN": "sea"}
CHUNK = 20_000


def _lines(path: Path) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise GazetteerError(f"{path} holds no GeoNames .txt file")
            for member in members:
                with zf.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh


def _feature(fclass: str, fcode: str, population: int) -> str | None:
    if fclass == "P":
        return "capital" if fcode == "PPLC" else feature_for_population(population)
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "country"
        return ADMIN_CODES.get(fcode)
    if fclass == "H":
        return WATER.get(fcode)
    if fclass == "L":
        return "region" if fcode in ("RGN", "AREA", "ISLS", "PRK") or fcode.startswith("RGN") else None
    if fclass == "T":
        return "island" if fcode in ("ISL", "ISLS") else ("mountains" if fcode in ("MTS", "MT") else None)
    return None


def parse(lines) -> Iterator[dict]:
    """GeoNames rows as dicts; malformed lines raise GazetteerError with their number."""
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise GazetteerError(f"line {n}: {len(cols)} columns, a GeoNames row has 19",
                                 hint="pass allCountries.zip, cities500.zip or a country file such as XK.zip")
        try:
            row = {"id": int(cols[0]), "name": cols[1], "ascii": cols[2],
                   "alt": [a for a in cols[3].split(",") if a], "lat": float(cols[4]), "lon": float(cols[5]),
                   "fclass": cols[6], "fcode": cols[7], "cc": cols[8] or None, "admin1code": cols[10],
                   "population": int(cols[14] or 0)}
        except ValueError as exc:
            raise GazetteerError(f"line {n}: {exc}", hint="is this a GeoNames TSV dump?") from exc
        yield row


def load(source: Path, index: Path) -> int:
    """Add the places of a GeoNames dump to the index at ``index``; returns how many."""
    if not source.exists():
        raise GazetteerError(f"no file {source}")
    con = sqlite3.connect(index)
    try:
        con.execute("CREATE INDEX IF NOT EXISTS name_id ON name(id)")  # replacing a place drops its names
        admin1 = {(cc, code): name for cc, code, name in con.execute("SELECT cc, code, name FROM admin1code")}
        rows: list[dict] = []
        total = 0
        for row in parse(_lines(source)):
            feature = _feature(row["fclass"], row["fcode"], row["population"])
            if row["fclass"] not in KEEP_CLASSES or feature is None:
                continue
            row["feature"] = feature
            if feature == "admin1" and row["cc"]:
                admin1[(row["cc"], row["admin1code"])] = row["name"]
                con.execute("INSERT OR REPLACE INTO admin1code VALUES (?,?,?)",
                            (row["cc"], row["admin1code"], row["name"]))
            rows.append(row)
            if len(rows) >= CHUNK:
                total += _write(con, rows, admin1)
                rows.clear()
        total += _write(con, rows, admin1)
        # a rebuild of the packaged index would drop these rows: ensure_built keeps the index and warns
        con.execute("INSERT OR REPLACE INTO meta VALUES ('loaded', ?)", (source.name,))
        con.commit()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"cannot write the gazetteer index {index}: {exc}") from exc
    finally:
        con.close()
    return total


def _write(con: sqlite3.Connection, rows: list[dict], admin1: dict) -> int:
    places, names = [], []
    for r in rows:
        a1 = admin1.get((r["cc"], r["admin1code"]))
        if r["feature"] == "admin1":
            a1 = r["name"]
        places.append((r["id"], r["name"], r["lat"], r["lon"], r["cc"], a1, None, r["feature"], r["population"]))
        own = key(r["name"])
        seen = {own}
        names.append((own, r["id"], 0))
        for alt in [r["ascii"], *r["alt"]]:
            k = key(alt)
            if k not in seen and is_latin_key(k):
                seen.add(k)
                names.append((k, r["id"], 1))
    ids = [(r["id"],) for r in rows]
    con.executemany("DELETE FROM name WHERE id = ?", ids)
    con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO name VALUES (?,?,?)", names)
    return len(places)

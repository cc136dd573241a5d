"""Synthetic fused events for the store and API benchmarks, bulk-inserted into a real
flashpoint store (``flashpoint.store.Store``: its schema, its migrations) through Arrow.

The mix is skewed like real coverage: a few busy countries and dyads, most events of a
handful of types, dates over two years.
"""
from __future__ import annotations

import time

import numpy as np
import pyarrow as pa

COUNTRIES = ["UKR", "RUS", "SRB", "XKX", "SDN", "COD", "RWA", "MLI", "BFA", "NER", "SOM", "ETH", "SYR", "IRQ",
             "TUR", "YEM", "ISR", "PSE", "PAK", "IND", "AFG", "MMR", "COL", "VEN", "GUY", "HTI", "NGA", "KEN",
             "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "LBN", "LBY", "MOZ", "CMR", "TCD", "CAF"]
# (PLOVER, CAMEO, quad class, Goldstein, ACLED type)
TYPES = [("ASSAULT", "180", 4, -9.0, "Violence against civilians"), ("FIGHT", "190", 4, -10.0, "Battles"),
         ("PROTEST", "140", 3, -6.5, "Protests"), ("CONSULT", "040", 1, 1.0, None),
         ("ACCUSE", "112", 3, -2.0, None), ("THREATEN", "130", 3, -4.4, None), ("AID", "070", 2, 7.0, None),
         ("COERCE", "170", 4, -7.0, "Strategic developments"), ("AGREE", "030", 1, 4.0, None),
         ("MOBILIZE", "150", 4, -7.2, "Strategic developments")]


def events_table(n: int, seed: int = 1, start: str = "2023-01-01", days: int = 730) -> pa.Table:
    """``n`` rows for the ``events`` table."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
    weights /= weights.sum()
    a = rng.choice(len(COUNTRIES), n, p=weights)
    b = rng.choice(len(COUNTRIES), n, p=weights)
    b = np.where(b == a, (b + 1) % len(COUNTRIES), b)
    has_recipient = rng.random(n) < 0.7
    t = rng.choice(len(TYPES), n, p=[0.22, 0.2, 0.12, 0.1, 0.09, 0.07, 0.06, 0.06, 0.05, 0.03])
    base = np.datetime64(start)
    date = base + rng.integers(0, days, n).astype("timedelta64[D]")
    first = date + rng.integers(0, 3, n).astype("timedelta64[D]")
    last = first + rng.integers(0, 6, n).astype("timedelta64[D]")
    countries = np.array(COUNTRIES, dtype=object)
    ac, rc = countries[a], np.where(has_recipient, countries[b], None)
    place_c = np.where(rng.random(n) < 0.8, ac, rc)
    plover = np.array([x[0] for x in TYPES], dtype=object)[t]
    acled = np.array([x[4] for x in TYPES], dtype=object)[t]
    fatal = np.where(rng.random(n) < 0.3, rng.poisson(3, n), None)
    docs = rng.integers(1, 6, n)
    return _table(n, {
        "event_id": [f"ev-{i:08d}" for i in range(n)],
        "plover": plover, "mode": None, "cameo": np.array([x[1] for x in TYPES], dtype=object)[t],
        "quad_class": np.array([x[2] for x in TYPES], dtype=np.int32)[t],
        "goldstein": np.array([x[3] for x in TYPES])[t],
        "acled_event_type": acled, "acled_sub_event_type": None,
        "actor_text": np.char.add("forces of ", ac.astype(str)).astype(object), "actor_country": ac,
        "actor_sector": "MIL",
        "recipient_text": np.where(has_recipient, "people of " + rc.astype(str), None), "recipient_country": rc,
        "recipient_sector": np.where(has_recipient, "CVL", None),
        "dyad": np.where(has_recipient, ac + "-" + rc.astype(str), None),
        "place_name": "Somewhere", "lat": rng.uniform(-30, 60, n), "lon": rng.uniform(-80, 120, n),
        "country": place_c, "admin1": None, "geonames_id": None, "geo_precision": 2,
        "date": date, "date_precision": "day", "fatalities": pa.array(list(fatal), pa.int32()),
        "injuries": None, "crowd_size": None, "weapons": "[]",
        "status": np.where(rng.random(n) < 0.93, "asserted", "hypothetical"),
        "confidence": rng.uniform(0.3, 1.0, n), "text": "A synthetic event sentence for the benchmark.",
        "first_report": first, "last_report": last, "source_count": docs, "document_count": docs,
        "mention_count": docs + rng.integers(0, 3, n), "updated_at": np.datetime64("2025-01-01T00:00:00"),
    })


def _table(n: int, columns: dict) -> pa.Table:
    """Columns given as arrays, or as one value (None included) for every row."""
    out = {}
    for name, value in columns.items():
        if value is None:
            out[name] = pa.nulls(n, pa.string())
        elif isinstance(value, (str, int, float, np.datetime64)):
            out[name] = pa.array(np.full(n, value))
        elif isinstance(value, np.ndarray) and value.dtype == object:
            out[name] = pa.array(list(value))
        else:
            out[name] = value
    return pa.table(out)


def _column_types(con) -> dict:
    return {r[0]: r[1] for r in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'").fetchall()}


def load_events(con, n: int, chunk: int = 250_000, seed: int = 1) -> float:
    """Insert ``n`` synthetic events into the store's ``events`` table; returns seconds."""
    types = _column_types(con)
    t = time.perf_counter()
    for i, lo in enumerate(range(0, n, chunk)):
        table = events_table(min(chunk, n - lo), seed=seed + i)
        table = table.set_column(0, "event_id", pa.array([f"ev-{lo + j:08d}" for j in range(table.num_rows)]))
        con.register("_bench_events", table)
        cols = [c for c in table.column_names if c in types]
        select = ", ".join(f"CAST({c} AS {types[c]}) AS {c}" for c in cols)
        con.execute(f"INSERT INTO events ({', '.join(cols)}) SELECT {select} FROM _bench_events")
        con.unregister("_bench_events")
    return time.perf_counter() - t

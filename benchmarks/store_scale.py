"""The store at scale: one million synthetic events in a DuckDB store file, then the
queries the dashboard and the API run most, each timed cold (first run) and warm
(median of the next runs).

    python benchmarks/store_scale.py --events 1000000 --db /tmp/bench.duckdb
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import synthetic

QUERIES = {
    "dyad weekly signal (pair UKR-RUS)": lambda s: s.signals(scope="pair", key="UKR-RUS", freq="week"),
    "directed dyad weekly signal (SRB-XKX)": lambda s: s.signals(scope="dyad", key="SRB-XKX", freq="week"),
    "filtered events (country SRB, type FIGHT, since 2024-01-01, 100 rows)":
        lambda s: s.events(country="SRB", type="FIGHT", since="2024-01-01", limit=100),
    "filtered events (dyad UKR-RUS, >= 1 fatality, 2024, 50 rows)":
        lambda s: s.events(dyad="UKR-RUS", min_fatalities=1, since="2024-01-01", until="2024-12-31", limit=50),
    "dyads ranked by escalation (14 days)": lambda s: s.dyads(days=14),
}


def time_query(fn, store, repeat: int = 5) -> dict:
    t = time.perf_counter()
    rows = len(fn(store))
    cold = time.perf_counter() - t
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(store)
        warm.append(time.perf_counter() - t)
    return {"rows": rows, "cold_s": cold, "warm_median_s": statistics.median(warm), "warm_max_s": max(warm)}


def build_store(path: str | Path, n: int) -> dict:
    from flashpoint.store import Store

    path = Path(path)
    for p in (path, Path(str(path) + ".wal")):
        if p.exists():
            p.unlink()
    with Store(path) as store:
        seconds = synthetic.load_events(store.con, n)
        store.con.execute("CHECKPOINT")
        count = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"events": count, "insert_s": seconds, "rows_per_s": count / seconds,
            "file_mb": path.stat().st_size / 1e6}


def measure(path: str | Path, n: int) -> dict:
    from flashpoint.store import Store

    out = {"load": build_store(path, n), "queries": {}}
    with Store(path, read_only=True) as store:
        for name, fn in QUERIES.items():
            out["queries"][name] = time_query(fn, store)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/flashpoint-bench.duckdb")
    args = ap.parse_args()
    print(json.dumps(measure(args.db, args.events), indent=2))


if __name__ == "__main__":
    main()

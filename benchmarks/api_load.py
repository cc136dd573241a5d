"""A bounded local load test of the REST API: ``flashpoint serve`` over a store of
synthetic events, on 127.0.0.1 only, hit by concurrent clients for a fixed time.

    python benchmarks/api_load.py --events 100000 --clients 50 --seconds 60

Two phases, each with ``--clients`` concurrent clients (asyncio + httpx, in this
process; the server is a separate process):

* **users**: each client asks ``/api/events`` with a random filter (country, dyad,
  type, dates, page), waits a think time of 0.5 to 1.5 s, and asks again: about 50
  requests a second from 50 dashboard users (their first requests spread over the
  first 1.5 s). Target: p99 < 200 ms, no errors.
* **saturation**: the same requests with no think time, for a quarter of the time:
  the most the server answers per second, and the latency when it is the bottleneck.

Before both, one client asks without pause for a sixth of the time: the latency of a
request that never queues (the server's service time).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import synthetic

FP = str(Path(sys.executable).with_name("flashpoint"))
TYPES = ["FIGHT", "ASSAULT", "PROTEST", "CONSULT", "Battles", "19", "Protests"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, n: int) -> float:
    from flashpoint.store import Store

    for p in (path, Path(str(path) + ".wal")):
        if p.exists():
            p.unlink()
    with Store(path) as store:
        seconds = synthetic.load_events(store.con, n, seed=7)
        store.con.execute("CHECKPOINT")
    return seconds


def random_query(rng: random.Random) -> dict:
    q: dict = {"limit": rng.choice([20, 50, 100])}
    kind = rng.random()
    if kind < 0.3:
        q["country"] = rng.choice(synthetic.COUNTRIES[:20])
    elif kind < 0.55:
        a, b = rng.sample(synthetic.COUNTRIES[:12], 2)
        q["dyad"] = f"{a}-{b}"
    elif kind < 0.75:
        q["type"] = rng.choice(TYPES)
    if rng.random() < 0.5:
        month = rng.randint(1, 12)
        q["since"] = f"2024-{month:02d}-01"
    if rng.random() < 0.2:
        q["min_fatalities"] = rng.randint(1, 5)
    if rng.random() < 0.2:
        q["offset"] = rng.choice([50, 100, 500])
    return q


async def _client(http, url: str, stop_at: float, think: bool, rng: random.Random, lat: list, errors: list):
    if think:  # users arrive spread over one think time, not all in the same millisecond
        await asyncio.sleep(rng.uniform(0, 1.5))
    while time.perf_counter() < stop_at:
        params = random_query(rng)
        t = time.perf_counter()
        try:
            r = await http.get(url, params=params)
            ok = r.status_code == 200 and "items" in r.json()
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            ok, r = False, exc
        lat.append(time.perf_counter() - t)
        if not ok:
            errors.append(str(getattr(r, "status_code", r)))
        if think:
            await asyncio.sleep(rng.uniform(0.5, 1.5))


async def _phase(base: str, clients: int, seconds: float, think: bool, seed: int) -> dict:
    import httpx

    lat: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as http:
        stop_at = time.perf_counter() + seconds
        t = time.perf_counter()
        await asyncio.gather(*(_client(http, "/api/events", stop_at, think, random.Random(seed + i), lat, errors)
                               for i in range(clients)))
        wall = time.perf_counter() - t
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] * 1000 if lat else float("nan")

    return {"clients": clients, "seconds": wall, "requests": len(lat), "requests_per_s": len(lat) / wall,
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": lat[-1] * 1000 if lat else None,
            "errors": len(errors), "error_kinds": sorted(set(errors))[:5]}


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"flashpoint serve exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("flashpoint serve did not answer /api/health in time")


def measure(db: Path, events: int, clients: int, seconds: float) -> dict:
    import httpx

    out = {"events": events, "insert_s": build_store(db, events)}
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}  # read-only server
    proc = subprocess.Popen([FP, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
        httpx.get(base + "/api/events", params={"limit": 10}, timeout=30)  # open the store once
        out["single"] = asyncio.run(_phase(base, 1, max(seconds / 6, 5), False, 500))  # service time, no queue
        out["users"] = asyncio.run(_phase(base, clients, seconds, True, 1))
        out["saturation"] = asyncio.run(_phase(base, clients, max(seconds / 4, 5), False, 1000))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", default="/tmp/flashpoint-api-bench.duckdb")
    args = ap.parse_args()
    print(json.dumps(measure(Path(args.db), args.events, args.clients, args.seconds), indent=2))


if __name__ == "__main__":
    main()

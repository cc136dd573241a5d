"""A bounded local load test of the REST API: ``flashpoint serve`` over a store of
synthetic events, on 127.0.0.1 only, hit by concurrent clients for a fixed time.

    python benchmarks/api_load.py --events 100000 --clients 50 --seconds 60

Two phases, each with ``--clients`` concurrent clients (the server is a separate process):

* **users**: each client asks ``/api/events`` with a random filter (country, dyad,
  type, dates, page), waits a think time of 0.5 to 1.5 s, and asks again: about 50
  requests a second from 50 dashboard users (their first requests spread over the
  first 1.5 s). Target: p99 < 200 ms, no errors.
* **saturation**: the same requests with no think time, for a quarter of the time:
  the most the server answers per second, and the latency when it is the bottleneck.

Before both, one client asks without pause for a sixth of the time: the latency of a
request that never queues (the server's service time).

The load generator shares the machine's cores with the server, so it is kept cheap and
out of the way. Each phase's clients run in a fresh process of their own (``--drive``):
run inside ``make bench``, the calling process has loaded spaCy, Dask and a large store
by then, and a garbage collection over that heap stalls every client of its event loop
at once, which the test would have counted as server latency. The clients speak plain
HTTP/1.1 over asyncio streams, one keep-alive connection each, instead of httpx:
0.6 to 1.1 ms of CPU per request against 2.3 ms on the 2-core machine (each phase
reports it as ``client_cpu_ms_per_request``, and the server's as
``server_cpu_ms_per_request``; docs/reliability.md). Every answer is still
read whole and parsed: a request counts as an error unless it is a 200 whose JSON body
has ``items``.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import procs
import synthetic

FP = str(Path(sys.executable).with_name("flashpoint"))
TYPES = ["FIGHT", "ASSAULT", "PROTEST", "CONSULT", "Battles", "19", "Protests"]
TIMEOUT = 30.0


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


class Connection:
    """One keep-alive HTTP/1.1 connection, reopened after any failure."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        reused = self.writer is not None
        try:
            return await self._get(target)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            if not reused or getattr(exc, "partial", b""):
                raise
            # the server closed the idle keep-alive connection before the request reached
            # it: send it again on a new one, as HTTP clients (httpx included) do
            self.close()
            return await self._get(target)

    async def _get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = await self._chunked()
        else:  # the body runs to the end of the connection
            body = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            self.close()
        return status, body

    async def _chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")  # no trailers are sent
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _client(conn: Connection, stop_at: float, think: bool, rng: random.Random, lat: list, errors: list):
    if think:  # users arrive spread over one think time, not all in the same millisecond
        await asyncio.sleep(rng.uniform(0, 1.5))
    while time.perf_counter() < stop_at:
        target = "/api/events?" + urlencode(random_query(rng))
        t = time.perf_counter()
        try:
            status, body = await asyncio.wait_for(conn.get(target), TIMEOUT)
            ok = status == 200 and "items" in json.loads(body)
            error = "" if ok else str(status)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            conn.close()
            ok, error = False, type(exc).__name__
        lat.append(time.perf_counter() - t)
        if not ok:
            errors.append(error)
        if think:
            await asyncio.sleep(rng.uniform(0.5, 1.5))


async def _drive(base: str, clients: int, seconds: float, think: bool, seed: int) -> dict:
    url = urlsplit(base)
    conns = [Connection(url.hostname, url.port) for _ in range(clients)]
    lat: list[float] = []
    errors: list[str] = []
    cpu, t = time.process_time(), time.perf_counter()
    stop_at = t + seconds
    await asyncio.gather(*(_client(c, stop_at, think, random.Random(seed + i), lat, errors)
                           for i, c in enumerate(conns)))
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    for c in conns:
        c.close()
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] * 1000 if lat else float("nan")

    return {"clients": clients, "seconds": wall, "requests": len(lat), "requests_per_s": len(lat) / wall,
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": lat[-1] * 1000 if lat else None,
            "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
            "client_cpu_ms_per_request": 1000 * cpu / max(len(lat), 1)}


def _phase(base: str, server_pid: int, clients: int, seconds: float, think: bool, seed: int) -> dict:
    """One phase, its clients in a fresh process; adds the server's CPU per request and
    the load average around it (above the core count: other processes took CPU too)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--drive", base, "--clients", str(clients),
           "--seconds", str(seconds), "--seed", str(seed)] + (["--think"] if think else [])
    server_cpu, load = procs._cpu_s(server_pid), os.getloadavg()[0]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 4 * TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed: {done.stderr[-2000:]}")
    out = json.loads(done.stdout)
    out["server_cpu_ms_per_request"] = 1000 * (procs._cpu_s(server_pid) - server_cpu) / max(out["requests"], 1)
    out["load_before"], out["load_after"] = load, os.getloadavg()[0]
    return out


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


def measure(db: Path, events: int, clients: int, seconds: float, *, build: bool = True) -> dict:
    import httpx

    out = {"events": events, "insert_s": build_store(db, events) if build else None}
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}  # read-only server
    proc = subprocess.Popen([FP, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
        httpx.get(base + "/api/events", params={"limit": 10}, timeout=30)  # open the store once
        out["single"] = _phase(base, proc.pid, 1, max(seconds / 6, 5), False, 500)  # service time, no queue
        out["users"] = _phase(base, proc.pid, clients, seconds, True, 1)
        out["saturation"] = _phase(base, proc.pid, clients, max(seconds / 4, 5), False, 1000)
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
    ap.add_argument("--reuse", action="store_true", help="serve --db as it is (built earlier with --events)")
    ap.add_argument("--drive", metavar="URL", help=argparse.SUPPRESS)  # one phase's clients, against URL
    ap.add_argument("--think", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.drive:
        gc.freeze()  # a full collection then walks only what the phase allocates, not the imports
        print(json.dumps(asyncio.run(_drive(args.drive, args.clients, args.seconds, args.think, args.seed))))
        return
    result = measure(Path(args.db), args.events, args.clients, args.seconds, build=not args.reuse)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

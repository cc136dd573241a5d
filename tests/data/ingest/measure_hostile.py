"""Figures for docs/reliability.md: CPU time, wall time and peak Python memory (tracemalloc)
of read_sources on each hostile input. Run: .venv/bin/python tests/data/ingest/measure_hostile.py"""
from __future__ import annotations

import json
import pathlib
import random
import tempfile
import time
import tracemalloc

from flashpoint.ingest import read_sources
from flashpoint.ingest.language import detect
from flashpoint.ingest.testing import Route, serve

MB = 1024 * 1024
EN = "Rebels shelled the town of Goma on Monday, killing three civilians, officials said. "


def run(label, sources, **kw):
    tracemalloc.start()
    cpu, wall = time.process_time(), time.monotonic()
    items = list(read_sources(sources, **kw))
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    codes = sorted({getattr(getattr(i, "error", None), "code", "doc") for i in items})
    print(f"| {label} | {len(items)} | {', '.join(codes)} | {cpu:.2f} | {wall:.2f} | {peak / MB:.1f} |")


def main():
    tmp = pathlib.Path(tempfile.mkdtemp())
    detect(EN * 3)  # load the language model outside the figures
    print("| input | items | codes | CPU s | wall s | peak MB |\n|---|---|---|---|---|---|")
    big = tmp / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50):
            fh.write(b"word " * (MB // 5))
    run("50 MB .txt file", [big])
    jl = tmp / "big.jsonl"
    with open(jl, "wb") as fh:
        fh.write(b'{"id": "huge", "text": "')
        for _ in range(50):
            fh.write(b"word " * (MB // 5))
        fh.write(b'"}\n')
        for i in range(1000):
            fh.write(json.dumps({"id": f"d{i}", "text": EN}).encode() + b"\n")
    run("50 MB JSONL line + 1,000 good lines", [jl])
    page = tmp / "page.html"
    page.write_text("<html><body><article>" + "".join(f"<p>{EN * 3}</p>" for _ in range(35000))
                    + "</article></body></html>")
    run(f"{page.stat().st_size / MB:.1f} MB HTML page", [page])
    deep = tmp / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + f"<p>{EN}</p>" + "</div>" * 100_000 + "</body></html>")
    run("HTML nested 100,000 deep", [deep])
    lol = tmp / "lol.xml"
    lol.write_bytes(b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "lol"><!ENTITY b "' + b"&a;" * 10
                    + b'"><!ENTITY c "' + b"&b;" * 10 + b'">]><rss><channel><item><description>&c;'
                    b"</description></item></channel></rss>")
    run("billion-laughs feed", [lol])
    binary = tmp / "bin"
    binary.mkdir()
    for i in range(200):
        (binary / f"f{i}.txt").write_bytes(random.Random(i).randbytes(65536))
    run("200 random binary files (64 KB each)", [binary])
    many = tmp / "many.jsonl"
    with open(many, "w") as fh:
        for i in range(10000):
            fh.write(json.dumps({"id": f"d{i}", "text": EN * 5}) + "\n")
    run("10,000 JSONL docs, language detection on", [many])
    run("10,000 JSONL docs, language detection off", [many], detect_language=False)
    with serve() as s:
        chunk = b"<p>" + b"word " * 13000 + b"</p>"
        s.routes["/huge"] = Route(lambda: (chunk for _ in range(800)), content_length=False)
        s.routes["/slow"] = Route(b"x", delay=5)
        run("HTTP: 50 MB streamed body, 10 MB cap", [s.url("/huge")])
        run("HTTP: server silent 5 s, timeout 1 s", [s.url("/slow")], timeout=1)


if __name__ == "__main__":
    main()

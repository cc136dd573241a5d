"""``make run``: ingest the bundled articles in ``examples/`` into the store and print
what flashpoint made of them.

    python -m flashpoint.examples --db flashpoint.duckdb [--examples DIR]

``main()`` is the entry point; ``ingest_examples`` and ``summary`` are its two steps.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import settings
from .store import Store
from .store.output import show


def examples_dir() -> Path:
    """``examples/`` of the working directory, else of the source checkout."""
    for candidate in (Path.cwd() / "examples", Path(__file__).resolve().parents[2] / "examples"):
        if candidate.is_dir():
            return candidate
    raise SystemExit("no examples/ folder found: run from the repository root or pass --examples DIR")


def ingest_examples(store: Store, folder: Path):
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".jsonl"))
    return store.ingest([str(p) for p in files])


def summary(store: Store, out=None) -> None:
    out = out or sys.stdout
    w = lambda s="": print(s, file=out)  # noqa: E731
    counts = store.counts()
    w(f"documents: {counts['documents']} ({', '.join(f'{k[10:]} {v}' for k, v in counts.items() if k.startswith('documents_'))})")
    w(f"mentions: {counts['mentions']}   fused events: {counts['events']}   actors: {counts['actors']}   "
      f"places: {counts['places']}   alerts: {counts['alerts']}")
    events = store.events()
    w("\nevents by type (PLOVER):")
    if len(events):
        by_type = events.assign(plover=events["plover"].fillna("(none)")).groupby("plover").size()
        for name, n in by_type.sort_values(ascending=False).items():
            w(f"  {name:12} {n}")
        multi = events[events["source_count"] > 1]
        w(f"\nevents reported by more than one outlet: {len(multi)}")
        w(show(multi.sort_values("source_count", ascending=False).head(8),
               ["date", "plover", "dyad", "place_name", "fatalities", "source_count", "text"], 50))
    w("\ntop dyads by recent escalation:")
    w(show(store.dyads(days=30, limit=8), ["dyad", "recent_events", "recent_material_conflict", "recent_goldstein",
                                           "recent_fatalities", "escalation"]))
    w("\nalerts:")
    alerts = store.alerts(limit=10)
    if alerts.empty:
        w("  (none)")
    for a in alerts.to_dict("records"):
        w(f"  [{a['severity']}] {a['reason']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashpoint.examples", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=settings.get("db"), help="database file (default: %(default)s)")
    parser.add_argument("--examples", type=Path, help="folder of example articles (default: ./examples)")
    parser.add_argument("--no-serve", action="store_true", help="only ingest and summarise")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with Store(args.db) as store:
        result = ingest_examples(store, args.examples or examples_dir())
        print(result.line())
        summary(store)
    if not args.no_serve:
        from .api import serve
        print(f"\nOpen http://localhost:{args.port}/ in a browser to explore these events (Ctrl-C to stop).", flush=True)
        serve(args.db, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``flashpoint watch FEED... --every 15m``: poll feeds and store only their new entries."""
from __future__ import annotations

import logging
import os
import sys
import threading

import click

from .. import settings
from ..ingest import base as _ingest_base  # noqa: F401 - registers the ingest settings for --help-settings


def _store_sink(db: str):
    """Open the store for each delivery only, so readers (the dashboard) can use it in between."""
    def sink(items: list) -> None:
        from ..store import Store

        with Store(db) as store:
            summary = store.ingest(items)
        logging.getLogger("flashpoint.watch").info("stored: %s", summary.line())
        for failure in summary.failures:
            click.echo(f"{failure.get('id') or '-'}: error [{failure.get('code')}] {failure.get('message')}", err=True)
    return sink


def _jsonl_sink(path: str):
    def sink(items: list) -> None:
        from ..ingest import IngestFailure
        from ..jsonl import dumps

        out = sys.stdout if path == "-" else open(path, "a", encoding="utf-8")
        try:
            for item in items:
                if isinstance(item, IngestFailure):
                    click.echo(str(item), err=True)
                    out.write(dumps({"id": item.id, "source": item.source, "error": item.error.to_dict()}) + "\n")
                else:
                    out.write(dumps(item.to_dict()) + "\n")
            out.flush()
            if out is not sys.stdout:
                os.fsync(out.fileno())
        finally:
            if out is not sys.stdout:
                out.close()
    return sink


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED...")
@click.option("--every", default="15m", show_default=True, help="Poll interval (30s, 15m, 2h).")
@click.option("--db", default=lambda: settings.get("db"), show_default="flashpoint.duckdb",
              help="Database the new entries are stored in.")
@click.option("--state", "state_path", default=None,
              help="Watch state file (ETags, GUIDs seen) [default: DB.watch.json].")
@click.option("--jsonl", "jsonl_path", default=None,
              help="Append new entries to this JSONL file (- for stdout) instead of storing them.")
@click.option("--once", is_flag=True, help="Poll each feed once and exit.")
@click.option("--max-backoff", default="6h", show_default=True, help="Longest wait after repeated errors.")
@click.option("-q", "--quiet", is_flag=True, help="Log only warnings.")
def watch_command(feeds, every, db, state_path, jsonl_path, once, max_backoff, quiet):
    """Poll RSS/Atom FEEDs (URLs or files); ingest only entries not seen before.

    Uses ETag and Last-Modified, remembers GUIDs, backs off on errors, logs each poll
    to stderr, and stops cleanly on Ctrl-C or SIGTERM (an entry already fetched is
    stored first). Errors are stored like any failed document.
    """
    from ..ingest.watch import Watcher, install_signal_handlers

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    sink = _jsonl_sink(jsonl_path) if jsonl_path else _store_sink(db)
    state = state_path or (f"{jsonl_path}.watch.json" if jsonl_path and jsonl_path != "-" else f"{db}.watch.json")
    watcher = Watcher(feeds, sink, every=every, state_path=state, max_backoff=max_backoff)
    stop = threading.Event()
    restore = install_signal_handlers(stop)
    try:
        watcher.run(stop, max_polls=1 if once else None)
    finally:
        restore()
        watcher.options.close()


COMMANDS = [watch_command]

"""Running the app: ``serve(db)`` blocks, serving the API and the dashboard with uvicorn
(``flashpoint serve`` and ``make run`` call it)."""
from __future__ import annotations

import gc
import os
import sys
import threading
from typing import Callable, Iterable

from .app import create_app
from .db import Database


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, feeds: Iterable[str] = (), every: str = "15m",
          log_level: str = "info", echo: Callable[[str], None] | None = None) -> None:
    """Serve ``db`` until Ctrl-C. Writes (``POST /api/documents``) need ``FLASHPOINT_TOKEN``;
    ``feeds`` are polled every ``every`` and ingested by the server itself."""
    import uvicorn

    echo = echo or (lambda text: print(text, file=sys.stderr, flush=True))
    feeds = list(feeds)
    token = os.environ.get("FLASHPOINT_TOKEN") or None
    if token and len(token) < 16:
        echo("flashpoint: warning: FLASHPOINT_TOKEN is short; use at least 16 random characters "
             "(e.g. `openssl rand -hex 24`)")
    database = Database(db, writable=bool(token or feeds))
    app = create_app(database, token=token)
    # What start-up built lives as long as the server: out of the collector's way, a full
    # collection no longer walks its ~100,000 objects while every request waits (one such
    # pause took 160 ms under the load test on the 2-core machine; docs/reliability.md).
    gc.collect()
    gc.freeze()
    stop = threading.Event()
    if feeds:
        from .writes import start_watch

        start_watch(database, feeds, stop, every=every)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    mode = "read-write" if database.writable else "read-only"
    echo(f"flashpoint: serving {db} ({mode}{', watching ' + str(len(feeds)) + ' feed(s)' if feeds else ''})\n"
         f"  dashboard: http://{shown}:{port}/\n  API docs:  http://{shown}:{port}/docs\n  (Ctrl-C to stop)")
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    finally:
        stop.set()
        database.close()

"""The server's one handle on the store.

DuckDB lets one process hold a database file for writing, and a connection must not be
used by two threads at once. The server therefore opens the file ONCE and shares it:

* read-only (the default: no ``FLASHPOINT_TOKEN`` and no ``--watch``): other read-only
  processes (``flashpoint events``, a notebook) may open the file at the same time;
* read-write when the server itself writes (``POST /api/documents`` with a token, or the
  ``--watch`` ingest loop running in the server process). Every other process must then
  go through the server.

All queries and writes go through one lock, so request threads and the watch thread
never use the connection concurrently.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from ..errors import StoreError
from ..store.connection import MEMORY, connect


class Database:
    """A shared DuckDB connection (or a ``Store`` wrapping one) behind a lock."""

    def __init__(self, path: str | Path = MEMORY, *, writable: bool = False, store: Any = None, con: Any = None):
        self.path = str(path)
        self.writable = writable
        self.lock = threading.RLock()
        self.store = store
        if con is None and store is not None:
            con = _connection_of(store)
        if con is None:
            con = self._open(self.path, writable)
        self.con = con

    @staticmethod
    def _open(path: str, writable: bool):
        if path != MEMORY and not writable and not Path(path).exists():
            connect(path).close()  # create an empty, migrated store so the dashboard has something to read
        return connect(path, read_only=not writable)

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Rows of a parameterised query as dicts (never format values into ``sql``)."""
        with self.lock:
            cur = self.con.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, r)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: list | tuple = ()) -> Any:
        with self.lock:
            row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def has_table(self, name: str) -> bool:
        return bool(self.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))

    def write(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` (which writes through ``self.store`` or ``self.con``) under the lock."""
        if not self.writable:
            raise StoreError("the server opened the database read-only",
                             hint="set FLASHPOINT_TOKEN or use --watch to let the server write")
        with self.lock:
            return fn()

    def close(self) -> None:
        with self.lock:
            closer = getattr(self.store, "close", None) or getattr(self.con, "close", None)
            if closer:
                closer()


def _connection_of(store: Any):
    for name in ("con", "connection", "_con", "conn"):
        con = getattr(store, name, None)
        if con is not None and hasattr(con, "execute"):
            return con
    return None

"""The server's handle on the store (``flashpoint.store.Store``).

DuckDB lets one process hold a database file for writing, and one connection must not
be used by two threads at once. So:

* **read-write** (the server writes: ``FLASHPOINT_TOKEN`` set, or ``--watch`` running the
  ingest loop in the server): the file is opened ONCE for the server's lifetime and
  shared; requests, posted documents and the watch thread take turns on a lock. Other
  processes cannot open the file meanwhile: write through the server.
* **read-only** (the default): the server opens the file read-only when a request
  comes and lets go of it after ``idle`` seconds without requests, so a separate
  ``flashpoint watch`` / ``flashpoint ingest`` process can take its write lock in
  between (it waits for the lock; the server likewise waits up to ``timeout`` seconds,
  then answers 503). Each reopening sees what was written meanwhile.
* ``:memory:`` stores are always held (there is no file to share).
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import StoreError
from ..store import Store
from ..store.connection import MEMORY


class Session:
    """One request's view: the store, its connection, and two small query helpers."""

    def __init__(self, store: Store):
        self.store = store
        self.con = store.con

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Rows of a parameterised query as dicts (values are always bound, never formatted in)."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: list | tuple = ()) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None


class Database:
    def __init__(self, path: str | Path = MEMORY, *, writable: bool = False, hold: bool | None = None,
                 idle: float = 1.0, timeout: float = 5.0):
        self.path = str(path)
        self.writable = writable
        self.hold = (writable or self.path == MEMORY) if hold is None else hold
        self.idle, self.timeout = idle, timeout
        self.lock = threading.RLock()
        self._store: Store | None = None
        self._last = 0.0
        self._timer: threading.Timer | None = None
        if self.path != MEMORY and not Path(self.path).exists():
            Store(self.path).close()  # an empty, migrated store: the dashboard opens on "no data yet"
        if self.hold:
            self._store = Store(self.path, read_only=not writable, timeout=timeout)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.lock:
            if self._store is None:
                self._store = Store(self.path, read_only=True, timeout=self.timeout)
            try:
                yield Session(self._store)
            finally:
                self._last = time.monotonic()
                if not self.hold:
                    self._arm_release()

    def write(self, fn: Callable[[Store], Any]) -> Any:
        """``fn(store)`` under the lock; only for a server that opened the file read-write."""
        if not (self.writable and self.hold):
            raise StoreError("the server opened the database read-only",
                             hint="set FLASHPOINT_TOKEN or use --watch to let the server write")
        with self.lock:
            return fn(self._store)

    def _arm_release(self) -> None:
        if self._timer is None or not self._timer.is_alive():
            self._timer = threading.Timer(self.idle, self._release_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _release_if_idle(self) -> None:
        with self.lock:
            if self._store is None or self.hold:
                return
            if time.monotonic() - self._last >= self.idle * 0.95:
                self._store.close()
                self._store = None
            else:
                self._timer = None
                self._arm_release()

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def close(self) -> None:
        with self.lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._store is not None:
                self._store.close()
                self._store = None

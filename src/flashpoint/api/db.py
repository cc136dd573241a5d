"""The server's handle on the store (``flashpoint.store.Store``).

DuckDB lets one process hold a database file for writing, and one connection must not
be used by two threads at once. So:

* **read-write** (the server writes: ``FLASHPOINT_TOKEN`` set, or ``--watch`` running the
  ingest loop in the server): the file is opened ONCE for the server's lifetime and
  shared. Other processes cannot open the file meanwhile: write through the server.
* **read-only** (the default): the server opens the file read-only when a request
  comes and lets go of it after ``idle`` seconds without requests, so a separate
  ``flashpoint watch`` / ``flashpoint ingest`` process can take its write lock in
  between (it waits for the lock; the server likewise waits up to ``timeout`` seconds,
  then answers 503). Each reopening sees what was written meanwhile.
* ``:memory:`` stores are always held (there is no file to share).

Requests read concurrently, each on a cursor of its own (``con.cursor()``: a second
connection to the same database, usable from another thread), at most ``readers`` at
a time. Writes (posted documents, the watch thread) and closing the file wait until
no request is reading and hold new ones back meanwhile, so a request never sees half
a write, and one that starts after a write sees all of it.

``version`` changes with every write and every (re)opening of the file: answers
cached under one version (``cache``) are never served under another.
"""
from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator

import duckdb

from ..errors import StoreError
from ..store import Store
from ..store.connection import MEMORY

READERS = 4  # concurrent reads; more only add contention on a small machine (docs/reliability.md)


class Session:
    """One request's view: the store, its connection, and two small query helpers."""

    def __init__(self, store: Store, version: int = 0):
        self.store = store
        self.version = version  # Database.version while this session reads: a key for cached answers
        self.con = store.con

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Rows of a parameterised query as dicts (values are always bound, never formatted in)."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: list | tuple = ()) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None


class ReadWriteLock:
    """Many readers or one writer. A waiting writer holds back new readers, so a steady
    stream of requests cannot starve a write. A thread may read or write again inside
    its own write, and read again inside its own read; it may not write inside a read
    (it would wait for itself)."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer: int | None = None
        self._writes = 0  # the writer's nesting depth
        self._waiting = 0  # writers waiting
        self._mine = threading.local()  # this thread's read depth

    @contextmanager
    def read(self) -> Iterator[None]:
        me = threading.get_ident()
        depth = getattr(self._mine, "depth", 0)
        if depth or self._writer == me:
            self._mine.depth = depth + 1
            try:
                yield
            finally:
                self._mine.depth = depth
            return
        with self._cond:
            while self._writer is not None or self._waiting:
                self._cond.wait()
            self._readers += 1
        self._mine.depth = 1
        try:
            yield
        finally:
            self._mine.depth = 0
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        me = threading.get_ident()
        if self._writer != me and getattr(self._mine, "depth", 0):
            raise RuntimeError("cannot write while this thread reads")
        with self._cond:
            if self._writer != me:
                self._waiting += 1
                try:
                    while self._writer is not None or self._readers:
                        self._cond.wait()
                except BaseException:  # interrupted: readers held back for this writer may go on
                    self._waiting -= 1
                    self._cond.notify_all()
                    raise
                self._waiting -= 1
                self._writer = me
            self._writes += 1
        try:
            yield
        finally:
            with self._cond:
                self._writes -= 1
                if not self._writes:
                    self._writer = None
                    self._cond.notify_all()


class Cache:
    """A small LRU map of values computed under one data version; a new version empties
    it. Bounded in entries and in the bytes of ``bytes`` values."""

    def __init__(self, entries: int = 512, max_bytes: int = 16 << 20):
        self.entries, self.max_bytes = entries, max_bytes
        self._lock = threading.Lock()
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: int | None = None
        self._bytes = 0
        self.hits = self.misses = 0

    def get(self, version: int, key: Hashable) -> Any:
        with self._lock:
            if version == self._version and key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
            return None

    def put(self, version: int, key: Hashable, value: Any) -> None:
        size = _size(value)
        if size > self.max_bytes // 4:
            return
        with self._lock:
            if self._version is None or version > self._version:
                self._clear(version)
            elif version < self._version:  # computed before a write that has since landed
                return
            if key in self._data:
                self._bytes -= _size(self._data.pop(key))
            self._data[key] = value
            self._bytes += size
            while len(self._data) > self.entries or self._bytes > self.max_bytes:
                self._bytes -= _size(self._data.popitem(last=False)[1])

    def _clear(self, version: int) -> None:
        self._data.clear()
        self._bytes = 0
        self._version = version


def _size(value: Any) -> int:
    """What a cached value counts against ``Cache.max_bytes``: the length of bytes, else 0."""
    return len(value) if isinstance(value, (bytes, bytearray)) else 0


def _reader(store: Store, con: duckdb.DuckDBPyConnection) -> Store:
    """The store with its queries sent to ``con`` (one of its cursors), for one request."""
    view = copy.copy(store)
    view.con = con
    return view


class Database:
    def __init__(self, path: str | Path = MEMORY, *, writable: bool = False, hold: bool | None = None,
                 idle: float = 1.0, timeout: float = 5.0, readers: int = READERS):
        self.path = str(path)
        self.writable = writable
        self.hold = (writable or self.path == MEMORY) if hold is None else hold
        self.idle, self.timeout = idle, timeout
        self.lock = ReadWriteLock()
        self.version = 0
        self.cache = Cache()  # whole answers (bytes)
        self.counts = Cache(entries=4096)  # totals of filtered lists, shared by their pages
        self._slots = threading.BoundedSemaphore(max(1, readers))
        self._mutex = threading.Lock()  # the cursor pool, the idle timer
        self._cursors: list[duckdb.DuckDBPyConnection] = []  # idle cursors of the open store
        self._store: Store | None = None
        self._last = 0.0
        self._timer: threading.Timer | None = None
        if self.path != MEMORY and not Path(self.path).exists():
            Store(self.path).close()  # an empty, migrated store: the dashboard opens on "no data yet"
        if self.hold:
            self._open()

    def _open(self) -> None:
        """(Under the write lock.) Open the file; what was cached before may be stale now."""
        self._store = Store(self.path, read_only=not self.writable or not self.hold, timeout=self.timeout)
        self.version += 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._slots:
            while True:
                with self.lock.read():
                    if self._store is not None:
                        with self._cursor() as con:
                            try:
                                yield Session(_reader(self._store, con), self.version)
                            finally:
                                with self._mutex:
                                    self._last = time.monotonic()
                                    if not self.hold:
                                        self._arm_release()
                        return
                with self.lock.write():
                    if self._store is None:
                        self._open()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """(Under the read lock.) An idle cursor of the open store, or a new one."""
        with self._mutex:  # cursor() registers the new cursor with its parent: one thread at a time
            con = self._cursors.pop() if self._cursors else self._store.con.cursor()
        try:
            yield con
        except duckdb.Error:
            con.close()  # not reused: a failed query may leave it in a state the next one trips on
            raise
        except BaseException:
            with self._mutex:
                self._cursors.append(con)
            raise
        with self._mutex:
            self._cursors.append(con)

    def write(self, fn: Callable[[Store], Any]) -> Any:
        """``fn(store)`` with no request reading; only for a server that opened the file read-write."""
        if not (self.writable and self.hold):
            raise StoreError("the server opened the database read-only",
                             hint="set FLASHPOINT_TOKEN or use --watch to let the server write")
        with self.lock.write():
            try:
                return fn(self._store)
            finally:
                self.version += 1  # even after a failure: part of the write may have landed

    def _arm_release(self, delay: float | None = None) -> None:
        """(Under ``_mutex``.)"""
        if self._timer is None or not self._timer.is_alive():
            self._timer = threading.Timer(self.idle if delay is None else delay, self._release_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _release_if_idle(self) -> None:
        # Look before taking the write lock: taking it holds every new request back, which
        # under steady traffic would stall the server once per ``idle`` for nothing.
        with self._mutex:
            self._timer = None
            left = self._last + self.idle - time.monotonic()
            if left > self.idle * 0.05:
                self._arm_release(left)
                return
        with self.lock.write():
            if self._store is None or self.hold:
                return
            with self._mutex:
                if time.monotonic() - self._last < self.idle * 0.95:  # a request came meanwhile
                    self._arm_release()
                    return
            self._close_store()

    def _close_store(self) -> None:
        """(Under the write lock, so no cursor is in use.)"""
        with self._mutex:
            cursors, self._cursors = self._cursors, []
        for con in cursors:
            con.close()
        self._store.close()
        self._store = None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def close(self) -> None:
        with self.lock.write():
            with self._mutex:
                if self._timer is not None:
                    self._timer.cancel()
            if self._store is not None:
                self._close_store()

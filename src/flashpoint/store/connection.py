"""Opening the database: one writing process at a time, schema migrations on open.

DuckDB lets one process hold a database file for writing. A second process that
opens the same file waits (retrying up to ``timeout`` seconds) and then fails with
``StoreLockedError``; it never writes to a file another process holds.

Schema changes are numbered SQL files in ``store/migrations/`` (``0001_init.sql``,
``0002_….sql``); each applied file is recorded in ``schema_migrations`` and runs
inside one transaction, so a crash mid-migration leaves the previous version intact.
"""
from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path

import duckdb

from ..errors import StoreError, StoreLockedError

_MIGRATION = re.compile(r"^(\d{4})_([\w-]+)\.sql$")
MEMORY = ":memory:"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every bundled migration, in order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def connect(path: str | Path = MEMORY, *, read_only: bool = False, timeout: float = 10.0,
            poll: float = 0.25) -> duckdb.DuckDBPyConnection:
    """A connection to ``path`` (``":memory:"`` for a throwaway store), migrated to the
    latest schema unless ``read_only``. Waits up to ``timeout`` s for another process's lock."""
    target = str(path)
    if target != MEMORY:
        parent = Path(target).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"cannot create the database {target!r}: no directory {str(parent)!r}")
        if read_only and not Path(target).exists():
            raise StoreError(f"no database at {target!r}", hint="run `flashpoint ingest` first")
    deadline = time.monotonic() + max(timeout, 0.0)
    while True:
        try:
            con = duckdb.connect(target, read_only=read_only and target != MEMORY)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"cannot open the database {target!r}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"the database {target!r} is in use by another process",
                    hint=f"waited {timeout:g}s; wait for the other flashpoint command to finish, "
                         "or pass another --db") from exc
            time.sleep(poll)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database {target!r}: {exc}",
                             hint="is it a DuckDB file written by a compatible version?") from exc
    if not read_only:
        migrate(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0] or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations the database has not seen; returns their numbers."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    current = schema_version(con)
    applied = []
    for version, name, sql in migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)", [version, name])
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {version:04d}_{name} failed: {exc}") from exc
        applied.append(version)
    return applied

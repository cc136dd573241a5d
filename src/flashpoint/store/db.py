"""Small DuckDB helpers: rows as dicts, bulk inserts through Arrow, transactions."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable

import pyarrow as pa


def dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def query(con, sql: str, params=None) -> list[dict]:
    return dicts(con.execute(sql, params or []))


def insert(con, table: str, rows: list[dict], columns: Iterable[str]) -> int:
    """Insert ``rows`` (dicts) into ``table`` in one statement."""
    if not rows:
        return 0
    columns = list(columns)
    data = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    con.register("_fp_insert", data)
    try:
        names = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _fp_insert")
    finally:
        con.unregister("_fp_insert")
    return len(rows)


def with_ids(con, name: str, ids: Iterable[str]) -> None:
    """A temporary one-column table ``name(id)`` to join against."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (id VARCHAR)")
    values = sorted(set(i for i in ids if i is not None))
    if values:
        con.register("_fp_ids", pa.table({"id": pa.array(values, pa.string())}))
        try:
            con.execute(f"INSERT INTO {name} SELECT id FROM _fp_ids")
        finally:
            con.unregister("_fp_ids")


@contextmanager
def transaction(con):
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def date_bounds(column: str, since, until, convert=lambda value: value) -> tuple[list[str], list]:
    """WHERE clauses and parameters for ``since <= column <= until`` (either may be None)."""
    clauses, params = [], []
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            clauses.append(f"{column} {op} ?")
            params.append(convert(bound))
    return clauses, params

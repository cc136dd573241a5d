"""Writing result tables: a readable table on stdout, or CSV / JSONL / Parquet files
chosen by the file's extension (``-`` writes CSV to stdout)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from ..errors import ConfigError

FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".parquet": "parquet", ".pq": "parquet"}


def file_format(path: str, default: str = "csv") -> str:
    if path == "-":
        return default
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise ConfigError(f"cannot tell the format of {path!r}", hint="use .csv, .tsv, .jsonl, .json or .parquet")
    return FORMATS[ext]


def _jsonable(df: pd.DataFrame) -> list[dict]:
    return json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))


def write(df: pd.DataFrame, path: str, fmt: str | None = None, *, header: bool = True) -> None:
    fmt = fmt or file_format(path)
    if fmt == "parquet":
        if path == "-":
            raise ConfigError("Parquet cannot go to stdout", hint="pass -o FILE.parquet")
        df.to_parquet(path, index=False)
        return
    stream = sys.stdout if path == "-" else open(path, "w", encoding="utf-8", newline="")
    try:
        if fmt in ("csv", "tsv"):
            df.to_csv(stream, index=False, sep="," if fmt == "csv" else "\t", header=header, date_format="%Y-%m-%d")
        elif fmt == "jsonl":
            for rec in _jsonable(df):
                stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif fmt == "json":
            json.dump(_jsonable(df), stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        else:
            raise ConfigError(f"unknown output format {fmt!r}")
    finally:
        if stream is not sys.stdout:
            stream.close()


def _cut(value, width: int):
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def show(df: pd.DataFrame, columns: list[str] | None = None, max_width: int = 60) -> str:
    """A plain-text table of ``columns`` (long cells cut)."""
    if df.empty:
        return "(none)"
    view = df[[c for c in (columns or list(df.columns)) if c in df.columns]].copy()
    for col in view.columns:
        if str(view[col].dtype).startswith("datetime"):
            view[col] = view[col].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(view[col]):
            view[col] = view[col].map(lambda v: _cut(v, max_width))
    return view.to_string(index=False, na_rep="")

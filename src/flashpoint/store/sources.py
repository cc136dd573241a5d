"""Reading what ``flashpoint ingest`` is given. ``flashpoint.ingest.read_sources`` (JSONL,
.txt, .html, folders, feeds, URLs) is used when installed; until then this module reads
JSONL and header-style .txt files (``key: value`` lines, a blank line, the text) itself."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .ingest import Failure

_HEADER = re.compile(r"^([A-Za-z][\w-]{0,30}):\s*(.*)$")
_FIELDS = {"title", "source", "date", "url", "language", "id"}


def read_sources(sources: Iterable[str]) -> Iterator:
    try:
        from ..ingest import read_sources as reader  # type: ignore[attr-defined]
    except ImportError:
        reader = None
    if reader is not None:
        yield from reader(list(sources))
        return
    for source in sources:
        yield from _read_path(Path(source))


def _read_path(path: Path) -> Iterator:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".jsonl")):
            yield from _read_path(child)
        return
    if not path.exists():
        yield Failure(str(path), str(path), InputError(f"no such file: {path}").to_dict())
        return
    if path.suffix.lower() == ".jsonl":
        from ..jsonl import read_documents

        with open(path, "rb") as fh:
            for item in read_documents(fh):
                if isinstance(item, Document):
                    yield item
                else:
                    yield Failure(item.id or f"{path}:{item.line_no}", f"{path}:{item.line_no}", item.error.to_dict())
        return
    yield read_text_file(path)


def read_text_file(path: Path) -> Document | Failure:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    meta: dict = {}
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i].rstrip("\r\n"))):
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if meta and i < len(lines) and not lines[i].strip():
        body = "".join(lines[i + 1:])
    else:
        meta, body = {}, text
    fields = {k: v for k, v in meta.items() if k in _FIELDS}
    if "date" in fields:
        fields["date"] = fields["date"][:10]
    if "language" in fields:
        fields["language"] = fields["language"].split()[0][:8]
    doc_id = fields.pop("id", None) or path.stem
    extra = {k: v for k, v in meta.items() if k not in _FIELDS}
    return Document(id=doc_id, text=body, meta={"path": str(path), **extra}, **fields)

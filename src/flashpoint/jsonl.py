"""JSONL in and out, one item per line, bad lines reported per line.

``read_documents`` never raises for a bad line: it yields an ``InputError`` in the
document's place, carrying the id where one could be read, so the caller can write the
contract's error line and go on with the next one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

from .errors import InputError, InvalidJSONError, MissingFieldError
from .records import Document

# A line longer than this is not read into memory whole as JSON (50 MB documents are
# accepted by the ingest layer from files, not as one JSONL line).
MAX_LINE_BYTES = 64 * 1024 * 1024


@dataclass
class BadLine:
    """A line that could not become a Document."""

    line_no: int
    id: str | None
    error: InputError


def decode_line(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    # invalid UTF-8 is replaced, not fatal: output must stay valid UTF-8 whatever came in
    return raw.decode("utf-8", errors="replace")


def parse_document(line: str, line_no: int) -> Document | BadLine:
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return BadLine(line_no, None, InvalidJSONError(f"line {line_no}: not valid JSON ({msg})"))
    if not isinstance(data, dict):
        return BadLine(line_no, None, InvalidJSONError(f"line {line_no}: expected a JSON object, got {type(data).__name__}"))
    doc_id = data.get("id")
    doc_id = doc_id if isinstance(doc_id, str) else (str(doc_id) if isinstance(doc_id, int) and not isinstance(doc_id, bool) else None)
    if doc_id is None:
        return BadLine(line_no, None, MissingFieldError(f"line {line_no}: no string \"id\""))
    if not isinstance(data.get("text"), str):
        return BadLine(line_no, doc_id, MissingFieldError(f"line {line_no}: no string \"text\" in document {doc_id!r}"))
    data["id"] = doc_id
    if data.get("date") is not None and not isinstance(data["date"], str):
        data["date"] = None
    return Document.from_dict(data)


def read_documents(stream: IO[bytes] | IO[str] | Iterable) -> Iterator[Document | BadLine]:
    for line_no, raw in enumerate(stream, 1):
        if len(raw) > MAX_LINE_BYTES:
            from .errors import DocumentTooLargeError

            yield BadLine(line_no, None, DocumentTooLargeError(
                f"line {line_no}: {len(raw)} bytes, over the {MAX_LINE_BYTES}-byte line limit"))
            continue
        line = decode_line(raw).strip()
        if not line:
            continue
        yield parse_document(line, line_no)


def dumps(obj: dict) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from "\\ud800"-style escapes in the input
        text = json.dumps(obj, ensure_ascii=True)
    return text

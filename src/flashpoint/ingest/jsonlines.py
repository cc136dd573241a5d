"""JSONL files read line by line with a bound on each line (a huge line is skipped, not loaded)."""
from __future__ import annotations

from typing import IO, Iterator

from ..errors import DocumentTooLargeError, InvalidJSONError
from ..jsonl import BadLine, decode_line, parse_document
from ..records import Document
from .base import IngestFailure, Options, human_bytes
from .validate import finish

_SKIP_CHUNK = 1 << 20


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, line or None when over limit, line length so far)``; memory stays under ``limit``."""
    line_no = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        line_no += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw)
            while chunk := stream.readline(_SKIP_CHUNK):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield line_no, None, size
            continue
        yield line_no, raw, len(raw)


def read_jsonl(stream: IO[bytes], source: str, options: Options) -> Iterator[Document | IngestFailure]:
    for line_no, raw, size in bounded_lines(stream, options.max_bytes):  # type: ignore[arg-type]
        where = f"{source}:{line_no}"
        if raw is None:
            yield IngestFailure(where, None, DocumentTooLargeError(
                f"line {line_no}: {human_bytes(size)}, over the {human_bytes(options.max_bytes)} line limit",  # type: ignore[arg-type]
                hint="raise FLASHPOINT_MAX_INPUT_BYTES or split the document"))
            continue
        line = decode_line(raw).strip()
        if not line:
            continue
        try:
            item = parse_document(line, line_no)
        except (TypeError, ValueError, AttributeError) as exc:  # e.g. "meta": true (see report to lead)
            yield IngestFailure(where, None, InvalidJSONError(f"line {line_no}: unusable document ({exc})"))
            continue
        if isinstance(item, BadLine):
            yield IngestFailure(where, item.id, item.error)
            continue
        _coerce(item)
        item.meta.setdefault("ingest", {"reader": "jsonl", "source": source, "line": line_no})
        yield finish(item, where, detect_language=options.detect_language)


def _coerce(doc: Document) -> None:
    """Optional fields that are not strings (``"title": 5``) move to ``meta`` instead of the record."""
    for name in ("title", "url", "source", "language"):
        value = getattr(doc, name)
        if value is not None and not isinstance(value, str):
            doc.meta.setdefault("invalid_fields", {})[name] = value
            setattr(doc, name, None)

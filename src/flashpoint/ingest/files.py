"""Files and folders: pick a reader by extension (or by sniffing), derive stable ids.

A file's id is its path relative to the folder that was named, prefixed with that
folder's own name (``corpus/2024/a.txt``); a file named directly gets its file name. A
``.txt`` header line ``id:`` overrides it. Hidden files and folders are skipped.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..errors import BinaryInputError, DocumentTooLargeError, InputError
from ..records import Document
from .base import IngestFailure, Options, human_bytes
from .decode import SNIFF_BYTES, decode_bytes, sniff_binary
from .textfile import document_fields, url_list
from .validate import finish

KIND_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".urls": "urls",
}


# flashpoint's own files (a database, its write-ahead log, watch state) are never documents
SKIP_SUFFIXES = (".duckdb", ".duckdb.wal", ".watch.json", ".watch.json.tmp")


def _wanted(name: str) -> bool:
    return not name.startswith(".") and not name.endswith(SKIP_SUFFIXES)


def iter_files(root: Path, recursive: bool = True) -> Iterator[Path]:
    """Files under ``root`` in a stable (sorted) order; hidden files, flashpoint's own
    database and state files left out; symbolic links to folders not followed."""
    if not recursive:
        yield from sorted(p for p in root.iterdir() if p.is_file() and _wanted(p.name))
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _wanted(name):
                yield Path(dirpath) / name


def file_id(path: Path) -> str:
    """A file's document id: ``<folder>/<name>``, the id it also gets when its folder is read."""
    parent = path.resolve().parent.name
    return f"{parent}/{path.name}" if parent else path.name


def sniff_kind(head: bytes) -> str:
    """A reader for a file whose extension says nothing: by its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if any(tag in head[:4096].lower() for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    return "text"


def read_path(path: Path, options: Options, *, doc_id: str) -> Iterator[Document | IngestFailure]:
    """Every Document (or failure) that one file holds."""
    source = str(path)
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    try:
        if kind == "jsonl":
            from .jsonlines import read_jsonl

            with open(path, "rb") as stream:
                head = stream.read(SNIFF_BYTES)
                why = sniff_binary(head)
                if why:
                    raise BinaryInputError(f"not JSONL: looks like {why}")
                stream.seek(0)
                yield from read_jsonl(stream, source, options)
            return
        size = path.stat().st_size
        if size > options.max_bytes:  # type: ignore[operator]
            raise DocumentTooLargeError(f"{human_bytes(size)}, over the {human_bytes(options.max_bytes)} file limit",  # type: ignore[arg-type]
                                        hint="raise FLASHPOINT_MAX_INPUT_BYTES or split the file")
        data = path.read_bytes()
    except InputError as exc:
        yield IngestFailure(source, doc_id, exc)
        return
    except OSError as exc:
        yield IngestFailure(source, doc_id, InputError(f"cannot read {source}: {exc.strerror or exc}"))
        return
    if kind is None and not sniff_binary(data[:SNIFF_BYTES]):
        kind = sniff_kind(data[:SNIFF_BYTES])
        if kind == "jsonl":
            import io

            from .jsonlines import read_jsonl

            yield from read_jsonl(io.BytesIO(data), source, options)
            return
    yield from read_bytes(data, kind or "text", source, options, doc_id=doc_id)


def read_bytes(data: bytes, kind: str, source: str, options: Options, *, doc_id: str,
               declared_charset: str | None = None, url: str | None = None) -> Iterator[Document | IngestFailure]:
    """Documents from the bytes of one text, HTML, feed or URL-list item (a file or a response)."""
    why = sniff_binary(data[:SNIFF_BYTES])
    if why:
        yield IngestFailure(source, doc_id if kind != "feed" else None,
                            BinaryInputError(f"not text: looks like {why}", hint="pass a text, HTML, feed or JSONL file"))
        return
    try:
        if kind == "html":
            from .html import read_html

            yield read_html(data, source, options, doc_id=doc_id, url=url, declared_charset=declared_charset)
            return
        if kind == "feed":
            from .feeds import read_feed

            yield from read_feed(data, source, options, url=url, declared_charset=declared_charset)
            return
        text, encoding = decode_bytes(data, declared_charset)
    except InputError as exc:
        yield IngestFailure(source, doc_id, exc)
        return
    urls = url_list(text) if kind in ("text", "urls") and url is None else None  # no lists fetched from URLs
    if urls is not None or kind == "urls":
        from .urls import read_url

        for u in urls or []:
            yield from read_url(u, options)
        return
    kwargs, body = document_fields(text)
    kwargs.setdefault("id", doc_id)
    if url and "url" not in kwargs:
        kwargs["url"] = url
    kwargs["meta"]["ingest"] = {"reader": "text", "source": source, "encoding": encoding}
    yield finish(Document(text=body, **kwargs), source, detect_language=options.detect_language)

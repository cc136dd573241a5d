"""flashpoint's ingest layer: files, folders, HTML, feeds and URLs in; Documents out.

    from flashpoint.ingest import read_sources, IngestFailure, is_supported

    for item in read_sources(["articles/", "news.jsonl", "https://example.org/feed.xml"]):
        if isinstance(item, IngestFailure):
            print(item)                     # "<id or source>: error [E104] ..."
        else:
            store(item)                     # a flashpoint.records.Document

Sources: a JSONL file (one ``{"id", "text", ...}`` object a line), a ``.txt`` article
(optional ``key: value`` header, blank line, body), an ``.html`` page, an RSS/Atom feed
file, a file of URLs (``.urls``, or a ``.txt`` holding only URLs), a folder of any of
these (recursive), an ``http(s)://`` article or feed URL, or ``-`` (JSONL on stdin).

Ids: JSONL lines keep their own; a file gets ``<folder>/<path below the folder>`` where
``<folder>`` is the name of the folder that was named (or of the file's own folder when a
file is named), so ``read_sources(["corpus"])`` and ``read_sources(["corpus/a.txt"])`` give
``corpus/a.txt`` both; a ``.txt`` header ``id:`` overrides it; a URL gets
``url:<sha1 of the URL>``, a feed entry that of its link.

Nothing raises for one bad item: it becomes an ``IngestFailure`` carrying a coded
``InputError`` (E101-E108) and the run goes on. Every Document has ``language`` set
(ISO 639-1) where it could be told; ``is_supported(doc)`` says whether flashpoint codes it.

Limits (``flashpoint --help-settings``): ``max_input_bytes`` (10 MB) per file, page or
JSONL line, checked before reading (files) or while streaming (HTTP); ``max_doc_chars``
(1,000,000) per document text; ``http_timeout`` (15 s) and ``http_max_redirects`` (5).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .base import IngestFailure, Options
from .language import SUPPORTED_LANGUAGES, is_supported, language_error

__all__ = ["read_sources", "IngestFailure", "Options", "is_supported", "language_error", "SUPPORTED_LANGUAGES",
           "is_url"]


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def read_sources(sources: Iterable[str | Path], *, recursive: bool = True, max_bytes: int | None = None,
                 follow_links: bool | None = None, timeout: float | None = None,
                 detect_language: bool = True, options: Options | None = None) -> Iterator[Document | IngestFailure]:
    """Documents (or per-item failures) from files, folders and URLs, in order.

    ``max_bytes`` bounds one file, page or JSONL line (default: the ``max_input_bytes``
    setting); ``follow_links`` fetches the article behind a feed item with short text;
    ``timeout`` is the HTTP connect/read timeout in seconds.
    """
    opts = options or Options(recursive=recursive, max_bytes=max_bytes, follow_links=follow_links,
                              timeout=timeout, detect_language=detect_language)
    try:
        for source in sources:
            yield from _read_one(source, opts)
    finally:
        if options is None:
            opts.close()


def _read_one(source: str | Path, opts: Options) -> Iterator[Document | IngestFailure]:
    from .files import file_id, iter_files, read_path

    if is_url(source):
        from .urls import read_url

        yield from read_url(str(source), opts)
        return
    if str(source) == "-":
        from .jsonlines import read_jsonl

        yield from read_jsonl(sys.stdin.buffer, "<stdin>", opts)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        base = path.resolve().name
        for file in iter_files(path, opts.recursive):
            rel = file.relative_to(path).as_posix()
            yield from read_path(file, opts, doc_id=f"{base}/{rel}" if base else rel)
    elif path.exists():
        yield from read_path(path, opts, doc_id=file_id(path))
    else:
        yield IngestFailure(str(source), None, InputError(f"no such file, folder or URL: {source}",
                                                          hint="check the path; URLs start with http:// or https://"))

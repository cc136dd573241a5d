"""Article and feed URLs: fetch once, then read the body as a feed, HTML, text or JSONL."""
from __future__ import annotations

import io
from typing import Iterator

from ..errors import InputError
from ..records import Document
from .base import IngestFailure, Options, url_id
from .decode import SNIFF_BYTES, sniff_binary
from .files import sniff_kind

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines")


def kind_of(content_type: str, body: bytes) -> str:
    """Which reader a response needs: by its Content-Type, else by its first bytes."""
    head = body[:SNIFF_BYTES]
    if content_type in _FEED_TYPES:
        return "feed"
    if content_type in _JSONL_TYPES:
        return "jsonl"
    sniffed = sniff_kind(head)
    if content_type in ("application/xml", "text/xml") or sniffed == "feed":
        return "feed" if sniffed == "feed" else "html"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    return sniffed


def read_url(url: str, options: Options) -> Iterator[Document | IngestFailure]:
    from .files import read_bytes

    doc_id = url_id(url)
    try:
        response = options.fetcher().get(url)  # type: ignore[attr-defined]
    except InputError as exc:
        yield IngestFailure(url, doc_id, exc)
        return
    yield from read_response(response, url, options, doc_id=doc_id)


def read_response(response, url: str, options: Options, *, doc_id: str) -> Iterator[Document | IngestFailure]:
    """The Documents in one fetched body (a feed, a page, plain text or JSONL)."""
    from .files import read_bytes

    body = response.content
    why = sniff_binary(body[:SNIFF_BYTES])
    if why:
        from ..errors import BinaryInputError

        yield IngestFailure(url, doc_id, BinaryInputError(f"{url}: not text, looks like {why}"))
        return
    kind = kind_of(response.content_type, body)
    if kind == "jsonl":
        from .jsonlines import read_jsonl

        yield from read_jsonl(io.BytesIO(body), url, options)
        return
    yield from read_bytes(body, kind, url, options, doc_id=doc_id, declared_charset=response.charset, url=url)

"""RSS and Atom feeds, parsed defused: a feed that declares XML entities is refused.

Before feedparser sees a byte, the feed must (1) contain no ``<!ENTITY`` declaration
(the XXE and billion-laughs payloads need one) and (2) pass defusedxml's parser with
entities and external references forbidden; a merely malformed feed is left to
feedparser's lenient parser. Each entry becomes a Document whose id is derived from its
link (the same id as fetching that article URL directly) or, without a link, from the
feed and the entry's GUID; ``meta`` keeps ``guid`` and ``feed`` for the watch loop.
Entries repeated inside one feed are yielded once.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..errors import InputError, ParseError
from ..records import Document
from .base import IngestFailure, Options, url_id
from .decode import bom_encoding
from .html import strip_tags
from .validate import finish

SHORT_TEXT = 1000   # an entry with less text than this has its article fetched (follow_links)
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.I)


def check_safe(data: bytes) -> None:
    """Raise ParseError (E108) for XML with entity declarations or external references."""
    probe = data
    enc = bom_encoding(data)
    if enc and enc.startswith(("utf-16", "utf-32")):
        probe = data.decode(enc, errors="replace").encode("utf-8")
    if _ENTITY_DECL.search(probe):
        raise ParseError("the feed declares XML entities (an XXE or billion-laughs payload?); refused",
                         hint="feeds never need <!ENTITY> declarations")
    from xml.etree.ElementTree import ParseError as XMLSyntaxError

    import defusedxml
    import defusedxml.ElementTree as DET

    try:
        DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise ParseError(f"the feed uses a forbidden XML construct ({type(exc).__name__}); refused") from None
    except (XMLSyntaxError, ValueError, LookupError):
        pass  # malformed but harmless: feedparser's lenient parser gets a try


def entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def entry_text(entry) -> str:
    best = ""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(best):
            best = value
    best = best or entry.get("summary") or entry.get("description") or ""
    return strip_tags(best) if "<" in best or "&" in best else best.strip()


def parse_feed(data: bytes):
    """feedparser's result for ``data`` (already checked safe); ParseError when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        raise ParseError(f"not a readable RSS/Atom feed{f' ({why})' if why else ''}")
    return parsed


def read_feed(data: bytes, source: str, options: Options, *, url: str | None = None,
              declared_charset: str | None = None, seen_guids: set | None = None) -> Iterator[Document | IngestFailure]:
    """One Document (or failure) per entry; ``seen_guids`` skips entries already known.

    ``declared_charset`` (an HTTP header) is not used: feedparser reads the XML declaration
    and tries UTF-8 first, which copes with a wrong header.
    """
    for _guid, item in feed_entries(data, source, options, url=url, seen_guids=seen_guids):
        yield item


def feed_entries(data: bytes, source: str, options: Options, *, url: str | None = None,
                 seen_guids: set | None = None) -> Iterator[tuple[str | None, Document | IngestFailure]]:
    """``(guid, Document or IngestFailure)`` per new entry; ``(None, failure)`` when the feed itself fails."""
    try:
        check_safe(data)
        parsed = parse_feed(data)
    except InputError as exc:
        yield None, IngestFailure(source, None, exc)
        return
    feed_title = parsed.feed.get("title") or None
    feed_lang = parsed.feed.get("language") or None
    done: set[str] = set()
    for n, entry in enumerate(parsed.entries):
        link = entry.get("link") or None
        guid = entry.get("id") or link or f"{entry.get('title', '')}|{entry_date(entry)}|{n}"
        doc_id = url_id(link) if link else url_id(f"{url or source}#{guid}")
        if doc_id in done or guid in done or (seen_guids is not None and guid in seen_guids):
            continue
        done.update((doc_id, guid))
        doc = Document(id=doc_id, text=entry_text(entry), date=entry_date(entry), title=entry.get("title") or None,
                       url=link, source=feed_title, language=entry.get("language") or feed_lang,
                       meta={"guid": guid, "feed": url or source,
                             "ingest": {"reader": "feed", "source": url or source}})
        if options.follow_links and url and link and len(doc.text) < SHORT_TEXT:
            _follow(doc, link, options)
        yield guid, finish(doc, f"{url or source} [{guid}]", detect_language=options.detect_language,
                           prefer_declared=False)


def _follow(doc: Document, link: str, options: Options) -> None:
    """Replace a short entry text by the article's text; on failure keep the entry text."""
    from .html import read_html

    try:
        response = options.fetcher().get(link)  # type: ignore[attr-defined]
        page = read_html(response.content, link, options, doc_id=doc.id, url=link,
                         declared_charset=response.charset)
    except InputError as exc:
        doc.meta["fetch_error"] = exc.to_dict()
        return
    if isinstance(page, IngestFailure):
        doc.meta["fetch_error"] = page.error.to_dict()
        return
    if len(page.text) > len(doc.text):
        doc.text = page.text
        doc.date = doc.date or page.date
        doc.meta["ingest"]["reader"] = "feed+html"

"""HTML pages: trafilatura's main text, title, publication date and the page language.

When trafilatura finds no article (a very short page, markup nested deeper than
libxml2's 256 levels), its baseline extractor is tried, then a plain tag strip, so a
page with readable text never comes back empty for want of a parse.
"""
from __future__ import annotations

import html as htmllib
import re

from ..errors import EmptyDocumentError, ParseError
from ..records import Document
from .base import IngestFailure, Options
from .decode import decode_bytes
from .textfile import iso_date
from .validate import finish

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LANG_ATTR = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I)
_DROP_OPEN = re.compile(r"<(script|style|noscript|template|svg|title)\b|<!--", re.I)
_TITLE = re.compile(r"<title\b[^>]{0,200}>([^<]{0,2000})</title", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section|blockquote)\b[^>]{0,2000}>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


def _drop_blocks(markup: str) -> str:
    """``markup`` without script/style/comment blocks, in one linear pass (an unclosed one runs to the end)."""
    lower, parts, pos = markup.lower(), [], 0
    while m := _DROP_OPEN.search(markup, pos):
        parts.append(markup[pos:m.start()])
        close = "-->" if m.group(0) == "<!--" else f"</{m.group(1).lower()}"
        end = lower.find(close, m.end())
        if end < 0:
            return " ".join(parts)
        pos = lower.find(">", end) + 1 or len(markup)
        parts.append(" ")
    parts.append(markup[pos:])
    return "".join(parts)


def strip_tags(markup: str) -> str:
    """A last-resort text of ``markup``: no parser, so no depth limit."""
    text = _drop_blocks(markup)
    text = _BLOCK.sub("\n", text)
    text = htmllib.unescape(_TAG.sub(" ", text))
    text = _SPACES.sub(" ", text)
    return _LINES.sub("\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


def extract_html(markup: str, url: str | None = None) -> dict:
    """``{"text", "title", "date", "language", "extractor"}`` of one HTML page; never raises for bad markup."""
    import trafilatura

    out: dict = {"text": "", "title": None, "date": None, "language": None, "extractor": None}
    m = _LANG_ATTR.search(markup[:20_000])
    if m:
        out["language"] = m.group(1)
    try:
        result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                             include_tables=True)
    except Exception:  # noqa: BLE001 - trafilatura/lxml on hostile markup: fall through to the baselines
        result = None
    if result is not None:
        out.update(title=result.title or None, date=iso_date(result.date) if result.date else None,
                   text=(result.text or "").strip(), extractor="trafilatura")
        if result.language:
            out["language"] = result.language
    if not out["text"]:
        try:
            out["text"], out["extractor"] = trafilatura.baseline(markup)[1].strip(), "baseline"
        except Exception:  # noqa: BLE001
            out["text"] = ""
        title = _TITLE.search(markup[:50_000])
        if title and out["text"] == htmllib.unescape(title.group(1)).strip():
            out["text"] = ""  # a title is not an article
    if not out["text"]:
        out["text"], out["extractor"] = strip_tags(markup), "strip"
    return out


def read_html(data: bytes, source: str, options: Options, *, doc_id: str, url: str | None = None,
              declared_charset: str | None = None) -> Document | IngestFailure:
    if not declared_charset:
        m = _META_CHARSET.search(data[:4096])
        declared_charset = m.group(1).decode("ascii", "ignore") if m else None
    markup, encoding = decode_bytes(data, declared_charset)
    if not markup.strip():
        return IngestFailure(source, doc_id, EmptyDocumentError(f"{source}: the page is empty"))
    try:
        page = extract_html(markup, url)
    except RecursionError:
        return IngestFailure(source, doc_id, ParseError(f"{source}: the HTML is nested too deeply to read"))
    if not page["text"]:
        return IngestFailure(source, doc_id, EmptyDocumentError(f"{source}: no readable text in the page"))
    doc = Document(id=doc_id, text=page["text"], date=page["date"], title=page["title"], url=url,
                   language=page["language"],
                   meta={"ingest": {"reader": "html", "source": source, "encoding": encoding,
                                    "extractor": page["extractor"]}})
    return finish(doc, source, detect_language=options.detect_language, prefer_declared=False)

"""Plain-text articles with an optional header block.

    title: Serbia is arming, Kosovo is expecting the worst
    source: dpa
    date: 2024-02-05
    language: en

    Belgrade is strengthening its military ...

The header is the run of ``key: value`` lines at the very top, ended by a blank line.
It counts as a header only when every line has that shape and at least one key is a
known field; otherwise the whole file is the article (a first line such as
"Pristina: tensions rise" followed by a blank line stays text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .language import normalize_code

KNOWN_KEYS = frozenset({"title", "source", "date", "url", "language", "lang", "id", "author", "published",
                        "outlet", "link", "headline", "byline", "dateline"})
MAX_HEADER_LINES = 40
_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z0-9_ -]{0,30}?)[ \t]*:(?:[ \t]+(.*?)|)[ \t]*\r?\n")
_BLANK = re.compile(r"[ \t]*\r?\n")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ALIASES = {"lang": "language", "published": "date", "link": "url", "headline": "title", "outlet": "source"}


@dataclass
class Header:
    fields: dict[str, str] = field(default_factory=dict)
    body_start: int = 0  # text[body_start:] is the article


def parse_header(text: str) -> Header:
    """The header fields (keys lower-cased, aliases resolved) and where the body starts."""
    pos, fields, known = 0, {}, False
    for _ in range(MAX_HEADER_LINES + 1):
        blank = _BLANK.match(text, pos)
        if blank:
            if fields and known:
                return Header(fields, blank.end())
            break
        m = _LINE.match(text, pos)
        if not m:
            break
        key = m.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        key = _ALIASES.get(key, key)
        known = known or key in KNOWN_KEYS
        fields.setdefault(key, (m.group(2) or "").strip())
        pos = m.end()
    return Header({}, 0)


def iso_date(value: str | None) -> str | None:
    """The first valid YYYY-MM-DD in ``value``, else None."""
    import datetime as dt

    for m in _ISO_DATE.finditer(value or ""):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None


def document_fields(text: str) -> tuple[dict, str]:
    """``(Document keyword arguments, body)`` for a decoded text file."""
    header = parse_header(text)
    body = text[header.body_start:]
    f = header.fields
    kwargs: dict = {"meta": {}}
    for key in ("title", "source", "url"):
        if f.get(key):
            kwargs[key] = f[key]
    if f.get("date"):
        kwargs["date"] = iso_date(f["date"])
        if kwargs["date"] != f["date"]:
            kwargs["meta"]["date_raw"] = f["date"]
    if f.get("language"):
        kwargs["language"] = normalize_code(f["language"]) or f["language"]
    if f.get("id"):
        kwargs["id"] = f["id"]
    extra = {k: v for k, v in f.items() if k not in ("title", "source", "url", "date", "language", "id")}
    if extra:
        kwargs["meta"]["header"] = extra
    return kwargs, body


_URL_LINE = re.compile(r"https?://\S+")


def url_list(text: str) -> list[str] | None:
    """The URLs of a text that is nothing but URLs (one a line, ``#`` comments allowed), else None."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL_LINE.fullmatch(line):
            return None
        urls.append(line)
    return urls or None

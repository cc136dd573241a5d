"""Shared pieces of the ingest layer: the failure record, limits and id helpers."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import settings
from ..errors import InputError
from ..settings import Setting

settings.register(Setting("max_input_bytes", 10 * 1024 * 1024,
                          "a file, page or JSONL line over this many bytes is refused with E105 (not read whole)"))
settings.register(Setting("http_timeout", 15.0, "seconds to wait for a server to answer or send more bytes"))
settings.register(Setting("http_max_redirects", 5, "redirects followed per URL"))
settings.register(Setting("feed_follow_links", True,
                          "fetch the article page behind a feed item whose own text is short"))


@dataclass
class IngestFailure:
    """One input item that could not become a Document; the rest of the batch goes on."""

    source: str
    id: str | None
    error: InputError

    def to_dict(self) -> dict:
        return {"source": self.source, "id": self.id, "error": self.error.to_dict()}

    def __str__(self) -> str:
        return f"{self.id or self.source}: error [{self.error.code}] {self.error}"


def max_input_bytes(value: int | None = None) -> int:
    return int(value) if value is not None else int(settings.get("max_input_bytes"))


def url_id(url: str) -> str:
    """A stable, short document id for something known by URL or GUID."""
    return "url:" + hashlib.sha1(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def human_bytes(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


@dataclass
class Options:
    """How one ``read_sources`` run reads; one HTTP client is shared by all its URLs."""

    recursive: bool = True
    max_bytes: int | None = None
    follow_links: bool | None = None
    timeout: float | None = None
    max_redirects: int | None = None
    detect_language: bool = True
    transport: object = None  # an httpx transport, for tests
    _fetcher: object = None

    def __post_init__(self):
        self.max_bytes = max_input_bytes(self.max_bytes)
        if self.follow_links is None:
            self.follow_links = bool(settings.get("feed_follow_links"))
        if self.timeout is None:
            self.timeout = float(settings.get("http_timeout"))
        if self.max_redirects is None:
            self.max_redirects = int(settings.get("http_max_redirects"))

    def fetcher(self):
        if self._fetcher is None:
            from .http import Fetcher

            self._fetcher = Fetcher(timeout=self.timeout, max_bytes=self.max_bytes,
                                    max_redirects=self.max_redirects, transport=self.transport)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()  # type: ignore[attr-defined]
            self._fetcher = None

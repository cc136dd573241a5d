"""HTTP for articles and feeds: timeouts, a streamed size cap, capped redirects, a clear User-Agent.

``Fetcher.get`` reads at most ``max_bytes`` (checked against Content-Length first, then
while streaming, so a huge body is never held whole), gives up after ``timeout`` seconds
without progress and after ``4 * timeout`` seconds in all (a server dripping bytes),
follows at most ``max_redirects`` redirects, only over http(s), and sends
``If-None-Match`` / ``If-Modified-Since`` when given an ETag / Last-Modified.
Every failure is a ``FetchError`` (E107) or ``DocumentTooLargeError`` (E105).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .. import __version__
from ..errors import DocumentTooLargeError, FetchError
from .base import human_bytes

USER_AGENT = f"flashpoint/{__version__} (+offline event coder)"


@dataclass
class Response:
    url: str                    # the final URL, after redirects
    status: int
    content: bytes = b""
    headers: dict = field(default_factory=dict)   # lower-cased names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'") or None
        return None


class Fetcher:
    """One HTTP client for a run; close it (or use ``with``) when done."""

    def __init__(self, *, timeout: float = 15.0, max_bytes: int = 10 * 1024 * 1024, max_redirects: int = 5,
                 transport=None):
        import httpx

        self.timeout, self.max_bytes = timeout, max_bytes
        self._client = httpx.Client(
            follow_redirects=True, max_redirects=max_redirects, transport=transport, trust_env=False,
            timeout=httpx.Timeout(connect=min(timeout, 10.0), read=timeout, write=timeout, pool=timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"})

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        import httpx

        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(f"{url}: only http:// and https:// URLs are fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + 4 * self.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                final = str(r.url)
                hdrs = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code == 304:
                    return Response(final, 304, b"", hdrs)
                if r.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {r.status_code} {r.reason_phrase}".rstrip(),
                                     hint="the server refused or failed; it is tried again on the next run")
                declared = hdrs.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, int(declared))
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise self._too_large(url, len(body), partial=True)
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url}: still sending after {4 * self.timeout:.0f} s; gave up",
                                         hint="raise FLASHPOINT_HTTP_TIMEOUT for slow servers")
                return Response(final, r.status_code, bytes(body), hdrs)
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: more than {self._client.max_redirects} redirects") from None
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out ({type(exc).__name__}, limit {self.timeout:g} s)",
                             hint="raise FLASHPOINT_HTTP_TIMEOUT for slow servers") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        except (ValueError, UnicodeError) as exc:  # malformed URLs that httpx rejects late
            raise FetchError(f"{url}: not a usable URL ({exc})") from None

    def _too_large(self, url: str, size: int, partial: bool = False) -> DocumentTooLargeError:
        what = f"over {human_bytes(size)} read" if partial else f"{human_bytes(size)} announced"
        return DocumentTooLargeError(f"{url}: {what}, over the {human_bytes(self.max_bytes)} limit; not downloaded",
                                     hint="raise FLASHPOINT_MAX_INPUT_BYTES")

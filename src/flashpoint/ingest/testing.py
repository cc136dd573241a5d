"""A loopback HTTP server for tests and demos: feeds and pages, broken ones included.

    with serve({"/feed.xml": Route(feed_bytes, "application/rss+xml", etag='"v1"')}) as server:
        list(read_sources([server.url("/feed.xml")]))

Routes can be changed while the server runs (``server.routes[path] = Route(...)``).
A ``Route`` can answer with any status, delay its answer (timeouts), drip its body,
stream a generated body of any size without holding it, redirect, and honour
``If-None-Match`` / ``If-Modified-Since``. Only 127.0.0.1 is bound.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable


@dataclass
class Route:
    body: bytes | Callable[[], Iterable[bytes]] = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0             # seconds before the status line
    drip: float = 0.0              # seconds between body chunks
    content_length: bool = True    # False: no Content-Length, body until the connection closes


class _Handler(BaseHTTPRequestHandler):
    server: "LocalServer"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        self.server.requests.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        cond_etag = self.headers.get("If-None-Match")
        cond_lm = self.headers.get("If-Modified-Since")
        if (route.etag and cond_etag == route.etag) or (route.last_modified and cond_lm == route.last_modified
                                                         and not route.etag):
            self.send_response(304)
            self.end_headers()
            return
        body = route.body
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        for key, value in route.headers.items():
            self.send_header(key, value)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if isinstance(body, bytes) and route.content_length:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        chunks = [body] if isinstance(body, bytes) else body()
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                if route.drip:
                    self.wfile.flush()
                    time.sleep(route.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.requests: list[tuple[str, dict]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class serve:  # noqa: N801 - used as a context manager, like open()
    def __init__(self, routes: dict[str, Route] | None = None):
        self.server = LocalServer(dict(routes or {}))
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self.server

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(items: list[dict], title: str = "Test wire", language: str | None = "en") -> bytes:
    """A small RSS 2.0 feed; each item dict may hold title, link, guid, description, pubDate."""
    from xml.sax.saxutils import escape

    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
             f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>test</description>"]
    if language:
        parts.append(f"<language>{language}</language>")
    for item in items:
        parts.append("<item>" + "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in item.items()) + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")

"""URLs and feeds against a loopback server: timeouts, errors, caps, charsets, repeats."""
from __future__ import annotations

import time

import pytest

from flashpoint.errors import DocumentTooLargeError, FetchError, ParseError
from flashpoint.ingest import IngestFailure, read_sources
from flashpoint.ingest.http import USER_AGENT, Fetcher
from flashpoint.ingest.testing import Route, rss, serve
from flashpoint.records import Document

EN = ("Belgrade is strengthening its military on the Kosovo border and wants to purchase new weapons. "
      "Defense Minister Boris Pistorius assures Kosovo of additional help. ")


def page(title: str, body: str, charset: str = "utf-8") -> bytes:
    return (f'<html lang="en"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="article:published_time" content="2024-02-05T09:00:00Z"></head>'
            f"<body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>(c) Test</footer></body></html>").encode(charset)


@pytest.fixture
def server():
    with serve() as s:
        yield s


def read(urls, **kw):
    kw.setdefault("timeout", 2)
    return list(read_sources(urls, **kw))


def test_ingest_article_url_reads_html_and_sends_user_agent(server):
    server.routes["/a"] = Route(page("Serbia arms", EN))
    [doc] = read([server.url("/a")])
    assert isinstance(doc, Document) and doc.title == "Serbia arms" and doc.date == "2024-02-05"
    assert doc.url == server.url("/a") and doc.id.startswith("url:") and doc.language == "en"
    assert "Pistorius" in doc.text and "(c) Test" not in doc.text
    assert server.requests[0][1]["User-Agent"] == USER_AGENT == "flashpoint/0.1.0 (+offline event coder)"


def test_ingest_feed_url_follows_links_and_yields_repeated_items_once(server):
    server.routes["/a1"] = Route(page("One", EN))
    server.routes["/a2"] = Route(page("Two", EN.replace("Belgrade", "Pristina")))
    items = [{"title": "One", "link": server.url("/a1"), "guid": "g1", "description": "short",
              "pubDate": "Mon, 05 Feb 2024 10:00:00 GMT"},
             {"title": "Two", "link": server.url("/a2"), "guid": "g2", "description": "short"},
             {"title": "One", "link": server.url("/a1"), "guid": "g1", "description": "short"}]
    server.routes["/feed.xml"] = Route(rss(items), "application/rss+xml")
    docs = read([server.url("/feed.xml")])
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[0].date == "2024-02-05" and "Pistorius" in docs[0].text and docs[0].meta["guid"] == "g1"
    assert docs[0].source == "Test wire" and docs[0].meta["ingest"]["reader"] == "feed+html"
    # the feed item and the article URL itself get the same id
    assert docs[0].id == read([server.url("/a1")])[0].id


def test_ingest_feed_item_whose_article_fails_keeps_its_summary(server):
    server.routes["/broken"] = Route(b"oops", status=500)
    server.routes["/feed.xml"] = Route(rss([{"title": "T", "link": server.url("/broken"), "guid": "x",
                                             "description": EN}]), "application/rss+xml")
    [doc] = read([server.url("/feed.xml")])
    assert doc.text.strip() == EN.strip() and doc.meta["fetch_error"]["code"] == "E107"


def test_ingest_http_500_is_a_fetch_error_and_the_rest_goes_on(server):
    server.routes["/bad"] = Route(b"no", status=500)
    server.routes["/ok"] = Route(page("Fine", EN))
    bad, ok = read([server.url("/bad"), server.url("/ok")])
    assert isinstance(bad, IngestFailure) and isinstance(bad.error, FetchError) and "HTTP 500" in str(bad.error)
    assert isinstance(ok, Document)


def test_ingest_slow_server_times_out_quickly(server):
    server.routes["/slow"] = Route(page("Slow", EN), delay=3)
    start = time.monotonic()
    [item] = read([server.url("/slow")], timeout=0.5)
    assert isinstance(item.error, FetchError) and "timed out" in str(item.error)
    assert time.monotonic() - start < 2.5


def test_ingest_dripping_server_hits_the_total_deadline(server):
    server.routes["/drip"] = Route(lambda: (b"<p>" + b"x" * 10 for _ in range(1000)), drip=0.1,
                                   content_length=False)
    start = time.monotonic()
    [item] = read([server.url("/drip")], timeout=0.4)
    assert isinstance(item.error, FetchError) and "gave up" in str(item.error)
    assert time.monotonic() - start < 4


def test_ingest_huge_streamed_body_is_cut_at_the_cap(server):
    chunk = b"<p>" + b"word " * 13_000 + b"</p>"  # ~64 KB; 800 of them would be 50 MB
    server.routes["/huge"] = Route(lambda: (chunk for _ in range(800)), content_length=False)
    start = time.monotonic()
    [item] = read([server.url("/huge")], max_bytes=1_000_000)
    assert isinstance(item.error, DocumentTooLargeError) and item.error.code == "E105"
    assert time.monotonic() - start < 5


def test_ingest_announced_huge_body_is_not_downloaded(server):
    server.routes["/big"] = Route(b"x" * 2_000_000)
    [item] = read([server.url("/big")], max_bytes=1_000_000)
    assert isinstance(item.error, DocumentTooLargeError) and "announced" in str(item.error)


def test_ingest_invalid_xml_feed_is_a_parse_error(server):
    server.routes["/feed.xml"] = Route(b"<rss><channel><<<>>>&&&", "application/rss+xml")
    [item] = read([server.url("/feed.xml")])
    assert isinstance(item.error, ParseError) and item.error.code == "E108"


def test_ingest_wrong_declared_charset_still_reads_utf8(server):
    body = EN + " Priština, Mitrovicë and Vučić’s office said."
    server.routes["/w"] = Route(page("Wrong", body).replace(b'charset="utf-8"', b'charset="iso-8859-1"'),
                                "text/html; charset=iso-8859-1")
    [doc] = read([server.url("/w")])
    assert "Priština, Mitrovicë and Vučić’s" in doc.text


def test_ingest_legacy_charset_is_decoded(server):
    server.routes["/l"] = Route(page("Legacy", EN + " Café in Mitrovicë.", charset="cp1252"),
                                "text/html; charset=windows-1252")
    [doc] = read([server.url("/l")])
    assert "Café in Mitrovicë." in doc.text


def test_ingest_redirect_loop_is_capped(server):
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    [item] = read([server.url("/loop")])
    assert isinstance(item.error, FetchError) and "redirects" in str(item.error)


def test_ingest_redirect_is_followed(server):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(page("Moved", EN))
    [doc] = read([server.url("/old")])
    assert doc.title == "Moved"


def test_ingest_fetcher_sends_conditional_headers(server):
    server.routes["/feed.xml"] = Route(rss([]), "application/rss+xml", etag='"v1"',
                                       last_modified="Mon, 05 Feb 2024 10:00:00 GMT")
    with Fetcher(timeout=2) as fetcher:
        first = fetcher.get(server.url("/feed.xml"))
        again = fetcher.get(server.url("/feed.xml"), etag=first.headers["etag"])
    assert first.status == 200 and again.not_modified and again.content == b""


def test_ingest_non_http_scheme_is_refused():
    with Fetcher(timeout=1) as fetcher, pytest.raises(FetchError):
        fetcher.get("file:///etc/passwd")


def test_ingest_unreachable_host_is_a_fetch_error():
    [item] = read(["http://127.0.0.1:9/nothing"], timeout=1)
    assert isinstance(item.error, FetchError)


def test_ingest_feed_with_wrong_declared_charset_reads_utf8(server):
    body = rss([{"title": "Vučić in Priština", "guid": "1",
                 "description": EN + "Vučić’s office in Mitrovicë said so."}]).replace(b'encoding="utf-8"',
                                                                                   b'encoding="iso-8859-1"')
    server.routes["/feed.xml"] = Route(body, "application/rss+xml; charset=iso-8859-1")
    [doc] = read([server.url("/feed.xml")], follow_links=False)
    assert doc.title == "Vučić in Priština" and "Vučić’s office in Mitrovicë" in doc.text

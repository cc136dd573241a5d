"""Hostile input: each case gets a coded per-item error (or a clean read) and the batch completes."""
from __future__ import annotations

import json
import time
import tracemalloc

import pytest

import flashpoint
from flashpoint.errors import (BinaryInputError, DocumentTooLargeError, EmptyDocumentError, InvalidJSONError,
                               ParseError)
from flashpoint.ingest import IngestFailure, is_supported, language_error, read_sources
from flashpoint.records import Document

EN = "Rebels shelled the town of Goma on Monday, killing three civilians, officials said."
MB = 1024 * 1024


def split(items):
    items = list(items)
    docs = [x for x in items if isinstance(x, Document)]
    fails = [x for x in items if isinstance(x, IngestFailure)]
    return docs, fails


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "zz-good.txt"
    path.write_text(EN, encoding="utf-8")
    return path


@pytest.mark.parametrize("payload, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, "PDF"),
    (b"\x7fELF\x02\x01\x01" + bytes(300), "executable"),
    (bytes(range(256)) * 16, "control bytes"),
    (b"PK\x03\x04" + bytes(100), "ZIP"),
])
def test_hostile_binary_file_is_refused_and_batch_goes_on(tmp_path, good, payload, what):
    for name in ("a.txt", "b.html", "c.jsonl", "d.bin", "e.xml"):
        (tmp_path / name).write_bytes(payload)
    docs, fails = split(read_sources([tmp_path]))
    assert [d.text for d in docs] == [EN]
    assert len(fails) == 5 and all(isinstance(f.error, BinaryInputError) for f in fails)
    assert all(what in str(f.error) for f in fails if not f.source.endswith(".jsonl"))


@pytest.mark.parametrize("suffix, content", [
    (".txt", b""), (".txt", b"   \n\t\n"), (".txt", b"title: only a header\n\n"), (".txt", b"\xef\xbb\xbf \x0b\n"),
    (".html", b""), (".html", b"  \n"), (".html", b"<html><body></body></html>"),
    (".html", b"<html><head><title>t</title><script>var x = 1;</script></head><body>  </body></html>"),
    (".xml", b'<rss version="2.0"><channel><item><title>t</title><description> </description></item></channel></rss>'),
])
def test_hostile_empty_document_is_e103(tmp_path, good, suffix, content):
    (tmp_path / f"empty{suffix}").write_bytes(content)
    docs, fails = split(read_sources([tmp_path]))
    assert len(docs) == 1 and len(fails) == 1
    assert isinstance(fails[0].error, EmptyDocumentError) and fails[0].error.code == "E103"


def test_hostile_50mb_file_is_refused_without_reading_it(tmp_path, good):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50):
            fh.write(b"word " * (MB // 5))
    tracemalloc.start()
    start = time.monotonic()
    docs, fails = split(read_sources([tmp_path]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(docs) == 1 and isinstance(fails[0].error, DocumentTooLargeError) and "50.0 MB" in str(fails[0].error)
    assert time.monotonic() - start < 3 and peak < 5 * MB


def test_hostile_50mb_jsonl_line_is_skipped_in_bounded_memory(tmp_path):
    path = tmp_path / "in.jsonl"
    with open(path, "wb") as fh:
        fh.write(json.dumps({"id": "before", "text": EN}).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "')
        for _ in range(50):
            fh.write(b"word " * (MB // 5))
        fh.write(b'"}\n' + json.dumps({"id": "after", "text": EN}).encode() + b"\n")
    tracemalloc.start()
    docs, fails = split(read_sources([path], max_bytes=2 * MB))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [d.id for d in docs] == ["before", "after"]
    assert isinstance(fails[0].error, DocumentTooLargeError) and fails[0].source.endswith(":2")
    assert peak < 8 * MB


def test_hostile_text_over_char_limit_is_e105(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_MAX_DOC_CHARS", "1000")
    (tmp_path / "long.txt").write_text(EN * 20, encoding="utf-8")
    [fail] = read_sources([tmp_path / "long.txt"])
    assert isinstance(fail.error, DocumentTooLargeError)


def test_hostile_invalid_utf8_is_repaired_not_fatal(tmp_path):
    (tmp_path / "bad.txt").write_bytes(EN.encode() + b" Caf\xe9 \xff\xfe in Mitrovic\xeb.")
    (tmp_path / "bad.jsonl").write_bytes(b'{"id": "j", "text": "' + EN.encode() + b' \xc3\x28 \xff"}\n')
    docs, fails = split(read_sources([tmp_path]))
    assert not fails and len(docs) == 2
    assert all(d.text.encode("utf-8") for d in docs)  # valid UTF-8 out
    by_id = {d.id: d for d in docs}
    assert "\ufffd" in by_id["j"].text and EN in by_id["j"].text


def test_hostile_nul_bytes_become_spaces(tmp_path):
    (tmp_path / "nul.txt").write_bytes(EN.encode().replace(b" ", b"\x00", 3))
    (tmp_path / "nul.jsonl").write_text(json.dumps({"id": "j", "text": EN.replace(" ", "\x00\x01", 2)}) + "\n")
    docs, fails = split(read_sources([tmp_path]))
    assert not fails and all("\x00" not in d.text and "\x01" not in d.text for d in docs)
    assert docs[1].text.startswith("Rebels shelled the town")
    assert all(len(r.events) >= 0 and r.error is None for r in flashpoint.extract_many(docs))


def test_hostile_20000_word_sentence_goes_through_extraction(tmp_path):
    words = ("the rebels attacked village forces killed police soldiers protest Kosovo Serbia army fired on "
             "people near town border military said").split()
    text = " ".join(words[(i * 7) % len(words)] for i in range(20_000))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "short.txt").write_text(EN, encoding="utf-8")
    docs, fails = split(read_sources([tmp_path]))
    assert not fails and len(docs) == 2
    list(flashpoint.extract_many([Document(id="warm", text=EN)]))  # pipeline load not timed
    start = time.monotonic()
    results = list(flashpoint.extract_many(docs))
    assert time.monotonic() - start < 60
    assert [r.error for r in results] == [None, None] and results[1].events


def test_hostile_deeply_nested_html_yields_its_text(tmp_path):
    depth = 100_000
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * depth + f"<p>{EN}</p>" + "</div>" * depth
                                        + "</body></html>", encoding="utf-8")
    (tmp_path / "deep2.html").write_text("<b><i>" * 50_000 + "<script>" * 1000 + "<!--", encoding="utf-8")
    start = time.monotonic()
    docs, fails = split(read_sources([tmp_path]))
    assert time.monotonic() - start < 20
    assert [d.text for d in docs] == [EN]
    assert isinstance(fails[0].error, EmptyDocumentError)


def test_hostile_malformed_jsonl_lines_each_get_a_code(tmp_path):
    lines = ['{"id": "ok1", "text": "' + EN + '"}', '{"id": "x", "text": ', "[[[[" * 10_000 + "]]]]" * 10_000,
             "null", '"a string"', '{"id": {"nested": 1}, "text": "t"}', "\ufeff{}", '{"id": "ok2", "text": "' + EN + '"}']
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, fails = split(read_sources([tmp_path / "m.jsonl"]))
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert len(fails) == 6 and all(f.error.code in ("E101", "E102") for f in fails)
    assert isinstance(fails[1].error, InvalidJSONError)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><description>&xxe;</description>
<link>http://127.0.0.1/a</link></item></channel></rss>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>x</title><item><title>t</title><description>&lol9;</description></item></channel></rss>"""
PARAM = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>
<rss version="2.0"><channel><item><description>x</description></item></channel></rss>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file:///etc/passwd">
<rss version="2.0"><channel><item><title>t</title><description>text</description></item></channel></rss>"""


@pytest.mark.parametrize("payload", [XXE, LAUGHS, PARAM, XXE.decode().encode("utf-16")],
                         ids=["xxe", "billion-laughs", "parameter-entity", "xxe-utf16"])
def test_hostile_feed_with_entity_payload_is_refused(tmp_path, good, payload):
    (tmp_path / "evil.xml").write_bytes(payload)
    start = time.monotonic()
    docs, fails = split(read_sources([tmp_path]))
    assert time.monotonic() - start < 5
    assert [d.text for d in docs] == [EN]
    assert len(fails) == 1 and isinstance(fails[0].error, ParseError) and fails[0].error.code == "E108"
    assert "root:" not in repr(docs) and "lollol" not in repr(docs)


def test_hostile_feed_with_external_dtd_is_read_without_loading_it(tmp_path):
    (tmp_path / "old.xml").write_bytes(EXTERNAL_DTD)  # RSS 0.91 feeds carry a DOCTYPE like this
    [doc] = read_sources([tmp_path / "old.xml"])
    assert doc.text == "text" and "root:" not in repr(doc)


@pytest.mark.parametrize("text, code", [
    ("Die Spannungen zwischen Serbien und dem Kosovo nehmen weiter zu, sagte der Verteidigungsminister.", "de"),
    ("Напряженность между Сербией и Косово продолжает расти, заявил министр обороны в понедельник.", "ru"),
    ("تتصاعد التوترات بين صربيا وكوسوفو، حسبما قال وزير الدفاع يوم الاثنين في بريشتينا.", "ar"),
])
def test_hostile_language_we_do_not_code_is_flagged(tmp_path, good, text, code):
    (tmp_path / "foreign.txt").write_text(text, encoding="utf-8")
    docs, fails = split(read_sources([tmp_path]))
    assert not fails
    foreign, english = docs
    assert foreign.language == code and not is_supported(foreign)
    assert language_error(foreign).code == "E106" and is_supported(english) and language_error(english) is None

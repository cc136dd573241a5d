"""Hypothesis property tests: the JSONL reader, the .txt header parser and HTML extraction never raise."""
from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import InputError
from flashpoint.ingest import IngestFailure
from flashpoint.ingest.base import Options
from flashpoint.ingest.decode import clean_text, decode_bytes
from flashpoint.ingest.html import extract_html, strip_tags
from flashpoint.ingest.jsonlines import read_jsonl
from flashpoint.ingest.textfile import document_fields, iso_date, parse_header
from flashpoint.records import Document

OPTS = Options(max_bytes=4096, detect_language=False)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                           max_leaves=12)
doc_dicts = st.fixed_dictionaries({"id": st.one_of(st.text(min_size=1), st.integers(), st.none()),
                                   "text": st.one_of(st.text(), st.none(), st.integers())},
                                  optional={"date": json_values, "title": json_values, "meta": json_values})
lines = st.one_of(doc_dicts.map(lambda d: json.dumps(d).encode()), json_values.map(lambda v: json.dumps(v).encode()),
                  st.binary(max_size=200).filter(lambda b: b"\n" not in b))


@FAST
@given(st.lists(lines, max_size=12))
def test_ingest_jsonl_reader_yields_one_item_per_nonblank_line(raw_lines):
    data = b"\n".join(raw_lines) + b"\n"
    items = list(read_jsonl(io.BytesIO(data), "p.jsonl", OPTS))
    nonblank = [x for x in raw_lines if x.decode("utf-8", "replace").strip()]
    assert len(items) == len(nonblank)
    for item in items:
        assert isinstance(item, (Document, IngestFailure))
        if isinstance(item, Document):
            assert isinstance(item.id, str) and item.text.strip() and "\x00" not in item.text
            assert item.date is None or isinstance(item.date, str)
            json.dumps(item.to_dict())
        else:
            assert isinstance(item.error, InputError) and item.error.code.startswith("E10")


header_lines = st.one_of(
    st.tuples(st.sampled_from(["title", "source", "date", "url", "language", "Id", "x-custom", "lang"]),
              st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=30))
    .map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=30))


@FAST
@given(st.lists(header_lines, max_size=6), st.sampled_from(["\n", "\r\n", "\n \n", ""]), st.text(max_size=200))
def test_ingest_txt_header_offsets_are_valid(header, blank, body):
    text = "\n".join(header) + ("\n" if header else "") + blank + body
    parsed = parse_header(text)
    assert 0 <= parsed.body_start <= len(text)
    if parsed.fields:
        assert parsed.body_start > 0 and text[:parsed.body_start].strip().count("\n") >= len(parsed.fields) - 1
    else:
        assert parsed.body_start == 0
    kwargs, rest = document_fields(text)
    assert rest == text[parsed.body_start:]
    assert kwargs.get("date") is None or iso_date(kwargs["date"]) == kwargs["date"]


@FAST
@given(st.text(max_size=300))
def test_ingest_header_parser_never_raises_on_any_text(text):
    h = parse_header(text)
    assert text[h.body_start:] == text[h.body_start:] and 0 <= h.body_start <= len(text)


tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<b>", "<title>",
                        "</title>", "<html lang='en'>", "<body>", "&amp;", "&#0;", "&bogus;", "<", ">", "<![CDATA[",
                        "<meta charset='x-unknown'>", "<table><tr><td>", "\x00"])
markup = st.lists(st.one_of(tags, st.text(max_size=20)), max_size=40).map("".join)


@FAST
@given(markup)
def test_ingest_html_extraction_never_raises(page):
    out = extract_html(page)
    assert isinstance(out["text"], str) and out["extractor"] in ("trafilatura", "baseline", "strip")
    assert out["date"] is None or iso_date(out["date"]) == out["date"]
    assert isinstance(strip_tags(page), str)


@FAST
@given(st.binary(max_size=400))
def test_ingest_decoding_any_bytes_gives_clean_text_or_e104(data):
    try:
        text, enc = decode_bytes(data)
    except InputError as exc:
        assert exc.code == "E104"
        return
    assert clean_text(text) == text
    text.encode("utf-8")  # always valid UTF-8 out

"""read_sources on JSONL, .txt and folders: ids, headers, per-item failures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import (BinaryInputError, DocumentTooLargeError, EmptyDocumentError, InputError,
                               InvalidJSONError, MissingFieldError)
from flashpoint.ingest import IngestFailure, is_supported, read_sources
from flashpoint.records import Document

SEED = Path("/work/shared/seed/serbia-kosovo-2024-02-05.txt")
EN = "Rebels shelled the town of Goma on Monday, killing three civilians, officials said."
DE = "Die Spannungen zwischen Serbien und dem Kosovo nehmen weiter zu, sagte der Verteidigungsminister am Montag."


def docs(items):
    return [x for x in items if isinstance(x, Document)]


def failures(items):
    return [x for x in items if isinstance(x, IngestFailure)]


def test_ingest_jsonl_keeps_own_ids_and_reports_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": EN, "date": "2024-02-05", "source": "wire"}),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps([1, 2]),
        "",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": 7, "text": EN}),
    ]) + "\n", encoding="utf-8")
    items = list(read_sources([path]))
    assert [d.id for d in docs(items)] == ["a", "7"]
    assert docs(items)[0].date == "2024-02-05" and docs(items)[0].source == "wire"
    errs = failures(items)
    assert [type(f.error) for f in errs] == [InvalidJSONError, MissingFieldError, InvalidJSONError, EmptyDocumentError]
    assert errs[0].source.endswith("in.jsonl:2") and errs[3].id == "b"
    assert all(f.error.code.startswith("E10") for f in errs)


def test_ingest_txt_header_sets_fields_and_body(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"title: Goma shelled\nsource: Wire\ndate: 2024-02-05 (Monday)\nurl: http://x.test/a\n"
                    f"language: en (English)\nauthor: A. N. Other\n\n{EN}\n", encoding="utf-8")
    [doc] = read_sources([path])
    assert (doc.id, doc.title, doc.source, doc.date, doc.url, doc.language) == (
        f"{tmp_path.name}/story.txt", "Goma shelled", "Wire", "2024-02-05", "http://x.test/a", "en")
    assert doc.text == EN + "\n"
    assert doc.meta["header"] == {"author": "A. N. Other"}


def test_ingest_txt_without_header_is_all_text(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(f"Pristina: tensions rise\n\n{EN}", encoding="utf-8")
    [doc] = read_sources([path])
    assert doc.text.startswith("Pristina: tensions rise") and doc.title is None


def test_ingest_seed_article_reads_header():
    [doc] = read_sources([SEED])
    assert doc.date == "2024-02-05" and doc.language == "en" and doc.source.startswith("dpa")
    assert doc.text.startswith("Belgrade is strengthening")


def test_ingest_folder_is_recursive_sorted_and_ids_are_relative(tmp_path):
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text(EN, encoding="utf-8")
    (root / "b" / "deep" / "c.txt").write_text(EN + " Again.", encoding="utf-8")
    (root / ".hidden.txt").write_text(EN, encoding="utf-8")
    (root / "b" / "more.jsonl").write_text(json.dumps({"id": "j1", "text": EN}) + "\n", encoding="utf-8")
    ids = [d.id for d in read_sources([root])]
    assert ids == ["corpus/a.txt", "j1", "corpus/b/deep/c.txt"]
    assert [d.id for d in read_sources([root], recursive=False)] == ["corpus/a.txt"]
    assert ids == [d.id for d in read_sources([root])]  # stable across runs
    # a file named directly gets the id it has when its folder is read
    assert [d.id for d in read_sources([root / "a.txt"])] == ["corpus/a.txt"]


def test_ingest_missing_path_is_one_failure_and_run_goes_on(tmp_path):
    good = tmp_path / "g.txt"
    good.write_text(EN, encoding="utf-8")
    items = list(read_sources([tmp_path / "nope.txt", good]))
    assert type(items[0].error) is InputError and items[0].error.code == "E100"
    assert docs(items)[0].id == f"{tmp_path.name}/g.txt"


def test_ingest_language_is_detected_and_flagged(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "en", "text": EN}) + "\n" + json.dumps({"id": "de", "text": DE}) + "\n"
                    + json.dumps({"id": "declared", "text": EN, "language": "fr-FR"}) + "\n", encoding="utf-8")
    en, de, declared = read_sources([path])
    assert (en.language, de.language, declared.language) == ("en", "de", "fr")
    assert is_supported(en) and not is_supported(de)


def test_ingest_file_over_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 3000)
    [item] = read_sources([path], max_bytes=10_000)
    assert isinstance(item.error, DocumentTooLargeError) and item.error.code == "E105"


def test_ingest_binary_file_with_text_suffix_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    [item] = read_sources([path])
    assert isinstance(item.error, BinaryInputError) and "PNG" in str(item.error)


@pytest.mark.parametrize("name", ["notes", "notes.dat"])
def test_ingest_unknown_suffix_is_sniffed(tmp_path, name):
    path = tmp_path / name
    path.write_text(EN, encoding="utf-8")
    [doc] = read_sources([path])
    assert doc.text == EN


def test_ingest_url_list_file_without_network_fails_per_url(tmp_path):
    path = tmp_path / "list.urls"
    path.write_text("# two URLs\nhttp://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n", encoding="utf-8")
    items = list(read_sources([path], timeout=2))
    assert len(items) == 2 and all(f.error.code == "E107" for f in items)


def test_ingest_folder_skips_flashpoints_own_database_and_state(tmp_path):
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "a.txt").write_text(EN, encoding="utf-8")
    for name in ("flashpoint.duckdb", "flashpoint.duckdb.wal", "flashpoint.duckdb.watch.json"):
        (root / name).write_bytes(b"\x00" * 100)
    assert [getattr(x, "id", None) for x in read_sources([root])] == ["inbox/a.txt"]

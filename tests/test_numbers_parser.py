"""flashpoint.text.numbers: number words and digits in plain text."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.text.numbers import find_numbers, parse_number


@pytest.mark.parametrize("text, value", [
    ("three", 3), ("twenty-five", 25), ("1,200", 1200), ("2.5 million", 2_500_000), ("half a billion", 500_000_000),
    ("three hundred and twelve", 312), ("a dozen", 12), ("dozens", 12), ("hundreds", 100), ("tens", 10),
    ("several", 3), ("tens of thousands", 10_000), ("$135 million", 135_000_000), ("£1.1bn", 1_100_000_000),
])
def test_numbers_parse_number_reads_words_and_digits(text, value):
    assert parse_number(text) == value


def test_numbers_parse_number_rejects_non_numbers():
    assert parse_number("soldiers") is None


@pytest.mark.parametrize("text, span, value, qualifier, unit", [
    ("more than half a billion euros", "more than half a billion euros", 500_000_000, "more than", "EUR"),
    ("up to 400 fighters", "up to 400", 400, "up to", None),
    ("up to 50,000 soldiers", "up to 50,000", 50_000, "up to", None),
    ("more than 150 additional soldiers", "more than 150", 150, "more than", None),
    ("$135 million for aid", "$135 million", 135_000_000, "exact", "USD"),
    ("some 30 people", "some 30", 30, "about", None),
    ("at least 12 people", "at least 12", 12, "at least", None),
])
def test_numbers_find_numbers_reads_qualifier_and_currency(text, span, value, qualifier, unit):
    [n] = find_numbers(text)
    assert (n.text, n.value, n.qualifier, n.unit) == (span, value, qualifier, unit)


@pytest.mark.parametrize("text, value", [("between 16 to 25 people", 16), ("2-3 Taliban", 2), ("two or three", 2)])
def test_numbers_ranges_take_the_low_end(text, value):
    [n] = find_numbers(text)
    assert n.value == value


def test_numbers_digits_and_words_make_no_range():
    # a wire prefix glued to a headline: "UPDATE 1-Six soldiers killed"
    assert [n.value for n in find_numbers("UPDATE 1-Six soldiers killed")] == [1, 6]


@pytest.mark.parametrize("text", ["an AK-47 rifle", "at 10:30", "on 24/09/2023", "B-52s"])
def test_numbers_ignore_model_names_and_clock_times(text):
    assert all(n.value not in (47, 10, 30, 24, 52) for n in find_numbers(text))


PIECES = list("0123456789 ,.-$£€abcdefghijklmnorstuvwxyz:/") + [
    " one ", " twenty", " hundred", " half a ", " million", " dozens", " more than ", " between ", " to "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_numbers_find_numbers_never_fails_and_stays_inside_the_text(text):
    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
        assert n.value >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_numbers_find_numbers_survives_any_unicode(text):
    for n in find_numbers(text):
        assert n.value >= 0 and 0 <= n.start < n.end <= len(text)


def test_numbers_absurd_digit_strings_are_dropped():
    assert find_numbers("9" * 400 + ".5 billion people") == []

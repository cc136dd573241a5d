"""flashpoint.text.dates: date expressions resolved against a reference date."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.text.dates import find_dates

REF = dt.date(2024, 2, 5)  # a Monday


def one(text, ref=REF, future=False):
    [d] = find_dates(text, ref, future)
    return d.value, d.precision, d.relation


@pytest.mark.parametrize("text, expected", [
    ("on September 24th last year", ("2023-09-24", "day", "on")),
    ("From April onwards", ("2024-04", "month", "from")),
    ("on Monday", ("2024-02-05", "day", "on")),
    ("on Friday", ("2024-02-02", "day", "on")),
    ("next Friday", ("2024-02-09", "day", "on")),
    ("in 2008", ("2008", "year", "on")),
    ("On 8 June 2022", ("2022-06-08", "day", "on")),
    ("June 8, 2022", ("2022-06-08", "day", "on")),
    ("in June 2022", ("2022-06", "month", "on")),
    ("2022-06-08", ("2022-06-08", "day", "on")),
    ("yesterday", ("2024-02-04", "day", "on")),
    ("three days ago", ("2024-02-02", "day", "on")),
    ("last month", ("2024-01", "month", "on")),
    ("since the 1990s", ("1990", "year", "since")),
    ("on 13 December", ("2023-12-13", "day", "on")),
])
def test_dates_resolve_against_the_reference(text, expected):
    assert one(text) == expected


def test_dates_future_reads_weekdays_forward():
    assert one("on Friday", future=True)[0] == "2024-02-09"


def test_dates_relative_stay_unresolved_without_reference():
    assert one("yesterday", ref=None)[0] is None
    assert one("September 24th last year", ref=None)[0] is None
    assert one("On 8 June 2022", ref=None)[0] == "2022-06-08"


@pytest.mark.parametrize("text", ["protesters march on", "he may go", "the 51-page paper", "up to 2,000 troops"])
def test_dates_ignore_words_that_are_not_dates(text):
    assert find_dates(text, REF) == []


def _valid(value):
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(value)]
    dt.datetime.strptime(value, fmt)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,-") + [
    " on ", "Monday", " last ", " next ", " year", "February ", "31st ", "29 ", " ago", " days", "weeks ",
    "from ", " onwards", "yesterday", "the ", "1990s", "2023", "-02-30"]), max_size=25).map("".join),
    st.one_of(st.none(), st.dates()))
def test_dates_find_dates_only_returns_valid_dates(text, ref):
    for d in find_dates(text, ref):
        assert 0 <= d.start < d.end <= len(text)
        if d.value is not None:
            _valid(d.value)
            assert d.precision in ("day", "month", "year")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_dates_find_dates_survives_any_text(text):
    for d in find_dates(text, REF):
        assert d.value is None or len(d.value) in (4, 7, 10)

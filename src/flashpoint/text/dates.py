"""Date expressions found in plain text and resolved against a reference date (no spaCy).

    >>> import datetime as dt
    >>> [(d.text, d.value, d.precision) for d in find_dates("on September 24th last year", dt.date(2024, 2, 5))]
    [('September 24th last year', '2023-09-24', 'day')]

Resolution rules (kept simple on purpose):

- absolute dates ("8 June 2022", "June 8, 2022", "2022-06-08", "June 2022", "in 2008")
  resolve without a reference date;
- everything relative needs one and stays ``None`` without it: "yesterday" (ref - 1, day),
  "last night" (ref - 1), "today"/"this morning" (ref), "on Monday" (the latest Monday on or
  before the reference, or the next one after it when ``future``), "last/next Monday",
  "N days/weeks ago" (day), "last week" (ref - 7 days, day: the week's exact day is unknown,
  the day is an approximation), "last month" (month), "last year" (year);
- a day or month without a year takes the reference year, except a day more than 60
  days after the reference, taken as last year's (news reports the past); months after
  "from/until/by/next/onwards" are the next such month, after "last" the previous one;
- ``relation`` is read from the word before ("from", "since", "until", "by", "before",
  "after") or "onwards" after the expression.

``find_dates`` never raises and only returns calendar-valid values.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")], start=1) for m in names}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
SMALL = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3}
RELATIONS = {"from": "from", "since": "since", "until": "until", "till": "until", "to": "until", "by": "until",
             "before": "before", "after": "after", "on": "on", "in": "on"}
FORWARD = {"from", "until", "till", "by", "next", "onwards", "onward"}

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
       r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_REL_YEAR = r"(?:\s+(?P<ry>last|this|next)\s+year)?"
_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<iso>(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]))"
    rf"|(?P<dmy>(?:(?P<wd1>{_WD}),?\s+)?(?:the\s+)?(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?)"
    rf"|(?P<mdy>(?:(?P<wd2>{_WD}),?\s+)?(?P<m2>{_MON})\s+(?P<d2>{_DAY})(?![\d,]*\d{{3}})(?:,?\s+(?P<y2>{_YEAR}))?)"
    rf"|(?P<my>(?P<m3>{_MON}),?\s+(?P<y3>{_YEAR}))"
    rf"|(?P<mo>(?:(?P<mq>early|late|mid|mid-|last|next|this)\s*)?(?P<m4>january|february|march|april|june|july"
    rf"|august|september|october|november|december))"
    rf"|(?P<yr>(?:(?:early|late|mid|mid-)\s*)?(?P<y5>{_YEAR}))"
    r"|(?P<dec>(?:the\s+)?(?P<y6>1[89]\d0|20[0-9]0)'?s)"
    r"|(?P<ago>(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a|an)\s+"
    r"(?P<u>day|week|month|year)s?\s+(?:ago|earlier))"
    r"|(?P<rel>(?:the\s+day\s+before\s+)?yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|"
    r"evening|week|month|year)|(?P<lq>last|past|next|previous)\s+(?P<lu>week|month|year|weekend))"
    rf"|(?P<wday>(?:(?P<wq>last|next|this|on|past)\s+)?(?P<wd>{_WD}))"
    r")(?![\w-])" + _REL_YEAR,
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(from|since|until|till|to|by|before|after|on|in)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER = re.compile(r"^\s*(onwards?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when it needs a reference date it lacks
    precision: str | None  # day | month | year
    relation: str = "on"
    text: str = ""
    relative: bool = False


def _fmt(y: int, m: int | None = None, d: int | None = None) -> tuple[str | None, str | None]:
    try:
        if d is not None:
            return dt.date(y, m, d).isoformat(), "day"
        if m is not None:
            return dt.date(y, m, 1).isoformat()[:7], "month"
        return dt.date(y, 1, 1).isoformat()[:4], "year"
    except (ValueError, TypeError, OverflowError):
        return None, None


def _shift_months(ref: dt.date, k: int) -> tuple[int, int]:
    n = ref.year * 12 + ref.month - 1 + k
    return n // 12, n % 12 + 1


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _year_of(m: re.Match, ref: dt.date | None, month: int, day: int | None, forward: bool) -> int | None:
    """The year of a month (and day) written without one."""
    if ref is None:
        return None
    ry = (m.group("ry") or "").lower()
    if ry:
        return ref.year + {"last": -1, "this": 0, "next": 1}[ry]
    q = (m.group("mq") or "").lower() if m.group("mo") else ""
    if q == "last":
        return ref.year if month < ref.month else ref.year - 1
    if q == "next" or forward:
        return ref.year if month >= ref.month else ref.year + 1
    try:
        guess = dt.date(ref.year, month, day or 1)
    except ValueError:
        return ref.year
    return ref.year - 1 if (guess - ref).days > 60 else ref.year


def _weekday(m: re.Match, ref: dt.date, future: bool) -> dt.date:
    target = WEEKDAYS[m.group("wd").lower()]
    q = (m.group("wq") or "").lower()
    back = (ref.weekday() - target) % 7
    if q in ("next",) or (future and q != "last"):
        ahead = (target - ref.weekday()) % 7
        return ref + dt.timedelta(days=ahead or 7)
    if q in ("last", "past"):
        return ref - dt.timedelta(days=back or 7)
    return ref - dt.timedelta(days=back)


def _relative(m: re.Match, ref: dt.date, future: bool) -> tuple[str | None, str | None]:
    if m.group("ago"):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else SMALL.get(re.sub(r"\s+", " ", raw), 1)
        unit = m.group("u").lower()
        if unit == "day":
            return _fmt(*(ref - dt.timedelta(days=n)).timetuple()[:3])
        if unit == "week":
            return _fmt(*(ref - dt.timedelta(days=7 * n)).timetuple()[:3])
        if unit == "month":
            return _fmt(*_shift_months(ref, -n))
        return _fmt(ref.year - n)
    if m.group("wday"):
        return _fmt(*_weekday(m, ref, future).timetuple()[:3])
    word = re.sub(r"\s+", " ", m.group("rel").lower())
    days = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1,
            "the day before yesterday": -2, "this morning": 0, "this afternoon": 0, "this evening": 0}
    if word in days:
        return _fmt(*(ref + dt.timedelta(days=days[word])).timetuple()[:3])
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "this": 0}[word.split()[0]]
    unit = word.split()[-1]
    if unit in ("week", "weekend"):
        return _fmt(*(ref + dt.timedelta(days=7 * step)).timetuple()[:3])
    if unit == "month":
        return _fmt(*_shift_months(ref, step))
    return _fmt(ref.year + step)


def _resolve(m: re.Match, ref: dt.date | None, forward: bool, future: bool) -> tuple[str | None, str | None, bool]:
    g = m.group
    if g("iso"):
        return (*_fmt(int(g("iy")), int(g("im")), int(g("id"))), False)
    for kind, d, mo, y in (("dmy", "d1", "m1", "y1"), ("mdy", "d2", "m2", "y2")):
        if g(kind):
            month, day = MONTHS[g(mo).lower().rstrip(".")], _day(g(d))
            year = int(g(y)) if g(y) else _year_of(m, ref, month, day, forward)
            return (*_fmt(year, month, day), not g(y)) if year else (None, None, True)
    if g("my"):
        return (*_fmt(int(g("y3")), MONTHS[g("m3").lower().rstrip(".")]), False)
    if g("mo"):
        month = MONTHS[g("m4").lower()]
        year = _year_of(m, ref, month, None, forward)
        return (*_fmt(year, month), True) if year else (None, None, True)
    if g("yr"):
        return (*_fmt(int(g("y5"))), False)
    if g("dec"):
        return (*_fmt(int(g("y6"))), False)
    if ref is None:
        return None, None, True
    return (*_relative(m, ref, future), True)


def find_dates(text: str, ref: dt.date | None = None, future: bool = False) -> list[DateSpan]:
    """Every date expression of ``text``; ``future`` reads bare weekdays forward."""
    out: list[DateSpan] = []
    for m in _PATTERN.finditer(text):
        if m.group("wday") and not m.group("wq") and text[m.start():m.start() + 1].islower():
            continue
        if m.group("yr") and not _BEFORE.search(text[max(0, m.start() - 12):m.start()]) and not m.group(0)[0].isalpha():
            continue  # a bare four-digit number: a year only after "in", "since", "by" …
        if m.group("mo") and m.group("m4").lower() in ("march",) and not m.group("mq") and \
                not _BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "march" the verb / noun
        before = _BEFORE.search(text[max(0, m.start() - 12):m.start()])
        after = _AFTER.match(text[m.end():m.end() + 12])
        word = before.group(1).lower() if before else ""
        relation = "from" if after else RELATIONS.get(word, "on")
        forward = bool(after) or word in FORWARD
        try:
            value, precision, relative = _resolve(m, ref, forward, future)
        except (ValueError, KeyError, OverflowError):
            continue
        end = m.end() if not after else m.end() + after.end()
        start = m.start("wd") if m.group("wday") and (m.group("wq") or "").lower() == "on" else m.start()
        if start != m.start():
            relation = "on"
        out.append(DateSpan(start, end, value, precision, relation, text[start:end], relative))
    return out

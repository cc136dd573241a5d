"""Numbers written in words or digits, found in plain text (no spaCy).

    >>> parse_number("twenty-five")
    25
    >>> parse_number("half a billion")
    500000000.0
    >>> [(n.text, n.value, n.qualifier, n.unit) for n in find_numbers("more than half a billion euros")]
    [('more than half a billion euros', 500000000.0, 'more than', 'EUR')]

The words, vague counts ("dozens" = 12), qualifiers and currencies live in
``data/numbers.toml``. ``find_numbers`` never raises and never returns a negative value.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources


MAX_VALUE = 10 ** 15


@dataclass(frozen=True)
class NumberSpan:
    start: int  # character offsets into the scanned text, qualifier and unit included
    end: int
    value: int | float
    qualifier: str = "exact"
    unit: str | None = None  # a currency code when the span names money
    vague: bool = False  # "dozens", "several": a conventional low figure, not a count
    num_start: int = 0  # where the number itself starts (after the qualifier)
    text: str = ""


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    with resources.files("flashpoint.data").joinpath("numbers.toml").open("rb") as fh:
        return tomllib.load(fh)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, dict]:
    lex = lexicon()
    units = {k: v for k, v in lex["units"].items() if k not in {"a", "an", "no", "none", "both", "single", "lone",
                                                                  "couple", "pair"}}
    words = {**units, **lex["tens"], **{k: v for k, v in lex["scales"].items() if k != "score"}}
    word = rf"(?:{_alt(words)})"
    scale = rf"(?:{_alt(k for k in lex['scales'] if k != 'score')})"
    suffix = rf"(?:{_alt(lex['suffixes'])})"
    digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    symbols = [c for c in lex["currencies"] if not c.isalpha()]
    cur_words = [c for c in lex["currencies"] if c.isalpha() and c not in {"us", "usd", "eur", "gbp"}]
    number = (
        rf"(?P<digits>{digits})"
        rf"(?:(?P<suf>{suffix})\b|(?:\s+(?P<dscale>{scale}s?)\b)(?:\s+of\s+(?P<dscale2>{scale}s)\b)?)?"
        rf"|(?P<half>half\s+an?\s+(?P<hscale>{scale}))\b"
        rf"|(?P<aword>an?\s+(?:{_alt(['hundred', 'thousand', 'million', 'billion', 'dozen'])}))\b(?!\s+of\b)"
        rf"|(?P<vague>(?:{_alt(k for k in lex['vague'] if k[0].isalpha())}))"
        rf"(?:\s+of\s+(?P<vscale>{scale}s)\b|\s+(?P<vscale1>{scale})s?\b)?"
        rf"|(?P<words>{word}(?:(?:\s+and\s+|[\s-]+){word})*)\b"
    )
    pattern = re.compile(
        rf"(?<![\w$£€¥,:/])(?<![\d.]\.)(?<!\.\d)(?<![A-Za-z]\.(?=\d))(?<![A-Za-z]-)(?:(?P<qual>{_alt(lex['qualifiers'])})\s+)?"
        rf"(?P<cur>{_alt(symbols + ['us$', 'usd', 'eur', 'gbp'])})?\s?"
        rf"(?P<num>{number})(?!\w|[:/.,]\d|-\d+[A-Za-z])"
        rf"(?:\s+(?P<curword>{_alt(cur_words + ['usd', 'eur', 'gbp'])})\b)?",
        re.IGNORECASE,
    )
    return pattern, lex


def _words_value(text: str, lex: dict) -> int | float | None:
    table = {**lex["units"], **lex["tens"]}
    scales = lex["scales"]
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and" or not w:
            continue
        if w in table:
            current += table[w]
            seen = True
        elif w in scales:
            s = scales[w]
            if s == 100 or s == 12:
                current = (current or 1) * s
            else:
                total += (current or 1) * s
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _digits_value(m: re.Match, lex: dict) -> float | int:
    raw = m.group("digits").replace(",", "")
    value: float | int = float(raw) if "." in raw else int(raw)
    if m.group("suf"):
        value *= lex["suffixes"][m.group("suf").lower()]
    if m.group("dscale"):
        value *= lex["scales"][m.group("dscale").lower().rstrip("s")]
    if m.group("dscale2"):
        value *= lex["scales"][m.group("dscale2").lower().rstrip("s")]
    return value


def _value(m: re.Match, lex: dict) -> tuple[int | float | None, bool]:
    if m.group("digits"):
        return _digits_value(m, lex), False
    if m.group("half"):
        return lex["scales"][m.group("hscale").lower()] * 0.5, False
    if m.group("aword"):
        return lex["scales"][m.group("aword").lower().split()[-1]], False
    if m.group("vague"):
        v = lex["vague"][re.sub(r"\s+", " ", m.group("vague").lower())]
        scale = m.group("vscale") or m.group("vscale1")
        if scale:
            v = v * lex["scales"][scale.lower().rstrip("s")]
        return v, True
    return _words_value(m.group("words"), lex), False


def _tidy(value: int | float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


_RANGE = re.compile(r"\s*(?:-|–|to|or|and)\s*$|\s*(?:-|–|to|or|and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _ranges(text: str, spans: list[NumberSpan]) -> list[NumberSpan]:
    """"2-3", "two or three", "between 16 to 25" -> one span valued at its low end (ACLED's
    lowest credible figure)."""
    out: list[NumberSpan] = []
    for sp in spans:
        prev = out[-1] if out else None
        # a range is written one way ("2-3", "two or three"); "UPDATE 1-Six soldiers killed" is no range
        same_form = prev is not None and text[prev.num_start].isdigit() == text[sp.num_start].isdigit()
        if same_form and not prev.unit and not sp.vague and not prev.vague and prev.value < sp.value < 100000:
            gap = text[prev.end:sp.start]
            between = _BETWEEN.search(text, max(0, prev.start - 9), prev.start)
            sep = gap.strip().lower()
            if _RANGE.fullmatch(gap) and (sep in ("-", "–", "or") or between and sep in ("to", "and")):
                start = between.start() if between else prev.start
                qualifier = prev.qualifier if prev.qualifier != "exact" else "at least"
                out[-1] = NumberSpan(start, sp.end, prev.value, qualifier, sp.unit, False, prev.num_start,
                                     text[start:sp.end])
                continue
        out.append(sp)
    return out


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number phrase of ``text``, left to right, with qualifier and currency."""
    pattern, lex = _patterns()
    out: list[NumberSpan] = []
    for m in pattern.finditer(text):
        value, vague = _value(m, lex)
        if value is None or not 0 <= value <= MAX_VALUE:  # also drops inf/nan from absurd digit strings
            continue
        qual = m.group("qual")
        qualifier = lex["qualifiers"][re.sub(r"\s+", " ", qual.lower())] if qual else "exact"
        cur = m.group("cur") or m.group("curword")
        unit = lex["currencies"].get(cur.lower()) if cur else None
        start = m.start("qual") if qual else m.start("cur") if m.group("cur") else m.start("num")
        end = m.end()
        out.append(NumberSpan(start, end, _tidy(value), qualifier, unit, vague, m.start("num"), text[start:end]))
    return _ranges(text, out)


def parse_number(text: str) -> int | float | None:
    """The value of a phrase that is one number ("three", "1,200", "2.5 million"), else None."""
    pattern, lex = _patterns()
    m = pattern.fullmatch(text.strip())
    if m is None:
        return None
    value, _ = _value(m, lex)
    return None if value is None else _tidy(value)

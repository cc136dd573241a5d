"""Read PETRARCH / TABARI actor and agent dictionaries and write flashpoint's actor CSV.

Actor dictionary syntax handled (PETRARCH 2 validation files and the CAMEO dictionaries
users have kept for years):

    NORTH_KOREA  [PRK]   # comment      a phrase (``_`` or space between words) and its code
    +PYONGYANG                           a synonym of the phrase above
    GOLLUM                               a phrase whose codes follow, indented:
        [HOB <950601]                    before a date (YYMMDD: 00-30 = 20YY, else 19YY)
        [HOBGOV 19950601 - 19990815]     between two dates (inclusive)
        [HOBREB >990816]                 after a date
    BOROMIR [---]                        a known name with no code (skipped)
    <!-- ... -->                         one-line XML comments, skipped

A code's first three letters become ``country`` and the next three ``sector`` (for
codes of non-state actors, IGO/NGO/MNC/IMG, the sector is IGO/NGO/BUS/REB). Dated codes
are written before the phrase's undated default, so the first valid row wins as in
PETRARCH. Agent dictionaries (``PRESIDENT [~GOV]``, ``!MINST! = MINISTER, MINISTRY``
substitution sets, ``{PLURAL}`` forms) become sector-only rows (``president,,GOV``).
Bad lines are reported as warnings and skipped; nothing raises on content.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

_BLOCK = re.compile(r"\[([^\]]*)\]")
_CODE_RE = re.compile(r"^([A-Za-z0-9]{3,}|---|\+\+\+)?(?:/[A-Za-z0-9]+)*\s*(.*)$")
_SUBST = re.compile(r"^\s*!(\w+)!\s*=\s*(.+)$")


@dataclass
class Row:
    pattern: str
    country: str
    sector: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def as_list(self) -> list[str]:
        return [self.pattern, self.country, self.sector,
                self.valid_from.isoformat() if self.valid_from else "",
                self.valid_to.isoformat() if self.valid_to else ""]


@dataclass
class Conversion:
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_null: int = 0


# CAMEO codes for non-state actors start with their type, not a country: the type stays in
# `country` (PETRARCH's own convention, what its scorers compare) and gives the sector.
NON_STATE_SECTORS = {"IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "MNC": "BUS", "IMG": "REB"}


def petr_sector(code: str) -> str:
    """``HOBGOV`` -> ``GOV``; ``IGOWSTNAT`` -> ``IGO`` (flashpoint codes IGOs with sector IGO)."""
    return NON_STATE_SECTORS.get(code[:3], code[3:6])


def petr_date(text: str) -> dt.date:
    """YYMMDD (00-30 -> 20YY, else 19YY) or YYYYMMDD; ValueError when invalid."""
    digits = text.strip()
    if not digits.isdigit():
        raise ValueError(f"bad date {text!r}")
    if len(digits) <= 7:
        digits = digits.zfill(6)
        yy = int(digits[:2])
        return dt.date((2000 if yy <= 30 else 1900) + yy, int(digits[2:4]), int(digits[4:6]))
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def parse_code_block(body: str) -> tuple[str | None, dt.date | None, dt.date | None]:
    """``HOBGOV 19950601-19990815`` -> ("HOBGOV", from, to). Code None for ``---``."""
    m = _CODE_RE.match(body.strip())
    if not m or not m.group(1):
        raise ValueError(f"no code in [{body.strip()}]")
    code, rest = m.group(1), m.group(2).strip()
    start = end = None
    if rest:
        if rest.startswith("<"):
            end = petr_date(rest[1:]) - dt.timedelta(days=1)
        elif rest.startswith(">"):
            start = petr_date(rest[1:]) + dt.timedelta(days=1)
        elif "-" in rest:
            a, b = rest.split("-", 1)
            start, end = petr_date(a), petr_date(b)
        else:
            raise ValueError(f"bad date restriction {rest!r}")
    if code in ("---", "+++"):
        return None, start, end
    return code.upper(), start, end


def phrase(text: str) -> str:
    """``NORTH_KOREA_`` -> ``NORTH KOREA``. The case is kept: flashpoint matches phrases
    case-insensitively, except acronyms that are English words (``US``, ``IT``)."""
    return " ".join(text.replace("_", " ").split())


def _strip(line: str) -> str:
    """The line without its comment: ``#``, or TABARI's ``;`` (at the start or after a space)."""
    line = line.split("#", 1)[0]
    if line.lstrip().startswith(";"):
        return ""
    return line.split(" ;", 1)[0].split("\t;", 1)[0].rstrip()


def convert_actors(lines: Iterable[str], source: str = "actors") -> Conversion:
    out = Conversion()
    names: list[str] = []
    codes: list[tuple[str | None, dt.date | None, dt.date | None]] = []

    def flush():
        if names and codes:
            ordered = [c for c in codes if c[1] or c[2]] + [c for c in codes if not (c[1] or c[2])]
            for name in dict.fromkeys(names):
                for code, start, end in ordered:
                    if code is None:
                        out.skipped_null += 1
                        continue
                    out.rows.append(Row(name, code[:3], petr_sector(code), start, end))
        elif names:
            out.warnings.append(f"{source}: no code for {names[0]!r}")
        names.clear()
        codes.clear()

    for n, raw in enumerate(lines, 1):
        if raw.lstrip().startswith("<"):
            continue
        line = _strip(raw)
        text = line.strip()
        if not text:
            continue
        blocks = _BLOCK.findall(text)
        head = _BLOCK.sub(" ", text).strip()
        if text.startswith("+"):
            if not names:
                out.warnings.append(f"{source} line {n}: synonym {text!r} before any actor")
                continue
            head = head[1:].strip()
            if head:
                names.append(phrase(head))
        elif head:
            flush()
            if "[" in head or "]" in head:
                out.warnings.append(f"{source} line {n}: unbalanced brackets in {text!r}")
                continue
            names.append(phrase(head))
        elif not names:
            out.warnings.append(f"{source} line {n}: code {text!r} before any actor")
            continue
        for body in blocks:
            try:
                codes.append(parse_code_block(body))
            except ValueError as exc:
                out.warnings.append(f"{source} line {n}: {exc}")
    flush()
    return out


def _plural(word: str) -> str:
    if word.endswith(("men", "people", "ies")):
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def _plural_phrase(text: str) -> str:
    """The plural of a noun phrase: its head, the word before "of" or else the last."""
    words = text.split()
    k = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    return " ".join(words[:k] + [_plural(words[k])] + words[k + 1:])


def convert_agents(lines: Iterable[str], source: str = "agents") -> Conversion:
    """Agent nouns -> sector-only rows (``pattern,,SECTOR``), plurals included."""
    out = Conversion()
    subst: dict[str, list[str]] = {}
    for n, raw in enumerate(lines, 1):
        if raw.lstrip().startswith("<"):
            continue
        text = _strip(raw).strip()
        if not text:
            continue
        m = _SUBST.match(text)
        if m:
            subst[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        blocks = _BLOCK.findall(text)
        if not blocks:
            out.warnings.append(f"{source} line {n}: no [~CODE] in {text!r}")
            continue
        code = blocks[-1].replace(" ", "").replace("~", "").upper()
        if not re.match(r"^[A-Z]{3}", code):
            out.warnings.append(f"{source} line {n}: bad agent code [{blocks[-1]}]")
            continue
        noun = re.sub(r"!(\w+)!", lambda k: f"!{k.group(1).upper()}!", _BLOCK.sub(" ", text))
        plural_m = re.search(r"\{([^}]*)\}", noun)
        noun = re.sub(r"\{[^}]*\}", " ", noun).strip()
        forms = [noun]
        for key, alternatives in subst.items():
            token = f"!{key}!"
            forms = [f.replace(token, alt, 1) for f in forms for alt in (alternatives if token in f else [None])
                     if alt is not None] + [f for f in forms if token not in f]
        if "!" in "".join(forms):
            out.warnings.append(f"{source} line {n}: unknown substitution in {noun!r}")
            continue
        phrases = [phrase(f).lower() for f in forms]  # common nouns: lower case for the plural rules
        if plural_m is None:
            phrases += [_plural_phrase(p) for p in phrases if p]
        elif plural_m.group(1).strip():
            phrases.append(phrase(plural_m.group(1)).lower())
        for p in dict.fromkeys(p for p in phrases if p):
            out.rows.append(Row(p, "", code[:3]))
    return out


def write_csv(rows: list[Row], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["pattern", "country", "sector", "valid_from", "valid_to"])
    for row in rows:
        writer.writerow(row.as_list())


def read_lines(path: str | Path) -> list[str]:
    """A dictionary file's lines; undecodable bytes are replaced, not fatal."""
    return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()

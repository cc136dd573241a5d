"""Read a PETRARCH / TABARI verb dictionary into blocks of verbs and patterns.

Syntax handled (PETRARCH 1/2 ``.verbs`` files, and the TABARI-derived ones users keep):

    &CURRENCY                         a synset: the ``+`` lines below are its members
    +SWISS FRANCS                     (a member may itself name a synset: ``+&TIETYPES``)
    --- GRANT  [070] ---              a block: a comment and the code of its verbs
    GRANT                             the verbs of the block, one a line
    GIVE {GAVE GIVEN GIVING} [071]    irregular forms in { }, the verb's own code in [ ]
    WIRE_+TAP                         a multi-word verb: ``+`` marks the verb, ``_`` joins
    - * &CURRENCY [903]               a pattern: ``*`` is the verb; words before/after it
    - SAID WOULD_*_TALKS [102]        must come before/after it, ``_`` = adjacent words
    - % HAVE * [191]                  ``%`` a compound actor ("X and Y") is kept; ``$ + ^``
                                      (source, target, skip) stand for any actor: dropped
    [---]                             no event;  [032:033] the first code is used
    # comment, <!-- comment -->       (XML comments may span lines)

Bad lines are reported as warnings and skipped; nothing raises on content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

NO_EVENT = "---"
MARKERS = {"%", "$", "+", "^"}
COMPOUND = "%"  # kept: "two or more actors joined by 'and'"; the others stand for any actor
_CODE = re.compile(r"^\d{2,4}[A-Za-z?]?$")
_BLOCK = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")
_WORD = re.compile(r"^[\w'.-]+$")


@dataclass
class Verb:
    words: list[str]          # the verb's words in order, e.g. ["wire", "tap"]
    index: int                # which of them is the verb
    code: str | None = None   # its own code, else the block's
    forms: list[str] = field(default_factory=list)  # irregular forms of the verb word


@dataclass
class Pattern:
    chunks: list[list[str]]   # space-separated chunks of adjacent items; "*" = verb, "&NAME" = synset
    code: str
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    blocks: list[Block] = field(default_factory=list)
    synsets: dict[str, list[list[str]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def word(text: str) -> list[str]:
    """A dictionary word as the tokenizer splits it: ``DON'T`` -> ["do", "n't"]."""
    w = text.lower().replace("\u2019", "'")
    if w.endswith("n't") and len(w) > 3:
        base = {"can't": "ca", "won't": "wo"}.get(w, w[:-3])
        return [base, "n't"]
    return [w] if w else []


def parse_code(body: str) -> str | None:
    """``[032:033]`` -> "032", ``[---]`` -> "---"; None when it is no code at all."""
    code = body.strip().split(":", 1)[0].strip()
    if code == NO_EVENT:
        return NO_EVENT
    return code if _CODE.match(code) else None


def clean_lines(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    """(line number, text) without comments; ``<!-- -->`` may span lines."""
    in_comment = False
    for n, raw in enumerate(lines, 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                line, in_comment = before, True
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield n, line


def _chunks(text: str) -> list[list[str]]:
    """``SAID WOULD_*_TALKS`` -> [["said"], ["would", "*", "talks"]]; markers split chunks."""
    out: list[list[str]] = []
    for token in text.split():
        current: list[str] = []
        for part in (p for piece in token.split("_") for p in re.split(r"(\*)", piece)):
            if not part:
                continue
            if part in MARKERS:
                if current:
                    out.append(current)
                current = []
                if part == COMPOUND:
                    out.append([COMPOUND])
            elif part == "*" or part.startswith("&"):
                current.append(part.upper() if part.startswith("&") else part)
            else:
                current.extend(word(part))
        if current:
            out.append(current)
    return out


def _verb(text: str, code: str | None) -> Verb | None:
    forms_m = _FORMS.search(text)
    forms_text = forms_m.group(1) if forms_m else ""
    body = _FORMS.sub(" ", text).strip()
    if body.startswith("+"):
        body = body[1:]
    parts = [p for p in re.split(r"[_\s]+", body) if p]
    if not parts:
        return None
    index = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = [p.lstrip("+").lower() for p in parts]
    if not all(w and _WORD.match(w) for w in words):
        return None
    forms = []
    for f in forms_text.split():
        fparts = [p for p in f.split("_") if p]
        fi = next((i for i, p in enumerate(fparts) if p.startswith("+")), 0)
        if fparts:
            forms.append(fparts[min(fi, len(fparts) - 1)].lstrip("+").lower())
    return Verb(words, index, code, [f for f in forms if f and _WORD.match(f)])


def parse_verbs(lines: Iterable[str], source: str = "verbs") -> VerbDictionary:
    out = VerbDictionary()
    block: Block | None = None
    synset: str | None = None
    for n, line in clean_lines(lines):
        text = line.strip()
        codes = _BLOCK.findall(text)
        if text.startswith("---"):
            synset = None
            name = _BLOCK.sub(" ", text).strip("- \t")
            code = parse_code(codes[0]) if codes else NO_EVENT
            if code is None:
                out.warnings.append(f"{source} line {n}: block code [{codes[0]}] is not a code; its verbs alone code nothing")
                code = NO_EVENT
            block = Block(name, code, n)
            out.blocks.append(block)
        elif text.startswith("&"):
            block = None
            synset = text.split()[0].rstrip("_").upper()
            out.synsets.setdefault(synset, [])
        elif text.startswith("+") and synset is not None:
            member = _chunks(text[1:])
            if not member or any(w in ("*", COMPOUND) for chunk in member for w in chunk):
                out.warnings.append(f"{source} line {n}: synset member {text!r} is empty or holds '*'/'%'")
            else:
                out.synsets[synset].append([w for chunk in member for w in chunk])
        elif text.startswith("-"):
            synset = None
            if block is None:
                out.warnings.append(f"{source} line {n}: pattern {text!r} outside a verb block")
                continue
            _pattern(block, text[1:], codes, n, source, out)
        elif block is not None:
            synset = None
            code = parse_code(codes[-1]) if codes else None
            if codes and code is None:
                out.warnings.append(f"{source} line {n}: bad code [{codes[-1]}] for verb {text!r}")
                continue
            verb = _verb(_BLOCK.sub(" ", text), code)
            if verb is None:
                out.warnings.append(f"{source} line {n}: no verb in {text!r}")
                continue
            block.verbs.append(verb)
        else:
            out.warnings.append(f"{source} line {n}: {text!r} outside a verb block or synset")
    for b in out.blocks:
        if not b.verbs:
            out.warnings.append(f"{source} line {b.line}: block {b.name!r} has no verbs")
    return out


def _pattern(block: Block, text: str, codes: list[str], n: int, source: str, out: VerbDictionary) -> None:
    warnings = out.warnings
    if not codes:
        warnings.append(f"{source} line {n}: pattern without a [code]")
        return
    code = parse_code(codes[-1])
    if code is None:
        warnings.append(f"{source} line {n}: [{codes[-1]}] is not a code; pattern skipped")
        return
    body = _FORMS.sub(lambda m: _alternatives(m.group(1), n, out), _BLOCK.sub(" ", text))
    if "{" in body or "}" in body:
        warnings.append(f"{source} line {n}: unbalanced {{ }} in a pattern")
        return
    chunks = _chunks(body)
    stars = sum(c.count("*") for c in chunks)
    if stars != 1:
        warnings.append(f"{source} line {n}: pattern needs exactly one '*' (has {stars})")
        return
    block.patterns.append(Pattern(chunks, code, n))


def _alternatives(body: str, n: int, out: VerbDictionary) -> str:
    """TABARI's ``{ A | B C }`` inside a pattern becomes an anonymous synset."""
    name = f"&ALTERNATIVES{n}X{len(out.synsets)}"
    members = [[w for chunk in _chunks(alt) for w in chunk] for alt in body.split("|")]
    out.synsets[name] = [m for m in members if m]
    return f" {name} "

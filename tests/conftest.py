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

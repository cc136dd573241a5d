"""The weapons stage: weapon classes and named systems with their modifiers."""
from pathlib import Path

import pytest

from flashpoint.errors import DictionaryError
from flashpoint.pipeline import weapons

SEED = Path(__file__).parent / "data" / "seed" / "serbia-kosovo-2024-02-05.txt"


@pytest.fixture(scope="module")
def nlp(stage_nlp):
    return stage_nlp("flashpoint_weapons_v1")


def texts(nlp, text):
    return [w.text for w in nlp(text)._.fp_weapons]


def test_weapons_read_the_seed_article(nlp):
    found = texts(nlp, SEED.read_text(encoding="utf-8"))
    for w in ("Javelin anti-tank missiles", "howitzers", "helicopters", "drone defense technology"):
        assert w in found


@pytest.mark.parametrize("text, weapon", [
    ("Troops found a heavy machine gun.", "heavy machine gun"),
    ("A car bomb exploded near the market.", "car bomb"),
    ("Militants planted an improvised explosive device.", "improvised explosive device"),
    ("The regime dropped barrel bombs on Aleppo.", "barrel bombs"),
    ("Rebels fired Grad rockets at the city.", "Grad rockets"),
    ("Ukraine used HIMARS against the depot.", "HIMARS"),
    ("A Bayraktar TB2 drone hit the convoy.", "Bayraktar TB2 drone"),
    ("They seized a rocket-propelled grenade launcher.", "rocket-propelled grenade launcher"),
    ("He was armed with an AK-47.", "AK-47"),
    ("Fighter jets struck the base.", "Fighter jets"),
    ("A suicide vest was found.", "suicide vest"),
    ("The IED killed two soldiers.", "IED"),
    ("Insurgents shelled the town with mortars.", "mortars"),
])
def test_weapons_find_span_with_modifiers(nlp, text, weapon):
    assert weapon in texts(nlp, text)


@pytest.mark.parametrize("text", [
    "The think tank published a report.",
    "Teachers went on a general strike over pay.",
    "The debate on gun control continued.",
    "Workers at the gold mine protested.",
])
def test_weapons_ignore_look_alikes(nlp, text):
    assert texts(nlp, text) == []


def test_weapons_spans_leave_out_articles_and_numbers(nlp):
    assert texts(nlp, "They destroyed two mortars and the tanks.") == ["mortars", "tanks"]


def test_weapons_bad_lexicon_raises_dictionary_error(tmp_path):
    bad = tmp_path / "w.csv"
    bad.write_text("term,category,kind\nbomb,explosive,gadget\n", encoding="utf-8")
    with pytest.raises(DictionaryError):
        weapons.load_lexicon(str(bad))

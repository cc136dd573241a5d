"""Casualty counts in headline-style text, read from the words where the parse goes wrong
(the numbers stage alone, on the small spaCy model)."""
import pytest

from numbers_helpers import kinds


@pytest.mark.parametrize("text, dead", [
    # military shorthand: killed / wounded in action
    ("Two KIA, four WIA near the front line on Sunday - army", [2]),
    ("One marine KIA, three WIA in overnight raid - command", [1]),
    # a count and its victims before the casualty word, with report words between
    ("Six reported killed in the north before the summit", [6]),
    ("Militia shells village 40 times in a day, three residents killed - governor", [3]),
    ("Two Kivu province's rangers killed in ambush", [2]),
    # one person named without a count
    ("Border guard dead after mortar fire, officials say", [1]),
    ("Ranger and porter killed in park ambush", [2]),
    # the active verb right before the count
    ("Sniper fire kills four in the old town", [4]),
    ("Landmine kills farmer near the border", [1]),
    ("Drone strike kills 7-year-old in the suburbs", [1]),
    ("Death toll from the weekend's shelling of the port rises to nine", [9]),
])
def test_casualties_headline_tolls(numbers_nlp, text, dead):
    assert kinds(numbers_nlp, text, "fatalities") == dead


def test_casualties_a_count_keeps_its_kind(numbers_nlp):
    # the parse of "killed, 11 wounded" can make 11 the subject of "killed" too
    text = "Four policemen killed, 11 wounded in the blast"
    assert kinds(numbers_nlp, text, "fatalities") == [4]
    assert kinds(numbers_nlp, text, "injuries") == [11]
    assert kinds(numbers_nlp, "Two KIA, four WIA near the front line - army", "injuries") == [4]


@pytest.mark.parametrize("text, dead", [
    ("Three gunmen killed two soldiers at the gate.", [2]),  # the killers are not the dead
    ("UPDATE 2-Three soldiers killed in the east, army says", [3]),  # a wire prefix is no range "2-3"
    ("Eleven people, including two nurses and four children, were killed.", [11]),
    ("Nine people including two officers and seven civilians were killed.", [9]),
    ("Two 10-year-old boys were killed when a shell hit their school.", [2]),  # ages are no counts
    ("Two soldiers were killed in the shelling.", [2]),  # "the shelling" is no victim
    ("Rebels stabbed and killed an off-duty police constable at a market.", [1]),
    ("Army shelling kills militiaman - rebel command", [1]),  # what follows the dash is the source
    ("The army said no one was killed in the raid.", []),
])
def test_casualties_parts_ages_and_sources_are_not_the_toll(numbers_nlp, text, dead):
    assert kinds(numbers_nlp, text, "fatalities") == dead


def test_casualties_a_running_total_is_not_an_event_toll(numbers_nlp):
    doc = numbers_nlp("Over 300 soldiers have been killed since the start of the war, the ministry said.")
    assert [m.kind for m in doc._.fp_numbers] == ["quantity"]

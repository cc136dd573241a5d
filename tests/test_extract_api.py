"""The library's front door: flashpoint.extract and flashpoint.extract_many."""
import pytest

import flashpoint
from flashpoint.errors import EmptyDocumentError
from flashpoint.records import Document, DocumentResult, Event


def test_extract_returns_typed_events_for_a_clash():
    events = flashpoint.extract("Rebels attacked an army base near Goma on Monday, killing five soldiers.",
                                date="2024-02-05")
    assert events and all(isinstance(e, Event) for e in events)
    primary = max(events, key=lambda e: e.confidence)
    assert primary.quad_class == 4
    assert primary.plover in ("FIGHT", "ASSAULT")
    assert primary.fatalities == 5
    assert primary.date == "2024-02-05"


def test_extract_resolves_no_relative_date_without_a_reference_date():
    events = flashpoint.extract("Police arrested twelve protesters on Monday.")
    assert events
    assert all(e.date is None for e in events)


def test_extract_raises_a_coded_input_error_for_empty_text():
    with pytest.raises(EmptyDocumentError) as info:
        flashpoint.extract("   \n ")
    assert info.value.code == "E103"


def test_extract_many_streams_results_in_input_order_with_errors_in_place():
    docs = [Document("a", "Troops shelled the town of Kharkiv."), {"id": "b", "text": ""},
            "The president visited Paris on Friday."]
    results = list(flashpoint.extract_many(docs, batch_size=2))
    assert [r.id for r in results] == ["a", "b", "2"]
    assert all(isinstance(r, DocumentResult) for r in results)
    assert results[0].error is None and results[0].events
    assert results[1].error["code"] == "E103"
    assert results[2].primary is not None and results[2].primary.plover == "CONSULT"


def test_extract_evidence_span_points_at_the_sentence_in_the_input():
    text = "Quiet day. Gunmen abducted 14 villagers in Zamfara on Sunday."
    [result] = flashpoint.extract_many([Document("x", text, date="2024-03-04")])
    ev = result.primary
    assert text[ev.span[0]:ev.span[1]] == ev.text
    assert "abducted" in ev.text
    for place in result.places:
        assert text[place.span[0]:place.span[1]] == place.text


def test_extract_marks_negated_and_planned_events():
    [neg] = list(flashpoint.extract_many(["The army did not attack the village."]))
    assert any(e.status == "negated" for e in neg.events)
    [plan] = list(flashpoint.extract_many(["Germany will send 150 soldiers to Kosovo from April."], ))
    assert any(e.status == "planned" for e in plan.events)

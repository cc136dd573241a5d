"""Placeholder for the places stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_places_v1", default_config={})
def make_places(nlp, name):
    def component(doc):
        return doc
    return component

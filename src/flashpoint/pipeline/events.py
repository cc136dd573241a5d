"""Placeholder for the events stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_events_v1", default_config={})
def make_events(nlp, name):
    def component(doc):
        return doc
    return component

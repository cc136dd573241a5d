"""Placeholder for the weapons stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_weapons_v1", default_config={})
def make_weapons(nlp, name):
    def component(doc):
        return doc
    return component

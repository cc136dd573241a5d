"""Placeholder for the numbers stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_numbers_v1", default_config={})
def make_numbers(nlp, name):
    def component(doc):
        return doc
    return component

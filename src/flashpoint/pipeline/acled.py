"""Placeholder for the acled stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_acled_v1", default_config={})
def make_acled(nlp, name):
    def component(doc):
        return doc
    return component

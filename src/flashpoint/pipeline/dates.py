"""Placeholder for the dates stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_dates_v1", default_config={})
def make_dates(nlp, name):
    def component(doc):
        return doc
    return component

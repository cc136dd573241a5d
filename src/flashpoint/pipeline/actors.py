"""Placeholder for the actors stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_actors_v1", default_config={"user_dictionary": None})
def make_actors(nlp, name, user_dictionary):
    def component(doc):
        return doc
    return component

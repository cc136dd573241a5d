"""Placeholder for the roles stage; its owner replaces this file."""
from spacy.language import Language


@Language.factory("flashpoint_roles_v1", default_config={})
def make_roles(nlp, name):
    def component(doc):
        return doc
    return component

"""The actors stage: ``doc._.fp_actors`` = every actor noun phrase, coded with a
country (ISO3, or an organisation's own code) and a CAMEO sector.

Config (``[stages.actors]`` in default.cfg):
    user_dictionary   path to a CSV (pattern,country,sector[,valid_from,valid_to]) loaded
                      on top of the built-in dictionaries; its entries take precedence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ActorsComponent:
    def __init__(self, nlp: Language, user_dictionary: str | None = None):
        from ..actors import ActorCoder  # here, not at import: flashpoint.actors imports pipeline.mentions

        self.coder = ActorCoder(nlp, user_dictionary=user_dictionary or None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.fp_actors = self.coder(doc)
        return doc


@Language.factory("flashpoint_actors_v1", default_config={"user_dictionary": None})
def make_actors(nlp: Language, name: str, user_dictionary: str | None) -> ActorsComponent:
    return ActorsComponent(nlp, user_dictionary)

"""The places stage: every toponym of the document, resolved, on ``doc._.fp_places``.

Config (``[stages.places]``): ``gazetteer`` a path to an index (default: the shared one
under FLASHPOINT_HOME, built from packaged data on first use); ``include_demonyms``
whether nationality words ("Serbian") count as mentions of their country (default no).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..geo.gazetteer import Gazetteer


class PlacesStage:
    def __init__(self, gazetteer: str | None, include_demonyms: bool):
        self.path = gazetteer
        self.include_demonyms = include_demonyms
        self._gaz: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:  # opened on the first document, so building a pipeline stays cheap
            self._gaz = Gazetteer(self.path) if self.path else Gazetteer.default()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        from ..geo.places import geoparse  # geo.places imports pipeline.mentions: import late

        doc._.fp_places = geoparse(doc, self.gazetteer, self.include_demonyms)
        return doc


FACTORY = "flashpoint_places_v1"


@Language.factory(FACTORY, default_config={"gazetteer": None, "include_demonyms": False})
def make_places(nlp: Language, name: str, gazetteer: str | None, include_demonyms: bool) -> PlacesStage:
    return PlacesStage(gazetteer, include_demonyms)

"""flashpoint: news text to coded political events, fused events, tension signals and alerts.

    import flashpoint
    events = flashpoint.extract(text, date="2024-02-05")
    for result in flashpoint.extract_many(docs):
        ...
"""
from .errors import FlashpointError
from .extract import extract, extract_many
from .records import Actor, Document, DocumentResult, Event, Place, Quantity

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "Actor", "Document", "DocumentResult", "Event", "Place", "Quantity",
           "FlashpointError", "__version__"]

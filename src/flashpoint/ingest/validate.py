"""The last step of every reader: a Document that is safe to store, or the reason it is not."""
from __future__ import annotations

from .. import settings
from ..errors import DocumentTooLargeError, EmptyDocumentError
from ..records import Document
from .base import IngestFailure
from .decode import clean_text
from .language import set_language


def finish(doc: Document, source: str, *, detect_language: bool = True,
           prefer_declared: bool = True) -> Document | IngestFailure:
    """Check size and emptiness, replace control characters, fill in the language."""
    if not isinstance(doc.text, str) or not doc.text.strip():
        return IngestFailure(source, doc.id, EmptyDocumentError(f"document {doc.id!r} has no text"))
    limit = settings.get("max_doc_chars")
    if len(doc.text) > limit:
        return IngestFailure(source, doc.id, DocumentTooLargeError(
            f"document {doc.id!r} has {len(doc.text):,} characters, over the limit of {limit:,}",
            hint="split the document or raise FLASHPOINT_MAX_DOC_CHARS"))
    doc.text = clean_text(doc.text)
    if not doc.text.strip():
        return IngestFailure(source, doc.id, EmptyDocumentError(f"document {doc.id!r} has only control characters"))
    if detect_language:
        set_language(doc, prefer_declared=prefer_declared)
    return doc

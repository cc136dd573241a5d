"""The library's front door: text in, coded events out.

    >>> import flashpoint
    >>> events = flashpoint.extract("Rebels shelled Goma on Monday.", date="2024-02-05")
    >>> for result in flashpoint.extract_many(documents):   # streams, in input order
    ...     print(result.id, len(result.events))

One bad document never stops a run: it comes back as a ``DocumentResult`` whose
``error`` says what was wrong.
"""
from __future__ import annotations

import collections
import datetime as dt
import itertools
import multiprocessing
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from . import settings
from .errors import (BinaryInputError, DocumentTooLargeError, EmptyDocumentError, FlashpointError,
                     InputError, ProcessingError)
from .records import Document, DocumentResult, Event

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ExtractOptions:
    """What shapes a pipeline; workers rebuild their pipeline from it."""

    config: str | None = None
    overrides: tuple = field(default_factory=tuple)  # ((dotted.key, value), ...)
    batch_size: int = 32

    @classmethod
    def make(cls, config=None, actors=None, verbs=None, batch_size=None, **overrides: Any) -> "ExtractOptions":
        ov = dict(overrides)
        if actors:
            ov["stages.actors.user_dictionary"] = str(actors)
        if verbs:
            ov["stages.events.user_verbs"] = str(verbs)
        return cls(config=str(config) if config else None, overrides=tuple(sorted(ov.items())),
                   batch_size=batch_size or settings.get("batch_size"))


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def check_text(text: str) -> str:
    """The text the pipeline will read, or an InputError saying why there is none."""
    limit = settings.get("max_doc_chars")
    if len(text) > limit:
        raise DocumentTooLargeError(f"{len(text):,} characters, over the limit of {limit:,}",
                                    hint="split the document or raise FLASHPOINT_MAX_DOC_CHARS")
    if "\x00" in text[:4096] and text[:4096].count("\x00") > 16:
        raise BinaryInputError("the text looks binary (NUL bytes)", hint="pass extracted text, not a file's bytes")
    # control characters break nothing in spaCy but offsets must stay valid: replace 1:1
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        raise EmptyDocumentError("the document has no text")
    return text


def _pipeline(options: ExtractOptions):
    from .pipeline import get_pipeline

    return get_pipeline(options.config, dict(options.overrides))


def _process_batch(docs: list[Document], options: ExtractOptions) -> list[DocumentResult]:
    from .pipeline.assemble import to_result

    nlp = _pipeline(options)
    results: list[DocumentResult | None] = [None] * len(docs)
    ready: list[tuple[str, dict]] = []
    for i, d in enumerate(docs):
        try:
            ready.append((check_text(d.text), {"i": i, "date": parse_date(d.date)}))
        except InputError as exc:
            results[i] = DocumentResult(d.id, error=exc.to_dict())

    def run(pairs):
        for spacy_doc, ctx in pairs:
            results[ctx["i"]] = to_result(spacy_doc, docs[ctx["i"]].id)

    try:
        run(_pipe(nlp, ready, options.batch_size))
    except Exception:  # noqa: BLE001 - one document broke the batch: redo one by one to isolate it
        for text, ctx in ready:
            if results[ctx["i"]] is not None:
                continue
            try:
                run(_pipe(nlp, [(text, ctx)], 1))
            except Exception as exc:  # noqa: BLE001
                results[ctx["i"]] = DocumentResult(docs[ctx["i"]].id, error=ProcessingError(
                    f"the pipeline failed: {type(exc).__name__}: {exc}",
                    hint="re-run with --debug for the traceback and report it").to_dict())
    return results  # type: ignore[return-value]


def _pipe(nlp, pairs, batch_size):
    """nlp.pipe with the reference date set on each Doc before the stages run."""
    pairs = list(pairs)
    docs = []
    for text, ctx in pairs:
        doc = nlp.make_doc(text)
        doc._.fp_date = ctx["date"]
        docs.append(doc)
    for doc, (_, ctx) in zip(nlp.pipe(docs, batch_size=batch_size), pairs):
        yield doc, ctx


_worker_options: ExtractOptions | None = None


def _worker_init(options: ExtractOptions) -> None:
    global _worker_options
    _worker_options = options
    _pipeline(options)


def _worker_run(batch: list[Document]) -> list[DocumentResult]:
    assert _worker_options is not None
    return _process_batch(batch, _worker_options)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def as_document(item: Document | dict | str, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=str(n), text=item)
    if isinstance(item, dict):
        return Document.from_dict(item)
    raise TypeError(f"expected a Document, dict or str, got {type(item).__name__}")


def extract_many(docs: Iterable[Document | dict | str], *, workers: int = 1, batch_size: int | None = None,
                 config: str | None = None, actors: str | None = None, verbs: str | None = None,
                 **overrides: Any) -> Iterator[DocumentResult]:
    """Extract events from many documents, streaming results in input order.

    ``docs`` may hold ``Document`` records, contract dicts (``{"id", "text", "date"}``)
    or plain strings (their position becomes the id). ``workers`` > 1 runs that many
    processes, each with its own pipeline; memory stays flat in the number of documents.
    """
    options = ExtractOptions.make(config=config, actors=actors, verbs=verbs, batch_size=batch_size, **overrides)
    documents = (as_document(d, n) for n, d in enumerate(docs))
    batches = _batched(documents, options.batch_size)
    if workers <= 1:
        for batch in batches:
            yield from _process_batch(batch, options)
        return
    ctx = multiprocessing.get_context("spawn" if multiprocessing.get_start_method(True) == "spawn" else "fork")
    with ctx.Pool(workers, initializer=_worker_init, initargs=(options,)) as pool:
        # a bounded number of batches in flight: memory stays flat however long the input
        pending: collections.deque = collections.deque()
        for batch in batches:
            pending.append(pool.apply_async(_worker_run, (batch,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def extract(text: str, date: str | dt.date | None = None, **kwargs: Any) -> list[Event]:
    """Coded events of one text. Raises an InputError subclass for unusable text."""
    if isinstance(date, dt.date):
        date = date.isoformat()
    [result] = list(extract_many([Document(id="text", text=text, date=date)], **kwargs))
    if result.error:
        raise _error_from(result.error)
    return result.events


def _error_from(error: dict) -> FlashpointError:
    for cls in _all_subclasses(FlashpointError):
        if cls.code == error.get("code"):
            return cls(error.get("message", ""))
    return FlashpointError(error.get("message", ""))


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)

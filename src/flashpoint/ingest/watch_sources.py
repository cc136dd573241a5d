"""What the watch loop can poll: feed URLs (and plain page URLs), feed files, and folders.

Each yields ``(guid, item)`` pairs; a guid is what the watch state remembers so an
item is handed on once: the feed entry's GUID; for the n-th item of a page or a file,
``<key>#<n>`` where the key is ``page:<sha1 of the body>`` or
``<relative path>|<mtime_ns>|<size>`` (so an edited file is read again). When all of a
page's or file's items are out, ``(key, None)`` marks the whole of it done, so a stop
in the middle of a file resumes at the next item, not at the file's start or end.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from ..errors import DocumentTooLargeError, FetchError
from .base import IngestFailure, Options, human_bytes, url_id
from .feeds import feed_entries
from .files import KIND_BY_SUFFIX, file_id, iter_files, read_path, sniff_kind
from .urls import kind_of, read_response

Entries = Iterator[tuple]


def poll_url(url: str, st, options: Options, seen: set) -> tuple[Entries | None, dict]:
    """``(entries or None when not modified, validators to keep once all are stored)``."""
    r = options.fetcher().get(url, etag=st.etag, last_modified=st.last_modified)  # type: ignore[attr-defined]
    if r.not_modified:
        return None, {}
    validators = {"etag": r.headers.get("etag"), "last_modified": r.headers.get("last-modified")}
    if kind_of(r.content_type, r.content) == "feed":
        return feed_entries(r.content, url, options, url=url, seen_guids=seen), validators
    key = "page:" + hashlib.sha1(r.content).hexdigest()[:16]
    if key in seen:
        return iter(()), validators
    return numbered(key, read_response(r, url, options, doc_id=url_id(url)), seen), validators


def numbered(key: str, items, seen: set) -> Entries:
    for n, item in enumerate(items):
        if f"{key}#{n}" not in seen:
            yield f"{key}#{n}", item
    yield key, None


def poll_file(path: Path, st, options: Options, seen: set) -> tuple[Entries | None, dict]:
    try:
        info = path.stat()
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}") from None
    if st.mtime == info.st_mtime:
        return None, {}
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        with open(path, "rb") as fh:
            kind = sniff_kind(fh.read(8192))
    if kind != "feed":
        key = f"{path.name}|{info.st_mtime_ns}|{info.st_size}"
        return numbered(key, read_path(path, options, doc_id=file_id(path)), seen), {"mtime": info.st_mtime}
    if info.st_size > options.max_bytes:  # type: ignore[operator]
        raise DocumentTooLargeError(f"{path}: {human_bytes(info.st_size)}, over the "
                                    f"{human_bytes(options.max_bytes)} limit")  # type: ignore[arg-type]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}") from None
    return feed_entries(data, str(path), options, seen_guids=seen), {"mtime": info.st_mtime}


def poll_folder(root: Path, options: Options, seen: set) -> Entries:
    base = root.resolve().name
    for file in iter_files(root, options.recursive):
        try:
            info = file.stat()
        except OSError:
            continue
        rel = file.relative_to(root).as_posix()
        key = f"{rel}|{info.st_mtime_ns}|{info.st_size}"
        if key in seen:
            continue
        yield from numbered(key, read_path(file, options, doc_id=f"{base}/{rel}" if base else rel), seen)


def poll_source(source: str, st, options: Options, seen: set) -> tuple[Entries | None, dict]:
    """Dispatch on what ``source`` is; raises FetchError/DocumentTooLargeError for the whole source."""
    if source.lower().startswith(("http://", "https://")):
        return poll_url(source, st, options, seen)
    path = Path(source)
    if path.is_dir():
        return poll_folder(path, options, seen), {}
    return poll_file(path, st, options, seen)


def whole_source_failure(guid, item) -> bool:
    """A feed that failed as a whole (not a feed, entity payload) comes back with no guid."""
    return guid is None and isinstance(item, IngestFailure)

"""Polling feeds (and page URLs, feed files, folders): fetch with ETag/Last-Modified, hand only new entries to a sink, back off on errors.

    from flashpoint.ingest.watch import Watcher

    watcher = Watcher(["https://example.org/feed.xml"], sink=store_items, every=900,
                      state_path="flashpoint.duckdb.watch.json")
    watcher.run(stop_event)          # until stop_event is set (SIGINT/SIGTERM in the CLI)

``sink(items)`` receives a list of ``Document`` / ``IngestFailure`` and must store them
before returning; only then are their GUIDs remembered, so an item that was fetched is
never lost: if the process stops first, the next poll fetches it again. State (per feed:
ETag, Last-Modified, the GUIDs seen, the error count and next poll time) is a small JSON
file written atomically after every sink call. A feed that fails waits ``every * 2**n``
(at most ``max_backoff``) before its next try; its error goes to the sink as an
``IngestFailure`` so it is stored like any other.
"""
from __future__ import annotations

import json
import logging
import os
import re
import signal
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import ConfigError, FlashpointError, InputError
from .base import IngestFailure, Options
from .watch_sources import poll_source, whole_source_failure

log = logging.getLogger("flashpoint.watch")
Sink = Callable[[list], object]
MAX_GUIDS = 20_000          # per source; a feed carries tens of entries, a watched folder one key per file
SINK_BATCH = 16             # entries handed to the sink at a time
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {None: 1, "ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_duration(text: str | float | int) -> float:
    """``"15m"`` -> 900.0; ``"30s"``, ``"2h"``, ``"1d"``, a bare number of seconds."""
    if isinstance(text, (int, float)):
        seconds = float(text)
    else:
        m = _DURATION.match(text or "")
        if not m:
            raise ConfigError(f"not a duration: {text!r}", hint="use e.g. 30s, 15m, 2h")
        seconds = float(m.group(1)) * _UNIT[(m.group(2) or "").lower() or None]
    if seconds <= 0:
        raise ConfigError(f"the interval must be positive, got {text!r}")
    return seconds


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    mtime: float | None = None              # local feed files
    guids: list[str] = field(default_factory=list)
    errors: int = 0
    next_poll: float = 0.0
    last_poll: float | None = None
    last_result: str | None = None


class WatchState:
    """Per-feed state in a JSON file (written atomically: temp file, then rename)."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.feeds: dict[str, FeedState] = {}
        if self.path and self.path.exists():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                known = set(FeedState.__dataclass_fields__)
                self.feeds = {url: FeedState(**{k: v for k, v in s.items() if k in known})
                              for url, s in raw.get("feeds", {}).items()}
            except (ValueError, TypeError, AttributeError) as exc:
                log.warning("watch state %s unreadable (%s); starting afresh", self.path, exc)

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        if not self.path:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        data = {"version": 1, "feeds": {u: asdict(s) for u, s in self.feeds.items()}}
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


@dataclass
class PollResult:
    feed: str
    new: int = 0
    failed: int = 0
    not_modified: bool = False
    error: Exception | None = None      # an InputError for the feed, or what the sink raised
    interrupted: bool = False


class Watcher:
    def __init__(self, feeds: Iterable[str], sink: Sink, *, every: float | str = 900,
                 state_path: str | Path | None = None, options: Options | None = None,
                 max_backoff: float | str = 6 * 3600):
        self.feeds = list(dict.fromkeys(str(f) for f in feeds))
        if not self.feeds:
            raise ConfigError("no feed to watch", hint="name at least one feed URL or file")
        self.sink, self.every = sink, parse_duration(every)
        self.max_backoff = max(parse_duration(max_backoff), self.every)
        self.state = WatchState(state_path)
        for feed in self.feeds:  # a (re)start polls every feed at once; the error count carries over
            self.state.feed(feed).next_poll = 0.0
        self.options = options or Options()
        self.stop = threading.Event()

    # -- one feed ---------------------------------------------------------------------
    def poll_feed(self, feed: str) -> PollResult:
        st, result = self.state.feed(feed), PollResult(feed)
        st.last_poll = time.time()
        seen = set(st.guids)
        try:
            entries, validators = poll_source(feed, st, self.options, seen)
        except InputError as exc:
            return self._failed(feed, st, result, exc)
        if entries is None:
            result.not_modified = True
            self._succeeded(st, "not modified")
            return result
        pending: list[tuple[str | None, object]] = []
        try:
            for guid, item in entries:
                if whole_source_failure(guid, item):  # not a feed, an entity payload, ...
                    return self._failed(feed, st, result, item.error)
                pending.append((guid, item))
                if len(pending) >= SINK_BATCH:
                    self._deliver(st, pending, result)
                if self.stop.is_set():
                    result.interrupted = True
                    break
            self._deliver(st, pending, result)
        except Exception as exc:  # noqa: BLE001 - the sink (store locked, disk full) or a reader bug
            return self._sink_failed(feed, st, result, exc)
        if not result.interrupted:  # validators only once every entry is stored
            for key, value in validators.items():
                setattr(st, key, value)
        self._succeeded(st, f"{result.new} new, {result.failed} failed")
        return result

    def _deliver(self, st: FeedState, pending: list, result: PollResult) -> None:
        if not pending:
            return
        items = [item for _, item in pending if item is not None]  # None: a "file done" marker
        if items:
            self.sink(items)
        for guid, item in pending:
            if item is None:  # the whole page/file is done: its per-item guids are redundant now
                prefix = guid + "#"
                st.guids[:] = [g for g in st.guids if not g.startswith(prefix)]
            st.guids.append(guid)
            if isinstance(item, IngestFailure):
                result.failed += 1
            elif item is not None:
                result.new += 1
        del st.guids[:-MAX_GUIDS]
        pending.clear()
        self.state.save()

    def _failed(self, feed: str, st: FeedState, result: PollResult, exc: InputError) -> PollResult:
        st.errors += 1
        delay = min(self.every * 2 ** st.errors, self.max_backoff)
        st.next_poll = time.time() + delay
        st.last_result = f"error [{exc.code}] {exc}"
        result.error = exc
        self.state.save()
        try:
            self.sink([IngestFailure(feed, None, exc)])
        except Exception as sink_exc:  # noqa: BLE001 - the error is logged below either way
            log.error("%s: the error could not be stored either: %s", feed, sink_exc)
        log.warning("%s: error [%s] %s; next try in %s", feed, exc.code, exc, _fmt(delay))
        return result

    def _sink_failed(self, feed: str, st: FeedState, result: PollResult, exc: Exception) -> PollResult:
        """Nothing after the last stored batch is remembered: those entries come again next time."""
        st.errors += 1
        delay = min(self.every * 2 ** st.errors, self.max_backoff)
        st.next_poll = time.time() + delay
        code = getattr(exc, "code", type(exc).__name__)
        st.last_result = f"error [{code}] {exc}"
        result.error = exc
        self.state.save()
        log.error("%s: storing failed: [%s] %s; next try in %s", feed, code, exc, _fmt(delay),
                  exc_info=not isinstance(exc, FlashpointError))
        return result

    def _succeeded(self, st: FeedState, what: str) -> None:
        st.errors, st.next_poll, st.last_result = 0, time.time() + self.every, what
        self.state.save()

    # -- the loop ---------------------------------------------------------------------
    def poll_due(self) -> list[PollResult]:
        """Poll every feed whose time has come (all of them on the first call)."""
        results = []
        for feed in self.feeds:
            if self.stop.is_set():
                break
            if self.state.feed(feed).next_poll <= time.time():
                started = time.monotonic()
                r = self.poll_feed(feed)
                if not r.error:
                    log.info("%s: %s (%.1f s)", feed, "not modified" if r.not_modified else
                             f"{r.new} new, {r.failed} failed" + (", interrupted" if r.interrupted else ""),
                             time.monotonic() - started)
                results.append(r)
        return results

    def run(self, stop: threading.Event | None = None, *, max_polls: int | None = None) -> None:
        """Poll until ``stop`` is set (or ``max_polls`` rounds); never raises for a feed's error."""
        if stop is not None:
            self.stop = stop
        rounds = 0
        log.info("watching %d feed(s) every %s", len(self.feeds), _fmt(self.every))
        try:
            while not self.stop.is_set():
                self.poll_due()
                rounds += 1
                if max_polls is not None and rounds >= max_polls:
                    break
                wake = min(self.state.feed(f).next_poll for f in self.feeds)
                self.stop.wait(max(0.0, min(wake - time.time(), self.every)))
        finally:
            self.state.save()
            log.info("watch stopped after %d round(s)", rounds)


def watch(feeds: Iterable[str], *, sink: Sink, stop: threading.Event | None = None,
          interval: float | str | None = None, every: float | str | None = None,
          state_path: str | Path | None = None, options: Options | None = None,
          max_backoff: float | str = 6 * 3600) -> None:
    """Poll ``feeds`` until ``stop`` is set, handing new items to ``sink`` (for a thread in a server).

    ``interval`` and ``every`` are synonyms (seconds or "15m"); ``state_path`` keeps the
    ETags and GUIDs across restarts (without it they live in memory only).
    """
    watcher = Watcher(feeds, sink, every=every or interval or 900, state_path=state_path, options=options,
                      max_backoff=max_backoff)
    try:
        watcher.run(stop)
    finally:
        if options is None:
            watcher.options.close()


def install_signal_handlers(stop: threading.Event) -> Callable[[], None]:
    """SIGINT/SIGTERM set ``stop`` (the item in hand is finished first); returns a restore function."""
    previous = {}

    def handler(signum, _frame):
        log.info("%s received: stopping after the current item", signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)

    def restore():
        for sig, old in previous.items():
            signal.signal(sig, old)
    return restore


def _fmt(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"

"""The FastAPI application: the REST API under ``/api`` and the dashboard at ``/``.

    from flashpoint.api import create_app
    app = create_app("flashpoint.duckdb")          # read-only unless FLASHPOINT_TOKEN is set
"""
from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import StoreError
from . import queries, series
from .db import Database
from .security import BodyLimit, SecurityHeaders, require_token

MAX_PAGE = 500
MAX_BODY = 5 * 1024 * 1024
MAX_POST_DOCUMENTS = 100
_UNSET: Any = object()
TYPE_PATTERN = r"^[A-Za-z0-9 /,.()'&-]*$"  # type names and CAMEO codes; no LIKE wildcards (% _)

Since = Query(None, description="first day (YYYY-MM-DD), inclusive")
Until = Query(None, description="last day (YYYY-MM-DD), inclusive")
Limit = Query(50, ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")
Offset = Query(0, ge=0, le=10_000_000)
Code = Query(None, max_length=64, description="ISO 3166-1 alpha-3 code (or an organisation code such as NATO)")
DyadQ = Query(None, max_length=64, description="a country pair, e.g. SRB-XKX (either order)")


class DocumentIn(BaseModel):
    """One document of the extraction contract; other fields are kept as metadata."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=512)
    text: str
    date: str | None = Field(None, description="publication date, YYYY-MM-DD")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None


def web_dir() -> Path:
    return Path(str(resources.files("flashpoint").joinpath("web")))


def create_app(db: str | Path | Database = ":memory:", *, token: str | None = _UNSET, writable: bool | None = None,
               max_body: int = MAX_BODY, extract: Callable | None = None) -> FastAPI:
    """The app over ``db`` (a path or an open ``Database``). ``token`` defaults to the
    ``FLASHPOINT_TOKEN`` environment variable; writes are refused without one.
    ``extract`` (documents -> ``DocumentResult``s) codes posted documents; default
    ``flashpoint.extract_many``."""
    if token is _UNSET:
        token = os.environ.get("FLASHPOINT_TOKEN") or None
    if not isinstance(db, Database):
        db = Database(db, writable=bool(token) if writable is None else writable)
    app = FastAPI(title="flashpoint", version=__version__, docs_url=None, redoc_url=None,
                  description="Coded political events, fused across outlets, tension signals and alerts. "
                              "Read-only unless the server has FLASHPOINT_TOKEN set; writes then need "
                              "`Authorization: Bearer <token>`.")
    app.state.db = db
    app.state.token = token
    app.state.extract = extract
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so 413s get the headers too
    app.add_exception_handler(StoreError, _store_error)
    _routes(app, db)
    web = web_dir()

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="flashpoint API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/favicon.svg")

    app.mount("/", StaticFiles(directory=web, html=True), name="web")
    return app


async def _store_error(request, exc: StoreError):
    """The database is busy (another process writes) or unreadable: 503, retry later."""
    return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=503, headers={"Retry-After": "2"})


def _routes(app: FastAPI, db: Database) -> None:
    def found(item, what):
        if item is None:
            raise HTTPException(404, f"no such {what}")
        return item

    @app.get("/api/health", tags=["meta"])
    def health():
        return {"status": "ok", "version": __version__, "writable": db.writable and bool(app.state.token)}

    @app.get("/api/facets", tags=["meta"], summary="Countries, event types and the date range in the store")
    def facets():
        with db.session() as s:
            return series.facets(s)

    @app.get("/api/events", tags=["events"], summary="Fused events, newest first")
    def events(since: dt.date | None = Since, until: dt.date | None = Until, country: str | None = Code,
               dyad: str | None = DyadQ,
               type: str | None = Query(None, max_length=64, pattern=TYPE_PATTERN,
                                        description="PLOVER type, ACLED event or sub-event type, or CAMEO prefix"),
               min_fatalities: int | None = Query(None, ge=0, le=10_000_000), limit: int = Limit,
               offset: int = Offset):
        f = queries.EventFilter(since, until, country, dyad, type, min_fatalities)
        key = ("events", *f.key(), limit, offset)
        with db.session() as s:
            # Dashboard users ask the same pages again and again; until the data changes
            # (s.version) the answer is the same bytes. The page is JSON-ready already:
            # skipping FastAPI's encoder cuts ~6 ms off a 100-event page.
            body = db.cache.get(s.version, key)
            if body is None:
                body = JSONResponse(queries.list_events(s, f, limit, offset, counts=db.counts)).body
                db.cache.put(s.version, key, body)
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event with its mentions, evidence spans and source documents")
    def event(event_id: str):
        with db.session() as s:
            return found(queries.get_event(s, event_id[:256]), "event")

    @app.get("/api/dyads", tags=["signals"], summary="Country pairs ranked by recent escalation")
    def dyads(window: int = Query(14, ge=1, le=366, description="days counted as recent (against as many before)"),
              as_of: dt.date | None = Query(None, description="reference day (default: latest event date)"),
              limit: int = Query(100, ge=1, le=MAX_PAGE)):
        with db.session() as s:
            return queries.list_dyads(s, window, as_of, limit)

    @app.get("/api/signals", tags=["signals"], summary="Tension series of one dyad, country or admin-1 region")
    def signals(dyad: str | None = DyadQ, country: str | None = Code,
                scope: Literal["dyad", "pair", "country", "admin1"] | None = None,
                key: str | None = Query(None, max_length=128), since: dt.date | None = Since,
                until: dt.date | None = Until, freq: Literal["day", "week", "month"] = "day",
                trim: bool = Query(True, description="drop empty periods before the first and after the last "
                                                     "event (3 kept as context)")):
        if dyad:
            scope, key = "pair", dyad
        elif country:
            scope, key = "country", country
        if not scope or not key:
            raise HTTPException(422, "pass dyad=, country=, or scope= with key=")
        with db.session() as s:
            return series.signals(s, scope, key, since, until, freq, trim)

    @app.get("/api/alerts", tags=["signals"], summary="Escalation alerts, newest first")
    def alerts(scope: Literal["dyad", "pair", "country", "admin1"] | None = None,
               key: str | None = Query(None, max_length=128), dyad: str | None = DyadQ, country: str | None = Code,
               since: dt.date | None = Since, until: dt.date | None = Until, limit: int = Limit,
               offset: int = Offset):
        if dyad:
            scope, key = "pair", dyad
        elif country:
            scope, key = "country", country
        with db.session() as s:
            return series.alerts(s, scope, key, since, until, limit, offset)

    @app.get("/api/documents", tags=["documents"], summary="Stored documents, newest first")
    def documents(since: dt.date | None = Since, until: dt.date | None = Until,
                  source: str | None = Query(None, max_length=256), limit: int = Limit, offset: int = Offset):
        with db.session() as s:
            return series.documents(s, since, until, source, limit, offset)

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="One stored document with its text")
    def document(doc_id: str):
        with db.session() as s:
            return found(series.document(s, doc_id[:512]), "document")

    @app.post("/api/documents", tags=["documents"], dependencies=[Depends(require_token)],
              summary="Code and store one document or a list (needs the bearer token)")
    def post_documents(body: DocumentIn | list[DocumentIn]):
        from ..records import Document
        from .writes import store_documents

        items = body if isinstance(body, list) else [body]
        if not items:
            raise HTTPException(422, "no documents")
        if len(items) > MAX_POST_DOCUMENTS:
            raise HTTPException(413, f"at most {MAX_POST_DOCUMENTS} documents per request")
        if not (db.writable and db.hold):
            raise HTTPException(503, "the database is open read-only in this server")
        docs = [Document.from_dict(d.model_dump(exclude_none=True)) for d in items]
        return store_documents(db, docs, app.state.extract)

"""``flashpoint serve``: the REST API and the dashboard on one local port."""
from __future__ import annotations

import click

from .. import settings


@click.command("serve")
@click.option("--db", default=lambda: settings.get("db"), show_default="flashpoint.duckdb",
              help="The database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (keep 127.0.0.1 unless a proxy with TLS sits in front).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--watch", "feeds", multiple=True, metavar="FEED",
              help="Also poll this feed/URL/directory and ingest new items in the server (repeatable).")
@click.option("--every", default="15m", show_default=True, help="Poll interval of the --watch feeds (30s, 15m, 2h).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve_command(db, host, port, feeds, every, log_level):
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a database.

    Read-only by default: the database is opened read-only while requests come and let
    go of after a second without any, so `flashpoint watch` or `flashpoint ingest` can
    write to it meanwhile. With FLASHPOINT_TOKEN set (POST /api/documents then needs
    "Authorization: Bearer <token>") or with --watch, the server opens it once for
    writing and other processes cannot open it until the server stops.
    """
    from ..api.server import serve

    serve(db, host=host, port=port, feeds=feeds, every=every, log_level=log_level, echo=lambda t: click.echo(t, err=True))


COMMANDS = [serve_command]

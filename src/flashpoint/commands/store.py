"""Store commands: ``ingest``, ``events``, ``signals``, ``alerts``, ``documents``.

Each opens the database given by ``--db`` (default: ``$FLASHPOINT_DB`` or
``./flashpoint.duckdb``), does one thing through ``flashpoint.store.Store`` and closes it.
"""
from __future__ import annotations

import json
import sys

import click

from .. import settings
from ..progress import Progress

_TABLE_EVENTS = ["event_id", "date", "plover", "cameo", "quad_class", "dyad", "actor_text", "recipient_text",
                 "place_name", "country", "fatalities", "source_count", "text"]


def db_option(f):
    return click.option("--db", "db", default=lambda: settings.get("db"), show_default="$FLASHPOINT_DB or flashpoint.duckdb",
                        help="The database file.")(f)


def _open(db, read_only=False, timeout=10.0):
    from ..store import Store

    return Store(db, read_only=read_only, timeout=timeout)


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--workers", type=int, default=lambda: settings.get("workers"), show_default="1",
              help="Extraction worker processes.")
@click.option("--batch-size", type=int, default=64, show_default=True, help="Documents per transaction.")
@click.option("--wait", type=float, default=30.0, show_default=True,
              help="Seconds to wait for another process holding the database.")
def ingest_command(sources, db, workers, batch_size, wait):
    """Read SOURCES (files, folders, JSONL, URLs), extract events, store and fuse them.

    Re-ingesting a document stores nothing new; changed text under a known id or URL
    becomes a new version. Failed documents are stored with their error.
    """
    if batch_size < 1 or workers < 1:
        raise click.BadParameter("--batch-size and --workers must be at least 1")
    with _open(db, timeout=wait) as store, Progress("ingest") as progress:
        summary = store.ingest(list(sources), workers=workers, batch_size=batch_size, progress=progress)
    for f in summary.failures[:20]:
        click.echo(f"{f.get('id') or '-'}: error [{f.get('code')}] {f.get('message')}", err=True)
    if len(summary.failures) > 20:
        click.echo(f"... and {len(summary.failures) - 20} more failed documents", err=True)
    click.echo(summary.line())


def _write_or_show(df, output, fmt, columns=None):
    from ..store.output import show, write

    if output:
        write(df, output, fmt)
    elif fmt:
        write(df, "-", fmt)
    else:
        click.echo(show(df, columns))


@click.command("events")
@db_option
@click.option("--since", help="First event date (YYYY-MM-DD).")
@click.option("--until", help="Last event date (YYYY-MM-DD).")
@click.option("--country", help="ISO3 code(s), comma-separated: where it happened or either actor.")
@click.option("--dyad", help="Country pair A-B (either direction).")
@click.option("--type", "type_", help="PLOVER type, CAMEO code prefix or ACLED event type.")
@click.option("--min-fatalities", type=int)
@click.option("--min-sources", type=int, help="Only events reported by at least N outlets.")
@click.option("--limit", type=int)
@click.option("-o", "--output", help="Write to FILE (.csv, .tsv, .jsonl, .json, .parquet) instead of a table.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "jsonl", "json", "parquet",
                                                    "gdelt", "acled", "plover"]),
              help="Output format (default: by the file's extension, else a table).")
def events_command(db, since, until, country, dyad, type_, min_fatalities, min_sources, limit, output, fmt):
    """List fused events, filtered; export as CSV/JSONL/Parquet or GDELT, ACLED, PLOVER."""
    from ..store import exports
    from ..store.output import file_format, write

    with _open(db, read_only=True) as store:
        df = store.events(since=since, until=until, country=country, dyad=dyad, type=type_,
                          min_fatalities=min_fatalities, min_sources=min_sources, limit=limit)
        if fmt == "gdelt":
            out = exports.to_gdelt(store.con, df)
            write(out, output or "-", file_format(output, "tsv") if output else "tsv")
            return
        if fmt == "acled":
            write(exports.to_acled(store.con, df), output or "-", file_format(output) if output else "csv")
            return
        if fmt == "plover":
            records = exports.to_plover(store.con, df)
            stream = open(output, "w", encoding="utf-8") if output else sys.stdout
            try:
                for rec in records:
                    stream.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            finally:
                if output:
                    stream.close()
            return
    _write_or_show(df, output, None if fmt == "table" else fmt, _TABLE_EVENTS)


@click.command("signals")
@db_option
@click.option("--country", help="ISO3 code: one country's series.")
@click.option("--admin1", help="COUNTRY/Region: one admin-1 region's series (e.g. UKR/Donetsk).")
@click.option("--dyad", help="Country pair A-B (directed: A acting on B; add --undirected for both ways).")
@click.option("--undirected", is_flag=True, help="Treat --dyad as an unordered pair.")
@click.option("--scope", type=click.Choice(["country", "admin1", "dyad", "pair"]),
              help="All series of a scope (default: country).")
@click.option("--freq", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--since")
@click.option("--until")
@click.option("-o", "--output", help="Write to FILE (.csv, .jsonl, .parquet) instead of a table.")
def signals_command(db, country, admin1, dyad, undirected, scope, freq, since, until, output):
    """Tension signals: events by quad class, Goldstein sum/mean, material-conflict share, fatalities."""
    key = country or admin1 or dyad
    if country:
        scope = "country"
    elif admin1:
        scope = "admin1"
    elif dyad:
        scope = "pair" if undirected else "dyad"
    with _open(db, read_only=True) as store:
        df = store.signals(scope=scope or "country", key=key, freq=freq, since=since, until=until)
    _write_or_show(df, output, None)


@click.command("alerts")
@db_option
@click.option("--since", help="Only alerts for periods from this date.")
@click.option("--scope", type=click.Choice(["country", "pair", "admin1"]))
@click.option("--key", help="Country code or pair (A-B).")
@click.option("--limit", type=int)
@click.option("-o", "--output", help="Write to FILE (.csv, .jsonl, .parquet) instead of a list.")
def alerts_command(db, since, scope, key, limit, output):
    """Escalation alerts: periods far above a country's or pair's own baseline."""
    if key and scope == "pair":
        key = "-".join(sorted(key.upper().split("-", 1)))
    with _open(db, read_only=True) as store:
        df = store.alerts(since=since, scope=scope, key=key, limit=limit)
    if output:
        _write_or_show(df, output, None)
        return
    if df.empty:
        click.echo("(no alerts)")
    for a in df.to_dict("records"):
        click.echo(f"[{a['severity']}] {a['reason']}")


@click.command("documents")
@db_option
@click.option("--status", help="ok, failed, unsupported-language ...")
@click.option("--since")
@click.option("--until")
@click.option("-q", "--query", "q", help="Search titles and text.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions.")
@click.option("--limit", type=int)
@click.option("-o", "--output", help="Write to FILE (.csv, .jsonl, .parquet) instead of a table.")
def documents_command(db, status, since, until, q, all_versions, limit, output):
    """List stored documents with their status and error."""
    with _open(db, read_only=True) as store:
        df = store.documents(status=status, since=since, until=until, q=q, current_only=not all_versions, limit=limit)
    _write_or_show(df, output, None, ["id", "version", "published", "source", "status", "error_code", "n_mentions",
                                      "title"])


COMMANDS = [ingest_command, events_command, signals_command, alerts_command, documents_command]

"""``flashpoint extract IN -o OUT``: the contract's JSONL in, JSONL out."""
from __future__ import annotations

import collections
import sys
from typing import Iterator

import click

from .. import settings
from ..extract import extract_many
from ..jsonl import BadLine, dumps, read_documents
from ..progress import Progress
from ..records import Document, DocumentResult


def _open_in(path: str):
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise click.FileError(path, hint=exc.strerror) from exc


def _results(items, **kwargs) -> Iterator[DocumentResult]:
    """One extraction stream over the good lines; bad lines come back as error results in place."""
    queue: collections.deque = collections.deque()

    def documents():
        for item in items:
            queue.append(item)
            if isinstance(item, Document):
                yield item

    def bad(line: BadLine) -> DocumentResult:
        return DocumentResult(line.id, error=line.error.to_dict())

    for result in extract_many(documents(), **kwargs):
        while isinstance(queue[0], BadLine):
            yield bad(queue.popleft())
        queue.popleft()
        yield result
    while queue:
        yield bad(queue.popleft())


@click.command("extract")
@click.argument("input_path", metavar="IN", default="-")
@click.option("-o", "--output", "output_path", default="-", show_default=True, help="Output JSONL file, - for stdout.")
@click.option("--batch-size", type=int, default=lambda: settings.get("batch_size"), show_default="16",
              help="Documents per nlp.pipe batch.")
@click.option("--workers", type=int, default=lambda: settings.get("workers"), show_default="1",
              help="Worker processes.")
@click.option("--actors", "actors", type=click.Path(exists=True, dir_okay=False),
              help="User actor dictionary (CSV: pattern,country,sector[,valid_from,valid_to]); takes precedence.")
@click.option("--verbs", "verbs", type=click.Path(exists=True, dir_okay=False),
              help="User event-word dictionary (CSV: term,pos,cameo[,weight]); takes precedence.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="Pipeline config (see default.cfg).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on a Dask cluster; IN may be JSONL/Parquet files, a folder or a glob; "
                   "-o is a folder of Parquet parts (see docs/performance.md).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler (tcp://host:8786) for --engine dask; default: a local cluster of --workers.")
def extract_command(input_path, output_path, batch_size, workers, actors, verbs, config, engine, scheduler):
    """Code the events in a JSONL file of documents ({"id", "text", "date"} per line).

    Writes one JSON line per input line, in order: {"id", "events", "places", "error"}.
    A bad line gets an error object and the run goes on.
    """
    if batch_size < 1 or workers < 1:
        raise click.BadParameter("--batch-size and --workers must be at least 1")
    if engine == "dask":
        from ..engines.dask import run_cli

        return run_cli(input_path, output_path, scheduler=scheduler, workers=workers, batch_size=batch_size,
                       actors=actors, verbs=verbs, config=config)
    source = _open_in(input_path)
    out = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")
    failed = 0
    try:
        with Progress("extract") as progress:
            for result in _results(read_documents(source), batch_size=batch_size, workers=workers,
                                   actors=actors, verbs=verbs, config=config):
                if result.error:
                    failed += 1
                    click.echo(f"{result.id or '-'}: error [{result.error['code']}] {result.error['message']}", err=True)
                out.write(dumps(result.to_dict()) + "\n")
                progress.advance()
    finally:
        if out is not sys.stdout:
            out.close()
        if source is not sys.stdin.buffer:
            source.close()


COMMANDS = [extract_command]

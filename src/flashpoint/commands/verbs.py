"""``flashpoint verbs``: convert PETRARCH/TABARI verb dictionaries for ``extract --verbs``."""
from __future__ import annotations

import sys

import click

from ..errors import DictionaryError


@click.group("verbs")
def verbs_group():
    """Verb (event word) dictionaries: convert PETRARCH/TABARI files."""


@verbs_group.command("convert-petr")
@click.argument("verbs_path", metavar="PETR_VERBS", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output_path", default="-", show_default=True, help="Output CSV, - for stdout.")
@click.option("--quiet", is_flag=True, help="Do not list the lines that were skipped.")
def convert_petr(verbs_path, output_path, quiet):
    """Convert a PETRARCH verb dictionary (--- VERB [code] --- blocks, patterns, synsets)
    into flashpoint's verb CSV (term,pos,cameo,weight), usable with `extract --verbs`.

    Bad lines are skipped with a warning; the conversion never stops on content.
    """
    from ..verbs import convert_verbs, parse_verbs, read_lines, write_csv

    try:
        lines = read_lines(verbs_path)
    except OSError as exc:
        raise DictionaryError(f"cannot read {verbs_path}: {exc.strerror}", hint="check the path") from exc
    result = convert_verbs(parse_verbs(lines, source=verbs_path), source=verbs_path)
    try:
        out = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise DictionaryError(f"cannot write {output_path}: {exc.strerror}", hint="check the output path") from exc
    try:
        write_csv(result.rows, out, source=verbs_path)
    finally:
        if out is not sys.stdout:
            out.close()
    if not quiet:
        for w in result.warnings:
            click.echo(f"warning: {w}", err=True)
    nulls = sum(1 for r in result.rows if r.cameo == "---")
    click.echo(f"{len(result.rows)} rows written ({nulls} no-event) from {result.verbs} verbs and "
               f"{result.patterns} patterns, {len(result.warnings)} lines skipped", err=True)


COMMANDS = [verbs_group]

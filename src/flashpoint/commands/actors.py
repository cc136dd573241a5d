"""``flashpoint actors``: convert PETRARCH dictionaries, look up how a text is coded."""
from __future__ import annotations

import sys

import click

from ..errors import DictionaryError


@click.group("actors")
def actors_group():
    """Actor dictionaries: convert PETRARCH/TABARI files, test lookups."""


@actors_group.command("convert-petr")
@click.argument("actors_path", metavar="PETR_ACTORS", type=click.Path(dir_okay=False))
@click.option("--agents", "agents_path", type=click.Path(dir_okay=False),
              help="A PETRARCH agents dictionary: its nouns become sector-only rows.")
@click.option("-o", "--output", "output_path", default="-", show_default=True, help="Output CSV, - for stdout.")
@click.option("--quiet", is_flag=True, help="Do not list the lines that were skipped.")
def convert_petr(actors_path, agents_path, output_path, quiet):
    """Convert a PETRARCH actor dictionary (NAME [CODE] lines) into flashpoint's actor CSV
    (pattern,country,sector,valid_from,valid_to), usable with `extract --actors`.

    Bad lines are skipped with a warning; the conversion never stops on content.
    """
    from ..actors.petr import convert_actors, convert_agents, read_lines, write_csv

    def lines(path):
        try:
            return read_lines(path)
        except OSError as exc:
            raise DictionaryError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc

    result = convert_actors(lines(actors_path), source=actors_path)
    rows, warnings = list(result.rows), list(result.warnings)
    if agents_path:
        agents = convert_agents(lines(agents_path), source=agents_path)
        rows += agents.rows
        warnings += agents.warnings
    out = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8", newline="")
    try:
        write_csv(rows, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if not quiet:
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
    click.echo(f"{len(rows)} rows written, {len(warnings)} lines skipped, "
               f"{result.skipped_null} uncoded ([---]) entries left out", err=True)


@actors_group.command("lookup")
@click.argument("text")
@click.option("--actors", "actors_path", type=click.Path(exists=True, dir_okay=False),
              help="User actor dictionary (CSV), loaded on top of the built-in ones.")
@click.option("--date", "date", help="Reference date YYYY-MM-DD for dated entries.")
def lookup(text, actors_path, date):
    """Show the actors flashpoint finds in TEXT, one per line: text, country, sector."""
    import spacy

    from ..extract import parse_date
    from ..pipeline import load_config  # importing the package registers the stage factories

    nlp = spacy.load(load_config()["nlp"]["model"], exclude=["ner"])
    nlp.add_pipe("flashpoint_actors_v1", config={"user_dictionary": actors_path})
    doc = nlp.make_doc(text)
    doc._.fp_date = parse_date(date)
    doc = nlp(doc)
    for m in doc._.fp_actors:
        click.echo(f"{m.text}\t{m.country or '-'}\t{m.sector or '-'}\t{m.origin}")


COMMANDS = [actors_group]

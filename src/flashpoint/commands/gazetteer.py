"""``flashpoint gazetteer build|load|lookup``: the place index the geoparser reads."""
from __future__ import annotations

from pathlib import Path

import click

from ..geo import Gazetteer, ensure_built
from ..geo.gazetteer import default_path
from ..geo.geonames import load as load_geonames


@click.group("gazetteer")
def gazetteer_group():
    """Build, extend and query the offline place index (under FLASHPOINT_HOME)."""


@gazetteer_group.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the index exists (drops loaded GeoNames data).")
def build_command(force):
    """Build the index from packaged data (seconds; done automatically on first use)."""
    path = ensure_built(default_path(), force=force)
    click.echo(f"gazetteer index: {path}")


@gazetteer_group.command("load")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load_command(source):
    """Add a GeoNames dump (allCountries.zip, cities500.zip, XK.zip or XK.txt) to the index."""
    path = ensure_built(default_path())
    count = load_geonames(source, path)
    click.echo(f"loaded {count} places from {source} into {path}")


@gazetteer_group.command("lookup")
@click.argument("name")
@click.option("--limit", type=int, default=10, show_default=True, help="Most places to list.")
def lookup_command(name, limit):
    """List the places called NAME (any case or accents), best-known first."""
    from ..geo.countries import iso3

    cands = Gazetteer.default().lookup(name)
    if not cands:
        click.echo(f"no place called {name!r}")
        return
    for c in sorted(cands, key=lambda c: (c.kind, -c.population))[:limit]:
        click.echo(f"{c.name}\t{c.lat:.4f}\t{c.lon:.4f}\t{iso3(c.cc) or '-'}\t{c.admin1 or '-'}\t{c.feature}\t"
                   f"{c.population}\t{c.geonames_id or '-'}")


COMMANDS = [gazetteer_group]

"""The ``flashpoint`` command: a thin layer over the library.

Each module in ``flashpoint.commands`` contributes click commands through a module-level
``COMMANDS`` list, so a new command is a new file. The CLI only parses arguments and
turns library exceptions into one readable line (a traceback only with ``--debug``).
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from . import __version__, commands, settings
from .errors import FlashpointError


class FlashpointGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FlashpointError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error [{exc.code}]: {exc}", err=True)
            sys.exit(2 if exc.code.startswith("E0") else 1)


def _print_settings(ctx, _param, value):
    if not value or ctx.resilient_parsing:
        return
    for s in settings.SETTINGS:
        click.echo(f"{s.name:22} {s.default!r:28} {s.env:32} {s.help}")
    ctx.exit()


@click.group(cls=FlashpointGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashpoint")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("--help-settings", is_flag=True, expose_value=False, is_eager=True, callback=_print_settings,
              help="List every setting, its default and its environment variable.")
@click.pass_context
def main(ctx, debug):
    """flashpoint: news text to coded political events, fused events, tension signals and alerts."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


_load_commands()

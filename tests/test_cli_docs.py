"""The CLI stays documented: every command answers --help, and every command the README
names exists."""
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def all_commands(group=main, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if hasattr(command, "commands"):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", list(all_commands()), ids=lambda p: " ".join(p))
def test_cli_every_command_has_help(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = main
    for name in path:
        command = command.commands[name]
    assert (command.help or command.short_help or "").strip(), f"{' '.join(path)} has no help text"


def test_cli_readme_names_only_existing_commands():
    named = set(re.findall(r"`flashpoint ([a-z][a-z-]*)", README.read_text(encoding="utf-8")))
    assert named, "the README names no command"
    assert named <= set(main.commands), named - set(main.commands)


def test_cli_help_settings_lists_every_setting():
    from flashpoint import settings

    result = CliRunner().invoke(main, ["--help-settings"])
    assert result.exit_code == 0
    for setting in settings.SETTINGS:
        assert setting.name in result.output and setting.env in result.output

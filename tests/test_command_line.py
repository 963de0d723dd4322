"""The command line as a whole: version, help on every command and option, documented in
the README (sqlite-utils style: the CLI checks its own docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
# typer vendors its own click: reach commands and options through typer's objects.
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)  # type: ignore[attr-defined]


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"foi-kg {__version__}"


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 20, f"kg {name} needs help text"
    for param in command.params:
        if isinstance(param, typer.core.TyperOption) and param.name != "help":
            assert param.help, f"kg {name} {param.opts[0]} needs help text"
        if isinstance(param, typer.core.TyperArgument):
            assert param.help, f"kg {name} argument {param.name} needs help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented_in_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {re.escape(name)}\b", readme), f"README.md does not show `kg {name}`"


def test_readme_gives_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block

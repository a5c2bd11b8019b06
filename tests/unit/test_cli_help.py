"""Every command has help with an example; the CLI imports without Django set up."""

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from realise.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["demo", "summary"])
def test_every_data_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_importing_the_cli_does_not_set_up_django():
    code = "import realise.cli, django.apps; print(django.apps.apps.ready)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _commands(group, path=()):
    """Every command under ``group``, with the words that run it."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group of commands
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


# The commands that act on no one council (organisation create names its new one with --slug).
NO_COUNCIL = {"demo", "serve", "restore", "report case", "organisation create", "organisation list"}


def test_dash_o_is_the_organisation_in_every_command_and_nothing_else():
    import typer

    with_council, without = set(), set()
    for path, command in _commands(typer.main.get_command(app)):
        words = " ".join(path)
        chosen = [p for p in command.params if {"-o", "--organisation"} & set(p.opts)]
        for param in chosen:
            assert sorted(param.opts) == ["--organisation", "-o"], words
        (with_council if chosen else without).add(words)
    assert without - NO_COUNCIL == {
        "model check",
        "model compare",
        "model run",
        "model schema",
        "model upgrade",
    }
    assert {"import", "export", "backup", "summary", "report annual", "user roles"} <= with_council


@pytest.mark.parametrize("command", [["summary"], ["report", "annual"], ["report", "monitoring"]])
def test_reports_name_their_council_there_is_no_default_one(command):
    result = runner.invoke(app, [*command, "--year", "2024/25"])
    assert result.exit_code == 2
    assert "Missing option '--organisation' / '-o'" in " ".join(result.output.split())

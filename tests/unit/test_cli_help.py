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

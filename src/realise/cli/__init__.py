"""The `realise` command line. Each sub-command is a thin wrapper over the library.

Commands that need the database set Django up themselves, so `realise model ...` runs without one.
"""

from __future__ import annotations

import typer

from realise.cli import backup as backups
from realise.cli import imports, model, people
from realise.cli import report as reports
from realise.cli.demo import demo, summary

app = typer.Typer(
    help="Realise: transformation management for UK councils.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(model.app, name="model")
app.add_typer(reports.app, name="report")
app.add_typer(people.organisation_app, name="organisation")
app.add_typer(people.user_app, name="user")
app.command()(demo)
app.command()(summary)
app.command("import")(imports.import_command)
app.command("export")(imports.export_command)
app.command("backup")(backups.backup_command)
app.command("restore")(backups.restore_command)


def main() -> None:
    """Entry point of the `realise` console script."""
    app()

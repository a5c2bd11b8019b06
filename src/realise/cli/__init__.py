"""The `realise` command line: one module per command group (ADR 0022).

Each command is thin: it reads its arguments, calls a service or selector, and prints. What the
commands share (setting Django up, turning errors into a message and an exit code, the consoles)
is in `realise.cli.common`. Commands that need the database set Django up themselves, so
`realise model ...` runs without one.
"""

from __future__ import annotations

import typer

from realise.cli import backup, cases, demo, imports, model, people, reconcile, report, serve, setup

app = typer.Typer(
    help="Realise: transformation management for UK councils.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(model.app, name="model")
app.add_typer(report.app, name="report")
app.add_typer(people.organisation_app, name="organisation")
app.add_typer(people.user_app, name="user")
app.add_typer(setup.app, name="setup")
app.add_typer(reconcile.app, name="reconcile")
app.add_typer(cases.app, name="case")
app.command()(demo.demo)
app.command()(demo.summary)
app.command()(serve.serve)
app.command("import")(imports.import_command)
app.command("export")(imports.export_command)
app.command("backup")(backup.backup_command)
app.command("restore")(backup.restore_command)


def main() -> None:
    """Entry point of the `realise` console script."""
    app()

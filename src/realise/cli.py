"""The `realise` command line. Each sub-command is a thin wrapper over the library."""

from __future__ import annotations

import typer

from realise.commands import model

app = typer.Typer(
    help="Realise: transformation management for UK councils.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(model.app, name="model")


def main() -> None:
    """Entry point of the `realise` console script."""
    app()

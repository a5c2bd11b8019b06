"""The `realise` command line. Each sub-command is a thin wrapper over the library."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Realise: transformation management for UK councils.",
    no_args_is_help=True,
    add_completion=False,
)


def main() -> None:
    """Entry point of the `realise` console script."""
    app()

"""The `realise` command line. Each sub-command is a thin wrapper over the library."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Realise: transformation management for UK councils.",
    no_args_is_help=True,
    add_completion=False,
)

# The data layer's commands (Django is set up inside them, not here).
from realise.demo.cli import demo, summary  # noqa: E402

app.command()(demo)
app.command()(summary)


def main() -> None:
    """Entry point of the `realise` console script."""
    app()

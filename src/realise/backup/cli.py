"""`realise backup` and `realise restore`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from realise.demo.cli import _run

out = Console()


def backup_command(
    output: Annotated[Path, typer.Option("--output", help="The archive to write (.zip)")],
    organisation: Annotated[
        str, typer.Option("--organisation", "-o", help="Only this organisation (its slug)")
    ] = "",
) -> None:
    """Write the whole database (or one organisation) to a versioned zip archive.

    The archive holds a manifest with checksums and one JSON and one CSV file per table,
    including change history, users and their password hashes: keep it as securely as the
    database itself.

    Example: realise backup --output realise-backup.zip
    """

    def body() -> None:
        from realise.backup.archive import backup
        from realise.imports.cli import _organisation

        org = _organisation(organisation) if organisation else None
        manifest = backup(output, organisation=org)
        rows = sum(t["rows"] for t in manifest["tables"])
        out.print(f"Wrote {rows} rows from {len(manifest['tables'])} tables to {output}")
        out.print(f"Content checksum: {manifest['content_sha256']}")

    _run(body)


def restore_command(
    archive: Annotated[Path, typer.Argument(help="The backup archive (.zip)", show_default=False)],
) -> None:
    """Load a backup archive into an empty database (migrating it first).

    Every checksum is verified before anything is written; the load is one transaction.

    Example: realise restore realise-backup.zip
    """

    def body() -> None:
        from django.core.management import call_command

        from realise.backup.restore import restore

        if not archive.is_file():
            raise ValueError(f"{archive}: no such file")
        call_command("migrate", interactive=False, verbosity=0)
        done = restore(archive)
        out.print(f"Restored {done.rows} rows into {done.tables} tables from {archive}")

    _run(body)

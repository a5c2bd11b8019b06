"""`realise backup` and `realise restore`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from realise.backup.signing import BackupKey
from realise.cli.common import OrganisationOption, err, organisation_named, out, run

KeyFile = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        help="A file holding the backup key (at least 32 characters); "
        "else the REALISE_BACKUP_KEY environment variable",
        show_default=False,
    ),
]


def backup_command(
    output: Annotated[Path, typer.Option("--output", help="The archive to write (.zip)")],
    organisation: OrganisationOption = "",
    key_file: KeyFile = None,
) -> None:
    """Write the whole database (or, with -o, one organisation) to a versioned zip archive.

    The archive holds a manifest with checksums and one JSON and one CSV file per table,
    including change history, users and their password hashes: keep it as securely as the
    database itself (it is not encrypted). With a backup key set (REALISE_BACKUP_KEY or
    --key-file) the archive is signed, so restore can tell it is the one you wrote.

    Example: realise backup --output realise-backup.zip
    """

    def body() -> None:
        from realise.backup import signing
        from realise.backup.archive import backup

        key = signing.key_from(key_file)
        org = organisation_named(organisation) if organisation else None
        manifest = backup(output, organisation=org, key=key)
        rows = sum(t["rows"] for t in manifest["tables"])
        out.print(f"Wrote {rows} rows from {len(manifest['tables'])} tables to {output}")
        out.print(f"Content checksum: {manifest['content_sha256']}")
        if key is None:
            out.print(
                f"Not signed: no backup key is set ({signing.ENV} or --key-file), so restore "
                "will not be able to check that this archive is the one written here."
            )
        else:
            out.print(f"Signed with the backup key from {key.source}.")

    run(body)


def restore_command(
    archive: Annotated[Path, typer.Argument(help="The backup archive (.zip)", show_default=False)],
    key_file: KeyFile = None,
) -> None:
    """Load a backup archive into an empty database (migrating it first).

    The whole archive is checked before the database is touched (not even migrated): its files
    against the manifest, every checksum, and, with a backup key set (REALISE_BACKUP_KEY or
    --key-file), its signature: an unsigned archive or one signed with another key is refused.
    With no key set it restores, saying that the archive's origin was not checked. The load is
    one transaction.

    Example: realise restore realise-backup.zip
    """

    def body() -> None:
        from django.core.management import call_command

        from realise.backup import signing
        from realise.backup.restore import load, verify

        if not archive.is_file():
            raise ValueError(f"{archive}: no such file")
        key = signing.key_from(key_file)
        checked = verify(archive, key)  # no database yet: a refused archive leaves it untouched
        _say_origin(checked.origin, key)
        made = checked.manifest
        out.print(
            f"Archive made {made.get('created_at')} by Realise {made.get('realise_version')}",
            markup=False,
            highlight=False,
        )
        call_command("migrate", interactive=False, verbosity=0)
        done = load(checked)
        out.print(f"Restored {done.rows} rows into {done.tables} tables from {archive}")

    run(body)


def _say_origin(origin: str, key: BackupKey | None) -> None:
    if key is not None:  # verify refused anything but a good signature
        out.print(f"Signature checked: the archive was signed with the backup key ({key.source}).")
        return
    signed = "The archive is signed, but" if origin == "signed-unchecked" else "The archive is"
    if origin == "unchecked":
        signed += " not signed and"
    err.print(
        f"[yellow]Note:[/yellow] {signed} no backup key is set (REALISE_BACKUP_KEY or "
        "--key-file), so the archive's origin was not checked: its checksums show it is "
        "undamaged, not that it is the archive you wrote.",
        highlight=False,
    )

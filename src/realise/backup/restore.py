"""Restore a backup archive into an empty database: check all of it first (``verify``, which needs
no database), load every table in one transaction, then reset PostgreSQL's sequences."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

from realise.backup import BackupError, serialise, signing
from realise.backup.archive import Table, tables
from realise.backup.verify import Checked, verify
from realise.portfolio.models import Organisation
from realise.portfolio.versions import bump


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    organisation: str | None


__all__ = ["BackupError", "Checked", "Restored", "database_contents", "load", "restore", "verify"]


def database_contents() -> dict[str, int]:
    """Tables that already hold rows, with their counts."""
    found = {}
    for table in tables():
        count = table.model._base_manager.count()
        if count:
            found[table.label] = count
    return found


@contextmanager
def _keep_timestamps(models_: list[type[models.Model]]) -> Iterator[None]:
    """Stop auto_now / auto_now_add overwriting the archived times while rows are inserted."""
    changed = []
    for model in models_:
        for field in model._meta.concrete_fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(field, flag, False):
                    setattr(field, flag, False)
                    changed.append((field, flag))
    try:
        yield
    finally:
        for field, flag in changed:
            setattr(field, flag, True)


def _natural(model: type[models.Model], label: str) -> Any:
    """Look up a content type or permission by the natural key the archive names (each once)."""
    found: dict[tuple[str, ...], int] = {}

    def pk(key: list[str]) -> int:
        if tuple(key) not in found:
            try:
                found[tuple(key)] = model._default_manager.get_by_natural_key(*key).pk
            except model.DoesNotExist:
                raise BackupError(
                    f"The archive refers to {label} {'.'.join(key)}, which this Realise does not "
                    "have: restore it with the Realise that wrote it"
                ) from None
        return found[tuple(key)]

    return pk


def _decoders(table: Table) -> list[Any]:
    """Natural keys to this database's ids; every other value was decoded by ``verify``."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    lookups = {
        "contenttypes.contenttype": _natural(ContentType, "content type"),
        "auth.permission": _natural(Permission, "permission"),
    }
    return [lookups.get(serialise.natural_target(f) or "") for f in table.fields]


def _load(table: Table, rows: list[list[Any]]) -> None:
    attnames = [f.attname for f in table.fields]
    decoders = _decoders(table)
    objs = []
    for row in rows:
        values = [v if d is None or v is None else d(v) for d, v in zip(decoders, row, strict=True)]
        objs.append(table.model(**dict(zip(attnames, values, strict=True))))
    table.model._base_manager.bulk_create(objs, batch_size=500)


def reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def load(checked: Checked) -> Restored:
    """Load a verified archive into this (migrated, empty) database, all of it or nothing."""
    existing = database_contents()
    if existing:
        held = ", ".join(f"{n} {label}" for label, n in sorted(existing.items())[:5])
        raise BackupError(
            f"The database is not empty ({held}...): Realise restores only into an empty "
            "database. Create a new one, point DATABASE_URL at it and run restore again"
        )
    data = checked.data
    order = [t for t in tables() if t.label in data]
    with transaction.atomic(), _keep_timestamps([t.model for t in order]):
        for table in order:
            _load(table, data[table.label])
        reset_sequences([t.model for t in order])
        # bulk_create sends no signals: give every restored council a fresh data version.
        bump(Organisation.objects.values_list("pk", flat=True))
    rows = sum(len(r) for r in data.values())
    return Restored(len(order), rows, checked.manifest.get("organisation"))


def restore(path: Path, key: signing.BackupKey | None = None) -> Restored:
    """Verify ``path`` (against ``key`` when given), then load it: all of it or nothing."""
    return load(verify(path, key))

"""Restore a backup archive into an empty database: check the manifest and every checksum before
writing anything, load every table in one transaction, then reset PostgreSQL's sequences."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

from realise.backup import serialise
from realise.backup.archive import FORMAT, MANIFEST, VERSION, BackupError, Table, tables
from realise.portfolio.models import Organisation
from realise.portfolio.versions import bump


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    organisation: str | None


def _read(zf: zipfile.ZipFile, name: str, archive: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        raise BackupError(f"{archive} has no {name}: it is not a complete Realise backup") from None


def _manifest(zf: zipfile.ZipFile, archive: str) -> dict[str, Any]:
    try:
        manifest = json.loads(_read(zf, MANIFEST, archive))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{archive}: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Realise backup (no {FORMAT} manifest)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{archive} is a version {manifest.get('version')} backup; this Realise reads "
            f"version {VERSION}: restore it with the Realise that wrote it, then back up again"
        )
    return manifest


def verify(path: Path) -> tuple[dict[str, Any], dict[str, list[list[Any]]]]:
    """The manifest and every table's rows, after checking each file against its checksum and
    each table and column against this Realise's models."""
    archive = Path(path).name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BackupError(f"{archive} is not a zip archive: is it a Realise backup?") from None
    with zf:
        manifest = _manifest(zf, archive)
        try:
            return manifest, _tables(zf, archive, manifest)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, BackupError):
                raise
            raise BackupError(f"{archive}: the manifest or a table file is malformed") from None


def _checked(zf: zipfile.ZipFile, archive: str, meta: dict[str, str]) -> bytes:
    raw = _read(zf, meta["path"], archive)
    if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
        raise BackupError(
            f"{archive}: {meta['path']} does not match its checksum: the archive is "
            "damaged or was edited, so nothing was restored"
        )
    return raw


def _tables(zf: zipfile.ZipFile, archive: str, manifest: dict[str, Any]):
    known = {t.label: t for t in tables()}
    data: dict[str, list[list[Any]]] = {}
    for entry in manifest["tables"]:
        _checked(zf, archive, entry["csv"])
        raw = _checked(zf, archive, entry["json"])
        data[entry["model"]] = _rows(archive, known, entry["model"], raw, entry["rows"])
    return data


def _rows(archive: str, known: dict[str, Table], label: str, raw: bytes, count: int):
    table = known.get(label)
    if table is None:
        raise BackupError(f"{archive}: table {label} is unknown to this version of Realise")
    content = json.loads(raw)
    expected = [f.attname for f in table.fields]
    if content["fields"] != expected:
        raise BackupError(
            f"{archive}: the columns of {label} differ from this Realise's "
            f"({', '.join(content['fields'])} against {', '.join(expected)}): "
            "migrate the archive's Realise to this version first"
        )
    if len(content["rows"]) != count:
        raise BackupError(f"{archive}: {label} has {len(content['rows'])} rows, not {count}")
    return content["rows"]


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


def _decoders(table: Table) -> list[Any]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    decoders = []
    for field in table.fields:
        target = serialise.natural_target(field)
        if target == "contenttypes.contenttype":
            decoders.append(lambda v: ContentType.objects.get_by_natural_key(*v).pk)
        elif target == "auth.permission":
            decoders.append(lambda v: Permission.objects.get_by_natural_key(*v).pk)
        else:
            decoders.append(lambda v, f=field: serialise.from_json(f, v))
    return decoders


def _load(table: Table, rows: list[list[Any]]) -> None:
    attnames = [f.attname for f in table.fields]
    decoders = _decoders(table)
    objs = []
    for row in rows:
        values = [None if v is None else d(v) for d, v in zip(decoders, row, strict=True)]
        objs.append(table.model(**dict(zip(attnames, values, strict=True))))
    table.model._base_manager.bulk_create(objs, batch_size=500)


def reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def restore(path: Path) -> Restored:
    """Load ``path`` into this (migrated, empty) database, all of it or nothing."""
    manifest, data = verify(path)
    existing = database_contents()
    if existing:
        held = ", ".join(f"{n} {label}" for label, n in sorted(existing.items())[:5])
        raise BackupError(
            f"The database is not empty ({held}...): Realise restores only into an empty "
            "database. Create a new one, point DATABASE_URL at it and run restore again"
        )
    order = [t for t in tables() if t.label in data]
    with transaction.atomic(), _keep_timestamps([t.model for t in order]):
        for table in order:
            _load(table, data[table.label])
        reset_sequences([t.model for t in order])
        # bulk_create sends no signals: give every restored council a fresh data version.
        bump(Organisation.objects.values_list("pk", flat=True))
    return Restored(len(order), sum(len(r) for r in data.values()), manifest.get("organisation"))

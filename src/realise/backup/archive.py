"""Write and read Realise backup archives.

A backup is a zip holding ``manifest.json`` and, per table, ``data/<app>.<model>.json`` and
``.csv`` in dependency order, rows sorted by primary key, so that backup -> restore -> backup gives
byte-identical data files (and equal checksums) on SQLite, PostgreSQL and across the two.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

from realise import __version__
from realise.backup import serialise, signing
from realise.core.spreadsheet_text import csv_cell
from realise.portfolio.models import Organisation

FORMAT = "realise-backup"
VERSION = 1
MANIFEST = "manifest.json"
# Fixed timestamp inside the zip, so equal content gives equal archives (bar the manifest).
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
# Rebuilt by `migrate` (content types, permissions) or short-lived (sessions, failed sign-ins
# counting towards a lock-out): never archived. The data version (ADR 0011) is not data either:
# restore gives each council a fresh one.
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "accounts.signinfailure",
    "portfolio.organisationdataversion",
}
BATCH = 1000


@dataclass(frozen=True)
class Table:
    model: type[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def fields(self) -> list[models.Field[Any, Any]]:
        return list(self.model._meta.concrete_fields)


def tables() -> list[Table]:
    """Every archived model, parents before the rows that point at them, ties by label."""
    chosen = {
        m._meta.label_lower: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in SKIPPED and m._meta.managed and not m._meta.proxy
    }
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(label: str) -> None:
        if label in ordered or label in visiting:
            return
        visiting.add(label)
        for field in chosen[label]._meta.concrete_fields:
            target = field.related_model._meta.label_lower if field.is_relation else None
            if target in chosen and target != label:
                visit(target)
        visiting.discard(label)
        ordered.append(label)

    for label in sorted(chosen):
        visit(label)
    return [Table(chosen[label]) for label in ordered]


# Backup -----------------------------------------------------------------------------------------


def _natural_keys() -> dict[str, dict[Any, list[str]]]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    types = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()}
    perms = {
        p.pk: [p.codename, *types[p.content_type_id]]
        for p in Permission.objects.all()
        if p.content_type_id in types
    }
    return {"contenttypes.contenttype": types, "auth.permission": perms}


class _Selection:
    """Which rows of each table belong in a backup of one organisation (or all, when None)."""

    def __init__(self, organisation: Organisation | None) -> None:
        self.organisation = organisation
        self.ids: dict[str, set[Any]] = {}

    def queryset(self, table: Table) -> models.QuerySet[Any]:
        rows = table.model._base_manager.all()
        org = self.organisation
        if org is None:
            return rows
        names = {f.name for f in table.fields}
        if table.model is Organisation:
            return rows.filter(pk=org.pk)
        if "organisation" in names:
            return rows.filter(organisation_id=org.pk)
        return self._linked(table, rows)

    def _linked(self, table: Table, rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
        """Users, groups and many-to-many rows reached from the organisation's rows."""
        label = table.label
        if label == settings.AUTH_USER_MODEL.lower():
            return rows.filter(pk__in=self.ids.get(label, set()))
        if label == "auth.group":
            return rows.filter(pk__in=self.ids.get(label, set()))
        if table.model._meta.auto_created:
            for field in table.fields:
                target = field.related_model._meta.label_lower if field.is_relation else None
                if target in self.ids:
                    return rows.filter(**{f"{field.attname}__in": self.ids[target]})
        return rows.none()

    def note(self, table: Table, rows: Iterable[list[Any]]) -> None:
        """Remember the keys written, and the users and groups these rows point at."""
        fields = table.fields
        pk_at = next(i for i, f in enumerate(fields) if f.primary_key)
        written = self.ids.setdefault(table.label, set())
        for row in rows:
            written.add(row[pk_at])
            for i, field in enumerate(fields):
                target = field.related_model._meta.label_lower if field.is_relation else None
                if (
                    target in (settings.AUTH_USER_MODEL.lower(), "auth.group")
                    and row[i] is not None
                ):
                    self.ids.setdefault(target, set()).add(row[i])


def _rows(table: Table, selection: _Selection) -> list[list[Any]]:
    attnames = [f.attname for f in table.fields]
    return [list(r) for r in selection.queryset(table).order_by("pk").values_list(*attnames)]


def _encode(table: Table, rows: list[list[Any]], natural: dict[str, dict[Any, list[str]]]):
    encoders = []
    for field in table.fields:
        target = serialise.natural_target(field)
        if target:
            encoders.append(lambda v, t=target: None if v is None else natural[t][v])
        else:
            encoders.append(lambda v, f=field: serialise.to_json(f, v))
    return [[encode(v) for encode, v in zip(encoders, row, strict=True)] for row in rows]


def _json_file(table: Table, rows: list[list[Any]]) -> bytes:
    head = serialise.canonical({"fields": [f.attname for f in table.fields], "model": table.label})
    lines = [head[:-1] + ',"rows":[']
    lines.append(",\n".join(serialise.canonical(row) for row in rows))
    lines.append("]}\n")
    return "\n".join(lines).encode("utf-8")


def _csv_file(table: Table, rows: list[list[Any]]) -> bytes:
    """The rows for people and spreadsheets (restore reads the JSON): text fields that start like
    a formula get a quote, so no spreadsheet runs them; numbers, dates and the like never do."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.attname for f in table.fields])
    text = [isinstance(f, models.CharField | models.TextField) for f in table.fields]
    writer.writerows(
        [
            csv_cell(cell) if is_text else cell
            for cell, is_text in zip((serialise.csv_text(v) for v in row), text, strict=True)
        ]
        for row in rows
    )
    return out.getvalue().encode("utf-8")


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> str:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
    return hashlib.sha256(data).hexdigest()


def _order_for_selection(all_tables: list[Table]) -> list[Table]:
    """Organisation-owned tables first, then users and groups, then the join tables, so each
    selection knows the rows it hangs from; the archive keeps dependency order regardless."""

    def phase(t: Table) -> int:
        if t.label == "auth.group_permissions":
            return 4
        if t.label == "auth.group":
            return 3
        if t.model._meta.auto_created:
            return 2
        return 1 if t.label == settings.AUTH_USER_MODEL.lower() else 0

    return sorted(all_tables, key=phase)


def backup(
    output: Path,
    *,
    organisation: Organisation | None = None,
    key: signing.BackupKey | None = None,
) -> dict[str, Any]:
    """Write the database (or one organisation) to ``output``, signed with ``key`` when given;
    return the manifest."""
    natural = _natural_keys()
    selection = _Selection(organisation)
    ordered = tables()
    encoded: dict[str, list[list[Any]]] = {}
    with transaction.atomic():  # one consistent snapshot (repeatable on PostgreSQL via one tx)
        for table in _order_for_selection(ordered):
            raw = _rows(table, selection)
            selection.note(table, raw)
            encoded[table.label] = _encode(table, raw, natural)
    entries = []
    with zipfile.ZipFile(output, "w") as zf:
        for table in ordered:
            rows = encoded[table.label]
            base = f"data/{table.label}"
            json_sum = _write(zf, f"{base}.json", _json_file(table, rows))
            csv_sum = _write(zf, f"{base}.csv", _csv_file(table, rows))
            entries.append(
                {
                    "model": table.label,
                    "table": table.model._meta.db_table,
                    "rows": len(rows),
                    "json": {"path": f"{base}.json", "sha256": json_sum},
                    "csv": {"path": f"{base}.csv", "sha256": csv_sum},
                }
            )
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "realise_version": __version__,
            "database": connection.vendor,
            "organisation": organisation.slug if organisation else None,
            "content_sha256": content_checksum(entries),
            "tables": entries,
        }
        stored = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
        _write(zf, MANIFEST, stored)
        if key is not None:  # over the very bytes stored above
            _write(zf, signing.SIGNATURE, signing.signature(key, stored))
    return manifest


def content_checksum(entries: list[dict[str, Any]]) -> str:
    """One checksum over every table's JSON checksum, in order: equal content, equal checksum."""
    joined = "\n".join(f"{e['model']} {e['json']['sha256']}" for e in entries)
    return hashlib.sha256(joined.encode()).hexdigest()

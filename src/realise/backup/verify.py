"""Check a backup archive completely before restore touches the target database.

Nothing here opens a database connection: the zip's members against its manifest, the signature,
the manifest's paths and content checksum, every file's checksum, each table's columns against
this Realise's models, row counts, and every value decoded for its column."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from realise.backup import BackupError, serialise, signing
from realise.backup.archive import FORMAT, MANIFEST, VERSION, Table, content_checksum, tables

SHA256 = re.compile(r"[0-9a-f]{64}")
# Read before the signature is checked, so bounded: a manifest is about 0.5 KB per table.
MANIFEST_LIMIT = 4 * 1024 * 1024
SIGNATURE_LIMIT = 4 * 1024
# What zipfile raises for a member it cannot read back: a bad CRC or header, a broken deflate
# stream, a member cut short, a compression method or encryption it does not support.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class Checked:
    """An archive that passed every check: its manifest, each table's decoded rows (references
    to content types and permissions still as natural keys) and what is known of its origin."""

    manifest: dict[str, Any]
    data: dict[str, list[list[Any]]]
    origin: signing.Origin


def _read(zf: zipfile.ZipFile, name: str, archive: str, limit: int | None = None) -> bytes:
    try:
        if limit is not None and zf.getinfo(name).file_size > limit:
            raise BackupError(f"{archive}: {name} is far larger than Realise writes it")
        return zf.read(name)  # reads no more than the size the zip declares, then checks the CRC
    except KeyError:
        raise BackupError(f"{archive} has no {name}: it is not a complete Realise backup") from None
    except _UNREADABLE:
        raise BackupError(
            f"{archive}: {name} is damaged and cannot be read (the zip's own check failed), so "
            "nothing was restored"
        ) from None


def _manifest(raw: bytes, archive: str) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{archive}: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Realise backup (no {FORMAT} manifest)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{archive} is a version {manifest.get('version')!r} backup; this Realise reads "
            f"version {VERSION}: restore it with the Realise that wrote it, then back up again"
        )
    return manifest


def verify(path: Path, key: signing.BackupKey | None = None) -> Checked:
    """Every check restore makes before writing; a BackupError with a plain reason if one fails."""
    archive = Path(path).name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise BackupError(
            f"{archive} is not a zip archive, or is damaged or cut short: is it a Realise backup?"
        ) from None
    with zf:
        names = zf.namelist()
        twice = sorted(n for n, count in Counter(names).items() if count > 1)
        if twice:
            raise BackupError(
                f"{archive} holds two files named {twice[0]!r}: it is not as Realise wrote it"
            )
        raw = _read(zf, MANIFEST, archive, limit=MANIFEST_LIMIT)
        sig = None
        if signing.SIGNATURE in names:
            sig = _read(zf, signing.SIGNATURE, archive, limit=SIGNATURE_LIMIT)
        origin = signing.check(key, raw, sig, archive)  # before trusting a word of the manifest
        manifest = _manifest(raw, archive)
        try:
            entries = _entries(manifest, archive)
            _members(names, entries, archive)
            return Checked(manifest, _tables(zf, archive, entries), origin)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, BackupError):
                raise
            raise BackupError(f"{archive}: the manifest or a table file is malformed") from None


def _shape(entry: Any) -> bool:
    """A manifest entry with a model, a row count, and a path and SHA-256 for each file."""
    if not isinstance(entry, dict):
        return False
    files: list[Any] = [entry.get("json"), entry.get("csv")]
    return (
        isinstance(entry.get("model"), str)
        and type(entry.get("rows")) is int
        and entry["rows"] >= 0
        and all(isinstance(f, dict) and isinstance(f.get("path"), str) for f in files)
        and all(isinstance(f.get("sha256"), str) and SHA256.fullmatch(f["sha256"]) for f in files)
    )


def _entries(manifest: dict[str, Any], archive: str) -> list[dict[str, Any]]:
    """The manifest's tables, each a table this Realise knows, once, at its one expected path."""
    entries = manifest["tables"]
    if not isinstance(entries, list) or not all(_shape(e) for e in entries):
        raise ValueError("malformed")
    known = {t.label for t in tables()}
    seen: set[str] = set()
    for entry in entries:
        label = entry["model"]
        if label not in known:
            raise BackupError(f"{archive}: table {label!r} is unknown to this version of Realise")
        if label in seen:
            raise BackupError(f"{archive}: the manifest lists {label} twice")
        seen.add(label)
        for kind in ("json", "csv"):
            if entry[kind]["path"] != f"data/{label}.{kind}":
                raise BackupError(
                    f"{archive}: the manifest names {entry[kind]['path']!r} for {label}; "
                    f"expected data/{label}.{kind}"
                )
    if manifest["content_sha256"] != content_checksum(entries):
        raise BackupError(
            f"{archive}: the manifest's content checksum does not match its tables' checksums: "
            "the archive is damaged or was edited, so nothing was restored"
        )
    return entries


def _members(names: list[str], entries: list[dict[str, Any]], archive: str) -> None:
    """The zip holds the manifest, perhaps its signature, and exactly the files it lists."""
    listed = {e[kind]["path"] for e in entries for kind in ("json", "csv")}
    extra = sorted(set(names) - listed - {MANIFEST, signing.SIGNATURE})
    if extra:
        more = f" and {len(extra) - 3} more" if len(extra) > 3 else ""
        raise BackupError(
            f"{archive} holds {', '.join(map(repr, extra[:3]))}{more}, not listed in its "
            "manifest: it is not as Realise wrote it, so nothing was restored"
        )
    missing = sorted(listed - set(names))
    if missing:
        raise BackupError(f"{archive} has no {missing[0]}: it is not a complete Realise backup")


def _checked(zf: zipfile.ZipFile, archive: str, meta: dict[str, str]) -> bytes:
    raw = _read(zf, meta["path"], archive)
    if hashlib.sha256(raw).hexdigest() != meta["sha256"]:
        raise BackupError(
            f"{archive}: {meta['path']} does not match its checksum: the archive is "
            "damaged or was edited, so nothing was restored"
        )
    return raw


def _tables(
    zf: zipfile.ZipFile, archive: str, entries: list[dict[str, Any]]
) -> dict[str, list[list[Any]]]:
    known = {t.label: t for t in tables()}
    data: dict[str, list[list[Any]]] = {}
    for entry in entries:
        _checked(zf, archive, entry["csv"])
        raw = _checked(zf, archive, entry["json"])
        table = known[entry["model"]]
        data[table.label] = _rows(archive, table, raw, entry["rows"])
    return data


def _rows(archive: str, table: Table, raw: bytes, count: int) -> list[list[Any]]:
    label = table.label
    content = json.loads(raw)
    expected = [f.attname for f in table.fields]
    if content["model"] != label:
        raise ValueError("malformed")
    if content["fields"] != expected:
        raise BackupError(
            f"{archive}: the columns of {label} differ from this Realise's "
            f"({', '.join(map(str, content['fields']))} against {', '.join(expected)}): "
            "migrate the archive's Realise to this version first"
        )
    rows = content["rows"]
    if len(rows) != count:
        raise BackupError(f"{archive}: {label} has {len(rows)} rows, not {count}")
    return [_decoded(archive, table, n, row) for n, row in enumerate(rows, start=1)]


def _decoded(archive: str, table: Table, number: int, row: Any) -> list[Any]:
    fields = table.fields
    if not isinstance(row, list) or len(row) != len(fields):
        raise BackupError(f"{archive}: {table.label} row {number} does not have its columns")
    values = []
    for field, value in zip(fields, row, strict=True):
        try:
            values.append(_value(field, value))
        except (ValueError, TypeError, ArithmeticError, AttributeError, ValidationError):
            raise BackupError(
                f"{archive}: {table.label} row {number}, {field.attname}: {value!r} is not what "
                "this column holds, so nothing was restored"
            ) from None
    return values


def _value(field: Any, value: Any) -> Any:
    if value is None:
        return None
    target = serialise.natural_target(field)
    if target is None:
        decoded = serialise.from_json(field, value)
        field.to_python(decoded)  # the column's own type check (not its validators); kept as read
        return decoded
    size = 2 if target == "contenttypes.contenttype" else 3
    if not (
        isinstance(value, list) and len(value) == size and all(isinstance(v, str) for v in value)
    ):
        raise ValueError("not a natural key")
    return value

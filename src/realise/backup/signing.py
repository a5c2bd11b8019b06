"""Sign a backup's manifest with a key the operator holds, and check that signature on restore.

The signature is an HMAC-SHA256 of ``manifest.json`` exactly as stored in the zip; the manifest in
turn pins every data file by its SHA-256, so the signature covers the whole archive. It is stored
beside the manifest as ``manifest.sig``. See docs/formats/backup.md for the threat model."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from realise.backup import BackupError

ENV = "REALISE_BACKUP_KEY"
SIGNATURE = "manifest.sig"
ALGORITHM = "HMAC-SHA256"
MIN_LENGTH = 32
# What restore could say about where an archive came from.
Origin = Literal["signed", "signed-unchecked", "unchecked"]
_WHERE = f"{ENV} or --key-file"


@dataclass(frozen=True)
class BackupKey:
    secret: bytes = field(repr=False)
    source: str  # where it came from, for messages: never the key itself


def key_from(
    key_file: Path | None = None, environ: Mapping[str, str] = os.environ
) -> BackupKey | None:
    """The operator's key: from ``key_file`` when given, else ``REALISE_BACKUP_KEY``, else None.
    Surrounding spaces and newlines are not part of the key."""
    if key_file is not None:
        try:
            secret = Path(key_file).read_bytes().strip()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise BackupError(f"The backup key file {key_file} cannot be read: {reason}") from None
        source = f"--key-file {key_file}"
    else:
        secret = environ.get(ENV, "").strip().encode("utf-8", "surrogateescape")
        source = ENV
        if not secret:
            return None
    if len(secret) < MIN_LENGTH:
        raise BackupError(
            f"The backup key in {source} is too short: {len(secret)} characters, at least "
            f"{MIN_LENGTH} needed. Make one with: python -c 'import secrets; "
            "print(secrets.token_hex(32))'"
        )
    return BackupKey(secret, source)


def _digest(key: BackupKey, manifest: bytes) -> str:
    return hmac.new(key.secret, manifest, hashlib.sha256).hexdigest()


def signature(key: BackupKey, manifest: bytes) -> bytes:
    """The content of ``manifest.sig`` for these exact manifest bytes."""
    body = {"algorithm": ALGORITHM, "signature": _digest(key, manifest)}
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


def _stored(sig: bytes, archive: str) -> str:
    try:
        body = json.loads(sig)
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        body = {}
    value = body.get("signature")
    if body.get("algorithm") != ALGORITHM or not isinstance(value, str):
        raise BackupError(
            f"{archive}: {SIGNATURE} is not a Realise signature ({ALGORITHM}), so nothing was "
            "restored"
        )
    return value


def check(key: BackupKey | None, manifest: bytes, sig: bytes | None, archive: str) -> Origin:
    """Refuse an archive the key did not sign; without a key, say what could not be checked."""
    stored = None if sig is None else _stored(sig, archive)
    if key is None:
        return "unchecked" if stored is None else "signed-unchecked"
    if stored is None:
        raise BackupError(
            f"{archive} is not signed, but a backup key is set ({key.source}): Realise restores "
            "only archives signed with it, so nothing was restored. An archive written with no "
            f"key set can be restored only with no key set ({_WHERE}), and its origin is then "
            "not checked"
        )
    if not hmac.compare_digest(stored.encode(), _digest(key, manifest).encode()):
        raise BackupError(
            f"{archive}: its signature does not match the backup key ({key.source}): it was "
            "signed with another key, or edited after it was signed, so nothing was restored"
        )
    return "signed"

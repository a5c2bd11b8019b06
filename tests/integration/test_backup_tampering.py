"""Restore refuses an archive someone edited, damaged or signed with another key, and checks it
before it touches the target database: a refused archive leaves no table behind.

These run the real `realise` command in subprocesses (see backup_support)."""

from __future__ import annotations

import os
import struct
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.integration.backup_support import (
    edit_manifest,
    fresh_postgres,
    manifest,
    postgres_available,
    postgres_tables,
    realise,
    recount,
    rewrite,
    sqlite_tables,
)

KEY = "test-backup-key-0123456789abcdef-0123456789"
OTHER_KEY = "another-backup-key-fedcba9876543210-fedcba98"
LEDGER = "data/benefits.savingsentry.json"
_RUN = uuid.uuid4().hex[:10]


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A council with one imported saving of £1,234.56, backed up unsigned and signed."""
    base = tmp_path_factory.mktemp("source")
    realise(
        [
            *("organisation", "create", "--slug", "testshire", "--name", "Testshire"),
            *("--first-year", "2023/24", "--last-year", "2027/28"),
        ],
        sqlite_dir=base,
    )
    book = openpyxl.Workbook()
    book.active.append(["Reference", "Year", "Amount", "Recorded on", "Note"])
    book.active.append(["S-1", "2023/24", "£1,234.56", "31/03/2024", "Café"])
    book.save(base / "ledger.xlsx")
    finance = "fin@testshire.gov.uk"
    realise(["user", "add", finance, "-o", "testshire", "--role", "finance"], sqlite_dir=base)
    realise(
        ["import", str(base / "ledger.xlsx"), "-o", "testshire", "--as", finance], sqlite_dir=base
    )
    plain, signed = base / "plain.zip", base / "signed.zip"
    realise(["backup", "--output", str(plain)], sqlite_dir=base)
    realise(["backup", "--output", str(signed)], sqlite_dir=base, key=KEY)
    return plain, signed


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def tamper_amount(archive: Path, target: Path, *, content_too: bool = False) -> Path:
    """£1,234.56 becomes £9,234.56, with the ledger file's checksum in the manifest updated to
    match (and the content checksum too, when asked): every check an editor can redo."""
    with zipfile.ZipFile(archive) as zf:
        edited = zf.read(LEDGER).replace(b'"1234.56"', b'"9234.56"')
    assert b'"9234.56"' in edited

    def update(data: dict) -> None:
        for table in data["tables"]:
            if table["json"]["path"] == LEDGER:
                table["json"]["sha256"] = _sha256(edited)
        if content_too:
            recount(data)

    return rewrite(
        archive,
        target,
        change={LEDGER: lambda _: edited, "manifest.json": edit_manifest(update)},
    )


def refused(done, *words: str) -> None:
    text = " ".join((done.stdout + done.stderr).split())  # as one line, however it wrapped
    assert done.returncode == 1, text
    for word in words:
        assert word in text, text
    assert "Traceback" not in text, text
    assert "Unexpected error" not in text, text


def test_a_tampered_amount_is_refused_before_anything_is_written(source, tmp_path):
    plain, _ = source
    tampered = tamper_amount(plain, tmp_path / "tampered.zip")
    target = tmp_path / "db"
    done = realise(["restore", str(tampered)], sqlite_dir=target, check=False)
    refused(done, "content checksum", "nothing was restored")
    assert sqlite_tables(target) == []


def test_a_refused_archive_leaves_an_empty_sqlite_file_empty(source, tmp_path):
    plain, _ = source
    tampered = tamper_amount(plain, tmp_path / "tampered.zip")
    target = tmp_path / "db"
    target.mkdir()
    (target / "realise.sqlite3").write_bytes(b"")
    done = realise(["restore", str(tampered)], sqlite_dir=target, check=False)
    refused(done, "content checksum")
    assert (target / "realise.sqlite3").read_bytes() == b""


def test_a_signed_archive_edited_with_every_checksum_redone_is_refused(source, tmp_path):
    _, signed = source
    tampered = tamper_amount(signed, tmp_path / "tampered.zip", content_too=True)
    target = tmp_path / "db"
    done = realise(["restore", str(tampered)], sqlite_dir=target, key=KEY, check=False)
    refused(done, "signature does not match", "nothing was restored")
    assert sqlite_tables(target) == []


def test_a_signed_archive_is_refused_with_the_wrong_key(source, tmp_path):
    _, signed = source
    target = tmp_path / "db"
    done = realise(["restore", str(signed)], sqlite_dir=target, key=OTHER_KEY, check=False)
    refused(done, "signature does not match")
    assert sqlite_tables(target) == []


def test_an_unsigned_archive_is_refused_when_a_key_is_set(source, tmp_path):
    plain, _ = source
    target = tmp_path / "db"
    done = realise(["restore", str(plain)], sqlite_dir=target, key=KEY, check=False)
    refused(done, "is not signed", "REALISE_BACKUP_KEY")
    assert sqlite_tables(target) == []


def test_a_signed_archive_restores_with_its_key_from_a_file(source, tmp_path):
    _, signed = source
    assert "manifest.sig" in zipfile.ZipFile(signed).namelist()
    key_file = tmp_path / "backup.key"
    key_file.write_text(KEY + "\n")
    target = tmp_path / "db"
    done = realise(["restore", str(signed), "--key-file", str(key_file)], sqlite_dir=target)
    assert "Signature checked" in done.stdout
    assert "Restored" in done.stdout


def test_without_a_key_restore_says_the_origin_was_not_checked(source, tmp_path):
    plain, _ = source
    done = realise(["restore", str(plain)], sqlite_dir=tmp_path / "db")
    assert "origin was not checked" in " ".join((done.stdout + done.stderr).split())
    assert "Restored" in done.stdout


def test_backup_says_whether_it_signed(source, tmp_path):
    plain, _ = source
    base = plain.parent
    done = realise(["backup", "--output", str(tmp_path / "a.zip")], sqlite_dir=base, key=KEY)
    assert "Signed" in done.stdout
    done = realise(["backup", "--output", str(tmp_path / "b.zip")], sqlite_dir=base)
    assert "Not signed" in done.stdout
    assert "manifest.sig" not in zipfile.ZipFile(tmp_path / "b.zip").namelist()


def test_an_extra_file_is_refused(source, tmp_path):
    plain, _ = source
    extra = rewrite(plain, tmp_path / "extra.zip", add={"data/notes.txt": b"hello"})
    target = tmp_path / "db"
    done = realise(["restore", str(extra)], sqlite_dir=target, check=False)
    refused(done, "data/notes.txt", "not listed in its manifest")
    assert sqlite_tables(target) == []


def test_a_table_the_manifest_does_not_list_is_refused(source, tmp_path):
    plain, _ = source

    def unlist(data: dict) -> None:
        data["tables"] = [t for t in data["tables"] if t["json"]["path"] != LEDGER]
        recount(data)

    unlisted = rewrite(plain, tmp_path / "u.zip", change={"manifest.json": edit_manifest(unlist)})
    target = tmp_path / "db"
    done = realise(["restore", str(unlisted)], sqlite_dir=target, check=False)
    refused(done, LEDGER, "not listed in its manifest")
    assert sqlite_tables(target) == []


def _stored_copy(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item), compress_type=zipfile.ZIP_STORED)
    return target


def _flip_byte_in(path: Path, member: str, at: int) -> None:
    """Change one byte of a member's data in place (its CRC in the zip then disagrees)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    raw = bytearray(path.read_bytes())
    name_len, extra_len = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    raw[start + min(at, info.compress_size - 1)] ^= 0x55
    path.write_bytes(bytes(raw))


def _corrupt_zips(plain: Path, tmp_path: Path) -> dict[str, Path]:
    whole = plain.read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(whole[: len(whole) // 2])
    random = tmp_path / "random.zip"
    random.write_bytes(os.urandom(4096))
    crc = _stored_copy(plain, tmp_path / "crc.zip")
    _flip_byte_in(crc, LEDGER, 40)
    deflated = tmp_path / "deflated.zip"
    deflated.write_bytes(whole)
    _flip_byte_in(deflated, LEDGER, 5)
    return {"truncated": truncated, "random": random, "crc": crc, "deflated": deflated}


def test_corrupt_zips_are_refused_with_a_plain_message(source, tmp_path):
    plain, _ = source
    for kind, path in _corrupt_zips(plain, tmp_path).items():
        target = tmp_path / f"db-{kind}"
        done = realise(["restore", str(path)], sqlite_dir=target, check=False)
        refused(done, path.name)
        assert "BadZipFile" not in done.stderr, kind
        assert "zlib" not in done.stderr, kind
        assert sqlite_tables(target) == [], kind


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL is not reachable")
def test_a_refused_archive_creates_no_table_in_a_fresh_postgresql_database(source, tmp_path):
    plain, signed = source
    name = f"realise_refused_{_RUN}"
    url = fresh_postgres(name)
    try:
        tampered = tamper_amount(plain, tmp_path / "tampered.zip")
        done = realise(["restore", str(tampered)], database_url=url, check=False)
        refused(done, "content checksum")
        done = realise(["restore", str(signed)], database_url=url, key=OTHER_KEY, check=False)
        refused(done, "signature does not match")
        assert postgres_tables(url) == []
        # The untouched signed archive still restores into it, with its key.
        realise(["restore", str(signed)], database_url=url, key=KEY)
        assert "benefits_savingsentry" in postgres_tables(url)
        assert manifest(signed)["tables"]
    finally:
        fresh_postgres(name, create=False)

"""Backup -> restore into a fresh database -> backup gives identical content, on SQLite, on
PostgreSQL and across the two; restore refuses damaged archives and non-empty databases.

These run the real `realise` command in subprocesses against databases made for the test."""

from __future__ import annotations

import json
import uuid
import zipfile

import openpyxl
import pytest

from tests.integration.backup_support import (
    PG_SERVER,
    fresh_postgres,
    manifest,
    postgres_available,
    realise,
    tables,
)

# Scratch databases this test creates and drops: a name of their own for each run, so two runs on
# one server never drop each other's.
_RUN = uuid.uuid4().hex[:10]
PG_NAMES = [f"realise_restore_{_RUN}_a", f"realise_restore_{_RUN}_b"]


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """An SQLite database with the Dorset demo, an imported ledger row (with its import key) and
    its change history, backed up once."""
    base = tmp_path_factory.mktemp("original")
    realise(["demo", "--no-serve"], sqlite_dir=base)
    book = openpyxl.Workbook()
    book.active.append(["Reference", "Year", "Amount", "Recorded on", "Note"])
    book.active.append(["S-1", "2023/24", "£1,234.56", "31/03/2024", "Café £ – accents kept"])
    book.save(base / "ledger.xlsx")
    realise(
        ["import", str(base / "ledger.xlsx"), "-o", "dorset", "--as", "finance@dorset.example"],
        sqlite_dir=base,
    )
    archive = base / "a.zip"
    realise(["backup", "--output", str(archive)], sqlite_dir=base)
    return base, archive


def test_the_archive_is_documented_and_checksummed(original):
    _, archive = original
    data = manifest(archive)
    assert (data["format"], data["version"], data["organisation"]) == ("realise-backup", 1, None)
    labels = [t["model"] for t in data["tables"]]
    assert labels.index("portfolio.organisation") < labels.index("portfolio.project")
    assert {"auth.user", "accounts.membership", "portfolio.historicalproject"} <= set(labels)
    with zipfile.ZipFile(archive) as zf:
        users = json.loads(zf.read("data/auth.user.json"))
        entries = json.loads(zf.read("data/benefits.savingsentry.json"))
    assert users["rows"][0][users["fields"].index("password")].startswith("md5$")
    amounts = [r[entries["fields"].index("amount")] for r in entries["rows"]]
    assert "1234.56" in amounts  # Decimals as exact strings


def test_every_model_is_archived_and_the_demo_business_case_with_it(original):
    """Every table Realise keeps is in the archive but those skipped on purpose; the Dorset
    case, its version (document as written) and their histories travel with the rest."""
    from django.apps import apps

    from realise.backup.archive import SKIPPED

    _, archive = original
    rows = {t["model"]: t["rows"] for t in manifest(archive)["tables"]}
    kept = {
        m._meta.label_lower
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    assert set(rows) == kept - SKIPPED
    assert (rows["cases.case"], rows["cases.caseversion"]) == (1, 1)
    assert rows["cases.historicalcaseversion"] == 2  # saved, then submitted
    with zipfile.ZipFile(archive) as zf:
        versions = json.loads(zf.read("data/cases.caseversion.json"))
    document = versions["rows"][0][versions["fields"].index("document")]
    assert document.startswith('# Dorset Council, "Our Future Council"')


def test_sqlite_round_trip_gives_identical_checksums(original, tmp_path):
    _, archive = original
    realise(["restore", str(archive)], sqlite_dir=tmp_path)
    again = tmp_path / "b.zip"
    realise(["backup", "--output", str(again)], sqlite_dir=tmp_path)
    assert tables(again) == tables(archive)
    assert manifest(again)["content_sha256"] == manifest(archive)["content_sha256"]


def test_restore_refuses_a_database_that_is_not_empty(original):
    base, archive = original
    done = realise(["restore", str(archive)], sqlite_dir=base, check=False)
    assert done.returncode == 1
    assert "The database is not empty" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_damaged_archive_is_refused_before_anything_is_written(original, tmp_path):
    _, archive = original
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "data/benefits.savingsentry.json":
                data = data.replace(b"1234.56", b"9234.56")
            dst.writestr(item, data)
    target = tmp_path / "db"
    done = realise(["restore", str(damaged)], sqlite_dir=target, check=False)
    assert done.returncode == 1
    assert "data/benefits.savingsentry.json does not match its checksum" in done.stderr
    # Nothing was written, so the good archive still restores into the same database.
    realise(["restore", str(archive)], sqlite_dir=target)


@pytest.mark.skipif(
    not postgres_available(),
    reason=f"PostgreSQL not reachable at {PG_SERVER}: install and start postgresql to run this",
)
def test_sqlite_to_postgresql_and_back_keeps_every_checksum(original, tmp_path):
    _, archive = original
    first, second = (fresh_postgres(name) for name in PG_NAMES[:2])
    try:
        realise(["restore", str(archive)], database_url=first)
        on_pg = tmp_path / "pg.zip"
        realise(["backup", "--output", str(on_pg)], database_url=first)
        assert tables(on_pg) == tables(archive)
        # PostgreSQL -> PostgreSQL and PostgreSQL -> SQLite.
        realise(["restore", str(on_pg)], database_url=second)
        pg_again = tmp_path / "pg2.zip"
        realise(["backup", "--output", str(pg_again)], database_url=second)
        realise(["restore", str(on_pg)], sqlite_dir=tmp_path / "lite")
        lite = tmp_path / "lite.zip"
        realise(["backup", "--output", str(lite)], sqlite_dir=tmp_path / "lite")
        assert tables(pg_again) == tables(lite) == tables(archive)
        # Sequences were reset: a new row after the restore gets a fresh key.
        book = openpyxl.Workbook()
        book.active.append(["Code", "Name"])
        book.active.append(["NEW-1", "After restore"])
        book.save(tmp_path / "p.xlsx")
        new_project = [
            "import",
            str(tmp_path / "p.xlsx"),
            "-o",
            "dorset",
            "--as",
            "tmo@dorset.example",
        ]
        realise(new_project, database_url=first)
    finally:
        for name in PG_NAMES[:2]:
            fresh_postgres(name, create=False)

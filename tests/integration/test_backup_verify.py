"""Everything restore checks in an archive, before the target database is touched: the files the
zip holds against its manifest, the manifest's paths, checksums, row counts and every value."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest

from realise.backup.archive import backup
from realise.backup.restore import BackupError, restore
from realise.backup.verify import verify
from realise.benefits import services as benefits
from tests.integration.backup_support import edit_manifest, recount, rewrite

pytestmark = pytest.mark.db
LEDGER = "data/benefits.savingsentry.json"


@pytest.fixture
def archive(council, tmp_path):
    benefits.saving_record(
        organisation=council["org"], year="2024/25", amount="1234.56", recorded_on=date(2025, 1, 1)
    )
    path = tmp_path / "all.zip"
    backup(path)
    return path


def _entry(data: dict, path: str) -> dict:
    return next(t for t in data["tables"] if t["json"]["path"] == path)


def test_verifying_an_archive_touches_no_database(archive, django_assert_num_queries):
    with django_assert_num_queries(0):
        checked = verify(archive)
    assert checked.manifest["tables"]
    assert checked.origin == "unchecked"


def test_a_path_outside_data_is_refused(archive, tmp_path):
    def escape(data: dict) -> None:
        _entry(data, LEDGER)["json"]["path"] = "data/../benefits.savingsentry.json"

    odd = rewrite(archive, tmp_path / "odd.zip", change={"manifest.json": edit_manifest(escape)})
    with pytest.raises(BackupError, match=r"data/\.\./benefits\.savingsentry\.json.*expected"):
        restore(odd)


def test_a_file_the_manifest_lists_but_the_zip_lacks_is_refused(archive, tmp_path):
    short = rewrite(archive, tmp_path / "short.zip", drop=("data/benefits.savingsentry.csv",))
    with pytest.raises(BackupError, match=r"has no data/benefits\.savingsentry\.csv"):
        verify(short)


def test_two_members_of_the_same_name_are_refused(archive, tmp_path):
    with zipfile.ZipFile(archive) as zf:
        ledger = zf.read(LEDGER)
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = rewrite(archive, tmp_path / "twice.zip", add={LEDGER: ledger})
    with pytest.raises(BackupError, match="two files named"):
        restore(twice)


def test_a_table_listed_twice_is_refused(archive, tmp_path):
    def again(data: dict) -> None:
        data["tables"].append(dict(_entry(data, LEDGER)))
        recount(data)

    twice = rewrite(archive, tmp_path / "t.zip", change={"manifest.json": edit_manifest(again)})
    with pytest.raises(BackupError, match=r"lists benefits\.savingsentry twice"):
        restore(twice)


def test_a_wrong_row_count_is_refused(archive, tmp_path):
    def more(data: dict) -> None:
        _entry(data, LEDGER)["rows"] += 1

    odd = rewrite(archive, tmp_path / "odd.zip", change={"manifest.json": edit_manifest(more)})
    with pytest.raises(BackupError, match=r"benefits\.savingsentry has 1 rows, not 2"):
        verify(odd)


def test_a_value_that_is_not_what_its_column_holds_is_refused(archive, tmp_path):
    """An edit that redoes every checksum (no key is set) still cannot put text in a money column
    and get an unexpected error: the row and column are named."""
    with zipfile.ZipFile(archive) as zf:
        content = json.loads(zf.read(LEDGER))
    column = content["fields"].index("amount")
    content["rows"][0][column] = "lots"
    edited = json.dumps(content).encode()

    def update(data: dict) -> None:
        import hashlib

        _entry(data, LEDGER)["json"]["sha256"] = hashlib.sha256(edited).hexdigest()
        recount(data)

    odd = rewrite(
        archive,
        tmp_path / "odd.zip",
        change={LEDGER: lambda _: edited, "manifest.json": edit_manifest(update)},
    )
    with pytest.raises(BackupError, match=r"benefits\.savingsentry row 1, amount: 'lots'"):
        restore(odd)


def test_a_huge_manifest_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", b" " * (5 * 1024 * 1024))
    with pytest.raises(BackupError, match=r"manifest\.json is far larger than Realise writes it"):
        verify(path)

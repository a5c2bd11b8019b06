"""A backup of one organisation holds its rows, the users they name, and nothing of another
council's."""

import json
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from realise.accounts.models import Membership
from realise.backup.archive import backup, tables
from realise.backup.restore import BackupError, database_contents, restore
from realise.benefits import services as benefits
from realise.portfolio import services as portfolio

pytestmark = pytest.mark.db


def read(archive, label):
    with zipfile.ZipFile(archive) as zf:
        content = json.loads(zf.read(f"data/{label}.json"))
    return [dict(zip(content["fields"], row, strict=True)) for row in content["rows"]]


def test_one_organisation_backup_holds_only_its_rows_and_their_users(council, tmp_path):
    users = get_user_model().objects
    ours, recorder, theirs = (users.create_user(n, password="x") for n in ("a", "b", "c"))
    other = portfolio.organisation_create(slug="elsewhere", name="Elsewhere Council")
    portfolio.project_create(organisation=other, code="E-1", name="Theirs")
    priority = portfolio.priority_create(organisation=council["org"], name="Growth")
    council["care"].priorities.add(priority)
    Membership.objects.create(organisation=council["org"], user=ours, role="viewer")
    Membership.objects.create(organisation=other, user=theirs, role="viewer")
    benefits.saving_record(
        organisation=council["org"],
        year="2024/25",
        amount=10,
        recorded_on=date(2025, 1, 1),
        by=recorder,
    )
    archive = tmp_path / "one.zip"
    backup(archive, organisation=council["org"])
    for table in tables():
        for row in read(archive, table.label):
            assert row.get("organisation_id", council["org"].pk) == council["org"].pk, table.label
    assert {u["username"] for u in read(archive, "auth.user")} == {"a", "b"}
    assert [o["slug"] for o in read(archive, "portfolio.organisation")] == ["testshire"]
    assert {p["code"] for p in read(archive, "portfolio.project")} == {"P-1", "P-2"}
    links = [
        (r["project_id"], r["priority_id"]) for r in read(archive, "portfolio.project_priorities")
    ]
    assert links == [(council["care"].pk, priority.pk)]


def test_restore_refuses_a_non_empty_database_and_names_what_is_there(council, tmp_path):
    archive = tmp_path / "all.zip"
    backup(archive)
    assert "portfolio.organisation" in database_contents()
    with pytest.raises(BackupError, match="The database is not empty"):
        restore(archive)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    path = tmp_path / "x.zip"
    path.write_text("not a zip")
    with pytest.raises(BackupError, match=r"x\.zip is not a zip archive"):
        restore(path)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "realise-backup", "version": 99}))
    with pytest.raises(BackupError, match="is a version 99 backup; this Realise reads version 1"):
        restore(path)


def test_a_malformed_manifest_is_refused_plainly(tmp_path, db):
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as zf:
        manifest = {"format": "realise-backup", "version": 1, "tables": [{"model": "x"}]}
        zf.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(BackupError, match="the manifest or a table file is malformed"):
        restore(path)
    assert database_contents() == {}

"""Changes made on the command line are recorded with who made them: the person named with --as
(their role's rights apply, as on the web) or, where no person is named, the operating-system
account, the file and its checksum. Account changes (email, password, active flag) leave
history, without the password hash; signing in is not a change."""

from __future__ import annotations

import hashlib

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.cli import app
from realise.core.attribution import os_user
from realise.portfolio.models import Organisation, Project

pytestmark = pytest.mark.db

SAVINGS_HEAD = ["Year", "Achieved", "Service area", "Project code", "Recorded on"]


def _workbook(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _person(org, email, role):
    user = get_user_model().objects.create_user(username=email, email=email, password="x-9-long")
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


@pytest.fixture
def people(council):
    org = council["org"]
    return {
        "finance": _person(org, "fin@testshire.gov.uk", "finance"),
        "lead": _person(org, "lead@testshire.gov.uk", "project_lead"),
    }


def said(done) -> str:
    """What a command printed, on one line (the console wraps long messages)."""
    return " ".join(done.output.split())


def _import(*args):
    return CliRunner().invoke(app, ["import", *map(str, args), "--organisation", "testshire"])


def test_an_import_that_names_nobody_is_refused_and_changes_nothing(council, people, tmp_path):
    path = _workbook(
        tmp_path / "s.xlsx", [SAVINGS_HEAD, ["2024/25", "£10", "People", "P-1", "31/03/2025"]]
    )
    done = _import(path)
    assert done.exit_code == 1
    assert "Say who is importing with --as EMAIL" in said(done)
    assert SavingsEntry.objects.count() == 0
    assert _import(path, "--dry-run").exit_code == 0  # a dry run changes nothing: no one needed


def test_an_import_records_the_person_the_file_and_its_checksum(council, people, tmp_path):
    savings = _workbook(
        tmp_path / "s.xlsx", [SAVINGS_HEAD, ["2024/25", "£10", "People", "P-1", "31/03/2025"]]
    )
    projects = _workbook(tmp_path / "p.xlsx", [["Code", "Name"], ["N-1", "New one"]])
    assert _import(savings, "--as", "FIN@testshire.gov.uk").exit_code == 0
    done = _import(projects, "--as", "fin@testshire.gov.uk")
    assert done.exit_code == 0, done.output
    entry = SavingsEntry.objects.get()
    assert (entry.recorded_by, entry.status) == (people["finance"], EntryStatus.ACHIEVED)
    record = Project.objects.get(code="N-1").history.get()
    assert record.history_user == people["finance"]
    digest = hashlib.sha256(projects.read_bytes()).hexdigest()[:16]
    assert f"realise import of p.xlsx (sha256 {digest})" in record.history_change_reason
    assert f"OS user {os_user()}" in record.history_change_reason


def test_the_named_persons_role_decides_as_on_the_web(council, people, tmp_path):
    path = _workbook(
        tmp_path / "s.xlsx", [SAVINGS_HEAD, ["2024/25", "£10", "People", "P-1", "31/03/2025"]]
    )
    done = _import(path, "--as", "lead@testshire.gov.uk")
    assert done.exit_code == 1
    assert "finance" in said(done)  # only finance validates achieved savings
    assert SavingsEntry.objects.count() == 0


def test_someone_without_a_role_in_the_council_cannot_be_named(council, people, tmp_path):
    other = Organisation.objects.create(slug="wessex", name="Wessex Council")
    _person(other, "w@wessex.gov.uk", "finance")
    path = _workbook(
        tmp_path / "s.xlsx", [SAVINGS_HEAD, ["2024/25", "£10", "People", "P-1", "31/03/2025"]]
    )
    done = _import(path, "--as", "w@wessex.gov.uk")
    assert done.exit_code == 1
    assert "nobody with that email holds a role in Testshire Council" in said(done)
    assert SavingsEntry.objects.count() == 0


def test_council_set_up_commands_record_the_os_user_or_the_person_named(people, council):
    runner = CliRunner()
    done = runner.invoke(app, ["organisation", "create", "--slug", "newtown", "--name", "Newtown"])
    assert done.exit_code == 0, done.output
    created = Organisation.objects.get(slug="newtown").history.get()
    assert created.history_user is None
    assert (
        created.history_change_reason == f"realise organisation create, run by OS user {os_user()}"
    )
    args = ["user", "add", "jo@testshire.gov.uk", "-o", "testshire", "--role", "viewer"]
    done = runner.invoke(app, [*args, "--as", "fin@testshire.gov.uk"])
    assert done.exit_code == 0, done.output
    membership = Membership.objects.get(user__username="jo@testshire.gov.uk").history.get()
    assert membership.history_user == people["finance"]


def test_account_changes_leave_history_without_the_password_hash(db):
    user = get_user_model().objects.create_user(username="ann@x.gov.uk", email="ann@x.gov.uk")
    user.email = "ann.smith@x.gov.uk"
    user.save()
    user.set_password("a-new-long-passphrase-7")
    user.save()
    user.is_active = False
    user.save()
    rows = list(user.history.order_by("history_id"))
    assert [r.history_type for r in rows] == ["+", "~", "~", "~"]
    assert [r.email for r in rows] == ["ann@x.gov.uk", *["ann.smith@x.gov.uk"] * 3]
    assert [r.password_changed for r in rows] == [False, False, True, False]
    assert [r.is_active for r in rows] == [True, True, True, False]
    assert not hasattr(rows[0], "password")


def test_signing_in_is_not_an_account_change(client, db):
    user = get_user_model().objects.create_user(username="bo@x.gov.uk", password="long-pass-9-x")
    before = user.history.count()
    assert client.login(username="bo@x.gov.uk", password="long-pass-9-x")
    assert user.history.count() == before


def test_support_staff_see_an_accounts_history_in_the_admin(client, db):
    support = get_user_model().objects.create_superuser(username="s@realise.example", password="p")
    user = get_user_model().objects.create_user(username="cy@x.gov.uk", email="cy@x.gov.uk")
    user.set_password("another-long-pass-1")
    user.save()
    client.force_login(support)
    page = client.get(f"/admin/auth/user/{user.pk}/history/")
    assert page.status_code == 200
    assert page.content.count(b"cy@x.gov.uk") >= 2  # the account's two history rows

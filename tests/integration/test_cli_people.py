"""`realise organisation create`, `realise user add` and `realise user list`: a fresh install gets
its first council and TMO admin from the command line; bad input gives a message and a non-zero
exit code, never a traceback."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.cli import app

pytestmark = pytest.mark.db

runner = CliRunner()


@pytest.fixture
def cli(transactional_db):
    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def council(cli):
    result = cli(
        "organisation",
        "create",
        "--slug",
        "testshire",
        "--name",
        "Testshire Council",
        "--first-year",
        "2024/25",
        "--last-year",
        "2028/29",
    )
    assert result.exit_code == 0, result.output
    return result


def test_a_fresh_install_gets_its_council_and_first_admin_who_sets_a_password(cli, council):
    from realise.portfolio.models import Organisation

    assert "Created Testshire Council (testshire), plan years 2024/25 to 2028/29." in council.output
    assert "realise user add EMAIL --organisation testshire --role tmo_admin" in council.output
    assert Organisation.objects.get(slug="testshire").name == "Testshire Council"

    added = cli(
        "user",
        "add",
        "Jo.Bloggs@Testshire.gov.uk",
        "--organisation",
        "testshire",
        "--role",
        "tmo_admin",
        "--name",
        "Jo Bloggs",
    )
    assert added.exit_code == 0, added.output
    assert "Added jo.bloggs@testshire.gov.uk to Testshire Council as TMO admin" in added.output
    assert "Realise sends no email" in added.output
    path = re.search(r"^(/set-password/\S+/)$", added.output, re.M).group(1)
    jo = get_user_model().objects.get(username="jo.bloggs@testshire.gov.uk")
    assert not jo.has_usable_password()
    membership = Membership.objects.get(user=jo)
    assert membership.role == "tmo_admin"
    assert membership.organisation.slug == "testshire"
    record = Membership.history.get(user=jo)
    assert record.history_user is None
    assert record.history_change_reason == "realise command line"

    browser = Client()
    opened = browser.get(path, follow=True)
    assert "Set your password" in opened.content.decode()
    browser.post(
        opened.redirect_chain[-1][0],
        {"new_password1": "quiet-harbour-lamp-7", "new_password2": "quiet-harbour-lamp-7"},
    )
    assert browser.login(username="jo.bloggs@testshire.gov.uk", password="quiet-harbour-lamp-7")
    assert browser.get("/o/testshire/settings/people/").status_code == 200

    listed = cli("user", "list", "--organisation", "testshire")
    assert listed.exit_code == 0, listed.output
    assert "Jo Bloggs" in listed.output
    assert "jo.bloggs@testshire.gov.uk" in listed.output
    assert "TMO admin" in listed.output
    assert "never" not in listed.output


def test_a_password_can_be_typed_instead_and_is_checked_by_djangos_rules(cli, council):
    typed = cli(
        "user",
        "add",
        "sam@testshire.gov.uk",
        "-o",
        "testshire",
        "--role",
        "finance",
        "--password-prompt",
        input="password\npassword\nsam@testshire\nsam@testshire\nlong-river-stone-8\nlong-river-stone-8\n",
    )
    assert typed.exit_code == 0, typed.output
    assert "This password is too common." in typed.output
    assert "too similar to the username" in typed.output
    assert "Their password is set: they can sign in now." in typed.output
    assert "/set-password/" not in typed.output
    assert Client().login(username="sam@testshire.gov.uk", password="long-river-stone-8")


def test_three_refused_passwords_change_nothing(cli, council):
    result = cli(
        "user",
        "add",
        "kim@testshire.gov.uk",
        "-o",
        "testshire",
        "--role",
        "viewer",
        "--password-prompt",
        input="12345678\n12345678\n" * 3,
    )
    assert result.exit_code == 1
    assert "No password accepted after three tries: nothing was changed" in result.output
    assert not get_user_model().objects.filter(username="kim@testshire.gov.uk").exists()


def test_an_existing_account_keeps_its_password_and_gains_the_role(cli, council):
    cli("organisation", "create", "--slug", "wessex", "--name", "Wessex Council")
    user = get_user_model().objects.create_user(
        username="pat@wessex.gov.uk", email="pat@wessex.gov.uk", password="pat-own-password-1"
    )
    result = cli("user", "add", "pat@wessex.gov.uk", "-o", "testshire", "--role", "viewer")
    assert result.exit_code == 0, result.output
    assert "(existing account)" in result.output
    assert "They sign in with the password they already use." in result.output
    assert "/set-password/" not in result.output
    user.refresh_from_db()
    assert user.check_password("pat-own-password-1")
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["viewer"]


def test_user_list_of_a_council_with_nobody_says_how_to_add_someone(cli, council):
    result = cli("user", "list", "--organisation", "testshire")
    assert result.exit_code == 0
    assert "Nobody holds a role in Testshire Council yet" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["user", "add", "a@b.gov.uk", "-o", "nowhere", "--role", "viewer"],
            'No organisation "nowhere" (organisations: testshire)',
        ),
        (
            ["user", "add", "a@b.gov.uk", "-o", "testshire", "--role", "boss"],
            '"boss" is not a role: use one of viewer, project_lead, finance, tmo_admin',
        ),
        (
            ["user", "add", "not-an-email", "-o", "testshire", "--role", "viewer"],
            '"not-an-email" is not an email address',
        ),
        (["user", "list", "-o", "nowhere"], 'No organisation "nowhere"'),
        (
            ["organisation", "create", "--slug", "testshire", "--name", "Again"],
            'There is already an organisation "testshire": Testshire Council',
        ),
        (
            ["organisation", "create", "--slug", "no spaces!", "--name", "Bad"],
            "Enter a valid “slug”",
        ),
    ],
)
def test_bad_input_gives_a_message_and_a_non_zero_exit_not_a_traceback(cli, council, args, message):
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not get_user_model().objects.filter(username="a@b.gov.uk").exists()


def test_adding_someone_twice_is_refused(cli, council):
    args = ["user", "add", "lee@testshire.gov.uk", "-o", "testshire", "--role", "viewer"]
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 1
    assert "already holds a role in Testshire Council" in " ".join(again.output.split())

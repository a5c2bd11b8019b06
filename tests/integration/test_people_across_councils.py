"""Adding a person whose address another council already uses: Dorset's admin learns nothing about
the account beyond what Dorset gives it (no name, no last sign-in, no other council), Wessex's
pending set-password link keeps working and Wessex can still replace it, and no council is ever
given a link that would set the password of an account another council relies on."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.http import int_to_base36

from realise.accounts import services
from realise.accounts.models import Membership

pytestmark = pytest.mark.db

DORSET = "/o/dorset/settings/people/"
WESSEX = "/o/wessex/settings/people/"
SIGNED_IN = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def _link(page: str) -> str:
    found = re.search(r'<code class="[^"]*" id="set-password-link">([^<]+)</code>', page)
    assert found, "no set-password link on the page"
    return found.group(1).removeprefix("http://testserver")


def _set_password(path: str, password: str = "plum-orchard-winter-42") -> str:
    browser = Client()
    opened = browser.get(path, follow=True)
    form_url = opened.redirect_chain[-1][0] if opened.redirect_chain else path
    browser.post(form_url, {"new_password1": password, "new_password2": password})
    return opened.content.decode()


def _row(page: str, email: str) -> str:
    found = re.search(
        rf'<tr class="govuk-table__row" data-person="{re.escape(email)}">(.*?)</tr>', page, re.S
    )
    assert found, f"no row for {email}"
    return found.group(1)


@pytest.fixture
def pat(world):
    """Wessex's TMO admin: named, signed in before, with a password of their own."""
    pat = world.users["outsider"]
    pat.first_name, pat.last_name, pat.email = "Patricia", "Wessexborn", "pat@wessex.gov.uk"
    pat.last_login = SIGNED_IN
    pat.save()
    Membership.objects.filter(user=pat).delete()  # added again by Wessex, which names them
    services.person_add(
        organisation=world.other_org, email=pat.email, name="Patricia Wessexborn", role="tmo_admin"
    )
    return pat


@pytest.fixture
def dorset_admin(client, world):
    client.force_login(world.users["admin"])
    return client


@pytest.fixture
def wessex_admin(world):
    browser = Client()
    browser.force_login(world.users["outsider"])
    return browser


def _add(client, email: str, name: str = "Pat at Dorset", role: str = "viewer"):
    return client.post(f"{DORSET}add/", {"email": email, "name": name, "role": role})


def test_adding_an_address_used_elsewhere_shows_nothing_of_that_account(dorset_admin, world, pat):
    before = (pat.first_name, pat.last_name, pat.password, pat.last_login)
    response = _add(dorset_admin, "PAT@wessex.gov.uk")
    assert response.status_code == 200
    shown = [response.content.decode()]
    shown.append(dorset_admin.get(DORSET).content.decode())
    shown.append(dorset_admin.get(f"{DORSET}{pat.pk}/").content.decode())
    for page in shown:
        for secret in ("Patricia", "Wessexborn", "Wessex Council", "outsider", "30 November"):
            assert secret not in page
    assert "Pat at Dorset added" in shown[0]
    assert "set-password-link" not in shown[0]
    assert "sign in with the Realise password they already have" in shown[0]
    row = _row(shown[1], "pat@wessex.gov.uk")
    assert "Pat at Dorset" in row
    assert "Never" in row  # no sign-in since Dorset added them
    assert "Password not set" not in row
    pat.refresh_from_db()
    assert (pat.first_name, pat.last_name, pat.password, pat.last_login) == before
    # Wessex still sees its own name for Pat; Dorset's name stays in Dorset.
    assert services.display_name(pat, world.other_org) == "Patricia Wessexborn"
    assert services.display_name(pat, world.org) == "Pat at Dorset"


def _normalised(page: str, email: str = "") -> str:
    """The page without what differs on every response (CSRF tokens) or by address."""
    if email:
        page = page.replace(email, "EMAIL")
    return re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r'\1""', page)


def test_the_page_is_the_same_for_an_account_in_use_and_one_only_invited_elsewhere(
    dorset_admin, world, pat
):
    services.person_add(organisation=world.other_org, email="sam@wessex.gov.uk", role="viewer")
    in_use = _add(dorset_admin, "pat@wessex.gov.uk", name="Someone")
    invited = _add(dorset_admin, "sam@wessex.gov.uk", name="Someone")
    assert _normalised(in_use.content.decode(), "pat@wessex.gov.uk") == _normalised(
        invited.content.decode(), "sam@wessex.gov.uk"
    )
    listing = dorset_admin.get(DORSET).content.decode()
    pat_row = _row(listing, "pat@wessex.gov.uk").replace("pat@wessex.gov.uk", "EMAIL")
    sam_row = _row(listing, "sam@wessex.gov.uk").replace("sam@wessex.gov.uk", "EMAIL")
    assert re.sub(r"/\d+/", "/N/", pat_row) == re.sub(r"/\d+/", "/N/", sam_row)


def test_another_council_adding_the_person_leaves_the_first_councils_link_working(
    dorset_admin, wessex_admin, world
):
    sent = services.person_add(
        organisation=world.other_org, email="sam@wessex.gov.uk", name="Sam", role="viewer"
    )
    assert sent.set_password_path
    wessex_before = _normalised(wessex_admin.get(f"{WESSEX}{sent.user.pk}/").content.decode())
    assert "Make a new set-password link" in wessex_before

    added = _add(dorset_admin, "sam@wessex.gov.uk")
    assert "set-password-link" not in added.content.decode()
    # Nothing Wessex sees changes, and Wessex may still replace a lost link.
    wessex_after = wessex_admin.get(f"{WESSEX}{sent.user.pk}/").content.decode()
    assert _normalised(wessex_after) == wessex_before
    assert "Password not set" in _row(
        wessex_admin.get(WESSEX).content.decode(), "sam@wessex.gov.uk"
    )
    again = wessex_admin.post(f"{WESSEX}{sent.user.pk}/link/")
    assert again.status_code == 200
    assert _link(again.content.decode())
    # The link Wessex gave out first still sets Sam's password.
    assert "Set your password" in _set_password(sent.set_password_path)
    sam = get_user_model().objects.get(pk=sent.user.pk)
    assert sam.check_password("plum-orchard-winter-42")
    assert set(
        Membership.objects.filter(user=sam).values_list("organisation__slug", flat=True)
    ) == {
        "dorset",
        "wessex",
    }


def test_a_council_that_did_not_invite_the_person_is_never_given_a_link_for_them(
    dorset_admin, world, pat
):
    invited = services.person_add(
        organisation=world.other_org, email="sam@wessex.gov.uk", role="viewer"
    ).user
    for person in (pat, invited):
        added = services.person_add(organisation=world.org, email=person.email, role="viewer")
        assert added.set_password_path is None
        assert not services.link_allowed(person, world.org)
        page = dorset_admin.get(f"{DORSET}{person.pk}/").content.decode()
        assert "Make a new set-password link" not in page
        assert dorset_admin.post(f"{DORSET}{person.pk}/link/").status_code == 403
    pat.refresh_from_db()
    assert pat.check_password("a-long-passphrase-9")
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_a_link_stops_working_when_the_person_is_removed_even_if_added_again(world):
    first = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="finance")
    services.person_remove(organisation=world.org, user=first.user)
    second = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="finance")
    assert second.set_password_path != first.set_password_path
    assert "This link does not work" in _set_password(first.set_password_path)
    jo = get_user_model().objects.get(pk=first.user.pk)
    assert not jo.has_usable_password()
    assert "Set your password" in _set_password(second.set_password_path)


def test_changing_the_persons_roles_keeps_their_link(world):
    added = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="viewer")
    services.person_roles_set(organisation=world.org, user=added.user, roles=["finance"])
    services.person_roles_set(
        organisation=world.org, user=added.user, roles=["viewer", "tmo_admin"]
    )
    services.person_roles_set(organisation=world.org, user=added.user, roles=["tmo_admin"])
    assert "Set your password" in _set_password(added.set_password_path)


def test_no_link_for_an_account_that_has_signed_in_before_or_is_a_support_account(world):
    users = get_user_model().objects
    former = users.create_user(username="lee@dorset.gov.uk", email="lee@dorset.gov.uk")
    former.last_login = SIGNED_IN
    former.save()
    support = users.create_user(username="help@realise.example", email="help@realise.example")
    support.is_staff = True
    support.save()
    for person in (former, support):
        assert not person.has_usable_password()
        added = services.person_add(organisation=world.org, email=person.email, role="viewer")
        assert added.set_password_path is None


def test_a_link_stops_working_if_the_account_becomes_a_support_account(world):
    added = services.person_add(organisation=world.org, email="jo@dorset.gov.uk", role="viewer")
    added.user.is_staff = True
    added.user.save()
    assert "This link does not work" in _set_password(added.set_password_path)
    assert not get_user_model().objects.get(pk=added.user.pk).has_usable_password()


def test_a_link_made_for_one_council_is_refused_with_another_councils_number(world):
    """The issuing council is part of the link; changing it to another council the person also
    belongs to does not make a working link."""
    sent = services.person_add(
        organisation=world.other_org, email="sam@wessex.gov.uk", role="viewer"
    )
    services.person_add(organisation=world.org, email="sam@wessex.gov.uk", role="viewer")
    uid, token = sent.set_password_path.strip("/").split("/")[1:]
    council, rest = token.split("-", 1)
    forged = f"/set-password/{uid}/{int_to_base36(world.org.pk)}-{rest}/"
    assert council != int_to_base36(world.org.pk)
    assert "This link does not work" in _set_password(forged)
    assert not get_user_model().objects.get(pk=sent.user.pk).has_usable_password()

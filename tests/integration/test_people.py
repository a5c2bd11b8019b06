"""Settings → People: who may open each page, adding a person and their set-password link end to
end, changing roles, removing someone, the last-TMO-admin guard, other councils' people out of
reach, and every change in the audit trail with who made it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from realise.accounts import services
from realise.accounts.models import Membership, Role

pytestmark = pytest.mark.db

BASE = "/o/dorset/settings/people/"


def _pages(world) -> dict[str, str]:
    viewer = world.users["viewer"].pk
    return {
        "list": BASE,
        "add": f"{BASE}add/",
        "person": f"{BASE}{viewer}/",
        "remove": f"{BASE}{viewer}/remove/",
    }


def _roles(org, user) -> set[str]:
    return set(
        Membership.objects.filter(organisation=org, user=user).values_list("role", flat=True)
    )


def _link(page: str) -> str:
    found = re.search(r'<code class="[^"]*" id="set-password-link">([^<]+)</code>', page)
    assert found, "no set-password link on the page"
    return found.group(1)


# Who may open each page: TMO admins only; other roles 403; another council's admin 404;
# signed-out visitors to sign-in.
@pytest.mark.parametrize("page", ["list", "add", "person", "remove"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("finance", 403),
        ("lead", 403),
        ("viewer", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_the_councils_tmo_admins_reach_the_people_pages(client, world, page, role, status):
    if role != "anonymous":
        client.force_login(world.users[role])
    url = _pages(world)[page]
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/sign-in/")
    if status != 200:
        posted = client.post(url, {"email": "x@example.gov.uk", "roles": ["viewer"]})
        assert posted.status_code == status
        assert _roles(world.org, world.users["viewer"]) == {"viewer"}
        assert not get_user_model().objects.filter(username="x@example.gov.uk").exists()


@pytest.mark.parametrize("role", ["finance", "lead", "viewer", "outsider"])
def test_nobody_but_the_councils_admin_may_make_a_set_password_link(client, world, role):
    person = services.person_add(
        organisation=world.org, email="new@dorset.gov.uk", name="New", role="viewer"
    ).user
    client.force_login(world.users[role])
    response = client.post(f"{BASE}{person.pk}/link/")
    assert response.status_code == (404 if role == "outsider" else 403)
    assert "set-password" not in response.content.decode()


def test_the_settings_page_leads_tmo_admins_to_people(client, world):
    client.force_login(world.users["admin"])
    page = client.get("/o/dorset/settings/").content.decode()
    assert f'href="{BASE}"' in page


def test_the_list_shows_name_email_roles_and_last_sign_in_sorted_by_name(client, world):
    services.person_add(
        organisation=world.org, email="zoe@dorset.gov.uk", name="Zoe Adams", role="finance"
    )
    services.person_add(
        organisation=world.org, email="amy@dorset.gov.uk", name="Amy Young", role="viewer"
    )
    services.person_roles_set(
        organisation=world.org,
        user=services.account_for("zoe@dorset.gov.uk"),
        roles=["finance", "tmo_admin"],
    )
    Client().login(username="viewer", password="a-long-passphrase-9")  # sets last_login
    client.force_login(world.users["admin"])
    page = client.get(BASE).content.decode()
    rows = re.findall(r'<tr class="govuk-table__row" data-person="([^"]+)">(.*?)</tr>', page, re.S)
    names = [re.findall(r"<td[^>]*>(.*?)</td>", row)[0] for _, row in rows]
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "admin"
    assert "Amy Young" in names
    assert names[-1] == "Zoe Adams"
    zoe = dict(rows)["zoe@dorset.gov.uk"]
    assert "Finance, TMO admin" in zoe
    assert "Never" in zoe
    assert "Password not set" in zoe
    viewer = dict(rows)["viewer"]
    assert "Never" not in viewer
    assert "Password not set" not in viewer
    assert 'aria-sort="ascending"' in page
    descending = client.get(BASE, {"order": "desc"}).content.decode()
    rows = re.findall(r'data-person="([^"]+)"', descending)
    assert rows[0] == "zoe@dorset.gov.uk"
    assert rows[-1] == "admin"
    assert 'aria-sort="descending"' in descending
    assert "wessex" not in page.lower()
    assert "outsider" not in page


def test_a_new_person_gets_a_link_that_sets_their_password_once(client, world):
    client.force_login(world.users["admin"])
    response = client.post(
        f"{BASE}add/",
        {"email": " Jo.Bloggs@Dorset.gov.uk ", "name": "Jo Bloggs", "role": "finance"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jo Bloggs added" in page
    assert "Realise does not send email" in page
    assert "no-store" in response["Cache-Control"]
    link = _link(page)
    assert link.startswith("http://testserver/set-password/")
    jo = get_user_model().objects.get(username="jo.bloggs@dorset.gov.uk")
    assert jo.email == "jo.bloggs@dorset.gov.uk"
    assert jo.get_full_name() == "Jo Bloggs"
    assert not jo.has_usable_password()
    assert _roles(world.org, jo) == {"finance"}
    assert Membership.history.get(user=jo).history_user == world.users["admin"]
    # The list shows the link nowhere: it was shown once.
    assert "set-password" not in client.get(BASE).content.decode()

    # Jo, in a browser of their own, opens the link and sets a password with Django's view.
    jo_browser = Client()
    path = link.removeprefix("http://testserver")
    opened = jo_browser.get(path, follow=True)
    assert "Set your password" in opened.content.decode()
    form_url = opened.redirect_chain[-1][0]
    weak = jo_browser.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    weak_page = weak.content.decode()
    assert "govuk-error-summary" in weak_page
    assert 'href="#id_new_password2"' in weak_page
    assert "too common" in weak_page
    done = jo_browser.post(
        form_url,
        {"new_password1": "plum-orchard-winter-42", "new_password2": "plum-orchard-winter-42"},
        follow=True,
    )
    assert "Password set" in done.content.decode()
    signed_in = jo_browser.post(
        "/sign-in/",
        {"username": "jo.bloggs@dorset.gov.uk", "password": "plum-orchard-winter-42"},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0] == "/o/dorset/"
    assert signed_in.status_code == 200
    # The link works once.
    again = Client().get(path, follow=True).content.decode()
    assert "This link does not work" in again


def test_an_existing_account_from_another_council_is_only_given_the_role(client, world):
    outsider = world.users["outsider"]
    outsider.email = "pat@wessex.gov.uk"
    outsider.save()
    before = outsider.password
    client.force_login(world.users["admin"])
    response = client.post(
        f"{BASE}add/", {"email": "PAT@wessex.gov.uk", "name": "Someone Else", "role": "viewer"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone Else added" in page
    assert "sign in with the Realise password they already have" in page
    assert "set-password" not in page
    outsider.refresh_from_db()
    assert outsider.password == before
    assert outsider.get_full_name() == ""
    assert _roles(world.org, outsider) == {"viewer"}
    assert _roles(world.other_org, outsider) == {"tmo_admin"}


def test_no_link_is_given_for_an_account_another_council_relies_on(world):
    wessex_only = services.person_add(
        organisation=world.other_org, email="sam@wessex.gov.uk", role="viewer"
    )
    assert wessex_only.set_password_path  # Wessex's own new person
    again = services.person_add(organisation=world.org, email="sam@wessex.gov.uk", role="viewer")
    assert again.set_password_path is None
    assert not services.link_allowed(again.user, world.org)


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        ({"email": "", "name": "A", "role": "viewer"}, "id_email", "Enter their email address"),
        ({"email": "nope", "name": "A", "role": "viewer"}, "id_email", "is not an email address"),
        ({"email": "a@b.gov.uk", "name": "", "role": "viewer"}, "id_name", "Enter their full"),
        ({"email": "a@b.gov.uk", "name": "A"}, "id_role_0", "Choose a role"),
        ({"email": "a@b.gov.uk", "name": "A", "role": "boss"}, "id_role_0", "Select a valid"),
        ({"email": "VIEWER", "name": "A", "role": "finance"}, "id_email", "is not an email"),
        (
            {"email": "o'brien@dorset.gov.uk", "name": "A", "role": "viewer"},
            "id_email",
            "cannot be used to sign in",
        ),
    ],
)
def test_a_bad_new_person_is_refused_with_a_linked_error(client, world, data, anchor, message):
    client.force_login(world.users["admin"])
    response = client.post(f"{BASE}add/", data)
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'href="#{anchor}"' in summary
    assert message in summary
    assert f'id="{anchor}"' in page
    assert Membership.objects.filter(organisation=world.org).count() == 4


def test_someone_already_in_the_council_is_not_added_twice(client, world):
    services.person_add(organisation=world.org, email="kim@dorset.gov.uk", role="viewer")
    client.force_login(world.users["admin"])
    response = client.post(
        f"{BASE}add/", {"email": "kim@dorset.gov.uk", "name": "Kim", "role": "finance"}
    )
    assert response.status_code == 400
    assert "already holds a role in Dorset Council: change their roles instead" in (
        response.content.decode()
    )
    assert _roles(world.org, services.account_for("kim@dorset.gov.uk")) == {"viewer"}


def test_changing_roles_is_recorded_with_who_did_it_and_shown_in_the_change_log(client, world):
    viewer = world.users["viewer"]
    client.force_login(world.users["admin"])
    response = client.post(f"{BASE}{viewer.pk}/", {"roles": ["finance", "project_lead"]})
    assert response.status_code == 302
    assert response["Location"] == BASE
    assert _roles(world.org, viewer) == {"finance", "project_lead"}
    assert "viewer’s roles: Project lead, Finance" in client.get(BASE).content.decode()
    changed = Membership.history.filter(user=viewer, history_type="~").get()
    assert changed.history_user == world.users["admin"]
    assert (changed.prev_record.role, changed.role) == ("viewer", "project_lead")
    added = Membership.history.filter(user=viewer, history_type="+").latest("history_id")
    assert added.role == "finance"
    assert added.history_user == world.users["admin"]
    log = client.get("/o/dorset/changes/", {"user": world.users["admin"].pk})
    text = log.content.decode()
    assert "Membership: viewer — Project lead at Dorset Council" in text
    assert "Role: Viewer → Project lead" in text  # the field's label, the roles' names
    assert "Membership: viewer — Finance at Dorset Council" in text


def test_no_roles_at_all_is_refused_with_a_linked_error(client, world):
    client.force_login(world.users["admin"])
    response = client.post(f"{BASE}{world.users['viewer'].pk}/", {})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_roles_0"' in page
    assert 'id="id_roles_0"' in page
    assert "Choose at least one role" in page
    assert _roles(world.org, world.users["viewer"]) == {"viewer"}


def test_the_last_tmo_admin_can_be_neither_demoted_nor_removed(client, world):
    admin = world.users["admin"]
    client.force_login(admin)
    demoted = client.post(f"{BASE}{admin.pk}/", {"roles": ["finance"]})
    assert demoted.status_code == 400
    page = demoted.content.decode()
    assert "admin is the last TMO admin of Dorset Council" in page
    assert 'href="#id_roles_0"' in page
    confirm = client.get(f"{BASE}{admin.pk}/remove/").content.decode()
    assert "make someone else a TMO admin first" in confirm
    assert "govuk-button--warning" not in confirm  # no remove button
    removed = client.post(f"{BASE}{admin.pk}/remove/")
    assert removed.status_code == 400
    assert _roles(world.org, admin) == {"tmo_admin"}
    with pytest.raises(ValidationError, match="last TMO admin"):
        services.person_remove(organisation=world.org, user=admin)
    with pytest.raises(ValidationError, match="last TMO admin"):
        services.person_roles_set(organisation=world.org, user=admin, roles=[Role.VIEWER])
    # Another council's admins do not count: Wessex's admin is no admin of Dorset.
    assert _roles(world.org, admin) == {"tmo_admin"}


def test_with_a_second_admin_an_admin_may_step_down_and_loses_the_page(client, world):
    admin = world.users["admin"]
    services.person_roles_set(
        organisation=world.org, user=world.users["finance"], roles=["finance", "tmo_admin"]
    )
    client.force_login(admin)
    response = client.post(f"{BASE}{admin.pk}/", {"roles": ["viewer"]})
    assert response.status_code == 302
    assert response["Location"] == "/o/dorset/"
    assert _roles(world.org, admin) == {"viewer"}
    assert client.get(BASE).status_code == 403


def test_removing_a_person_confirms_first_and_keeps_the_account_and_history(client, world):
    viewer = world.users["viewer"]
    client.force_login(world.users["admin"])
    confirm = client.get(f"{BASE}{viewer.pk}/remove/")
    assert "Remove viewer from Dorset Council?" in confirm.content.decode()
    assert _roles(world.org, viewer) == {"viewer"}  # GET changes nothing
    response = client.post(f"{BASE}{viewer.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == BASE
    assert _roles(world.org, viewer) == set()
    assert get_user_model().objects.filter(pk=viewer.pk).exists()
    deleted = Membership.history.get(user=viewer, history_type="-")
    assert deleted.history_user == world.users["admin"]
    listing = client.get(BASE).content.decode()
    assert "viewer is removed from Dorset Council" in listing
    assert 'data-person="viewer"' not in listing
    assert client.get(f"{BASE}{viewer.pk}/").status_code == 404
    log = client.get("/o/dorset/changes/").content.decode()
    assert "Membership: viewer — Viewer at Dorset Council" in log
    assert "Deleted" in log
    # The removed person still appears in the change log's "changed by" filter.
    client.force_login(world.users["admin"])
    form = client.get("/o/dorset/changes/").content.decode()
    assert f'<option value="{viewer.pk}"' in form
    # And they no longer reach the council.
    client.force_login(viewer)
    assert client.get("/o/dorset/").status_code == 404


def test_an_admin_who_removes_themselves_goes_home(client, world):
    admin = world.users["admin"]
    services.person_roles_set(
        organisation=world.org, user=world.users["finance"], roles=["tmo_admin"]
    )
    client.force_login(admin)
    confirm = client.get(f"{BASE}{admin.pk}/remove/").content.decode()
    assert "This is you" in confirm
    response = client.post(f"{BASE}{admin.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/o/dorset/").status_code == 404


def test_another_councils_people_are_out_of_reach(client, world):
    outsider = world.users["outsider"]
    client.force_login(world.users["admin"])
    for url in (f"{BASE}{outsider.pk}/", f"{BASE}{outsider.pk}/remove/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"roles": ["viewer"]}).status_code == 404
    assert client.post(f"{BASE}{outsider.pk}/link/").status_code == 404
    assert _roles(world.other_org, outsider) == {"tmo_admin"}
    assert _roles(world.org, outsider) == set()
    # Wessex's admin cannot see or change Dorset's people either.
    client.force_login(outsider)
    assert client.get(BASE).status_code == 404
    viewer = world.users["viewer"]
    assert client.post(f"/o/wessex/settings/people/{viewer.pk}/remove/").status_code == 404
    assert client.post(f"{BASE}{viewer.pk}/remove/").status_code == 404
    assert _roles(world.org, viewer) == {"viewer"}
    # The services refuse too.
    with pytest.raises(ValidationError, match="holds no role in Dorset Council"):
        services.person_remove(organisation=world.org, user=outsider)
    with pytest.raises(ValidationError, match="holds no role in Dorset Council"):
        services.person_roles_set(organisation=world.org, user=outsider, roles=["viewer"])


def test_a_lost_link_is_replaced_only_for_someone_without_a_password(client, world):
    person = services.person_add(
        organisation=world.org, email="lee@dorset.gov.uk", name="Lee", role="viewer"
    ).user
    client.force_login(world.users["admin"])
    page = client.get(f"{BASE}{person.pk}/").content.decode()
    assert "Make a new set-password link" in page
    response = client.post(f"{BASE}{person.pk}/link/")
    assert response.status_code == 200
    link = _link(response.content.decode()).removeprefix("http://testserver")
    assert "Set your password" in Client().get(link, follow=True).content.decode()
    viewer = world.users["viewer"]  # has a password
    assert "Make a new set-password link" not in (
        client.get(f"{BASE}{viewer.pk}/").content.decode()
    )
    assert client.post(f"{BASE}{viewer.pk}/link/").status_code == 403
    assert client.get(f"{BASE}{person.pk}/link/").status_code == 405


def test_the_service_names_the_allowed_roles_and_checks_the_email(world):
    with pytest.raises(
        ValidationError, match="use one of viewer, project_lead, finance, tmo_admin"
    ):
        services.person_add(organisation=world.org, email="a@b.gov.uk", role="boss")
    with pytest.raises(ValidationError, match="is not an email address"):
        services.person_add(organisation=world.org, email="a@", role="viewer")
    assert services.role_named("TMO admin") is Role.TMO_ADMIN
    assert services.role_named("project-lead") is Role.PROJECT_LEAD
    assert not get_user_model().objects.filter(username="a@b.gov.uk").exists()

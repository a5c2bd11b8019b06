import pytest
from django.contrib.auth import get_user_model

from realise.accounts.models import Membership, Role
from realise.accounts.permissions import Action, can, organisations
from realise.portfolio.models import Organisation, Project

pytestmark = pytest.mark.db


@pytest.fixture
def orgs(db):
    return (
        Organisation.objects.create(name="Dorset Council", slug="dorset"),
        Organisation.objects.create(name="Wessex Council", slug="wessex"),
    )


def user_with(org, *roles, name="u"):
    user = get_user_model().objects.create_user(username=name, password="x-long-password-1")
    for role in roles:
        Membership.objects.create(organisation=org, user=user, role=role)
    return user


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.VIEWER, Action.VIEW, True),
        (Role.VIEWER, Action.RECORD_SAVING, False),
        (Role.VIEWER, Action.EDIT_PROJECT, False),
        (Role.PROJECT_LEAD, Action.VIEW, True),
        (Role.PROJECT_LEAD, Action.VALIDATE_SAVING, False),
        (Role.PROJECT_LEAD, Action.CREATE_PROJECT, False),
        (Role.FINANCE, Action.VALIDATE_SAVING, True),
        (Role.FINANCE, Action.MANAGE_FUNDING, True),
        (Role.VIEWER, Action.MANAGE_FUNDING, False),
        (Role.PROJECT_LEAD, Action.MANAGE_FUNDING, False),
        (Role.TMO_ADMIN, Action.MANAGE_FUNDING, True),
        (Role.FINANCE, Action.MANAGE_SETTINGS, False),
        (Role.VIEWER, Action.MANAGE_USERS, False),
        (Role.PROJECT_LEAD, Action.MANAGE_USERS, False),
        (Role.FINANCE, Action.MANAGE_USERS, False),
        (Role.TMO_ADMIN, Action.MANAGE_USERS, True),
        (Role.TMO_ADMIN, Action.VALIDATE_SAVING, False),
        (Role.VIEWER, Action.ASSIGN_LEAD, False),
        (Role.PROJECT_LEAD, Action.ASSIGN_LEAD, False),
        (Role.FINANCE, Action.ASSIGN_LEAD, False),
        (Role.TMO_ADMIN, Action.ASSIGN_LEAD, True),
        # The claims queue: finance acts on it, a TMO admin sees it, no one else does.
        (Role.VIEWER, Action.REVIEW_CLAIMS, False),
        (Role.PROJECT_LEAD, Action.REVIEW_CLAIMS, False),
        (Role.FINANCE, Action.REVIEW_CLAIMS, True),
        (Role.TMO_ADMIN, Action.REVIEW_CLAIMS, True),
        # Business cases: finance and TMO admins store them, only a TMO admin records decisions.
        (Role.VIEWER, Action.EDIT_CASE, False),
        (Role.PROJECT_LEAD, Action.EDIT_CASE, False),  # only on the projects they lead
        (Role.FINANCE, Action.EDIT_CASE, True),
        (Role.TMO_ADMIN, Action.EDIT_CASE, True),
        (Role.FINANCE, Action.DECIDE_CASE, False),
        (Role.TMO_ADMIN, Action.DECIDE_CASE, True),
    ],
)
def test_each_role_may_do_exactly_its_actions_in_its_organisation(orgs, role, action, allowed):
    user = user_with(orgs[0], role)
    assert can(user, orgs[0], action) is allowed


@pytest.mark.parametrize("role", list(Role))
def test_no_role_reaches_another_organisation(orgs, role):
    user = user_with(orgs[0], role)
    assert not any(can(user, orgs[1], action) for action in Action)
    assert organisations(user) == [orgs[0]]


def test_anonymous_users_may_do_nothing(orgs):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), orgs[0], Action.VIEW)


def test_a_user_may_hold_roles_in_two_organisations(orgs):
    user = user_with(orgs[0], Role.VIEWER)
    Membership.objects.create(organisation=orgs[1], user=user, role=Role.FINANCE)
    user = get_user_model().objects.get(pk=user.pk)
    assert can(user, orgs[1], Action.VALIDATE_SAVING)
    assert not can(user, orgs[0], Action.VALIDATE_SAVING)


def test_a_project_in_another_organisation_is_never_editable(orgs):
    admin = user_with(orgs[0], Role.TMO_ADMIN)
    other = Project.objects.create(organisation=orgs[1], code="W1", name="Wessex project")
    assert not can(admin, orgs[0], Action.EDIT_PROJECT, project=other)


def test_a_project_lead_may_not_hand_their_own_project_to_someone_else(orgs):
    lead = user_with(orgs[0], Role.PROJECT_LEAD)
    mine = Project.objects.create(organisation=orgs[0], code="D1", name="Mine", lead_user=lead)
    assert can(lead, orgs[0], Action.EDIT_PROJECT, project=mine)
    assert not can(lead, orgs[0], Action.ASSIGN_LEAD, project=mine)

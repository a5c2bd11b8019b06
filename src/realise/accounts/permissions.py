"""The one place that decides who may do what. Pages, API, exports and the CLI all ask here.

Rules (issue "People, roles and trust"):
- viewer: read everything in their organisation, change nothing;
- project lead: edit the projects they lead; record claimed savings, forecasts, risks and measure
  readings on them;
- finance: validate or reject claimed savings (the claims queue); manage funds, bids and grants;
  record savings; enter the figures a committee paper printed, to reconcile them with Realise's;
- TMO admin: everything within the organisation, including users, settings and who leads each
  project (a lead may not hand their project to someone else), except turning a
  claimed saving into a validated one: only finance may (separation of duties; an admin who is
  also finance holds both roles). A TMO admin sees the claims queue, without its actions;
- viewers and project leads do not see the claims queue (a project lead sees finance's decision
  on their claims on the project's page);
- business cases: finance and TMO admins store cases and their versions and submit them, a
  project lead those of the projects they lead; only a TMO admin records a board's decision on
  one (approve, reject) or supersedes one.
No role reaches another organisation.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import connection

from realise.accounts.models import Membership, Role
from realise.portfolio.models import Organisation


class Action(StrEnum):
    VIEW = "view"
    EDIT_PROJECT = "edit_project"
    ASSIGN_LEAD = "assign_lead"
    CREATE_PROJECT = "create_project"
    RECORD_SAVING = "record_saving"
    VALIDATE_SAVING = "validate_saving"
    REVIEW_CLAIMS = "review_claims"  # see the claims waiting for finance (the claims queue)
    MANAGE_RISK = "manage_risk"
    RECORD_MEASURE = "record_measure"
    RECORD_DECISION = "record_decision"
    MANAGE_FUNDING = "manage_funding"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_USERS = "manage_users"
    VIEW_CHANGE_LOG = "view_change_log"
    RECONCILE = "reconcile"  # enter the figures a committee paper printed, to reconcile them
    EDIT_CASE = "edit_case"  # store a business case, save a new version, submit it
    DECIDE_CASE = "decide_case"  # record a board's approval or rejection; supersede a case


# What each role may do anywhere in its organisation.
GRANTS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.PROJECT_LEAD: frozenset({Action.VIEW}),
    Role.FINANCE: frozenset(
        {
            Action.VIEW,
            Action.RECORD_SAVING,
            Action.VALIDATE_SAVING,
            Action.REVIEW_CLAIMS,
            Action.MANAGE_FUNDING,
            Action.RECONCILE,
            Action.EDIT_CASE,
        }
    ),
    Role.TMO_ADMIN: frozenset(Action) - {Action.VALIDATE_SAVING},
}

# What a project lead may do on the projects they lead.
LEAD_GRANTS = frozenset(
    {
        Action.EDIT_PROJECT,
        Action.RECORD_SAVING,
        Action.MANAGE_RISK,
        Action.RECORD_MEASURE,
        Action.EDIT_CASE,
    }
)


def roles(user: Any, organisation: Organisation) -> set[Role]:
    """The roles ``user`` holds in ``organisation`` (none for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_realise_roles", None)
    if cache is None:
        cache = {}
        for org_id, role in _memberships(user.pk):
            cache.setdefault(org_id, set()).add(Role(role))
        user._realise_roles = cache
    return set(cache.get(organisation.pk, set()))


def forget_roles(user: Any) -> None:
    """Drop the roles ``roles`` remembered on this user object, after they change."""
    if hasattr(user, "_realise_roles"):
        del user._realise_roles  # also through request.user's lazy wrapper


def _memberships(user_id: int) -> list[tuple[int, str]]:
    """(organisation id, role) for each of the user's memberships. SQL rather than the ORM: every
    page asks, and building the ORM query costs ten times running it."""
    table = connection.ops.quote_name(Membership._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT organisation_id, role FROM {table} WHERE user_id = %s", [user_id])
        return list(cursor.fetchall())


def organisations(user: Any) -> list[Organisation]:
    """The organisations where ``user`` holds any role, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Organisation.objects.filter(membership__user=user).distinct().order_by("name"))


def leads(user: Any, project: Any) -> bool:
    """Whether ``user`` is the project's lead (the project's ``lead_user``, when it has one)."""
    lead_id = getattr(project, "lead_user_id", None)
    return lead_id is not None and lead_id == getattr(user, "pk", None)


def can(user: Any, organisation: Organisation, action: Action, project: Any = None) -> bool:
    """Whether ``user`` may do ``action`` in ``organisation`` (on ``project``, if given)."""
    if project is not None and getattr(project, "organisation_id", None) != organisation.pk:
        return False
    held = roles(user, organisation)
    if any(action in GRANTS[role] for role in held):
        return True
    return (
        Role.PROJECT_LEAD in held
        and project is not None
        and action in LEAD_GRANTS
        and leads(user, project)
    )

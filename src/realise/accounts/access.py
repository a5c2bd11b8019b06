"""The access gateway: the one module that answers "may this actor do this action in this
organisation" for every page, API route, import, report download and the command line's
``--as``. The rules themselves are the table in ``realise.accounts.permissions`` (``can``,
``Action``); nothing but this module reads it, so callers import ``Action`` and ``can`` from here.

An actor is a signed-in person (a web session), the owner of an API token (the API's
authentication puts them on ``request.user``) or a person named on the command line. Outcomes are
the same everywhere:

- an organisation (or a record in it) where the actor holds no role: 404, in the same words as
  for an organisation that does not exist, so another council is never confirmed to exist;
- a role without the action: ``PermissionDenied`` (the pages' 403 page, the API's 403 problem);
- not signed in: the pages send people to sign in (``realise.web.pages.org_view``), the API
  answers 401 before a handler runs.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from realise.accounts.permissions import (
    LEAD_GRANTS,
    Action,
    can,
    forget_roles,
    organisations,
    roles,
)
from realise.core.rows import row
from realise.portfolio.models import Organisation, Project

__all__ = [
    "Action",
    "allowed",
    "can",
    "forget_roles",
    "may_somewhere",
    "organisation_for",
    "organisations",
    "permitted_project_ids",
    "permitted_projects",
    "person_acting",
    "record_in",
    "require",
    "require_somewhere",
    "roles",
]

M = TypeVar("M", bound=models.Model)

NOT_FOUND = 'No organisation "{slug}" that you belong to'
FORBIDDEN = "Your role in {org} does not allow this"


def organisation_for(actor: Any, slug: str, action: Action = Action.VIEW) -> Organisation:
    """The organisation ``slug`` names, if ``actor`` holds a role there (else 404) and may do
    ``action`` there (else 403)."""
    organisation = row(Organisation, slug=slug)  # on every request: no ORM query building
    if organisation is None or not roles(actor, organisation):
        raise Http404(NOT_FOUND.format(slug=slug))
    require(actor, organisation, action)
    return organisation


def require(actor: Any, organisation: Organisation, action: Action, project: Any = None) -> None:
    """403 unless ``actor`` may do ``action`` (on ``project``, when given)."""
    if not can(actor, organisation, action, project=project):
        raise PermissionDenied(FORBIDDEN.format(org=organisation))


def may_somewhere(actor: Any, organisation: Organisation, action: Action) -> bool:
    """Whether ``actor`` may do ``action`` organisation-wide or, as a project lead, on at least
    one project they lead (pages that list a lead's own projects to choose from)."""
    if can(actor, organisation, action):
        return True
    return action in LEAD_GRANTS and permitted_projects(actor, organisation, action).exists()


def require_somewhere(actor: Any, organisation: Organisation, action: Action) -> None:
    """403 unless ``may_somewhere``; a page acting on one project checks again with it."""
    if not may_somewhere(actor, organisation, action):
        raise PermissionDenied(FORBIDDEN.format(org=organisation))


def permitted_projects(
    actor: Any, organisation: Organisation, action: Action
) -> models.QuerySet[Project]:
    """The projects on which ``actor`` may do ``action``: all of them for an organisation-wide
    grant, else those they lead."""
    projects = Project.objects.filter(organisation=organisation)
    if can(actor, organisation, action):
        return projects
    if action not in LEAD_GRANTS or not getattr(actor, "is_authenticated", False):
        return projects.none()
    ids = [
        p.pk
        for p in projects.filter(lead_user=actor)
        if can(actor, organisation, action, project=p)
    ]
    return projects.filter(pk__in=ids)


def permitted_project_ids(actor: Any, organisation: Organisation, action: Action) -> set[int]:
    """The ids of ``permitted_projects``."""
    return set(permitted_projects(actor, organisation, action).values_list("pk", flat=True))


def allowed(actor: Any, organisation: Organisation, *actions: Action) -> dict[str, bool]:
    """``{"record_saving": True, ...}`` for templates deciding which links and forms to show."""
    return {str(action): can(actor, organisation, action) for action in actions}


def record_in(
    model: type[M], organisation: Organisation, pk: Any, queryset: models.QuerySet[M] | None = None
) -> M:
    """The ``model`` row ``pk`` of ``organisation``, or 404 (also for another council's rows)."""
    rows = model._default_manager.all() if queryset is None else queryset
    found = rows.filter(organisation=organisation, pk=pk).first()
    if found is None:
        raise Http404(f"No {model._meta.verbose_name} {pk} in {organisation}")
    return found


def person_acting(email: str, organisation: Organisation, action: Action | None = None) -> Any:
    """The person a command names with ``--as EMAIL``: an active account holding a role in
    ``organisation`` that allows ``action`` (any role, when no action is given). Anything else is
    a ``ValueError`` saying what to do."""
    from realise.accounts.models import Membership

    address = (email or "").strip()
    held = (
        Membership.objects.filter(
            organisation=organisation, user__username__iexact=address, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if held is None:
        raise ValueError(
            f'--as "{address}": nobody with that email holds a role in {organisation.name}. '
            f"Name yourself with --as EMAIL (see `realise user list --organisation "
            f"{organisation.slug}`)"
        )
    if action is not None and not can(held.user, organisation, action):
        raise ValueError(
            f'--as "{address}": their role in {organisation.name} does not allow this '
            f"({action.value.replace('_', ' ')}). Name someone whose role does"
        )
    return held.user

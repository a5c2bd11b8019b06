"""Who may open a page: the organisation comes from the URL slug and every view asks
``realise.accounts.permissions.can``. A user with no role in the organisation gets 404, so
pages never reveal another council's data (or that it exists)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.permissions import Action, can, roles
from realise.core.rows import row
from realise.portfolio.models import Organisation, Project

View = Callable[..., HttpResponse]


def organisation_for(request: HttpRequest, slug: str) -> Organisation:
    """The organisation named in the URL, or 404 when the user holds no role there."""
    organisation = row(Organisation, slug=slug)  # on every page: no ORM query building
    if organisation is None or not roles(request.user, organisation):
        raise Http404("No such organisation")
    return organisation


def require(request: HttpRequest, organisation: Organisation, action: Action, **kw: Any) -> None:
    """403 unless the user may do ``action`` (on ``project``, if given)."""
    if not can(request.user, organisation, action, **kw):
        raise PermissionDenied("You do not have permission to do that")


def org_view(action: Action = Action.VIEW) -> Callable[[View], View]:
    """Sign-in required; resolve the organisation from the slug; 403 unless the user may do
    ``action`` organisation-wide or (project leads) on at least one project. Views acting on one
    project check again with that project."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organisation = organisation_for(request, org)
            request.organisation = organisation  # type: ignore[attr-defined]
            if not can(request.user, organisation, action) and not (
                action in PROJECT_SCOPED and permitted_projects(request, organisation, action)
            ):
                raise PermissionDenied("You do not have permission to do that")
            return view(request, organisation, *args, **kwargs)

        return wrapped

    return decorate


# Actions a project lead may hold on their own projects only.
PROJECT_SCOPED = frozenset(
    {Action.EDIT_PROJECT, Action.RECORD_SAVING, Action.MANAGE_RISK, Action.RECORD_MEASURE}
)


def permitted_projects(
    request: HttpRequest, organisation: Organisation, action: Action
) -> QuerySet[Project]:
    """The projects on which the user may do ``action``: all of them for an organisation-wide
    grant, else those they lead (when projects record a lead user)."""
    projects = Project.objects.filter(organisation=organisation)
    if can(request.user, organisation, action):
        return projects
    if action not in PROJECT_SCOPED or not hasattr(Project, "lead_user"):
        return projects.none()
    ids = [
        p.pk
        for p in projects.filter(lead_user=request.user)
        if can(request.user, organisation, action, project=p)
    ]
    return projects.filter(pk__in=ids)


def allowed(request: HttpRequest, organisation: Organisation, *actions: Action) -> dict[str, bool]:
    """``{"record_saving": True, ...}`` for templates deciding which links and forms to show."""
    return {str(a): can(request.user, organisation, a) for a in actions}

"""Access checks shared by the JSON API and the pages: find a record the user may reach, or fail
with the same outcome everywhere.

- not signed in: 401 (the API's authentication does this before a handler runs);
- an organisation (or a record in it) where the user holds no role: 404, so another council's
  data is never confirmed to exist;
- a role without the action: 403.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404
from ninja.errors import HttpError

from realise.accounts.permissions import Action, can, roles
from realise.portfolio.models import Organisation

M = TypeVar("M", bound=models.Model)

FORBIDDEN = "Your role in {org} does not allow this"


def organisation_for(user: Any, slug: str, action: Action = Action.VIEW) -> Organisation:
    """The organisation ``slug`` if ``user`` holds a role there and may do ``action``."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not roles(user, organisation):
        raise Http404(f'No organisation "{slug}" that you belong to')
    if not can(user, organisation, action):
        raise HttpError(403, FORBIDDEN.format(org=organisation))
    return organisation


def record_in(
    model: type[M], organisation: Organisation, pk: int, queryset: models.QuerySet[M] | None = None
) -> M:
    """The ``model`` row ``pk`` of ``organisation``, or 404 (also for another council's rows)."""
    rows = model._default_manager.all() if queryset is None else queryset
    found = rows.filter(organisation=organisation, pk=pk).first()
    if found is None:
        raise Http404(f"No {model._meta.verbose_name} {pk} in {organisation}")
    return found


def require(user: Any, organisation: Organisation, action: Action, project: Any = None) -> None:
    """403 unless ``user`` may do ``action`` (on ``project``)."""
    if not can(user, organisation, action, project=project):
        raise HttpError(403, FORBIDDEN.format(org=organisation))

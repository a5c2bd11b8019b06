"""What the benefits services share: a financial year as given, checked against the council's
plan years, a saving's scope, and every refusal of a record gathered to be given at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError

from realise.core.years import plan_year
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.reference import refuse_retired

YearInput = int | str
T = TypeVar("T")


def collect(errors: dict[str, list[str]], check: Callable[..., T], *args: Any) -> T | None:
    """``check(*args)``, or None with its refusal added to ``errors`` field by field, so every
    refusal of a record is given at once (a year outside the plan does not hide a bad amount)."""
    try:
        return check(*args)
    except ValidationError as refused:
        for name, messages in refused.message_dict.items():
            errors.setdefault(name, []).extend(messages)
        return None


def in_plan(
    organisation: Organisation,
    year: object,
    *,
    field: str = "financial_year",
    what: str = "Financial year",
) -> int:
    """The start year of ``year`` ("2022/23", 2022) when it is one of ``organisation``'s plan
    years; else a ``ValidationError`` on ``field`` naming the year and the plan years, or saying
    it is not a financial year at all (2019/18, 2019/2021). Every target, ledger entry and
    carry-forward is checked here, whichever edge it comes from."""
    return plan_year(year, organisation.plan_years, field=field, what=what)


def directorate_of(project: Project | None, directorate: Directorate | None) -> Directorate | None:
    """A saving's directorate: the one given, else its project's. A retired directorate chosen
    for a new record is refused (``refuse_retired``); one that comes with the project (its own
    directorate, even retired) is kept, so a project's savings can still be recorded."""
    if project is not None and directorate is None:
        return project.directorate
    kept = project.directorate_id if project is not None else None
    refuse_retired("directorate", directorate, kept=kept)
    return directorate

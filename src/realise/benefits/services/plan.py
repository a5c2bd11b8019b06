"""A council's plan years: the financial years its savings are budgeted, recorded and reported
in (``finance.plan_years``). Set by a TMO admin in Settings, the API or `realise organisation
plan-years`; every savings service then refuses a year outside them (``scope.in_plan``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.benefits.selectors.plan import savings_years_outside
from realise.core.writes import validated_save
from realise.core.years import plan_years_from
from realise.portfolio.models import Organisation


@transaction.atomic
def plan_years_set(
    *, organisation: Organisation, first_year: object, last_year: object, by: Any = None
) -> Organisation:
    """Make ``first_year`` to ``last_year`` ("2021/22", "2025/26") the council's plan years.

    Refused (a ``ValidationError`` on ``first_year`` or ``last_year``) when either is not a
    financial year, the last is before the first, the plan would run over more than 30 years, or
    it would leave out a year that holds savings: reports show only the plan years, so leaving
    one out would drop its figures from them. Returns the council with its new plan years (the
    object given is updated too)."""
    plan = plan_years_from(first_year, last_year)
    # Locked, so two changes at once cannot both be checked against the plan neither made.
    council = Organisation.objects.select_for_update().get(pk=organisation.pk)
    held = savings_years_outside(organisation=council, plan=plan)
    early = [y for y in held if y < plan.first]
    late = [y for y in held if y > plan.last]
    errors = {}
    if early:
        errors["first_year"] = (
            f"{_listed(early)} {_holds(early)} savings, so the plan years must include "
            f"{'it' if len(early) == 1 else 'them'}: start the plan in {early[0].label} or earlier"
        )
    if late:
        errors["last_year"] = (
            f"{_listed(late)} {_holds(late)} savings, so the plan years must include "
            f"{'it' if len(late) == 1 else 'them'}: end the plan in {late[-1].label} or later"
        )
    if errors:
        raise ValidationError(errors)
    council.first_plan_year, council.last_plan_year = plan.first.start, plan.last.start
    validated_save(council, by=by)
    organisation.first_plan_year, organisation.last_plan_year = (
        council.first_plan_year,
        council.last_plan_year,
    )
    return council


def _listed(years: list[Any]) -> str:
    labels = [y.label for y in years]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _holds(years: list[Any]) -> str:
    return "holds" if len(years) == 1 else "hold"

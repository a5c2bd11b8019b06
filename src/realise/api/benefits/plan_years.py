"""API: the council's plan years (read; a TMO admin sets them)."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import Field, Schema

from realise.accounts.access import Action, organisation_for, require
from realise.api.benefits.routes import router
from realise.api.common import ERRORS, Body
from realise.benefits import services

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation


class PlanYearsIn(Body):
    first_year: str = Field(..., description="The first plan year, e.g. 2021/22")
    last_year: str = Field(..., description="The last plan year, e.g. 2025/26")


class PlanYearsOut(Schema):
    first_year: str = Field(description="The first plan year, e.g. 2021/22")
    last_year: str = Field(description="The last plan year, e.g. 2025/26")
    years: list[str] = Field(description="Every plan year, first to last")


def _out(organisation: "Organisation") -> PlanYearsOut:
    plan = organisation.plan_years
    return PlanYearsOut(
        first_year=plan.first.label,
        last_year=plan.last.label,
        years=[year.label for year in plan.years],
    )


@router.get(
    "/orgs/{org}/plan-years",
    response={200: PlanYearsOut, **ERRORS},
    summary="The council's plan years",
)
def plan_years_read(request: HttpRequest, org: str) -> Any:
    """The financial years the council's savings are budgeted, recorded and reported in: a
    target, saving or carry-forward in any other year is refused with 422, and Table 2 has one
    row for each of them."""
    return _out(organisation_for(request.user, org))


@router.put(
    "/orgs/{org}/plan-years",
    response={200: PlanYearsOut, **ERRORS},
    summary="Set the council's plan years",
)
def plan_years_update(request: HttpRequest, org: str, payload: PlanYearsIn) -> Any:
    """Set the first and last plan years (TMO admins). Refused with 422, naming ``first_year``
    or ``last_year``, when a year is not a financial year (``2019/18``), the last is before the
    first, the plan runs over more than 30 years, or it would leave out a year that holds
    savings."""
    organisation = organisation_for(request.user, org)
    require(request.user, organisation, Action.MANAGE_SETTINGS)
    council = services.plan_years_set(
        organisation=organisation,
        first_year=payload.first_year,
        last_year=payload.last_year,
        by=request.user,
    )
    return _out(council)

"""API: the savings report tables (Table 2 by year, Table 3 by directorate)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema

from realise.accounts.access import organisation_for
from realise.api.benefits.routes import router
from realise.api.benefits.schemas import KindName
from realise.api.common import ERRORS, Money, TwoPlaces, year_start
from realise.benefits import selectors
from realise.benefits.models import SavingKind
from realise.finance.calendar import FinancialYear
from realise.finance.money import round_to


class YearSavingsOut(Schema):
    year: str
    budgeted: Money
    achieved: Money
    claimed: Money
    forecast: Money
    percent_achieved: TwoPlaces | None = Field(
        None, description="Achieved as a percentage of budgeted, to 2 places (half up)"
    )
    cumulative_budgeted: Money
    cumulative_achieved: Money
    cumulative_percent: TwoPlaces | None = Field(
        None, description="Cumulative achieved over cumulative budgeted, to 2 places (half up)"
    )


class SavingsByYearOut(Schema):
    kind: str
    years: list[YearSavingsOut]
    total_budgeted: Money
    total_achieved: Money
    total_claimed: Money


class DirectorateRowOut(Schema):
    directorate: str
    projected: Money
    carried_in: Money
    achieved: Money
    claimed: Money
    pressures_and_mitigations: Money = Field(
        description="In-year pressures (negative) and mitigations, net; under-achieved is net "
        "of them"
    )
    underachieved: Money
    reasons: list[str]


class SavingsByDirectorateOut(Schema):
    year: str
    rows: list[DirectorateRowOut]
    total_projected: Money
    total_achieved: Money
    total_claimed: Money
    total_pressures_and_mitigations: Money
    total_underachieved: Money


PERCENT_STEP = Decimal("0.01")


def _percent(value: Decimal | None) -> Decimal | None:
    """The selectors' exact percentage, rounded once for the API to 2 places, half up."""
    return None if value is None else round_to(value, PERCENT_STEP)


@router.get(
    "/orgs/{org}/reports/savings-by-year",
    response={200: SavingsByYearOut, **ERRORS},
    summary="Savings by year (Table 2)",
)
def report_savings_by_year(
    request: HttpRequest, org: str, kind: KindName = SavingKind.CASHABLE
) -> Any:
    """Table 2 of the savings report: for each financial year, the savings budgeted against those
    achieved (only savings finance has validated count), with claims awaiting finance shown
    apart in ``claimed``, and the running totals. Choose the kind of saving with ``kind``."""
    organisation = organisation_for(request.user, org)
    table = selectors.savings_by_year(organisation=organisation, kind=kind)
    years = [
        YearSavingsOut(
            year=y.year.label,
            budgeted=y.budgeted,
            achieved=y.achieved,
            claimed=y.claimed,
            forecast=y.forecast,
            percent_achieved=_percent(y.percent_achieved),
            cumulative_budgeted=y.cumulative_budgeted,
            cumulative_achieved=y.cumulative_achieved,
            cumulative_percent=_percent(y.cumulative_percent),
        )
        for y in table.years
    ]
    return SavingsByYearOut(
        kind=table.kind,
        years=years,
        total_budgeted=table.total_budgeted,
        total_achieved=table.total_achieved,
        total_claimed=table.total_claimed,
    )


@router.get(
    "/orgs/{org}/reports/savings-by-directorate",
    response={200: SavingsByDirectorateOut, **ERRORS},
    summary="Savings by directorate (Table 3)",
)
def report_savings_by_directorate(
    request: HttpRequest, org: str, year: str, kind: KindName = SavingKind.CASHABLE
) -> Any:
    """Table 3 of the savings report: one financial year's savings by directorate (``year`` is
    required, e.g. 2022/23): projected, carried in from earlier years, achieved (validated),
    claimed (awaiting finance), in-year pressures (negative) and mitigations, under-achieved
    (what was due less achieved, less pressures and mitigations) and the reasons given for it."""
    organisation = organisation_for(request.user, org)
    start = year_start(year)
    if start is None:
        raise ValidationError({"year": "Give a financial year, e.g. 2022/23"})
    table = selectors.savings_by_directorate(
        organisation=organisation, year=FinancialYear(start), kind=kind
    )
    return SavingsByDirectorateOut(
        year=table.year.label,
        rows=[
            DirectorateRowOut(
                directorate=r.directorate,
                projected=r.projected,
                carried_in=r.carried_in,
                achieved=r.achieved,
                claimed=r.claimed,
                pressures_and_mitigations=r.adjustments,
                underachieved=r.underachieved,
                reasons=list(r.reasons),
            )
            for r in table.rows
        ],
        total_projected=table.total_projected,
        total_achieved=table.total_achieved,
        total_claimed=table.total_claimed,
        total_pressures_and_mitigations=table.total_adjustments,
        total_underachieved=table.total_underachieved,
    )

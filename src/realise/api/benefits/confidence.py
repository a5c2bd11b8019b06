"""API: a year's savings by the projects' delivery confidence, the two tables the dashboard, the
Savings page and the monitoring report show (£ by rating, and the budget by directorate and
rating). Read from the tables ``realise.reports.confidence_tables`` builds for them: nothing is
worked out a second time here."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from realise.accounts.access import organisation_for
from realise.api.benefits.routes import router
from realise.api.benefits.schemas import KindName
from realise.api.common import ERRORS, Money
from realise.benefits import selectors
from realise.benefits.models import SavingKind
from realise.core.years import plan_year
from realise.finance.calendar import FinancialYear
from realise.reports.confidence_tables import (
    PAGE,
    confidence_by_directorate_table,
    savings_by_confidence_table,
)
from realise.reports.context import Cell, Table


class ConfidenceLineOut(Schema):
    rating: str = Field(
        ..., description="Green to Red, or Not rated, or Not in a project (savings held outside)"
    )
    projects: int = Field(..., description="Projects with savings in the year so rated")
    budgeted: Money
    achieved: Money = Field(..., description="Achieved and validated by finance")


class ConfidenceTotalOut(Schema):
    projects: int
    budgeted: Money = Field(..., description="The year's whole budget")
    achieved: Money


class DirectorateConfidenceOut(Schema):
    directorate: str
    budgeted: list[Money] = Field(..., description="One amount for each of `ratings`, in order")
    total: Money


class SavingsByConfidenceOut(Schema):
    year: str
    kind: str
    ratings: list[str] = Field(
        ...,
        description="The ratings, in order: Green, Amber and Red, with Amber/Green and Amber/Red "
        "when a project is rated so; then Not rated and Not in a project when they hold savings",
    )
    by_rating: list[ConfidenceLineOut]
    total: ConfidenceTotalOut
    by_directorate: list[DirectorateConfidenceOut] = Field(
        ..., description="Each directorate's budget by rating; each rating's total is by_rating's"
    )
    notes: list[str] = Field(..., description="What the tables say under them")


# The columns of the table by rating, after the rating itself.
FIGURES = ("projects", "budgeted", "achieved")


def _figures(cells: tuple[Cell, ...]) -> dict[str, Any]:
    """A row of the table by rating as {column: figure}, after its label."""
    return dict(zip(FIGURES, (cell.value for cell in cells[1:]), strict=True))


def _out(year: FinancialYear, kind: str, by_rating: Table, by_directorate: Table) -> Any:
    """The two tables' figures, each cell's exact value, in the tables' order."""
    assert by_rating.total is not None
    return {
        "year": year.label,
        "kind": kind,
        "ratings": [c.heading for c in by_directorate.columns[1:-1]],
        "by_rating": [{"rating": row[0].text, **_figures(row)} for row in by_rating.rows],
        "total": _figures(by_rating.total),
        "by_directorate": [
            {
                "directorate": row[0].text,
                "budgeted": [cell.value for cell in row[1:-1]],
                "total": row[-1].value,
            }
            for row in by_directorate.rows
        ],
        "notes": list(dict.fromkeys((*by_rating.notes, *by_directorate.notes))),
    }


@router.get(
    "/orgs/{org}/reports/savings-by-confidence",
    response={200: SavingsByConfidenceOut, **ERRORS},
    summary="Savings by delivery confidence",
)
def report_savings_by_confidence(
    request: HttpRequest, org: str, year: str, kind: KindName = SavingKind.CASHABLE
) -> Any:
    """One financial year's savings by each project's own delivery confidence (``year`` is
    required and must be one of the council's plan years, e.g. 2023/24): for each rating the
    projects, the savings budgeted and those achieved (validated by finance), with the year's
    totals; and each directorate's budget by rating. These are the tables the dashboard, the
    Savings page and the monitoring report show. Delivery confidence is the rating set on each
    project, not the savings RAG; savings held outside projects are "Not in a project"."""
    organisation = organisation_for(request.user, org)
    start = plan_year(year, organisation.plan_years, field="year")
    data = selectors.savings_by_confidence(
        organisation=organisation, year=FinancialYear(start), kind=kind
    )
    return _out(
        data.year,
        kind,
        savings_by_confidence_table(data, PAGE),
        confidence_by_directorate_table(data, PAGE),
    )

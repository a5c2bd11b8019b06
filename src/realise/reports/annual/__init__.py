"""The annual transformation report for an organisation and financial year.

Every figure comes from a selector (benefits, funding, portfolio, risks); this module arranges
them into a ``Report`` and words the paragraphs, one module per section (``summary``,
``projects``, ``savings``, ``funding``, ``risk``). It adds nothing up itself: totals are the
selectors' totals, checked against their rows so the spreadsheet formulas agree with them.
"""

from __future__ import annotations

from realise.benefits.selectors import savings_by_year
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import check_plan_year
from realise.portfolio.models import Organisation
from realise.reports.annual.common import day
from realise.reports.annual.funding import funding_section
from realise.reports.annual.projects import projects_section
from realise.reports.annual.risk import risk_section
from realise.reports.annual.savings import savings_section
from realise.reports.annual.summary import summary_section
from realise.reports.context import Report

__all__ = ["annual_report"]


def annual_report(*, organisation: Organisation, year: FinancialYear) -> Report:
    """The whole annual report, ready for any renderer: for one of the council's plan years
    that holds savings (else ``ValueError`` saying why not)."""
    check_plan_year(year, organisation.plan_years)  # a ValueError naming the plan years
    by_year = savings_by_year(organisation=organisation)
    if not any(y.year == year and y.held for y in by_year.years):
        raise ValueError(
            f"{organisation.name} has no savings budgeted or recorded for {year.label}"
        )
    return Report(
        kind="annual",
        organisation=organisation.name,
        title=f"Transformation annual report {year.label}",
        subtitle=f"Savings, projects, investment and risk for the year to {day(year.last_day)}",
        dated=day(year.last_day),
        details=(("Financial year", year.label), ("Report status", "Public")),
        sections=(
            summary_section(organisation, year, by_year),
            projects_section(organisation, year),
            savings_section(organisation, year, by_year),
            funding_section(organisation, year),
            risk_section(organisation),
        ),
    )

"""1. Summary: savings to date against budget in words, and the savings chart."""

from __future__ import annotations

from decimal import Decimal

from realise.benefits.selectors import (
    SavingsByYear,
    percent,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money, format_percent
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import project_outcomes
from realise.reports import charts
from realise.reports.annual.common import MILLION, money_col
from realise.reports.context import (
    Chart,
    Column,
    Paragraph,
    Section,
    Table,
    blank,
    pounds,
    text,
)


def summary_section(
    organisation: Organisation, year: FinancialYear, data: SavingsByYear
) -> Section:
    to_date = [y for y in data.years if y.year <= year and y.has_actuals]
    budget = to_date[-1].cumulative_budgeted if to_date else Decimal(0)
    achieved = to_date[-1].cumulative_achieved if to_date else Decimal(0)
    plan = organisation.plan_years  # "the plan from ... to ...": the plan years, held or not
    share = percent(achieved, budget)
    whole = percent(achieved, data.total_budgeted)
    outcomes = project_outcomes(organisation=organisation, year=year)
    paragraphs = [
        f"Savings achieved to the end of {year.label}: {format_money(achieved)} against "
        f"{format_money(budget)} budgeted for the same years"
        + (f" ({format_percent(share)})." if share is not None else "."),
        f"The plan from {plan.label} budgets "
        f"{format_money(data.total_budgeted)} of savings; {format_money(achieved)} of it"
        + (f" ({format_percent(whole)})" if whole is not None else "")
        + " has been delivered so far.",
        f"In {year.label} {len(outcomes.completed)} projects were completed and "
        f"{len(outcomes.stopped)} stopped; {len(outcomes.continuing)} continue into "
        f"{(year + 1).label}.",
    ]
    return Section(
        "Summary",
        (*(Paragraph(p) for p in paragraphs), _savings_chart(data)),
    )


def _savings_chart(data: SavingsByYear) -> Chart:
    labels = [y.year.label for y in data.years]
    svg = charts.bar_chart(
        chart_id="savings-by-year",
        title="Savings budgeted and achieved by year",
        description="Cashable savings in £ million per financial year: budgeted against achieved.",
        categories=labels,
        series=[
            charts.Series("Budgeted", [y.budgeted / MILLION for y in data.years]),
            charts.Series("Achieved", [y.achieved / MILLION for y in data.years]),
        ],
    )
    table = Table(
        key="chart-savings-by-year",
        title="Savings budgeted and achieved by year (chart data)",
        columns=(Column("Year"), money_col("Budgeted (£)"), money_col("Achieved (£)")),
        rows=tuple(
            (
                text(y.year.label),
                pounds(y.budgeted),
                pounds(y.achieved) if y.has_actuals else blank(),
            )
            for y in data.years
        ),
    )
    return Chart("savings-by-year", "Savings budgeted and achieved by year", svg, table)

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
from realise.portfolio.outcomes import project_outcomes
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


def savings_to_date(data: SavingsByYear, year: FinancialYear) -> tuple[Decimal, Decimal]:
    """Budgeted and achieved (validated) over every plan year up to and including ``year``: its
    own budget counts whether or not anything is validated in it yet."""
    to_date = [y for y in data.years if y.year <= year]
    return (
        sum((y.budgeted for y in to_date), Decimal(0)),
        sum((y.achieved for y in to_date), Decimal(0)),
    )


def headline(data: SavingsByYear, year: FinancialYear) -> str:
    """ "Savings achieved to the end of 2024/25: £X against £Y budgeted for 2020/21 to 2024/25
    (N%)", saying so when nothing is validated in ``year`` yet."""
    budget, achieved = savings_to_date(data, year)
    share = percent(achieved, budget)
    first = data.years[0].year if data.years else year
    years = year.label if first >= year else f"{first.label} to {year.label}"
    words = (
        f"Savings achieved to the end of {year.label}: {format_money(achieved)} against "
        f"{format_money(budget)} budgeted for {years}"
        + (f" ({format_percent(share)})." if share is not None else ".")
    )
    this_year = next((y for y in data.years if y.year == year), None)
    if this_year is not None and not this_year.has_actuals:
        words += f" No savings have been validated for {year.label} yet."
    return words


def summary_section(
    organisation: Organisation, year: FinancialYear, data: SavingsByYear
) -> Section:
    _, achieved = savings_to_date(data, year)
    plan = organisation.plan_years  # "the plan from ... to ...": the plan years, held or not
    whole = percent(achieved, data.total_budgeted)
    outcomes = project_outcomes(organisation=organisation, year=year)
    paragraphs = [
        headline(data, year),
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

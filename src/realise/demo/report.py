"""Print the annual report's tables from the selectors with rich. Figures come from selectors
only; this module formats them."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table

from realise.benefits.selectors import (
    measures_latest,
    savings_by_directorate,
    savings_by_year,
    savings_projected,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money, format_percent
from realise.finance.plan_years import check_plan_year
from realise.funding.models import FundKind
from realise.funding.selectors import fund_usage, invest_to_save_return
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import project_profile
from realise.reports.renderers.console import rich_table
from realise.reports.savings_table import CONSOLE, savings_by_year_table
from realise.risks.selectors import IMPACT_NAMES, LIKELIHOOD_NAMES, risk_heat_map


def pounds(amount: Decimal) -> str:
    return format_money(amount)


def pct(value: Decimal | None) -> str:
    return "" if value is None else format_percent(value)


def savings_year_table(organisation: Organisation) -> Table:
    """Table 2, from the same context as the annual report and the web page."""
    return rich_table(savings_by_year_table(savings_by_year(organisation=organisation), CONSOLE))


def directorate_table(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_by_directorate(organisation=organisation, year=year)
    table = Table(title=f"Table 3. Savings by directorate, {year.label}")
    table.add_column("Directorate")
    for heading in ("Projected", "Achieved", "Under-achieved"):
        table.add_column(heading, justify="right")
    table.add_column("Reason")
    for row in data.rows:
        table.add_row(
            row.directorate,
            pounds(row.projected),
            pounds(row.achieved),
            pounds(row.underachieved) if row.underachieved else "",
            "; ".join(row.reasons),
        )
    table.add_row(
        "Total",
        pounds(data.total_projected),
        pounds(data.total_achieved),
        pounds(data.total_underachieved),
        "",
    )
    return table


def projection_table(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_projected(organisation=organisation, year=year)
    table = Table(title=f"Table 4. Projected savings by directorate, {year.label}")
    table.add_column("Directorate")
    table.add_column("Projected", justify="right")
    table.add_column("Carried forward (in addition)")
    for row in data.rows:
        carried = "; ".join(
            f"{pounds(c.amount)} from {c.from_year.label}: {c.reason}" for c in row.carried_forward
        )
        table.add_row(row.directorate, pounds(row.projected), carried)
    table.add_row("Total", pounds(data.total_projected), pounds(data.total_carried_forward))
    return table


def investment_table(organisation: Organisation, year: FinancialYear) -> Table:
    data = invest_to_save_return(organisation=organisation, as_at=year)
    table = Table(title=f"Table 5. Return on invest-to-save, as at {year.label}")
    for heading in (
        "Bids",
        "Investment",
        "Savings delivered",
        f"Projected after {year.label}",
        "Savings",
        "Return",
    ):
        table.add_column(heading, justify="right")
    table.add_row(
        str(data.bids),
        pounds(data.investment),
        pounds(data.savings_delivered),
        pounds(data.savings_projected),
        pounds(data.savings),
        pounds(data.return_on_investment),
    )
    return table


def small_funds(organisation: Organisation) -> list[Table | str]:
    """The small-change funds as a table, then what each fund's bids were for."""
    funds = fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE)
    table = Table(title="Small-change funds")
    table.add_column("Fund")
    for heading in ("Pot", "Bids approved", "Committed", "Remaining"):
        table.add_column(heading, justify="right")
    for fund in funds:
        table.add_row(
            fund.name,
            pounds(fund.pot),
            str(fund.approved_bids),
            pounds(fund.committed),
            pounds(fund.remaining),
        )
    out: list[Table | str] = [table]
    for fund in funds:
        out.append(f"{fund.name} bids, by purpose:")
        out.extend(f"  - {purpose}" for purpose in fund.purposes)
    return out


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    shown = f"{value.normalize():f}"
    return f"{shown}%" if unit == "%" else f"{shown} {unit}"


def measures_table(organisation: Organisation) -> Table:
    table = Table(title="Measures (non-financial benefits)")
    table.add_column("Measure")
    for heading in ("Baseline", "Latest", "On", "Target"):
        table.add_column(heading, justify="right")
    for line in measures_latest(organisation=organisation):
        table.add_row(
            line.name,
            _number(line.baseline, line.unit),
            _number(line.latest, line.unit),
            line.latest_on.isoformat() if line.latest_on else "",
            _number(line.target, line.unit),
        )
    return table


def heat_map_tables(organisation: Organisation) -> tuple[Table, Table]:
    data = risk_heat_map(organisation=organisation)
    grid = Table(title=f"Risk heat map: {data.total} open risks (impact by likelihood)")
    grid.add_column("Impact")
    for name in LIKELIHOOD_NAMES:
        grid.add_column(name, justify="right")
    for impact in range(5, 0, -1):
        grid.add_row(
            IMPACT_NAMES[impact - 1],
            *(str(data.count(likelihood, impact)) for likelihood in range(1, 6)),
        )
    bands = Table(title="Risks by band")
    bands.add_column("Band")
    bands.add_column("From score", justify="right")
    bands.add_column("Risks", justify="right")
    for band in reversed(data.bands):
        bands.add_row(band.name, str(band.min_score), str(band.count))
    return grid, bands


def profile_table(organisation: Organisation, years: tuple[FinancialYear, ...]) -> Table:
    table = Table(title="Table 1. Projects by status and year")
    table.add_column("Year")
    for heading in ("Completed", "In progress", "Projected", "Ended without full delivery"):
        table.add_column(heading, justify="right")
    for row in project_profile(organisation=organisation, years=years):
        table.add_row(
            row.year.label,
            str(row.completed),
            str(row.in_progress),
            str(row.projected),
            str(row.ended_without_full_delivery),
        )
    return table


def print_summary(console: Console, *, organisation: Organisation, year: FinancialYear) -> None:
    """Tables 1-5, the small-change funds and the heat map for ``organisation`` in ``year``, one
    of its plan years (else a ``ValueError`` naming them)."""
    check_plan_year(year, organisation.plan_years)
    console.print(f"[bold]{organisation.name}: transformation summary {year.label}[/bold]")
    five_years = tuple(year + offset for offset in range(-1, 4))
    console.print(profile_table(organisation, five_years))
    console.print(savings_year_table(organisation))
    console.print(directorate_table(organisation, year))
    console.print(projection_table(organisation, year + 1))
    console.print(investment_table(organisation, year))
    for renderable in small_funds(organisation):
        console.print(renderable, highlight=False)
    console.print(measures_table(organisation))
    for table in heat_map_tables(organisation):
        console.print(table)

"""Print the annual report's tables from the selectors with rich. Figures come from selectors
only; this module formats them."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, RenderableType
from rich.table import Table

from realise.benefits.selectors import (
    measures_latest,
    savings_by_directorate,
    savings_by_year,
    savings_projected,
)
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import check_plan_year
from realise.funding.models import FundKind
from realise.funding.selectors import fund_usage
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import project_profile
from realise.reports.annual.funding import invest_to_save_table, small_funds_table
from realise.reports.annual.projects import AFTER, BEFORE
from realise.reports.annual.risk import heat_map_table, no_bands, risks_by_band_table
from realise.reports.directorate_tables import CONSOLE as CONSOLE_WORDING
from realise.reports.directorate_tables import savings_by_directorate_table, savings_projected_table
from realise.reports.renderers.console import FittedTable, rich_table
from realise.reports.savings_table import CONSOLE, savings_by_year_table
from realise.risks.selectors import NoRiskBands, heat_map_rows, risk_heat_map


def savings_year_table(organisation: Organisation) -> FittedTable:
    """Table 2, from the same context as the annual report and the web page."""
    return rich_table(savings_by_year_table(savings_by_year(organisation=organisation), CONSOLE))


def directorate_table(organisation: Organisation, year: FinancialYear) -> FittedTable:
    """Table 3, from the same context as the annual report and the Savings page."""
    data = savings_by_directorate(organisation=organisation, year=year)
    return rich_table(savings_by_directorate_table(data, CONSOLE_WORDING))


def projection_table(organisation: Organisation, year: FinancialYear) -> FittedTable:
    """Table 4, from the same context as the annual report and the Savings page."""
    data = savings_projected(organisation=organisation, year=year)
    return rich_table(savings_projected_table(data, CONSOLE_WORDING))


def investment_table(organisation: Organisation, year: FinancialYear) -> FittedTable:
    """Table 5, from the same context as the annual report."""
    return rich_table(invest_to_save_table(organisation, year, symbol=True))


def small_funds(organisation: Organisation) -> list[RenderableType]:
    """The small-change funds as a table, then what each fund's bids were for."""
    out: list[RenderableType] = [rich_table(small_funds_table(organisation, symbol=True))]
    for fund in fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE):
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


def heat_map_tables(organisation: Organisation) -> list[RenderableType]:
    """The heat map (laid out as the council chose) and open risks by band, from the same
    context as the annual report; a sentence instead when the council has no risk bands yet."""
    try:
        data = risk_heat_map(organisation=organisation)
    except NoRiskBands:
        return [no_bands(organisation)]
    rows = heat_map_rows(organisation=organisation)
    return [rich_table(heat_map_table(data, rows)), rich_table(risks_by_band_table(data))]


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
    around = organisation.plan_years.around(year, before=BEFORE, after=AFTER)
    console.print(profile_table(organisation, around))
    console.print(savings_year_table(organisation))
    console.print(directorate_table(organisation, year))
    console.print(projection_table(organisation, year + 1))
    console.print(investment_table(organisation, year))
    for renderable in small_funds(organisation):
        console.print(renderable, highlight=False)
    console.print(measures_table(organisation))
    for table in heat_map_tables(organisation):
        console.print(table, highlight=False)

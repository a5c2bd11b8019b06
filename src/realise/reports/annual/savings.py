"""3. Savings: Table 2 (``realise.reports.savings_table``), Table 3 by directorate with its chart,
and Table 4 projected with carry-forwards (``realise.reports.directorate_tables``)."""

from __future__ import annotations

from decimal import Decimal

from realise.benefits.selectors import (
    SavingsByYear,
    savings_by_directorate,
    savings_projected,
)
from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.reports import charts
from realise.reports.annual.common import MILLION
from realise.reports.context import Chart, Paragraph, Section, Table
from realise.reports.directorate_tables import savings_by_directorate_table, savings_projected_table
from realise.reports.savings_table import REPORT, savings_by_year_table


def _directorate_chart(table: Table, year: FinancialYear) -> Chart:
    names = [row[0].text for row in table.rows]
    svg = charts.bar_chart(
        chart_id="savings-by-directorate",
        title=f"Savings by directorate, {year.label}",
        description="Projected against achieved cashable savings in £ million per directorate.",
        categories=names,
        series=[
            charts.Series(
                "Projected", [Decimal(row[1].value or 0) / MILLION for row in table.rows]
            ),
            charts.Series("Achieved", [Decimal(row[2].value or 0) / MILLION for row in table.rows]),
        ],
    )
    data = Table(
        key="chart-savings-by-directorate",
        title=f"Savings by directorate, {year.label} (chart data)",
        columns=table.columns[:3],
        rows=tuple(row[:3] for row in table.rows),
    )
    return Chart("savings-by-directorate", f"Savings by directorate, {year.label}", svg, data)


def savings_section(
    organisation: Organisation, year: FinancialYear, data: SavingsByYear
) -> Section:
    table_3 = savings_by_directorate_table(
        savings_by_directorate(organisation=organisation, year=year)
    )
    return Section(
        "Savings",
        (
            Paragraph(
                "Cashable savings only. Budgeted is the savings target for each year; achieved "
                "is the savings recorded as delivered."
            ),
            savings_by_year_table(data, REPORT),
            table_3,
            _directorate_chart(table_3, year),
            savings_projected_table(savings_projected(organisation=organisation, year=year + 1)),
        ),
    )

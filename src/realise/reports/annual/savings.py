"""3. Savings: Table 2 (from ``realise.reports.savings_table``), Table 3 by directorate with its
chart, and Table 4 projected with carry-forwards."""

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
from realise.reports.annual.common import MILLION, money_col
from realise.reports.context import (
    Chart,
    Column,
    Paragraph,
    Section,
    Table,
    blank,
    check_total,
    pounds,
    text,
    total_label,
)
from realise.reports.savings_table import REPORT, savings_by_year_table


def _table_3(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_by_directorate(organisation=organisation, year=year)
    rows = data.rows
    check_total("Table 3 projected", [r.projected for r in rows], data.total_projected)
    check_total("Table 3 achieved", [r.achieved for r in rows], data.total_achieved)
    check_total("Table 3 under", [r.underachieved for r in rows], data.total_underachieved)
    return Table(
        key="table-3-savings-by-directorate",
        title=f"Table 3. Savings by directorate, {year.label}",
        columns=(
            Column("Directorate"),
            money_col("Projected (£)"),
            money_col("Achieved (£)"),
            money_col("Under-achieved (£)"),
            Column("Reasons for under-delivery"),
        ),
        rows=tuple(
            (
                text(r.directorate),
                pounds(r.projected),
                pounds(r.achieved),
                pounds(r.underachieved),
                text("; ".join(r.reasons)),
            )
            for r in rows
        ),
        total=(
            total_label(),
            pounds(data.total_projected, summed=True),
            pounds(data.total_achieved, summed=True),
            pounds(data.total_underachieved, summed=True),
            blank(),
        ),
    )


def _table_4(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_projected(organisation=organisation, year=year)
    carried = [sum((c.amount for c in r.carried_forward), Decimal(0)) for r in data.rows]
    check_total("Table 4 projected", [r.projected for r in data.rows], data.total_projected)
    check_total("Table 4 carried", carried, data.total_carried_forward)
    return Table(
        key="table-4-projected-savings",
        title=f"Table 4. Projected savings by directorate, {year.label}",
        columns=(
            Column("Directorate"),
            money_col("Projected (£)"),
            money_col("Carried forward, in addition (£)"),
            Column("Carried forward from"),
        ),
        rows=tuple(
            (
                text(r.directorate),
                pounds(r.projected),
                pounds(amount),
                text("; ".join(f"{c.from_year.label}: {c.reason}" for c in r.carried_forward)),
            )
            for r, amount in zip(data.rows, carried, strict=True)
        ),
        total=(
            total_label(),
            pounds(data.total_projected, summed=True),
            pounds(data.total_carried_forward, summed=True),
            blank(),
        ),
    )


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
    table_3 = _table_3(organisation, year)
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
            _table_4(organisation, year + 1),
        ),
    )

"""The tables a committee paper's figures are reconciled with are Realise's own, laid out by the
report builders: every column a figure may name is a column of the built table, with the unit it
holds; a built table reads back as its figures; rows and columns are named as people write them.
No database: the tables are built from hand-made selector results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.benefits.selectors import (
    DirectorateSavings,
    DirectorateSavingsTable,
    MonitoringLine,
    ProjectedSavingsTable,
    SavingsByYear,
    SavingsMonitoring,
    YearSavings,
)
from realise.finance.calendar import FinancialYear
from realise.finance.savings import RagThresholds
from realise.reconciliation.tables import (
    SOURCES,
    figures_of,
    source,
    source_named,
    summed_headings,
)
from realise.reports import directorate_tables, savings_table
from realise.reports.annual.risk import risks_by_band_table
from realise.reports.monitoring import monitoring_tables, rag_summary_table
from realise.risks.selectors import BandCount, HeatMap

YEAR = FinancialYear(2023)
ZERO = Decimal(0)
UNIT_OF = {"money": "£", "percent": "%", "count": ""}


def _line(project: str, rag: str, budgeted: str, validated: str, *, outside=False):
    b, v = Decimal(budgeted), Decimal(validated)
    return MonitoringLine(
        directorate="People",
        project=project,
        budgeted=b,
        validated=v,
        claimed=ZERO,
        forecast=ZERO,
        expected=v,
        at_risk=max(b - v, ZERO),
        percent_expected=v * 100 / b if b else None,
        rag=rag,
        outside=outside,
    )


def _monitoring() -> SavingsMonitoring:
    lines = (
        _line("Care review", "Green", "1000", "1000"),
        _line("Libraries", "Red", "500", "100"),
        _line("Outside projects", "Red", "200", "0", outside=True),
    )
    total = _line("", "Amber", "1700", "1100")
    return SavingsMonitoring(
        YEAR, None, RagThresholds(Decimal(95), Decimal(80)), (total,), lines, total
    )


def _by_year() -> SavingsByYear:
    year = YearSavings(
        year=YEAR,
        budgeted=Decimal(1000),
        achieved=ZERO,
        forecast=ZERO,
        has_actuals=False,
        percent_achieved=None,
        cumulative_budgeted=ZERO,
        cumulative_achieved=ZERO,
        cumulative_percent=None,
    )
    return SavingsByYear("cashable", (year,), Decimal(1000), ZERO)


BUILT = {
    "savings-by-year": lambda: savings_table.savings_by_year_table(_by_year(), savings_table.PAGE),
    "savings-by-directorate": lambda: directorate_tables.savings_by_directorate_table(
        DirectorateSavingsTable(
            YEAR,
            (DirectorateSavings("People", Decimal(10), ZERO, Decimal(4), Decimal(6), ()),),
            Decimal(10),
            Decimal(4),
            Decimal(6),
        ),
        directorate_tables.PAGE,
    ),
    "projected-by-directorate": lambda: directorate_tables.savings_projected_table(
        ProjectedSavingsTable(YEAR, (), ZERO, ZERO), directorate_tables.REPORT
    ),
    "monitoring-by-directorate": lambda: monitoring_tables(_monitoring())[0],
    "monitoring-by-rag": lambda: rag_summary_table(_monitoring()),
    "risks-by-band": lambda: risks_by_band_table(
        HeatMap((), (BandCount("low", 1, 2), BandCount("high", 15, 1)), 3)
    ),
}


def test_every_table_of_realise_a_figure_can_name_is_built_here():
    assert set(BUILT) == {s.key for s in SOURCES}


@pytest.mark.parametrize("key", sorted(BUILT))
def test_every_column_a_figure_may_name_is_a_column_of_the_built_table(key):
    table = BUILT[key]()
    columns = {c.heading.removesuffix(" (£)"): c for c in table.columns if c.numeric}
    for spec in source(key).columns:
        assert spec.heading in columns, (key, spec.heading, list(columns))
        assert columns[spec.heading].unit == UNIT_OF[spec.kind], (key, spec.heading)


def test_a_built_table_reads_back_as_its_figures_a_dash_as_nothing_recorded():
    figures = figures_of(BUILT["savings-by-year"]())
    assert figures[("2023/24", "Budgeted")] == Decimal(1000)
    assert figures[("2023/24", "Achieved")] == 0  # printed "–": nothing recorded yet
    assert figures[("total", "Budgeted")] == Decimal(1000)
    assert ("total", "Forecast") not in figures  # Realise prints no forecast total
    assert summed_headings(BUILT["savings-by-year"]()) >= {"Budgeted", "Achieved"}


def test_the_rag_summary_counts_projects_and_their_savings_by_rating():
    figures = figures_of(BUILT["monitoring-by-rag"]())
    assert figures[("green", "Projects")] == 1
    assert figures[("red", "Projects")] == 1  # savings outside projects are not a project
    assert figures[("red", "Budgeted")] == Decimal(700)
    assert figures[("amber", "Budgeted")] == 0
    assert figures[("total", "At risk")] == Decimal(600)
    assert ("not rated", "Projects") not in figures


@pytest.mark.parametrize(
    ("key", "given", "row"),
    [
        ("savings-by-year", "2023/24", "2023/24"),
        ("savings-by-year", "2023", "2023/24"),
        ("savings-by-year", " total ", "Total"),
        ("monitoring-by-rag", "amber", "Amber"),
        ("savings-by-directorate", "Adults  and Housing", "Adults and Housing"),
    ],
)
def test_a_row_is_named_as_people_write_it(key, given, row):
    assert source(key).row(given) == row


@pytest.mark.parametrize(
    ("key", "given", "message"),
    [
        ("savings-by-year", "People", '"People" is not a row of Table 2: savings by year'),
        ("monitoring-by-rag", "Blue", "use Green, Amber, Red, Not rated or Total"),
        ("risks-by-band", " ", "Name the row"),
    ],
)
def test_a_row_a_table_cannot_have_is_refused_in_words(key, given, message):
    with pytest.raises(ValidationError, match=message):
        source(key).row(given)


def test_tables_and_columns_are_found_by_key_name_or_short_name():
    assert source_named("Table 3").key == "savings-by-directorate"
    assert source_named("rag").key == "monitoring-by-rag"
    assert source("savings-by-directorate").column("under-achieved").heading == "Under-achieved"
    assert source("savings-by-year").column("claimed, awaiting FINANCE").key == "claimed"
    with pytest.raises(ValidationError, match='has no column "Spent": use one of "Projected"'):
        source("savings-by-directorate").column("Spent")
    with pytest.raises(ValidationError, match='"Table 9" is not one of Realise'):
        source_named("Table 9")

"""The tables a committee paper's figures are reconciled with are Realise's own, laid out by the
report builders: every column a figure may name is a column of the built table, with the unit it
holds; a built table reads back as its figures; rows and columns are named as people write them.
No database: the tables are built from hand-made selector results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.benefits.selectors import (
    ConfidenceLine,
    DirectorateConfidence,
    DirectorateSavings,
    DirectorateSavingsTable,
    MonitoringLine,
    ProjectedSavingsTable,
    SavingsByConfidence,
    SavingsByYear,
    SavingsMonitoring,
    YearSavings,
)
from realise.finance.calendar import FinancialYear
from realise.finance.savings import RagThresholds
from realise.reconciliation.tables import (
    SOURCES,
    figures_of,
    left_out_rating,
    row_names,
    source,
    source_named,
    summed_headings,
)
from realise.reports import confidence_tables, directorate_tables, savings_table
from realise.reports.annual.risk import risks_by_band_table
from realise.reports.monitoring import monitoring_tables
from realise.risks.selectors import BandCount, HeatMap

YEAR = FinancialYear(2023)
ZERO = Decimal(0)
UNIT_OF = {"money": "£", "percent": "%", "count": ""}


def _line(budgeted: str, validated: str):
    b, v = Decimal(budgeted), Decimal(validated)
    return MonitoringLine(
        directorate="People",
        project="",
        budgeted=b,
        validated=v,
        claimed=ZERO,
        forecast=ZERO,
        expected=v,
        at_risk=max(b - v, ZERO),
        percent_expected=v * 100 / b,
        rag="Amber",
    )


def _monitoring() -> SavingsMonitoring:
    total = _line("1700", "1100")
    thresholds = RagThresholds(Decimal(95), Decimal(80))
    return SavingsMonitoring(YEAR, None, thresholds, (total,), (total,), total)


def _confidence() -> SavingsByConfidence:
    lines = (
        ConfidenceLine("green", "Green", 1, Decimal(1000), Decimal(1000)),
        ConfidenceLine("amber", "Amber", 0, ZERO, ZERO),
        ConfidenceLine("red", "Red", 1, Decimal(500), Decimal(100)),
        ConfidenceLine("outside", "Not in a project", 0, Decimal(200), ZERO),
    )
    rows = (
        DirectorateConfidence(
            "People", (Decimal(1000), ZERO, Decimal(500), Decimal(200)), Decimal(1700)
        ),
    )
    return SavingsByConfidence(YEAR, None, lines, rows, 2, Decimal(1700), Decimal(1100))


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
    "savings-by-delivery-confidence": lambda: confidence_tables.savings_by_confidence_table(
        _confidence()
    ),
    "directorate-by-delivery-confidence": lambda: confidence_tables.confidence_by_directorate_table(
        _confidence()
    ),
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
    listed = {spec.heading: spec for spec in source(key).columns}
    if key == "directorate-by-delivery-confidence":  # only the ratings some project has
        listed = {heading: listed[heading] for heading in columns}
    for heading, spec in listed.items():
        assert heading in columns, (key, heading, list(columns))
        assert columns[heading].unit == UNIT_OF[spec.kind], (key, heading)


def test_a_built_table_reads_back_as_its_figures_a_dash_as_nothing_recorded():
    figures = figures_of(BUILT["savings-by-year"]())
    assert figures[("2023/24", "Budgeted")] == Decimal(1000)
    assert figures[("2023/24", "Achieved")] == 0  # printed "–": nothing recorded yet
    assert figures[("total", "Budgeted")] == Decimal(1000)
    assert ("total", "Forecast") not in figures  # Realise prints no forecast total
    assert summed_headings(BUILT["savings-by-year"]()) >= {"Budgeted", "Achieved"}


def test_the_rag_summary_reads_back_by_rating_and_by_directorate():
    figures = figures_of(BUILT["savings-by-delivery-confidence"]())
    assert figures[("green", "Projects")] == 1
    assert figures[("red", "Budgeted")] == Decimal(500)
    assert figures[("not in a project", "Budgeted")] == Decimal(200)
    assert figures[("total", "Achieved, validated")] == Decimal(1100)
    by_directorate = figures_of(BUILT["directorate-by-delivery-confidence"]())
    assert by_directorate[("people", "Red")] == Decimal(500)
    assert by_directorate[("total", "Total")] == Decimal(1700)
    assert ("people", "Amber/Green") not in by_directorate


@pytest.mark.parametrize(
    ("key", "row", "column", "rating"),
    [
        # No project is rated Amber/Green or left unrated: the table leaves them out, as £0.
        ("savings-by-delivery-confidence", "Amber/Green", "Budgeted", "Amber/Green"),
        ("savings-by-delivery-confidence", "Not rated", "Projects", "Not rated"),
        ("savings-by-delivery-confidence", "Green", "Budgeted", ""),  # in the table
        ("directorate-by-delivery-confidence", "People", "Amber/Green", "Amber/Green"),
        ("directorate-by-delivery-confidence", "Total", "Amber/Red", "Amber/Red"),
        ("directorate-by-delivery-confidence", "people", "Red", ""),  # in the table
        ("directorate-by-delivery-confidence", "Children", "Amber/Green", ""),  # no such row
        ("savings-by-directorate", "People", "Carried in", ""),  # not a table of ratings
    ],
)
def test_a_rating_nothing_is_rated_is_left_out_of_the_table(key, row, column, rating):
    table = BUILT[key]()
    headings = {heading for _, heading in figures_of(table)}
    assert left_out_rating(source(key), row, column, row_names(table), headings) == rating


@pytest.mark.parametrize(
    ("key", "given", "row"),
    [
        ("savings-by-year", "2023/24", "2023/24"),
        ("savings-by-year", "2023", "2023/24"),
        ("savings-by-year", " total ", "Total"),
        ("savings-by-delivery-confidence", "amber/green", "Amber/Green"),
        ("savings-by-delivery-confidence", "not in a project", "Not in a project"),
        ("savings-by-directorate", "Adults  and Housing", "Adults and Housing"),
    ],
)
def test_a_row_is_named_as_people_write_it(key, given, row):
    assert source(key).row(given) == row


@pytest.mark.parametrize(
    ("key", "given", "message"),
    [
        ("savings-by-year", "People", '"People" is not a row of Table 2: savings by year'),
        ("savings-by-delivery-confidence", "Blue", "use Green, Amber/Green, Amber, Amber/Red"),
        ("risks-by-band", " ", "Name the row"),
    ],
)
def test_a_row_a_table_cannot_have_is_refused_in_words(key, given, message):
    with pytest.raises(ValidationError, match=message):
        source(key).row(given)


def test_tables_and_columns_are_found_by_key_name_or_short_name():
    assert source_named("Table 3").key == "savings-by-directorate"
    assert source_named("rag").key == "savings-by-delivery-confidence"
    assert source("directorate-by-delivery-confidence").column("amber-red").heading == "Amber/Red"
    assert source("savings-by-directorate").column("under-achieved").heading == "Under-achieved"
    assert source("savings-by-year").column("claimed, awaiting FINANCE").key == "claimed"
    with pytest.raises(ValidationError, match='has no column "Spent": use one of "Projected"'):
        source("savings-by-directorate").column("Spent")
    with pytest.raises(ValidationError, match='"Table 9" is not one of Realise'):
        source_named("Table 9")

"""A percentage printed beside its Red/Amber/Green rating never contradicts the legend: rounded
for display, it stays on the rating's side of the council's thresholds. 79.6% under "Amber: at
least 80%" prints as 79.6% beside Red, never as 80% beside Red (issue 16). Pure: the monitoring
report's tables are built from a hand-made result, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realise.finance.money import format_percent
from realise.finance.savings import RagThresholds, percent

D = Decimal
RAG = RagThresholds(green_from=D(95), amber_from=D(80))


def _read(shown: str) -> Decimal:
    return D(shown.rstrip("%"))


@pytest.mark.parametrize(
    ("share", "places", "shown", "rating"),
    [
        ("79.6", 0, "79.6%", "Red"),  # 80% would say Amber by the legend
        ("79.96", 0, "79.96%", "Red"),
        ("79.96", 1, "79.96%", "Red"),
        ("94.5", 0, "94.5%", "Amber"),
        ("84.6", 0, "85%", "Amber"),  # rounding that crosses nothing stays as it was
        ("95", 0, "95%", "Green"),
        ("80.4", 0, "80%", "Amber"),
        ("12.5", 0, "13%", "Red"),
        ("79.6", 1, "79.6%", "Red"),
    ],
)
def test_a_rounded_percentage_stays_on_its_ratings_side_of_the_thresholds(
    share, places, shown, rating
):
    assert RAG.shown(D(share), places) == shown
    assert RAG.rate(D(share)) == rating
    assert RAG.rate(_read(shown)) == rating


def test_thresholds_in_fractions_of_a_per_cent_are_kept_too():
    rag = RagThresholds(green_from=D("90.25"), amber_from=D("70.5"))
    assert rag.shown(D("90.3"), 0) == "90.3%"  # Green; 90% would be Amber
    assert rag.shown(D("90.24"), 0) == "90%"  # Amber, and so is 90%
    assert rag.shown(D("70.496"), 1) == "70.496%"  # Red; 70.5% and 70.50% would be Amber


def test_the_places_a_spreadsheet_needs_are_the_places_printed():
    assert RAG.places(D("79.6"), 0) == 1
    assert RAG.places(D("84.6"), 0) == 0
    assert RAG.places(None, 0) == 0


pennies = st.integers(min_value=0, max_value=10**11)


@given(
    achieved=pennies,
    budget=st.integers(min_value=1, max_value=10**11),
    places=st.sampled_from([0, 1, 2]),
)
def test_for_any_amounts_the_printed_percentage_rates_as_the_exact_one(achieved, budget, places):
    share = percent(D(achieved) / 100, D(budget) / 100)
    shown = RAG.shown(share, places)
    assert RAG.rate(_read(shown)) == RAG.rate(share), (share, shown)
    assert shown == format_percent(share, RAG.places(share, places))


def test_the_monitoring_report_prints_79_6_per_cent_beside_red_not_80():
    from realise.benefits.selectors import MonitoringLine, SavingsMonitoring
    from realise.finance.calendar import FinancialYear
    from realise.reports.monitoring import monitoring_tables as _tables

    def line(name: str, project: str, budgeted: str, validated: str) -> MonitoringLine:
        b, v = D(budgeted), D(validated)
        share = percent(v, b)
        return MonitoringLine(
            directorate=name,
            project=project,
            budgeted=b,
            validated=v,
            claimed=D(0),
            forecast=D(0),
            expected=v,
            at_risk=max(b - v, D(0)),
            percent_expected=share,
            rag=RAG.rate(share),
        )

    people = line("People", "", "1000", "796")
    data = SavingsMonitoring(
        year=FinancialYear(2024),
        as_at=date(2025, 3, 31),
        thresholds=RAG,
        by_directorate=(people,),
        by_project=(line("People", "Care review", "1000", "796"),),
        total=line("Total", "", "1000", "796"),
    )
    for table in _tables(data):
        for row in (*table.rows, table.total):
            headings = [c.heading for c in table.columns]
            share = row[headings.index("Achieved or forecast")]
            rating = row[-1]
            assert (share.text, rating.text) == ("79.6%", "Red"), table.key
            assert share.places == 1, "a spreadsheet shows it to the same place"


def test_spreadsheets_and_csv_show_the_percentage_to_the_places_printed():
    import io

    from openpyxl import load_workbook

    from realise.reports.context import Column, Report, Section, Table, rated_pct, text
    from realise.reports.formats import render
    from tests.readback import csv_files

    table = Table(
        key="rated",
        title="Rated",
        columns=(Column("Line"), Column("Achieved", numeric=True, unit="%"), Column("RAG")),
        rows=tuple(
            (text(name), rated_pct(D(share), RAG), text(RAG.rate(D(share))))
            for name, share in (("a", "79.6"), ("b", "79.996"), ("c", "84.6"))
        ),
    )
    report = Report("test", "Testshire", "A report", "", "1 April 2025", (Section("S", (table,)),))
    sheet = load_workbook(io.BytesIO(render(report, "xlsx").content)).worksheets[1]
    formats = [sheet.cell(row=r, column=2).number_format for r in (4, 5, 6)]
    assert formats == ["0.0%", "0.000%", "0%"]
    assert _ods_percent_places(render(report, "ods").content) == [1, 3, 0]
    (csv_rows,) = csv_files(render(report, "csv").content).values()
    assert [r[1] for r in csv_rows[1:]] == ["79.60", "79.996", "84.60"]


def _ods_percent_places(content: bytes) -> list[int]:
    """The decimal places of each percentage cell's data style in an ODS file, in order."""
    import io

    from odf.namespaces import NUMBERNS, OFFICENS, STYLENS, TABLENS
    from odf.number import Number, PercentageStyle
    from odf.opendocument import load
    from odf.style import Style
    from odf.table import TableCell

    document = load(io.BytesIO(content))
    places = {
        style.getAttrNS(STYLENS, "name"): int(
            style.getElementsByType(Number)[0].getAttrNS(NUMBERNS, "decimal-places")
        )
        for style in document.styles.getElementsByType(PercentageStyle)
    }
    data_style = {
        style.getAttrNS(STYLENS, "name"): style.getAttrNS(STYLENS, "data-style-name")
        for style in document.automaticstyles.getElementsByType(Style)
    }
    return [
        places[data_style[cell.getAttrNS(TABLENS, "style-name")]]
        for cell in document.spreadsheet.getElementsByType(TableCell)
        if cell.getAttrNS(OFFICENS, "value-type") == "percentage"
    ]

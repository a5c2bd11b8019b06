"""LibreOffice, opening what Realise writes, shows a negative amount as the text does: −£12,500
in a list export, −9,480,222 under a report's "(£)" heading, in XLSX and in ODS (ADR 0024)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from realise.reports.context import Column, Paragraph, Report, Section, Table, pounds, text
from tests.readback import shown_csv

pytestmark = pytest.mark.libreoffice

HEADINGS = ["Year", "Amount", "Note", "Recorded on"]
ROWS = [
    ["2022/23", Decimal("-12500.00"), "Counted twice", date(2023, 3, 31)],
    ["2022/23", Decimal("1234.50"), "=1+1", date(2022, 4, 1)],
]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_list_export_shows_minus_pound_and_day_month_year(fmt):
    from realise.imports import exports

    rows = shown_csv(getattr(exports, f"write_{fmt}")(HEADINGS, ROWS, title="Savings"), fmt)
    assert rows[1][1] == "−£12,500.00", rows
    assert rows[2][1] == "£1,234.50", rows
    assert rows[1][3] == "31/03/2023", rows
    assert rows[2][2] == "=1+1", rows  # text, not a formula


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_report_sheet_shows_a_negative_figure_with_the_minus_sign(fmt):
    from realise.reports.formats import render

    table = Table(
        key="t",
        title="Savings",
        columns=(Column("Name"), Column("Amount (£)", numeric=True, unit="£")),
        rows=((text("Correction"), pounds(Decimal("-9480222"))),),
    )
    report = Report(
        "test",
        "Testshire",
        "A report",
        "For tests",
        "1 April 2025",
        (Section("S", (Paragraph("p"), table)),),
    )
    # The first sheet is the contents; read the table's sheet by making it the only one.
    content = render(report, fmt).content
    rows = shown_csv(content, fmt, sheet=2)
    assert rows[3] == ["Correction", "−9,480,222"], rows

"""Spreadsheets show negative amounts as the text does, −£12,500 (ADR 0024), from one set of
number formats shared by the list exports, the committee reports and the case workbook; and the
list exports and the reports are written by the same XLSX, ODS and CSV writers."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from realise.reports.context import Column, Paragraph, Report, Section, Table, pounds, text

SRC = Path(__file__).resolve().parents[2] / "src" / "realise"
HEADINGS = ["Year", "Amount", "Note", "Recorded on"]
ROWS = [
    ["2022/23", Decimal("-12500.00"), "Counted twice", date(2023, 3, 31)],
    ["2022/23", Decimal("1234.50"), "=1+1", date(2022, 4, 1)],
]


def _report() -> Report:
    table = Table(
        key="t",
        title="Savings",
        columns=(Column("Name"), Column("Amount (£)", numeric=True, unit="£")),
        rows=((text("Correction"), pounds(Decimal("-9480222"))),),
    )
    return Report(
        "test",
        "Testshire",
        "A report",
        "For tests",
        "1 April 2025",
        (Section("S", (Paragraph("p"), table)),),
    )


def test_a_list_export_shows_negative_amounts_with_the_minus_sign_in_excel():
    from realise.imports.exports import write_xlsx

    sheet = load_workbook(io.BytesIO(write_xlsx(HEADINGS, ROWS, title="Savings"))).active
    money = sheet["B2"].number_format
    assert money.split(";")[1] == '"−£"#,##0.00'
    assert "-£" not in money
    assert sheet["D2"].number_format == "DD/MM/YYYY"


def test_a_report_column_headed_in_pounds_has_no_brackets_for_negatives():
    from realise.reports.formats import render

    sheet = load_workbook(io.BytesIO(render(_report(), "xlsx").content)).worksheets[1]
    assert sheet["B4"].value == Decimal("-9480222") or sheet["B4"].value == -9480222
    assert sheet["B4"].number_format == '#,##0;"−"#,##0'


def test_the_case_workbook_shows_money_with_the_same_format_as_the_exports():
    from realise.reports import case_workbook
    from realise.reports.spreadsheets.numbers import MONEY

    assert case_workbook.MONEY == MONEY.code == '"£"#,##0.00;"−£"#,##0.00'


def _ods_styles(content: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("styles.xml").decode() + archive.read("content.xml").decode()


def test_an_ods_money_style_shows_negatives_with_the_minus_sign():
    from realise.imports.exports import write_ods
    from realise.reports.formats import render

    for content in (write_ods(HEADINGS, ROWS, title="Savings"), render(_report(), "ods").content):
        xml = _ods_styles(content)
        assert re.search(r"<number:text>−(£)?</number:text>", xml), xml[:2000]
        assert 'style:condition="value()&gt;=0"' in xml


# Only the shared writers (and the case workbook, which streams live formulas) write a workbook.
WRITER_IMPORTS = re.compile(r"^\s*(from openpyxl|import openpyxl|from odf|import csv\b)", re.M)


@pytest.mark.parametrize(
    "module",
    [
        "imports/exports.py",
        "reports/renderers/xlsx.py",
        "reports/renderers/ods.py",
        "reports/renderers/csv.py",
    ],
)
def test_list_exports_and_reports_write_through_the_shared_writers(module):
    assert not WRITER_IMPORTS.search((SRC / module).read_text(encoding="utf-8")), module

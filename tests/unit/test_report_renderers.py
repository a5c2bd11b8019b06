"""Renderers over a small hand-made report: what every format must do whatever the report."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from realise.reports.context import (
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    check_total,
    pounds,
    text,
    total_label,
)
from realise.reports.formats import render
from tests.readback import csv_files


def _report(*tables: Table) -> Report:
    return Report(
        kind="test",
        organisation="Testshire Council",
        title="A test report",
        subtitle="For the tests",
        dated="1 April 2025",
        sections=(Section("Only", (Paragraph("<b>not bold</b>"), *tables)),),
    )


def _table(key: str, title: str, amounts: list[str]) -> Table:
    values = [Decimal(a) for a in amounts]
    return Table(
        key=key,
        title=title,
        columns=(Column("Name"), Column("Amount (£)", numeric=True, unit="£")),
        rows=tuple((text(f"=cmd|{n}"), pounds(v)) for n, v in enumerate(values)),
        total=(total_label(), pounds(sum(values), summed=True)),
    )


def test_a_total_that_is_not_the_sum_of_its_rows_is_refused():
    with pytest.raises(ValueError, match="not the sum of its rows"):
        check_total("Table 9", [Decimal(1), Decimal(2)], Decimal(4))


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="a row has 1 cells, not 2"):
        Table("t", "T", (Column("A"), Column("B")), rows=((text("x"),),))


def test_one_table_gives_one_csv_with_a_bom_and_plain_pence():
    content = render(_report(_table("only", "Only", ["1234.50", "0.25"])), "csv")
    assert content.extension == "csv"
    rows = csv_files(content.content)["report.csv"]
    assert rows == [
        ["Name", "Amount (£)"],
        ["'=cmd|0", "1234.50"],
        ["'=cmd|1", "0.25"],
        ["Total", "1234.75"],
    ]


def test_spreadsheet_text_that_looks_like_a_formula_stays_text():
    content = render(_report(_table("only", "Only", ["1", "2"])), "xlsx").content
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[1]
    assert sheet["A4"].data_type == "s"
    assert sheet["A4"].value == "=cmd|0"
    assert sheet["B6"].value == "=SUM(B4:B5)"


def test_csv_quotes_text_that_starts_like_a_formula_but_never_a_negative_figure():
    from realise.reports.renderers.csv import table_csv

    risky = ["+44 1305 221000", "-minus first", "@SUM(A1)", "\ttab first", "\rcr first", "Plain"]
    table = Table(
        key="t",
        title="T",
        columns=(Column("Name"), Column("Amount (£)", numeric=True, unit="£")),
        rows=tuple((text(name), pounds(Decimal("-12500.00"))) for name in risky),
    )
    rows = list(csv.reader(io.StringIO(table_csv(table).lstrip("\ufeff"), newline="")))
    assert rows[1:] == [["'" + name, "-12500.00"] for name in risky[:-1]] + [["Plain", "-12500.00"]]


def test_ods_text_that_looks_like_a_formula_is_a_string_cell():
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import TableCell

    content = render(_report(_table("only", "Only", ["1", "2"])), "ods").content
    cells = load(io.BytesIO(content)).spreadsheet.getElementsByType(TableCell)
    risky = [c for c in cells if str(c).startswith("=cmd")]
    assert [str(c) for c in risky] == ["=cmd|0", "=cmd|1"]
    assert {c.attributes.get((OFFICENS, "value-type")) for c in risky} == {"string"}
    assert {c.attributes.get((TABLENS, "formula")) for c in risky} == {None}


def test_sheet_names_are_unique_and_at_most_31_characters():
    long = "A very long table title that goes on well past thirty-one characters"
    report = _report(_table("a", long, ["1"]), _table("b", long, ["2"]))
    from openpyxl import load_workbook

    names = load_workbook(io.BytesIO(render(report, "xlsx").content)).sheetnames
    assert len(set(names)) == 3
    assert all(len(n) <= 31 for n in names)


def test_sheet_names_are_cut_between_words_and_keep_the_year_readable():
    from openpyxl import load_workbook

    report = _report(
        _table("t3", "Table 3. Savings by directorate, 2022/23", ["1"]),
        _table("c3", "Savings by directorate, 2022/23 (chart data)", ["2"]),
        _table("heat", "Risk heat map: 128 open risks by impact and likelihood", ["3"]),
    )
    for fmt in ("xlsx", "ods"):
        content = render(report, fmt).content
        if fmt == "xlsx":
            names = load_workbook(io.BytesIO(content)).sheetnames
        else:
            from odf.opendocument import load
            from odf.table import Table as OdsTable

            tables = load(io.BytesIO(content)).spreadsheet.getElementsByType(OdsTable)
            names = [t.getAttribute("name") for t in tables]
        assert names == [
            "Contents",
            "Table 3. Savings by directorate",
            "Savings by directorate, 2022-23",
            "Risk heat map - 128 open risks",
        ], fmt


def test_html_escapes_text_and_right_aligns_numbers():
    html = render(_report(_table("only", "Only", ["1234"])), "html").content.decode()
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert '<td class="num">1,234</td>' in html
    assert '<html lang="en-GB">' in html
    assert "<tfoot>" in html


def test_an_unknown_format_is_refused_with_the_formats_named():
    with pytest.raises(ValueError, match="use one of html, pdf, docx, xlsx, ods, csv"):
        render(_report(), "pptx")


def test_csv_gives_percentages_to_two_places_and_money_exactly():
    from decimal import Decimal

    from realise.reports.context import Column, Table, pct, pounds, text
    from realise.reports.renderers.csv import table_csv

    table = Table(
        key="t",
        title="T",
        columns=(
            Column("Year"),
            Column("Achieved (£)", numeric=True, unit="£"),
            Column("%", numeric=True, unit="%"),
        ),
        rows=((text("2022/23"), pounds(Decimal("7419537.01")), pct(Decimal(7419537) / 94802)),),
    )
    lines = table_csv(table).lstrip("\ufeff").splitlines()
    assert lines[1] == "2022/23,7419537.01,78.26"

"""OpenDocument spreadsheet (.ods, the UK government's open standard for documents) with odfpy:
a contents sheet, then a sheet per table. Totals are live ``of:=SUM(...)`` formulas; each also
carries its value, so a reader that does not recalculate still shows the right figure. Text is a
string cell, never a formula (``realise.core.spreadsheet_text``)."""

from __future__ import annotations

import io
from decimal import Decimal

from odf.number import Number, NumberStyle, PercentageStyle
from odf.number import Text as NumberText
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table as OdsTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import P

from realise.core.spreadsheet_text import ods_text_cell
from realise.reports.context import Cell, Column, Report, Table
from realise.reports.renderers.sheets import HEADER_ROW, cell_value, sheet_names


class _Styles:
    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        whole = NumberStyle(name="N-whole")
        whole.addElement(Number(decimalplaces=0, minintegerdigits=1, grouping="true"))
        pence = NumberStyle(name="N-pence")
        pence.addElement(Number(decimalplaces=2, minintegerdigits=1, grouping="true"))
        percent = PercentageStyle(name="N-percent")
        percent.addElement(Number(decimalplaces=0, minintegerdigits=1))
        percent.addElement(NumberText(text="%"))
        for style in (whole, pence, percent):
            document.automaticstyles.addElement(style)
        self.bold = self._cell(document, "bold", None, bold=True)
        self.title = self._cell(document, "title", None, bold=True, size="14pt")
        self.number = {
            "whole": self._cell(document, "num", "N-whole"),
            "pence": self._cell(document, "pence", "N-pence"),
            "percent": self._cell(document, "pct", "N-percent"),
        }
        self.total = {
            "whole": self._cell(document, "num-total", "N-whole", bold=True),
            "pence": self._cell(document, "pence-total", "N-pence", bold=True),
            "percent": self._cell(document, "pct-total", "N-percent", bold=True),
        }
        self.wide = Style(name="col-wide", family="table-column")
        self.wide.addElement(TableColumnProperties(columnwidth="7cm"))
        self.narrow = Style(name="col-narrow", family="table-column")
        self.narrow.addElement(TableColumnProperties(columnwidth="3.5cm"))
        document.automaticstyles.addElement(self.wide)
        document.automaticstyles.addElement(self.narrow)

    @staticmethod
    def _cell(document, name, data_style, *, bold=False, size=None):  # type: ignore[no-untyped-def]
        extra = {"datastylename": data_style} if data_style else {}
        style = Style(name=f"C-{name}", family="table-cell", **extra)
        if bold or size:
            props = {"fontweight": "bold"} if bold else {}
            if size:
                props["fontsize"] = size
            style.addElement(TextProperties(**props))
        if data_style:
            style.addElement(TableCellProperties())
        document.automaticstyles.addElement(style)
        return style


def _kind(column: Column, cell: Cell) -> str:
    if column.unit_of(cell) == "%":
        return "percent"
    if column.unit_of(cell) == "£m":
        return "pence"
    value = cell.value
    whole = isinstance(value, int) or (value is not None and value == Decimal(value).to_integral())  # type: ignore[arg-type]
    return "whole" if whole else "pence"


def _text_cell(text: str | None, style: Style | None = None) -> TableCell:
    return ods_text_cell(text, **({"stylename": style} if style is not None else {}))


def _number_cell(cell: Cell, column: Column, style: Style, formula: str = "") -> TableCell:
    value = cell_value(cell, column)
    kind = "percentage" if column.unit_of(cell) == "%" else "float"
    extra = {"formula": formula} if formula else {}
    out = TableCell(valuetype=kind, value=str(value), stylename=style, **extra)
    out.addElement(P(text=cell.text))
    return out


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _row(cells: list[TableCell]) -> TableRow:
    row = TableRow()
    for cell in cells:
        row.addElement(cell)
    return row


def _sheet(name: str, table: Table, styles: _Styles) -> OdsTable:
    sheet = OdsTable(name=name)
    for column in table.columns:
        sheet.addElement(TableColumn(stylename=styles.narrow if column.numeric else styles.wide))
    sheet.addElement(_row([_text_cell(table.title, styles.title)]))
    sheet.addElement(_row([_text_cell(None)]))
    sheet.addElement(_row([_text_cell(c.heading, styles.bold) for c in table.columns]))
    for values in table.rows:
        sheet.addElement(
            _row(
                [
                    _number_cell(v, c, styles.number[_kind(c, v)])
                    if v.numeric
                    else _text_cell(v.text)
                    for v, c in zip(values, table.columns, strict=True)
                ]
            )
        )
    if table.total:
        sheet.addElement(_row(_total_cells(table, styles)))
    for note in table.notes:
        sheet.addElement(_row([_text_cell(note)]))
    return sheet


def _total_cells(table: Table, styles: _Styles) -> list[TableCell]:
    assert table.total is not None
    first, last = HEADER_ROW + 1, HEADER_ROW + len(table.rows)
    cells = []
    for index, (cell, column) in enumerate(zip(table.total, table.columns, strict=True), start=1):
        style = styles.total[_kind(column, cell)] if cell.numeric else styles.bold
        if cell.summed:
            letter = _column_letter(index)
            formula = f"of:=SUM([.{letter}{first}:.{letter}{last}])"
            cells.append(_number_cell(cell, column, style, formula))
        elif cell.numeric:
            cells.append(_number_cell(cell, column, style))
        else:
            cells.append(_text_cell(cell.text or None, styles.bold))
    return cells


def render_ods(report: Report) -> bytes:
    document = OpenDocumentSpreadsheet()
    styles = _Styles(document)
    contents = OdsTable(name="Contents")
    contents.addElement(TableColumn(stylename=styles.wide))
    contents.addElement(TableColumn(stylename=styles.wide))
    contents.addElement(_row([_text_cell(report.organisation, styles.bold)]))
    contents.addElement(_row([_text_cell(report.title, styles.title)]))
    contents.addElement(_row([_text_cell(f"{report.subtitle}. Date: {report.dated}.")]))
    contents.addElement(_row([_text_cell("Sheet", styles.bold), _text_cell("Table", styles.bold)]))
    named = sheet_names(report)
    for name, table in named:
        contents.addElement(_row([_text_cell(name), _text_cell(table.title)]))
    document.spreadsheet.addElement(contents)
    for name, table in named:
        document.spreadsheet.addElement(_sheet(name, table, styles))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()

"""OpenDocument spreadsheet (.ods, the UK government's open standard for documents) with odfpy,
for reports and list exports alike. A table's total row holds live ``of:=SUM(...)`` formulas
where its cells are ``summed``; each also carries its value, so a reader that does not
recalculate still shows the right figure. Text is a string cell, never a formula
(``realise.core.spreadsheet_text``). Numbers and dates take their look from ``numbers.py``: each
format is an ODF data style, a signed one showing negatives with the minus sign through a
``style:map`` (as LibreOffice writes ``#,##0;−#,##0``)."""

from __future__ import annotations

import io

from odf.number import DateStyle, Day, Month, Number, NumberStyle, PercentageStyle, Year
from odf.number import Text as NumberText
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Map, Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table as OdsTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import P

from realise.core.spreadsheet_text import ods_text_cell
from realise.reports.context import Cell, Column
from realise.reports.spreadsheets.layout import Book, Sheet, cell_value, column_letter
from realise.reports.spreadsheets.numbers import ALL, NumberFormat, number_format

CM_PER_CHARACTER = 0.22  # a column's width in characters, as centimetres


def _number(fmt: NumberFormat) -> Number:
    return Number(
        decimalplaces=fmt.places, minintegerdigits=1, grouping="true" if fmt.grouping else "false"
    )


def _data_styles(document: OpenDocumentSpreadsheet, fmt: NumberFormat) -> None:
    """The ODF data style ``N-<key>`` for ``fmt``. A signed format's own style shows negatives
    (minus sign, then the figure); a map sends nought and above to its positive part. The data
    styles go in the document's styles: odfpy would drop an automatic style only a map uses."""
    name = f"N-{fmt.key}"
    if fmt.date:
        style = DateStyle(name=name)
        for part in (Day(style="long"), NumberText(text="/"), Month(style="long")):
            style.addElement(part)
        style.addElement(NumberText(text="/"))
        style.addElement(Year(style="long"))
    elif fmt.percent:
        style = PercentageStyle(name=name)
        style.addElement(_number(fmt))
        style.addElement(NumberText(text="%"))
    elif fmt.signed:
        positive = NumberStyle(name=f"{name}-P0", volatile="true")
        if fmt.prefix:
            positive.addElement(NumberText(text=fmt.prefix))
        positive.addElement(_number(fmt))
        document.styles.addElement(positive)
        style = NumberStyle(name=name)
        style.addElement(NumberText(text=fmt.negative_prefix))
        style.addElement(_number(fmt))
        style.addElement(Map(condition="value()>=0", applystylename=f"{name}-P0"))
    else:
        style = NumberStyle(name=name)
        style.addElement(_number(fmt))
    document.styles.addElement(style)


class _Styles:
    """The cell styles of one document: a plain and a bold (total) style per number format, bold
    and title text, and column widths made as they are asked for."""

    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        self.document = document
        for fmt in ALL:
            _data_styles(document, fmt)
        self.numbers = {(f.key, bold): self._cell(f, bold) for f in ALL for bold in (False, True)}
        self.looks = {
            "bold": self._text("bold", bold=True),
            "title": self._text("title", bold=True, size="14pt"),
            "plain": None,
        }
        self.columns: dict[float, Style] = {}

    def number(self, fmt: NumberFormat, bold: bool) -> Style:
        """The cell style for ``fmt``, made on first use for a format not in ``ALL`` (a
        percentage shown to more places than a whole per cent)."""
        if (fmt.key, bold) not in self.numbers:
            if (fmt.key, not bold) not in self.numbers:
                _data_styles(self.document, fmt)
            self.numbers[(fmt.key, bold)] = self._cell(fmt, bold)
        return self.numbers[(fmt.key, bold)]

    def _cell(self, fmt: NumberFormat, bold: bool) -> Style:
        style = Style(
            name=f"C-{fmt.key}{'-total' if bold else ''}",
            family="table-cell",
            datastylename=f"N-{fmt.key}",
        )
        if bold:
            style.addElement(TextProperties(fontweight="bold"))
        style.addElement(TableCellProperties())
        self.document.automaticstyles.addElement(style)
        return style

    def _text(self, name: str, *, bold: bool, size: str | None = None) -> Style:
        style = Style(name=f"C-{name}", family="table-cell")
        properties = {"fontweight": "bold"} if bold else {}
        if size:
            properties["fontsize"] = size
        style.addElement(TextProperties(**properties))
        self.document.automaticstyles.addElement(style)
        return style

    def column(self, width: float) -> Style:
        if width not in self.columns:
            style = Style(name=f"col-{len(self.columns) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHARACTER:.2f}cm"))
            self.document.automaticstyles.addElement(style)
            self.columns[width] = style
        return self.columns[width]


def _text_cell(text: str | None, style: Style | None = None) -> TableCell:
    return ods_text_cell(text, **({"stylename": style} if style is not None else {}))


def _cell(cell: Cell, column: Column, styles: _Styles, *, bold: bool = False, formula: str = ""):  # type: ignore[no-untyped-def]
    if not (cell.numeric or cell.is_date):
        return _text_cell(cell.text or None, styles.looks["bold"] if bold else None)
    fmt = number_format(column, cell)
    value = cell_value(cell, column)
    style = styles.number(fmt, bold)
    if fmt.date:
        out = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=style)  # type: ignore[union-attr]
    else:
        kind = "percentage" if fmt.percent else "float"
        extra = {"formula": formula} if formula else {}
        out = TableCell(valuetype=kind, value=str(value), stylename=style, **extra)
    out.addElement(P(text=cell.text))
    return out


def _row(cells: list[TableCell]) -> TableRow:
    row = TableRow()
    for cell in cells:
        row.addElement(cell)
    return row


def _total(spec: Sheet, styles: _Styles) -> list[TableCell]:
    table = spec.table
    assert table.total is not None
    first, last = spec.first_row, spec.total_row - 1
    cells = []
    for index, (cell, column) in enumerate(zip(table.total, table.columns, strict=True), start=1):
        formula = ""
        if cell.summed:
            letter = column_letter(index)
            formula = f"of:=SUM([.{letter}{first}:.{letter}{last}])"
        cells.append(_cell(cell, column, styles, bold=True, formula=formula))
    return cells


def ods_sheet(spec: Sheet, styles: _Styles) -> OdsTable:
    sheet = OdsTable(name=spec.name[:31])
    for width in spec.column_widths():
        sheet.addElement(TableColumn(stylename=styles.column(width)))
    for line in spec.lead:
        sheet.addElement(_row([_text_cell(line.text, styles.looks[line.look])]))
    if spec.lead:
        sheet.addElement(_row([_text_cell(None)]))
    table = spec.table
    bold = styles.looks["bold"]
    sheet.addElement(_row([_text_cell(c.heading, bold) for c in table.columns]))
    for values in table.rows:
        sheet.addElement(
            _row([_cell(v, c, styles) for v, c in zip(values, table.columns, strict=True)])
        )
    if table.total:
        sheet.addElement(_row(_total(spec, styles)))
    if table.notes:
        sheet.addElement(_row([_text_cell(None)]))
    for note in table.notes:
        sheet.addElement(_row([_text_cell(note)]))
    return sheet


def write_ods(book: Book) -> bytes:
    """The spreadsheet's bytes: one sheet per ``Sheet``, in order."""
    document = OpenDocumentSpreadsheet()
    styles = _Styles(document)
    for spec in book.sheets:
        document.spreadsheet.addElement(ods_sheet(spec, styles))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()

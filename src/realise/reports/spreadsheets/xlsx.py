"""Excel (.xlsx) with openpyxl, for reports and list exports alike. A table's total row holds
live ``=SUM(...)`` formulas over the rows above where its cells are ``summed`` (the builders check
that they equal the printed totals). Text is never a formula, whatever it starts with
(``realise.core.spreadsheet_text``); numbers and dates take their format from ``numbers.py``."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell as XlsxCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from realise.core.spreadsheet_text import keep_as_text
from realise.reports.context import Cell, Column
from realise.reports.spreadsheets.layout import Book, Sheet, cell_value
from realise.reports.spreadsheets.numbers import number_format

BOLD = Font(bold=True)
LOOKS = {"title": Font(bold=True, size=14), "bold": BOLD, "plain": None}
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
LISTS = "Lists"  # the hidden sheet that holds a template's drop-down values


def _text(sheet: Worksheet, row: int, column: int, value: str | None, **style: Any) -> XlsxCell:
    cell = keep_as_text(sheet.cell(row=row, column=column, value=value))
    for name, setting in style.items():
        if setting is not None:
            setattr(cell, name, setting)
    return cell


def _cell(sheet: Worksheet, row: int, at: int, cell: Cell, column: Column) -> XlsxCell:
    if cell.numeric or cell.is_date:
        target = sheet.cell(row=row, column=at, value=cell_value(cell, column))
        target.number_format = number_format(column, cell).code
        return target
    return _text(sheet, row, at, cell.text or None)


def _headings(sheet: Worksheet, spec: Sheet) -> None:
    for index, (column, width) in enumerate(
        zip(spec.table.columns, spec.column_widths(), strict=True), start=1
    ):
        align = Alignment(horizontal="right" if column.numeric else "left", wrap_text=True)
        head = _text(sheet, spec.header_row, index, column.heading, font=BOLD, alignment=align)
        sheet.column_dimensions[get_column_letter(index)].width = width
        if index <= len(spec.hints) and spec.hints[index - 1]:
            head.comment = Comment(spec.hints[index - 1], "Realise")


def _drop_downs(sheet: Worksheet, lists: Worksheet, spec: Sheet) -> None:
    """Each pick's values in the same column of the hidden sheet, and a list validation over
    the rows below the headings that points at them."""
    for index, pick in enumerate(spec.picks, start=1):
        if pick is None or not pick.items:
            continue
        for row, item in enumerate(pick.items, start=1):
            _text(lists, row, index, item)
        letter = get_column_letter(index)
        check = DataValidation(
            type="list",
            formula1=f"{LISTS}!${letter}$1:${letter}${len(pick.items)}",
            allow_blank=not pick.required,
            showErrorMessage=True,
            errorTitle=spec.table.columns[index - 1].heading,
            error=pick.error or None,
        )
        sheet.add_data_validation(check)
        check.add(f"{letter}{spec.first_row}:{letter}{spec.offered_rows + spec.header_row}")


def _total(sheet: Worksheet, spec: Sheet) -> None:
    table, at, first = spec.table, spec.total_row, spec.first_row
    assert table.total is not None
    for c, (cell, column) in enumerate(zip(table.total, table.columns, strict=True), start=1):
        if cell.summed:
            letter = get_column_letter(c)
            target = sheet.cell(row=at, column=c, value=f"=SUM({letter}{first}:{letter}{at - 1})")
            target.number_format = number_format(column, cell).code
        else:
            target = _cell(sheet, at, c, cell, column)
        target.font = BOLD
        target.border = TOTAL_BORDER


def write_sheet(sheet: Worksheet, spec: Sheet) -> None:
    """Lay ``spec`` out on an openpyxl worksheet."""
    for row, line in enumerate(spec.lead, start=1):
        _text(sheet, row, 1, line.text, font=LOOKS[line.look])
    _headings(sheet, spec)
    table = spec.table
    for r, row in enumerate(table.rows, start=spec.first_row):
        for c, (cell, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            _cell(sheet, r, c, cell, column)
    if table.total:
        _total(sheet, spec)
    for offset, note in enumerate(table.notes, start=2):  # after a blank row
        _text(sheet, spec.total_row + offset, 1, note)
    if spec.freeze:
        sheet.freeze_panes = sheet.cell(row=spec.first_row, column=1)


def write_xlsx(book: Book) -> bytes:
    """The workbook's bytes: one sheet per ``Sheet``, in order (then the hidden sheet of
    drop-down values, when a sheet has picks)."""
    workbook = Workbook()
    for index, spec in enumerate(book.sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = spec.name[:31]
        write_sheet(sheet, spec)
        if any(spec.picks):
            lists = workbook[LISTS] if LISTS in workbook else workbook.create_sheet(LISTS)
            lists.sheet_state = "hidden"
            _drop_downs(sheet, lists, spec)
    if book.title:
        workbook.properties.title = book.title
    if book.creator:
        workbook.properties.creator = book.creator
    workbook.properties.language = "en-GB"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

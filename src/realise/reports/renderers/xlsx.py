"""Excel (.xlsx) with openpyxl: a contents sheet, then a sheet per table. Totals are live
``=SUM(...)`` formulas over the rows above, so the workbook recalculates when a figure is
changed; they equal the printed totals because the report builders check that they do. Text is
never a formula, whatever it starts with (``realise.core.spreadsheet_text``)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from realise.core.spreadsheet_text import keep_as_text
from realise.reports.context import Report, Table
from realise.reports.renderers.sheets import HEADER_ROW, cell_value, number_format, sheet_names

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))


def _write_text(sheet: Worksheet, row: int, column: int, value: str | None, **style: object):
    cell = keep_as_text(sheet.cell(row=row, column=column, value=value))
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _table_sheet(sheet: Worksheet, table: Table) -> None:
    _write_text(sheet, 1, 1, table.title, font=TITLE)
    for index, column in enumerate(table.columns, start=1):
        align = Alignment(horizontal="right" if column.numeric else "left", wrap_text=True)
        _write_text(sheet, HEADER_ROW, index, column.heading, font=BOLD, alignment=align)
        width = 16 if column.numeric else min(max(len(column.heading), 12) + 6, 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    first = HEADER_ROW + 1
    for r, row in enumerate(table.rows, start=first):
        for c, (cell, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            value = cell_value(cell, column)
            if cell.numeric:
                sheet.cell(row=r, column=c, value=value).number_format = number_format(column, cell)
            else:
                _write_text(sheet, r, c, value)  # type: ignore[arg-type]
    if table.total:
        _total_row(sheet, table, first, first + len(table.rows))
    for offset, note in enumerate(table.notes, start=2):
        _write_text(sheet, first + len(table.rows) + offset, 1, note)
    sheet.freeze_panes = sheet.cell(row=first, column=1)


def _total_row(sheet: Worksheet, table: Table, first: int, at: int) -> None:
    assert table.total is not None
    for c, (cell, column) in enumerate(zip(table.total, table.columns, strict=True), start=1):
        letter = get_column_letter(c)
        if cell.summed:
            target = sheet.cell(row=at, column=c, value=f"=SUM({letter}{first}:{letter}{at - 1})")
            target.number_format = number_format(column, cell)
        elif cell.numeric:
            target = sheet.cell(row=at, column=c, value=cell_value(cell, column))
            target.number_format = number_format(column, cell)
        else:
            target = _write_text(sheet, at, c, cell.text or None)
        target.font = BOLD
        target.border = TOTAL_BORDER


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    contents = workbook.active
    contents.title = "Contents"
    _write_text(contents, 1, 1, report.organisation, font=BOLD)
    _write_text(contents, 2, 1, report.title, font=TITLE)
    _write_text(contents, 3, 1, f"{report.subtitle}. Date: {report.dated}.")
    _write_text(contents, 5, 1, "Sheet", font=BOLD)
    _write_text(contents, 5, 2, "Table", font=BOLD)
    contents.column_dimensions["A"].width = 34
    contents.column_dimensions["B"].width = 80
    for row, (name, table) in enumerate(sheet_names(report), start=6):
        _write_text(contents, row, 1, name)
        _write_text(contents, row, 2, table.title)
        _table_sheet(workbook.create_sheet(name), table)
    workbook.properties.title = f"{report.organisation}: {report.title}"
    workbook.properties.creator = report.organisation
    workbook.properties.language = "en-GB"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

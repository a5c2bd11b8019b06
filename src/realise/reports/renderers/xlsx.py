"""Excel (.xlsx): a contents sheet, then a sheet per table, written by the shared XLSX writer
(``realise.reports.spreadsheets.xlsx``). Totals are live ``=SUM(...)`` formulas over the rows
above, so the workbook recalculates when a figure is changed; they equal the printed totals
because the report builders check that they do."""

from __future__ import annotations

from realise.reports.context import Report
from realise.reports.spreadsheets.layout import report_book
from realise.reports.spreadsheets.xlsx import write_xlsx


def render_xlsx(report: Report) -> bytes:
    return write_xlsx(report_book(report))

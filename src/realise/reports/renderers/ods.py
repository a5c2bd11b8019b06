"""OpenDocument spreadsheet (.ods): a contents sheet, then a sheet per table, written by the
shared ODS writer (``realise.reports.spreadsheets.ods``). Totals are live ``of:=SUM(...)``
formulas that also carry their value."""

from __future__ import annotations

from realise.reports.context import Report
from realise.reports.spreadsheets.layout import report_book
from realise.reports.spreadsheets.ods import write_ods


def render_ods(report: Report) -> bytes:
    return write_ods(report_book(report))

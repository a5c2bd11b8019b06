"""Export any list as XLSX, ODS or CSV. ``export_rows`` gives headings and rows (the API calls it);
``list_table`` makes them a table, which the shared spreadsheet writers
(``realise.reports.spreadsheets``, the same that write the committee reports) turn into bytes.
The headings are the import headings, so an export imports back unchanged. Text is written so
that no spreadsheet runs it as a formula (``realise.core.spreadsheet_text``; the CSV reader
undoes the CSV quote). Amounts show as £1,234.50 and −£12,500.00 (ADR 0024)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from realise.finance.money import format_money
from realise.imports.kinds import kind_named
from realise.portfolio.models import Organisation
from realise.reports.context import Cell, Column, Table
from realise.reports.formats import Format, list_format
from realise.reports.spreadsheets import ods, xlsx
from realise.reports.spreadsheets.csv import table_csv
from realise.reports.spreadsheets.layout import Book, Sheet
from realise.reports.spreadsheets.names import sheet_name

Headings = list[str]
Rows = list[list[Any]]

WIDTH = 18  # every column of a list, in characters


def export_rows(kind: str, organisation: Organisation) -> tuple[Headings, Rows]:
    """The headings and rows of one kind of list for ``organisation``, in a stable order."""
    spec = kind_named(kind)
    headings = [c.heading for c in spec.columns]
    rows = [[c.export(obj) for c in spec.columns] for obj in spec.rows(organisation).order_by("pk")]
    return headings, rows


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _column(heading: str, sample: Any) -> Column:
    """A column typed by its first value: amounts (Decimal) in pounds with the £ sign, whole
    numbers as counts, dates as dates, anything else as text."""
    if isinstance(sample, Decimal):
        return Column(heading, numeric=True, unit="£", symbol=True)
    if _is_number(sample):
        return Column(heading, numeric=True)
    if isinstance(sample, date):
        return Column(heading, unit="date")
    return Column(heading)


def _cell(value: Any) -> Cell:
    if value is None or value == "":
        return Cell(None, "")
    if isinstance(value, Decimal):
        return Cell(value, format_money(value, places=2))
    if _is_number(value):
        return Cell(value, str(value))
    if isinstance(value, date):
        return Cell(value, f"{value:%d/%m/%Y}")
    return Cell(str(value), str(value))


def list_table(headings: Headings, rows: Rows, title: str = "Export") -> Table:
    """A list as a table for the spreadsheet writers."""
    samples = [
        next((r[i] for r in rows if r[i] not in ("", None)), None) for i in range(len(headings))
    ]
    return Table(
        key="export",
        title=title,
        columns=tuple(_column(h, s) for h, s in zip(headings, samples, strict=True)),
        rows=tuple(tuple(_cell(v) for v in row) for row in rows),
    )


def _book(headings: Headings, rows: Rows, title: str) -> Book:
    table = list_table(headings, rows, title)
    sheet = Sheet(sheet_name(title), table, widths=(WIDTH,) * len(headings))
    return Book((sheet,))


def write_csv(headings: Headings, rows: Rows, *, title: str = "") -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows £ signs correctly. Text starting like a
    formula gets a quote (numbers are never text, so -12500.00 stays as it is)."""
    return table_csv(list_table(headings, rows, title)).encode("utf-8")


def write_xlsx(headings: Headings, rows: Rows, *, title: str = "Export") -> bytes:
    return xlsx.write_xlsx(_book(headings, rows, title))


def write_ods(headings: Headings, rows: Rows, *, title: str = "Export") -> bytes:
    return ods.write_ods(_book(headings, rows, title))


WRITERS: dict[Format, Callable[..., bytes]] = {
    Format.xlsx: write_xlsx,
    Format.ods: write_ods,
    Format.csv: write_csv,
}


def export_file(kind: str, organisation: Organisation, fmt: str) -> bytes:
    """One list as a file in ``fmt``, one of ``LIST_FORMATS`` (xlsx, ods or csv)."""
    writer = WRITERS[list_format(fmt)]
    headings, rows = export_rows(kind, organisation)
    return writer(headings, rows, title=kind_named(kind).label)

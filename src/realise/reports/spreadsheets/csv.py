"""CSV, for reports (one file per table) and list exports alike: UTF-8 with a byte-order mark so
Excel opens "£" and accented names correctly (other tools ignore it), CRLF line ends (RFC 4180).
Figures are plain numbers in the unit of their column's heading (pounds and pence, with an ASCII
minus for a negative so any tool reads them as numbers; £ million, exact, for "£m" columns; per
cent to two places), without thousands separators or currency signs; dates are day/month/year.
Text that starts like a formula (=, +, -, @, tab, carriage return) gets a single quote before it,
so no spreadsheet runs it (``realise.core.spreadsheet_text``); figures never get one."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from realise.core.spreadsheet_text import csv_cell
from realise.reports.context import Cell, Column, Table

BOM = "\ufeff"
# A percentage is a ratio with no end (78.263325479...): CSV gives it to two places, rounded
# half up once, here. Money is exact already (whole pence, or pounds over a million).
PERCENT_PLACES = Decimal("0.01")


def _plain(value: object, unit: str, places: int = 0) -> str:
    if isinstance(value, int):
        return str(value)
    if unit == "%" and isinstance(value, Decimal):
        step = PERCENT_PLACES if places <= 2 else Decimal(1).scaleb(-places)
        value = value.quantize(step, rounding=ROUND_HALF_UP)
    return f"{value:f}"


def csv_text(cell: Cell, column: Column) -> object:
    """What a cell holds in CSV: a plain figure, a date, or text that no spreadsheet runs. A
    percentage printed beside a rating to more than two places (79.996% beside Red) keeps
    them, so it is not 80.00 beside Red."""
    if cell.numeric:
        return _plain(column.figure(cell), column.unit_of(cell), cell.places)
    if cell.is_date:
        return f"{cell.value:%d/%m/%Y}"
    return csv_cell(cell.text)


def table_csv(table: Table) -> str:
    """The table as CSV text: headings, rows, then the total row (notes are left out)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(c.heading) for c in table.columns])
    for row in (*table.rows, *((table.total,) if table.total else ())):
        writer.writerow(
            [csv_text(cell, column) for cell, column in zip(row, table.columns, strict=True)]
        )
    return BOM + out.getvalue()

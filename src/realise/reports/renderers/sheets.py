"""What the spreadsheet renderers (XLSX, ODS) share: sheet names and cell values."""

from __future__ import annotations

import re
from decimal import Decimal

from realise.reports.context import Cell, Column, Report, Table

HUNDRED = Decimal(100)
HEADER_ROW = 3  # row 1: the table's title; row 2: blank; row 3: column headings


def sheet_names(report: Report) -> list[tuple[str, Table]]:
    """Each table with a unique sheet name of at most 31 characters, without []:*?/\\."""
    used: set[str] = {"Contents"}
    named = []
    for table in report.tables():
        base = re.sub(r"[\[\]:*?/\\]", "", table.title)[:31].strip() or "Table"
        name, n = base, 2
        while name.lower() in {u.lower() for u in used}:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name)
        named.append((name, table))
    return named


def cell_value(cell: Cell, column: Column) -> Decimal | int | str | None:
    """The value a spreadsheet holds: numbers as numbers (percentages as fractions, shown with
    a % format), text as text, nothing for a blank."""
    if cell.numeric:
        if column.unit_of(cell) == "%":
            return Decimal(cell.value) / HUNDRED  # type: ignore[arg-type]
        return column.figure(cell)
    return cell.text or None


def number_format(column: Column, cell: Cell) -> str:
    unit = column.unit_of(cell)
    if unit == "%":
        return "0%"
    if unit == "£m":
        return "#,##0.00;(#,##0.00)"
    if unit == "£":
        whole = isinstance(cell.value, int) or cell.value == Decimal(cell.value or 0).to_integral()
        return "#,##0;(#,##0)" if whole else "#,##0.00;(#,##0.00)"
    if unit == "FTE":
        return "#,##0.0"
    return "#,##0"

"""A table context as a rich table for the command line (``realise summary``): the headings, the
rows and the total row, figures right-aligned, every cell's text as the builders printed it."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text

from realise.reports.context import Table


def rich_table(table: Table) -> RichTable:
    out = RichTable(title=table.title)
    for column in table.columns:
        out.add_column(column.heading, justify="right" if column.numeric else "left")
    for row in (*table.rows, *((table.total,) if table.total else ())):
        out.add_row(*(Text(cell.text) for cell in row))
    return out

"""A table context as a rich table for the command line (``realise summary``): the headings, the
rows and the total row, figures right-aligned, every cell's text as the builders printed it.

A figure is never cut short in a narrow terminal: its column keeps the width of its widest
figure and the headings and text wrap instead; when even that is wider than the terminal, each
row is printed as a list of heading and value pairs."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table as RichTable
from rich.text import Text

from realise.reports.context import Cell, Table


def _rows(table: Table) -> tuple[tuple[Cell, ...], ...]:
    return (*table.rows, *((table.total,) if table.total else ()))


def _across(table: Table) -> RichTable:
    out = RichTable(title=table.title)
    rows = _rows(table)
    for at, column in enumerate(table.columns):
        widest = max((len(row[at].text) for row in rows), default=0) if column.numeric else None
        out.add_column(
            column.heading, justify="right" if column.numeric else "left", min_width=widest
        )
    for row in rows:
        out.add_row(*(Text(cell.text) for cell in row))
    return out


def _down(table: Table) -> Iterator[RichTable]:
    for number, row in enumerate(_rows(table), start=1):
        title = table.title if number == 1 else None
        out = RichTable(title=title, show_header=False)
        out.add_column("Heading")
        out.add_column("Value", justify="right")
        for cell, column in zip(row, table.columns, strict=True):
            out.add_row(column.heading, Text(cell.text))
        yield out


def _narrowest(table: Table) -> int:
    """The fewest characters the table takes across: each column as wide as its longest word
    (a figure is one word), plus a space each side and a rule between columns."""
    widths = [
        max(
            len(word)
            for text in (column.heading, *(row[at].text for row in _rows(table)))
            for word in (text.split() or [""])
        )
        for at, column in enumerate(table.columns)
    ]
    return sum(widths) + 3 * len(widths) + 1


class FittedTable:
    """Rendered across when it fits the terminal, else a row at a time."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if _narrowest(self.table) <= options.max_width:
            yield _across(self.table)
        else:
            yield from _down(self.table)


def rich_table(table: Table) -> FittedTable:
    return FittedTable(table)

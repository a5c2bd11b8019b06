"""What a sheet holds, whatever the format: lines of text above a table (a title, a front page),
the table's headings, rows and total, then its notes. The XLSX and ODS writers lay out the same
``Sheet``; the values in its cells are chosen here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from realise.reports.context import Cell, Column, Report, Table
from realise.reports.spreadsheets.names import sheet_names

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Line:
    """A line of text above the table: ``look`` is "title", "bold" or "plain"."""

    text: str
    look: str = "plain"


@dataclass(frozen=True)
class Pick:
    """A drop-down on a column's cells below the headings (an import template's): the values
    offered, whether the cell may be left blank, and the message for anything else."""

    items: tuple[str, ...]
    required: bool = False
    error: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet. With ``lead`` lines, the headings come after them and a blank row (a report's
    table: its title in A1, headings in row 3); without, the headings are row 1 (a list export,
    which imports back). ``widths`` are column widths in characters (worked out from the
    columns when empty); ``freeze`` keeps the headings in view. An import template adds a
    note on each heading (``hints``) and drop-downs (``picks``, one per column or None) over
    its first ``offered_rows`` rows; the XLSX writer keeps their values on a hidden sheet."""

    name: str
    table: Table
    lead: tuple[Line, ...] = ()
    widths: tuple[float, ...] = ()
    freeze: bool = True
    hints: tuple[str, ...] = ()
    picks: tuple[Pick | None, ...] = ()
    offered_rows: int = 5000

    @property
    def header_row(self) -> int:
        return len(self.lead) + 2 if self.lead else 1

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def total_row(self) -> int:
        return self.first_row + len(self.table.rows)

    def column_widths(self) -> tuple[float, ...]:
        if self.widths:
            return self.widths
        return tuple(
            16 if c.numeric else min(max(len(c.heading), 12) + 6, 60) for c in self.table.columns
        )


@dataclass(frozen=True)
class Book:
    """The sheets of one file, and what its properties say."""

    sheets: tuple[Sheet, ...]
    title: str = ""
    creator: str = ""


def cell_value(cell: Cell, column: Column) -> Decimal | int | str | date | None:
    """The value a spreadsheet holds: numbers as numbers (percentages as fractions, shown with
    a % format; "£m" as exact pounds over a million), dates as dates, text as text, nothing for
    a blank."""
    if cell.numeric:
        if column.unit_of(cell) == "%":
            return Decimal(cell.value) / HUNDRED  # type: ignore[arg-type]
        return column.figure(cell)
    if cell.is_date:
        return cell.value
    return cell.text or None


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def report_sheet_names(report: Report) -> list[tuple[str, Table]]:
    """Each table with its sheet name (``names.sheet_name``), unlike "Contents" and each other."""
    tables = report.tables()
    names = sheet_names((t.title for t in tables), taken=("Contents",))
    return list(zip(names, tables, strict=True))


def report_book(report: Report) -> Book:
    """A report as a workbook: a contents sheet, then a sheet per table (charts' included)."""
    named = report_sheet_names(report)
    contents = Sheet(
        "Contents",
        Table(
            key="contents",
            title="Contents",
            columns=(Column("Sheet"), Column("Table")),
            rows=tuple((Cell(name, name), Cell(t.title, t.title)) for name, t in named),
        ),
        lead=(
            Line(report.organisation, "bold"),
            Line(report.title, "title"),
            Line(f"{report.subtitle}. Date: {report.dated}."),
        ),
        widths=(34, 80),
        freeze=False,
    )
    sheets = (Sheet(name, table, lead=(Line(table.title, "title"),)) for name, table in named)
    return Book((contents, *sheets), f"{report.organisation}: {report.title}", report.organisation)

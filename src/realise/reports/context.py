"""The shape every report takes before it is rendered: a frozen tree of already-computed values.

A report is a title and numbered sections; a section holds blocks in order: paragraphs, bullet
lists, tables and charts. A table cell carries the figure itself (for spreadsheets and CSV) and
its printed text (for HTML, PDF and Word), both made once here by the report builders from
selectors and ``realise.finance``. Renderers only lay these out; they compute nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from realise.finance.money import format_in_unit, format_money, format_percent
from realise.finance.savings import RagThresholds

Value = Decimal | int | str | date | None


@dataclass(frozen=True)
class Cell:
    """One table cell: ``value`` is the figure (or text), ``text`` how the report prints it.

    ``summed`` marks a total cell that is the sum of the column above it, so spreadsheets write
    it as a live ``SUM`` formula. ``unit`` is the cell's own unit when it is not its column's:
    the FTE row of a table whose columns are £m. ``key`` names the figure for a page's
    ``data-figure`` (``achieved-2022``); ``spoken`` is what a screen reader hears instead of a
    dash (``none recorded yet``). ``places`` is a percentage's decimal places when it is printed
    to more than a whole per cent (79.6% beside Red), so a spreadsheet shows it the same.
    """

    value: Value
    text: str
    summed: bool = False
    unit: str = ""
    key: str = ""
    spoken: str = ""
    places: int = 0

    @property
    def numeric(self) -> bool:
        return isinstance(self.value, Decimal | int) and not isinstance(self.value, bool)

    @property
    def is_date(self) -> bool:
        return isinstance(self.value, date)


MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Column:
    """``unit`` is "£", "£m", "%", "FTE", "date", or "" for counts and text. A report names the
    unit in the heading ("Budgeted (£)") and its cells show the figure alone; ``symbol`` columns
    (a list export's amounts) show the pound sign in every cell instead."""

    heading: str
    numeric: bool = False
    unit: str = ""
    symbol: bool = False

    def unit_of(self, cell: Cell) -> str:
        """The unit a cell of this column is in: its own, else the column's."""
        return cell.unit or self.unit

    def figure(self, cell: Cell) -> Decimal | int | None:
        """A numeric cell's value in its unit, exactly: pounds in a "£m" column are divided by a
        million (not rounded), so spreadsheets and CSV agree with the heading; a cell with a unit
        of its own (FTE in a £m table) is left as it is."""
        if not cell.numeric:
            return None
        if self.unit_of(cell) == "£m":
            return Decimal(cell.value) / MILLION  # type: ignore[arg-type]
        return cell.value  # type: ignore[return-value]


@dataclass(frozen=True)
class Table:
    """Rows of cells under headed columns, with an optional total row marked as such."""

    key: str  # a short file-safe name: the CSV file and the spreadsheet sheet
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *((self.total,) if self.total else ())):
            if len(row) != width:
                raise ValueError(f"Table {self.key}: a row has {len(row)} cells, not {width}")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    heading: str = ""


@dataclass(frozen=True)
class Chart:
    """An accessible SVG chart (realise.reports.charts) and the table of its numbers."""

    key: str
    title: str
    svg: str
    table: Table


Block = Paragraph | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """A whole report: what a committee paper's front page says, then its sections."""

    kind: str  # "annual", "case" or "monitoring"
    organisation: str
    title: str
    subtitle: str
    dated: str  # e.g. "31 March 2023", printed on the front page
    sections: tuple[Section, ...]
    details: tuple[tuple[str, str], ...] = field(default=())  # ("Report status", "Public") ...

    def tables(self) -> list[Table]:
        """Every table in reading order, charts' tables included (for CSV and spreadsheets)."""
        found: list[Table] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    found.append(block)
                elif isinstance(block, Chart):
                    found.append(block.table)
        return found

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


# --- Cell makers: the one place figures become printed text --------------------------------


def money(amount: Decimal, *, summed: bool = False) -> Cell:
    """Whole or pence pounds the GOV.UK way: £1,234 or £75.50; negatives as −£300."""
    return Cell(amount, format_money(amount), summed)


def pounds(amount: Decimal, *, summed: bool = False) -> Cell:
    """Pounds in a table headed "£": 9,480,222; negatives as −9,480,222 (ADR 0024)."""
    places = 0 if amount == amount.to_integral_value() else 2
    return Cell(amount, format_in_unit(amount, "£", places=places), summed)


def in_pounds(amount: Decimal, *, symbol: bool, summed: bool = False, key: str = "") -> Cell:
    """Pounds as a surface words them: with the £ in each cell (a page, the console: £9,480,222)
    or in the column's heading (a report: 9,480,222 under "Projected (£)")."""
    cell = money(amount, summed=summed) if symbol else pounds(amount, summed=summed)
    return Cell(cell.value, cell.text, summed, key=key)


def pounds_column(heading: str, *, symbol: bool) -> Column:
    """A column of pounds headed "Heading" (£ in each cell) or "Heading (£)"."""
    return Column(heading if symbol else f"{heading} (£)", numeric=True, unit="£", symbol=symbol)


def millions(amount: Decimal, *, places: int = 2, step: Decimal | None = None) -> Cell:
    """Pounds shown in £m, as business cases print them; the value stays exact pounds."""
    return Cell(amount, format_in_unit(amount, "£m", places=places, step=step))


def count(number: int, *, summed: bool = False) -> Cell:
    return Cell(number, f"{number:,}", summed)


def pct(value: Decimal | None, places: int = 0) -> Cell:
    """A percentage such as 84.73 shown as 85% (half up, as a spreadsheet's ``0%`` shows the
    cell's exact value); empty when there is none."""
    if value is None:
        return Cell(None, "")
    return Cell(value, format_percent(value, places))


def rated_pct(value: Decimal | None, rag: RagThresholds, places: int = 0) -> Cell:
    """A percentage printed beside its Red/Amber/Green rating: to ``places``, or to as many more
    as keep it on its rating's side of the thresholds (``RagThresholds.places``: 79.6% beside
    Red, never 80%), in every format; empty when there is none."""
    if value is None:
        return Cell(None, "")
    shown = rag.places(value, places)
    return Cell(value, format_percent(value, shown), places=shown)


def text(value: str) -> Cell:
    return Cell(value, value)


def blank() -> Cell:
    return Cell(None, "")


def total_label(label: str = "Total") -> Cell:
    return Cell(label, label)


def slug(text_: str) -> str:
    """A file-safe lower-case key: "Table 2. Savings" -> "table-2-savings"."""
    return re.sub(r"[^a-z0-9]+", "-", text_.lower()).strip("-")[:60] or "table"


def check_total(label: str, parts: Sequence[Decimal | int], total: Decimal | int) -> None:
    """Refuse to print a total that is not the sum of its rows (formulas would disagree)."""
    if sum(parts) != total:
        raise ValueError(f"{label}: the total {total} is not the sum of its rows {sum(parts)}")

"""The workbook in write-only mode, its named styles and the cell helpers every sheet uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from realise.core.spreadsheet_text import keep_as_text
from realise.finance.scenario import NOT_PAID_BACK
from realise.reports.spreadsheets import numbers

MONEY = numbers.MONEY.code  # "£"#,##0.00;"−£"#,##0.00, as the exports and reports (ADR 0024)
DATE = "d mmm yyyy"
PERCENT = "0.00%"
FTE = "#,##0.00"
FACTOR = "0.000000"

NO_PAYBACK = NOT_PAID_BACK  # the engine's words (``finance.scenario.find_payback``)

_FONT = Font(name="Arial", size=10)
_BOLD = Font(name="Arial", size=10, bold=True)
_TITLE = Font(name="Arial", size=14, bold=True)
_SECTION = Font(name="Arial", size=12, bold=True)
_NOTE = Font(name="Arial", size=10, italic=True, color="505A5F")
_HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")  # GOV.UK light grey
_INPUT_FILL = PatternFill("solid", fgColor="E8F1F8")  # pale blue: a value you may change
_RULE = Border(bottom=Side(style="thin", color="0B0C0C"))
_TOTAL = Border(top=Side(style="thin", color="0B0C0C"))
_WRAP = Alignment(wrap_text=True, vertical="top")

# The kinds of cell, as (font, fill, border, alignment). A cell's look is its kind and its number
# format, registered once as a named style ("Realise input money"): a large case has millions of
# cells, and setting a font, fill and border on each costs openpyxl a lookup of each per cell.
_KINDS: dict[str, tuple[Font, PatternFill | None, Border | None, Alignment | None]] = {
    "plain": (_FONT, None, None, None),
    "bold": (_BOLD, None, None, None),
    "title": (_TITLE, None, None, None),
    "section": (_SECTION, None, None, None),
    "note": (_NOTE, None, None, None),
    "input": (_FONT, _INPUT_FILL, None, None),  # a value you may change
    "header": (_BOLD, _HEADER_FILL, _RULE, _WRAP),
    "total": (_BOLD, None, _TOTAL, None),
}
_FORMAT_NAMES = {
    None: "",
    MONEY: " money",
    DATE: " date",
    PERCENT: " percent",
    FTE: " FTE",
    FACTOR: " factor",
    "0": " whole number",
    "0.0000": " fraction",
    "@": " text",
}


class _Text(str):
    """Text from the case (names, ids, or a line that holds one): written as a string cell, even
    when it starts with "=" (``realise.core.spreadsheet_text``). Every other ``str`` written is
    Realise's own: a label, or a formula when it starts with "="."""


class _Book:
    """The workbook in openpyxl's write-only mode, which streams each sheet's rows to disk, with
    one named style per look of cell (kind and number format), added when first used."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        self._styles: dict[tuple[str, str | None], NamedStyle] = {}

    def sheet(self, title: str) -> _Sheet:
        return _Sheet(self, self.workbook.create_sheet(title))

    def style(self, kind: str, number_format: str | None) -> NamedStyle:
        style = self._styles.get((kind, number_format))
        if style is None:
            name = f"Realise {kind}{_FORMAT_NAMES[number_format]}"
            font, fill, border, alignment = _KINDS[kind]
            style = NamedStyle(
                name,
                font=font,
                border=border or DEFAULT_BORDER,  # the workbook's own "no border"
                number_format=number_format or "General",
            )
            if fill is not None:
                style.fill = fill
            if alignment is not None:
                style.alignment = alignment
            self.workbook.add_named_style(style)
            self._styles[(kind, number_format)] = style
        return style


@dataclass
class _Sheet:
    """One sheet's cells, put in any order and written in row order once the sheet is done
    (write-only mode takes whole rows, top to bottom). Widths and frozen panes go first."""

    book: _Book
    ws: Any  # openpyxl's WriteOnlyWorksheet
    cells: dict[int, dict[int, Cell]] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object, number_format: str | None, kind: str) -> None:
        # The named style's formatting, as setting ``cell.style`` to it would give, without
        # looking the style up by name for every cell.
        formatting = self.book.style(kind, number_format).as_tuple()
        if isinstance(value, _Text):
            cell = keep_as_text(Cell(self.ws, row, col, str(value), formatting))
        else:
            cell = Cell(self.ws, row, col, value, formatting)
        self.cells.setdefault(row, {})[col] = cell

    def freeze(self, row: int, col: int) -> None:
        """Freeze the rows above ``row`` and the columns left of ``col``."""
        self.ws.freeze_panes = f"{get_column_letter(col)}{row}"

    def write(self) -> None:
        for row in range(1, max(self.cells, default=0) + 1):
            by_col = self.cells.get(row, {})
            self.ws.append([by_col.get(col) for col in range(1, max(by_col, default=0) + 1)])
        self.cells.clear()


def _put(
    ws: _Sheet,
    row: int,
    col: int,
    value: object,
    number_format: str | None = None,
    *,
    kind: str = "plain",
) -> None:
    ws.put(row, col, value, number_format, kind)


def _input(ws: _Sheet, row: int, col: int, value: object, number_format: str | None) -> None:
    _put(ws, row, col, value, number_format, kind="input")


def _header(ws: _Sheet, row: int, col: int, value: object) -> None:
    _put(ws, row, col, value, kind="header")


def _name(workbook: Workbook, name: str, sheet: str, ref: str) -> None:
    workbook.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet)}!{ref}")


def _abs(col: int, row: int) -> str:
    return f"${get_column_letter(col)}${row}"


def _widths(ws: _Sheet, widths: Iterable[tuple[int, float]]) -> None:
    for col, width in widths:
        ws.ws.column_dimensions[get_column_letter(col)].width = width

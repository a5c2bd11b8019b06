"""Text that Realise writes to a spreadsheet or a CSV file is shown as text, never run as a formula.

A project name, a note or a case title may start the way a formula does: ``=HYPERLINK(...)``,
``+44 1305 221000``, ``-minus first``, ``@SUM(A1)``. A spreadsheet that opened the file as written
would run it for whoever opened it (formula or "CSV" injection, OWASP). Every writer of XLSX, ODS
and CSV goes through this module (ADR 0014):

- XLSX (openpyxl): ``keep_as_text(cell)`` after setting a cell's value. openpyxl takes a string
  starting with "=" for a formula and "#N/A" for an error; this makes it a string cell again, and
  gives text that starts like a formula Excel's quote prefix, so it stays text when edited.
- ODS (odfpy): ``ods_text_cell(text)``, a string-valued cell. ODF keeps a formula in an attribute
  of its own, so a string cell's text is never evaluated, whatever it starts with.
- CSV: ``csv_cell(value)`` puts a single quote before text starting with =, +, -, @, a tab or a
  carriage return. Only ``str`` values are text: numbers (Decimal, int) are Realise's own and are
  written as they are, so -12500.00 stays a number. ``from_csv`` undoes exactly this when a CSV
  file is imported, so an exported list imports back unchanged.

Realise's own formulas (a report's totals, the case workbook) are written as formulas by their
writers; nothing here touches them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from odf.table import TableCell
    from openpyxl.cell import Cell

# What a spreadsheet may take for the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

V = TypeVar("V")


def starts_like_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _quoted_on_writing(text: str) -> bool:
    """Text that starts like a formula after any quotes. Quoting "'=x" too (as "''=x") is what
    lets ``from_csv`` give back exactly what was written, whatever the text."""
    return starts_like_a_formula(text.lstrip(QUOTE))


def csv_cell(value: V) -> V | str:
    """A value for a CSV cell: text that starts like a formula gets a quote; anything else,
    numbers included, is returned as it is."""
    if isinstance(value, str) and _quoted_on_writing(value):
        return QUOTE + value
    return value


def from_csv(text: str) -> str:
    """A CSV cell's text as it was before ``csv_cell``: "'=1+1" reads "=1+1", "'hello" stays."""
    if text.startswith(QUOTE) and _quoted_on_writing(text[1:]):
        return text[1:]
    return text


def keep_as_text(cell: Cell) -> Cell:
    """Make an openpyxl cell holding a ``str`` a string cell (never a formula or an error)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if starts_like_a_formula(cell.value):
            cell.quotePrefix = True
    return cell


def ods_text_cell(text: str | None, **attributes: Any) -> TableCell:
    """An ODS cell holding ``text`` as a string (an empty cell for no text); ``attributes`` go to
    the cell, such as ``stylename``."""
    from odf.table import TableCell
    from odf.text import P

    if not text:
        return TableCell(**attributes)
    cell = TableCell(valuetype="string", **attributes)
    cell.addElement(P(text=text))
    return cell

"""How many cells a sheet would take once laid out, found before the spreadsheet reader lays it out.

The reader turns a sheet into a rectangle from its first row and column to its last holding a
value, every cell in between included. So two values far apart (A1 and XFD1048576: 17 billion
cells) in a file of 2 KB, or one value that an ODS file says to repeat across a million rows and
sixteen thousand columns, would have it ask for more memory than any server has, and the process
dies. ``SheetExtent`` follows a part's XML as it is unpacked (with the standard library's expat,
which keeps no tree), notes where the values are, and refuses the file the moment a sheet's
rectangle passes ``max_cells``. In XLSX a value is a cell's ``<v>`` or ``<is>``; in ODS a cell
with a value type or a paragraph, repeated as its row and column say.
"""

from __future__ import annotations

import re
from typing import Any
from xml.parsers import expat

SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")


def too_many_cells(name: str, sheet: str, rows: int, columns: int, most: int) -> str:
    return (
        f"{name} is too large to import: {sheet} spans {rows:,} rows by {columns:,} columns "
        f"once laid out, more than the {most:,} cells Realise reads in one sheet. Delete what "
        "lies beyond the table (a stray value far below it or to its right), or save the rows "
        "in several smaller files"
    )


class TooManyCells(Exception):
    """A sheet spans more cells than the limit; the message says how many."""


class DoctypeFound(Exception):
    """A workbook's XML never declares a document type: one that does is refused unread."""


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class SheetExtent:
    """Feed a part's XML with ``feed``, then ``close``; either raises ``TooManyCells`` once a
    sheet spans more than ``max_cells``, ``DoctypeFound`` for a DTD, ``expat.ExpatError`` for
    XML that is not well formed. Only the elements that place a value are looked at (a handler
    per element name, found by one dictionary look-up: the check runs once per element)."""

    def __init__(self, name: str, part: str, max_cells: int) -> None:
        self.name, self.part, self.max_cells = name, part, max_cells
        self.sheet = ""
        self.row = self.column = 0  # XLSX: the current cell; ODS: rows and columns passed
        self.rows = self.columns = 0  # the furthest row and column holding a value
        self.repeat = 1  # ODS: how many times the current row repeats
        self.cell_end = 0  # ODS: the column after the current cell, 0 outside a cell
        self.row_has_value = False
        starts = {
            f"{SPREADSHEETML}row": self._xlsx_row,
            f"{SPREADSHEETML}c": self._xlsx_cell,
            f"{SPREADSHEETML}v": self._xlsx_value,
            f"{SPREADSHEETML}is": self._xlsx_value,
            f"{TABLE}table": self._ods_table,
            f"{TABLE}table-row": self._ods_row,
            f"{TABLE}table-cell": self._ods_cell,
            f"{TABLE}covered-table-cell": self._ods_cell,
            f"{TEXT}p": self._ods_paragraph,
        }
        ends = {
            f"{TABLE}table-cell": self._ods_cell_end,
            f"{TABLE}covered-table-cell": self._ods_cell_end,
            f"{TABLE}table-row": self._ods_row_end,
        }

        def start(tag: str, attributes: dict[str, str]) -> None:
            handler = starts.get(tag)
            if handler is not None:
                handler(attributes)

        def end(tag: str) -> None:
            handler = ends.get(tag)
            if handler is not None:
                handler()

        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = start
        self.parser.EndElementHandler = end
        self.parser.StartDoctypeDeclHandler = self._doctype

    def feed(self, data: bytes) -> None:
        self.parser.Parse(data, False)

    def close(self) -> None:
        self.parser.Parse(b"", True)

    def _doctype(self, *_: Any) -> None:
        raise DoctypeFound

    def _xlsx_row(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r", "")
        self.row = int(reference) if reference.isdigit() else self.row + 1
        self.column = 0

    def _xlsx_cell(self, attributes: dict[str, str]) -> None:
        found = _REFERENCE.fullmatch(attributes.get("r", ""))
        if found:
            self.column, self.row = _column(found[1]), int(found[2])
        else:
            self.column += 1

    def _xlsx_value(self, _: dict[str, str]) -> None:
        if self.row > self.rows or self.column > self.columns:
            self._reach(self.row, self.column)

    def _ods_table(self, attributes: dict[str, str]) -> None:
        self.sheet = attributes.get(f"{TABLE}name", "")
        self.row = self.rows = self.columns = 0

    def _ods_row(self, attributes: dict[str, str]) -> None:
        self.repeat = int(attributes.get(f"{TABLE}number-rows-repeated", "1") or 1)
        self.column, self.row_has_value = 0, False

    def _ods_cell(self, attributes: dict[str, str]) -> None:
        self.column += int(attributes.get(f"{TABLE}number-columns-repeated", "1") or 1)
        self.cell_end = self.column
        if f"{OFFICE}value-type" in attributes:
            self._ods_paragraph(attributes)

    def _ods_paragraph(self, _: dict[str, str]) -> None:
        if self.cell_end:
            self.row_has_value = True
            self.columns = max(self.columns, self.cell_end)

    def _ods_cell_end(self) -> None:
        self.cell_end = 0

    def _ods_row_end(self) -> None:
        self.row += self.repeat
        if self.row_has_value:
            self._reach(self.row, self.columns)

    def _reach(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        if self.rows * self.columns > self.max_cells:
            sheet = f'sheet "{self.sheet}"' if self.sheet else f"one sheet ({self.part})"
            raise TooManyCells(
                too_many_cells(self.name, sheet, self.rows, self.columns, self.max_cells)
            )

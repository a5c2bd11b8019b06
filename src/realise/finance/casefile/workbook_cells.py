"""The cells of a case workbook read as a format 2 file's values, each problem named by the place
a person sees in the spreadsheet: the file, the sheet, the row, the column's letter and heading.

A cell holds what python-calamine (or openpyxl) gives: text, a float or int, a bool, a date or
datetime, or None / "" when it is empty. Numbers become exact Decimals from their shortest text
(``Decimal(repr(0.1))`` is 0.1), so a share typed as 10% (0.1 in the cell) is written "10%".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.casefile.reader import CaseFileError, FileProblem
from realise.finance.model import Path
from realise.finance.money import MoneyError, parse_money


def column_letter(number: int) -> str:
    """1 → A, 15 → O, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Place:
    """A row of a sheet, or one cell of it (``column`` counts from 1; ``heading`` is the
    column's heading, shown after its letter)."""

    sheet: str
    row: int
    column: int | None = None
    heading: str = ""

    def said(self, source: str) -> str:
        where = f'{source}, sheet "{self.sheet}", row {self.row}'
        if self.column is None:
            return where
        heading = f" ({self.heading})" if self.heading else ""
        return f"{where}, column {column_letter(self.column)}{heading}"


def cell(row: Sequence[Any], column: int) -> Any:
    """The value of ``column`` (from 1) in ``row``; None when the cell is empty or blank text."""
    value = row[column - 1] if 0 < column <= len(row) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def found(value: Any) -> str:
    """A cell's value as the message quotes it."""
    if value is None:
        return "an empty cell"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return f"the date {value.isoformat()[:10]}"
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    return str(value)


def _exact(value: int | float) -> Decimal:
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    """A number cell holding a whole number (a count of years, a year), exactly: ``2026.0`` is,
    ``2026.5``, infinity and NaN are not."""
    if not _is_number(value):
        return False
    exact = _exact(value)
    return exact.is_finite() and exact == exact.to_integral_value()


class Problems:
    """Every problem found, each at its place; and where each part of the document came from
    (its path, e.g. ``options[1].costs[0].phasing``), to place the problems the case-file reader
    finds afterwards."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[FileProblem] = []
        self.places: dict[Path, Place] = {}

    def add(self, place: Place | None, message: str) -> None:
        where = place.said(self.source) if place else self.source
        problem = FileProblem(where, None, (), message)
        if problem not in self.found:
            self.found.append(problem)

    def at(self, path: Path, place: Place) -> Place:
        self.places[path] = place
        return place

    def place_of(self, path: Path) -> Place | None:
        """The place of ``path``, or of the nearest part of it that has one."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.places:
                return self.places[path[:end]]
        return None

    def error(self) -> CaseFileError:
        return CaseFileError(list(self.found))

    # Values: each returns None (and notes the problem) when the cell cannot be used.

    def money(self, value: Any, place: Place) -> Decimal | None:
        if _is_number(value):
            return _exact(value)
        if isinstance(value, str):
            try:
                return parse_money(value)
            except MoneyError:
                pass
        self.add(place, f"expected an amount in pounds, found {found(value)}")
        return None

    def percent(self, value: Any, place: Place) -> str | None:
        """A share as the percentage a person writes: 0.1 (shown as 10%) or the text "10%"."""
        if _is_number(value):
            return f"{(_exact(value) * 100).normalize():f}%"
        if isinstance(value, str) and value.endswith("%"):
            try:
                number = Decimal(value[:-1].strip())
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                return f"{number.normalize():f}%"
        self.add(place, f"expected a percentage such as 10%, found {found(value)}")
        return None

    def number(self, value: Any, place: Place) -> Decimal | None:
        if _is_number(value):
            return _exact(value)
        if isinstance(value, str):
            try:
                number = Decimal(value.replace(",", ""))
                if number.is_finite():
                    return number
            except InvalidOperation:
                pass
        self.add(place, f"expected a number, found {found(value)}")
        return None

    def whole(self, value: Any, place: Place) -> int | None:
        if _is_whole(value):
            return int(value)
        if isinstance(value, str) and value.isdigit():
            return int(value)
        self.add(place, f"expected a whole number, found {found(value)}")
        return None

    def text(self, value: Any, place: Place) -> str | None:
        if isinstance(value, str):
            return value
        if _is_whole(value):
            return str(int(value))
        self.add(place, f"expected some text, found {found(value)}")
        return None

    def year(self, value: Any, place: Place) -> str | None:
        try:
            if isinstance(value, str):
                return FinancialYear.parse(value).label
            if _is_whole(value):
                return FinancialYear(int(value)).label
        except YearLabelError:
            pass
        self.add(place, f"expected a financial year such as 2026/27, found {found(value)}")
        return None

    def flag(self, value: Any, place: Place) -> bool | None:
        if value is None or value is False:
            return False
        if value is True or (isinstance(value, str) and value.lower() in ("yes", "true")):
            return True
        if isinstance(value, str) and value.lower() in ("no", "false"):
            return False
        self.add(place, f"expected Yes or an empty cell, found {found(value)}")
        return None

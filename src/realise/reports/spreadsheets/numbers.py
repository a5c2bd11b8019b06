"""How spreadsheet cells show numbers, from one place (ADR 0024).

Each ``NumberFormat`` is one description, written as an Excel format code for XLSX (``code``)
and as an ODF data style for ODS (``ods.py``), so both show a negative amount as Realise's text
does: ``−£12,500`` with the minus sign (``finance.money.MINUS``) before the pound sign, never
brackets. The case workbook uses ``MONEY`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.finance.money import CURRENCY, MINUS
from realise.reports.context import Cell, Column


@dataclass(frozen=True)
class NumberFormat:
    """``key`` names the format (and its ODS style); ``places`` decimal places; ``grouping``
    thousands separators; ``currency`` the pound sign before the figure; ``percent`` a fraction
    shown as per cent; ``signed`` negatives shown with the minus sign (``MINUS``)."""

    key: str
    places: int = 0
    grouping: bool = True
    currency: bool = False
    percent: bool = False
    signed: bool = False
    date: bool = False

    @property
    def figure(self) -> str:
        whole = "#,##0" if self.grouping else "0"
        return whole + ("." + "0" * self.places if self.places else "")

    @property
    def prefix(self) -> str:
        """The text before a positive figure: the pound sign or nothing."""
        return CURRENCY if self.currency else ""

    @property
    def negative_prefix(self) -> str:
        return MINUS + self.prefix

    @property
    def code(self) -> str:
        """The Excel format code: ``"£"#,##0.00;"−£"#,##0.00`` (text quoted, as Excel writes
        it; LibreOffice reads it the same)."""
        if self.date:
            return DATE_CODE
        if self.percent:
            return self.figure + "%"
        positive = (f'"{self.prefix}"' if self.prefix else "") + self.figure
        if not self.signed:
            return positive
        return f'{positive};"{self.negative_prefix}"{self.figure}'


DATE_CODE = "DD/MM/YYYY"

MONEY = NumberFormat("money", places=2, currency=True, signed=True)  # £1,234.50 and −£1,234.50
POUNDS = NumberFormat("pounds", signed=True)  # under a "(£)" heading: 9,480,222 and −9,480,222
PENCE = NumberFormat("pence", places=2, signed=True)  # 1,234.50; £m to 2 places
PERCENT = NumberFormat("percent", grouping=False, percent=True)  # a fraction shown as 78%
FTE = NumberFormat("fte", places=1)
COUNT = NumberFormat("count")
DATE = NumberFormat("date", date=True)

ALL = (MONEY, POUNDS, PENCE, PERCENT, FTE, COUNT, DATE)


def percent_format(places: int = 0) -> NumberFormat:
    """A fraction shown as per cent to ``places`` decimal places: ``PERCENT`` (78%) for none,
    ``0.0%`` for a percentage printed beside a rating to one place (79.6%)."""
    if not places:
        return PERCENT
    return NumberFormat(f"percent-{places}", places=places, grouping=False, percent=True)


def _whole(value: object) -> bool:
    if isinstance(value, int):
        return True
    return isinstance(value, Decimal) and value == value.to_integral_value()


def number_format(column: Column, cell: Cell) -> NumberFormat:
    """The format of a numeric or date cell in ``column``, by its unit."""
    if cell.is_date:
        return DATE
    unit = column.unit_of(cell)
    if unit == "%":
        return percent_format(cell.places)
    if unit == "£m":
        return PENCE
    if unit == "£":
        if column.symbol:
            return MONEY
        return POUNDS if _whole(cell.value) else PENCE
    if unit == "FTE":
        return FTE
    return COUNT

"""Cell parsers: turn what a council typed into a Python value, or raise ``CellError`` saying what
was expected. Money and years are read by ``realise.finance``; nothing here touches the database."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.money import MoneyError, parse_money, refuse_other_digits

# Pounds typed with more than two decimal places and no unit ("12.345", not "£1.234m").
_SUB_PENNY = re.compile(r"\.\d{3,}\s*\)?\s*$")

# The largest amount a money column holds (14 digits, 2 of them pence).
MAX_MONEY = Decimal("999999999999.99")


class CellError(ValueError):
    """A cell that does not hold what its column expects."""


def shown(value: object) -> str:
    """A cell value as the user would see it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    """Any cell as trimmed text; whole-number floats lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return shown(value).strip()


def _number(value: object) -> Decimal | None:
    """A numeric cell (int, float or Decimal) as an exact Decimal, or None for text cells."""
    if isinstance(value, bool):
        raise CellError(f'"{value}" is not an amount')
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(f'"{value}" is not an amount')
        return Decimal(repr(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return None


def _ascii_digits(value: object) -> None:
    if isinstance(value, str):
        try:
            refuse_other_digits(value)
        except MoneyError as exc:
            raise CellError(str(exc)) from None


def money(value: object, *, allow_units: bool = True) -> Decimal:
    """ "£1,234.50", "1234.5", "(1,200)", "£1.2m" (where allowed) or a number cell: exact pounds."""
    _ascii_digits(value)
    try:
        number = _number(value)
        amount = parse_money(text(value), allow_units=allow_units) if number is None else number
    except (MoneyError, InvalidOperation, CellError):
        raise CellError(f'"{shown(value)}" is not an amount: write it like £1,234.50') from None
    if number is None and _SUB_PENNY.search(text(value)):
        raise CellError(f'"{shown(value)}" has fractions of a penny: give pounds and pence')
    if not amount.is_finite() or abs(amount) > MAX_MONEY:
        raise CellError(
            f'"{shown(value)}" is too large: the most Realise holds is £999,999,999,999.99'
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(f'"{shown(value)}" has fractions of a penny: give pounds and pence')
    return amount.quantize(Decimal("0.01"))


def decimal_value(value: object) -> Decimal:
    """A plain number such as a measure's baseline: "72.5", "1,200" or a number cell."""
    number = _number(value)
    if number is None:
        _ascii_digits(value)
        try:
            number = Decimal(text(value).replace(",", "").rstrip("%").strip())
        except InvalidOperation:
            raise CellError(f'"{shown(value)}" is not a number') from None
    if not number.is_finite() or abs(number) > MAX_MONEY:
        raise CellError(f'"{shown(value)}" is not a number Realise can hold')
    if number != number.quantize(Decimal("0.01")):
        raise CellError(f'"{shown(value)}" has more than 2 decimal places')
    return number.quantize(Decimal("0.01"))


def year(value: object) -> int:
    """A financial year written "2025/26", "25/26", "FY25/26" or "2025-26": its start year."""
    return _year_text(text(value))


@lru_cache(maxsize=4096)
def _year_text(value: str) -> int:
    try:
        return FinancialYear.parse(text(value)).start
    except (YearLabelError, ValueError):
        raise CellError(
            f'"{shown(value)}" is not a financial year: write it like 2025/26'
        ) from None


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%d-%m-%Y")


def day(value: object) -> date:
    """A date cell, or text such as "31/03/2023", "2023-03-31" or "31 March 2023" (UK order)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _day_text(text(value))


@lru_cache(maxsize=4096)
def _day_text(value: str) -> date:
    raw = re.sub(r"\s+", " ", text(value))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise CellError(f'"{shown(value)}" is not a date: write it like 31/03/2025')


def whole_number(value: object, *, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``, such as a risk rating."""
    try:
        _ascii_digits(value)
        number = _number(value)
        number = Decimal(text(value)) if number is None else number
    except (InvalidOperation, CellError):
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise CellError(f'"{shown(value)}" is not a whole number from {low} to {high}')
    if not low <= number <= high:
        raise CellError(f'"{shown(value)}" is not a whole number from {low} to {high}')
    return int(number)


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f'"{shown(value)}" is not Yes or No')


def normal(word: str) -> str:
    """Lower case, single spaces, no punctuation: how headings and choices are compared."""
    return " ".join(re.sub(r"[^0-9a-z£%]+", " ", word.lower()).split())


def choice(value: object, choices: list[tuple[str, str]], *, what: str) -> str:
    """One of a Django ``choices`` list, matched on its value or its label in any case."""
    wanted = normal(text(value))
    for stored, label in choices:
        if wanted in (normal(stored), normal(label)):
            return stored
    listed = ", ".join(label for _, label in choices)
    raise CellError(f'"{shown(value)}" is not a {what}: choose one of {listed}')

"""Money: exact Decimal pounds, rounded to the penny when created, and to the printed unit only
when shown. See docs/adr/0002-money-and-rounding.md."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
# How Realise shows a negative amount, in text and in spreadsheets alike: −£12,500 (ADR 0024).
MINUS = "\u2212"
CURRENCY = "£"

_UNITS = {"": Decimal(1), "k": Decimal(1000), "m": Decimal(1_000_000), "bn": Decimal(10**9)}
_MONEY_RE = re.compile(
    r"""^\s*(?P<neg>-|−)?\s*(?P<open>\()?\s*(?P<neg2>-|−)?\s*£?\s*
        (?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*
        (?P<unit>k|m|bn)?\s*(?P<close>\))?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


class MoneyError(ValueError):
    """A value that is not an amount of money."""


def refuse_other_digits(text: str) -> str:
    """``text`` unchanged when every digit in it is 0 to 9; otherwise ``MoneyError``.

    Python reads any script's digits as numbers (``Decimal("١٢٣")`` is 123), so an amount typed
    in Arabic-Indic, Devanagari or full-width digits would be stored as pounds nobody wrote.
    Every reader of amounts and numbers (web forms, the API, imports, business-case files) asks
    this first.
    """
    if not text.isascii() and any(ch.isdigit() and not ch.isascii() for ch in text):
        raise MoneyError(f'"{text}" has digits other than 0 to 9: write it with the digits 0 to 9')
    return text


def pence(amount: Decimal) -> Decimal:
    """Round an amount of pounds to the penny, half up (the convention of UK public accounts)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def round_to(amount: Decimal, step: Decimal) -> Decimal:
    """Round ``amount`` half up to a multiple of ``step`` (e.g. 0.1 for "£m to 1 decimal").

    >>> round_to(Decimal("3.9409"), Decimal("0.1"))
    Decimal('3.9')
    """
    if step <= 0:
        raise ValueError("step must be positive")
    return ((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(step)


def format_percent(value: Decimal, places: int = 0) -> str:
    """A percentage for display, rounded once from the exact ratio to ``places`` decimal places,
    half up (as spreadsheets round a cell formatted ``0%``): ``87.5%``, ``13%``.

    >>> format_percent(Decimal("12.5"))
    '13%'
    """
    return f"{round_to(value, Decimal(1).scaleb(-places)):f}%"


def parse_money(text: str | int | Decimal, *, allow_units: bool = True) -> Decimal:
    """Read money as councils type it: ``£1,234.50``, ``1234.5``, ``(1,200)``, ``£1.2m``, ``250k``.

    Returns exact pounds, rounded to the penny. Raises ``MoneyError`` with a plain message.
    """
    if isinstance(text, bool):
        raise MoneyError(f"{text!r} is not an amount")
    if isinstance(text, int | Decimal):
        value = Decimal(text)
        if not value.is_finite():
            raise MoneyError(f"{text!r} is not an amount")
        return _pence_of(value, text)
    match = _MONEY_RE.match(refuse_other_digits(str(text)))
    if not match or bool(match["open"]) != bool(match["close"]):
        raise MoneyError(f'"{text}" is not an amount')
    unit = (match["unit"] or "").lower()
    if unit and not allow_units:
        raise MoneyError(f'"{text}" uses "{unit}": give the amount in pounds')
    try:
        value = Decimal(match["num"].replace(",", "")) * _UNITS[unit]
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise MoneyError(f'"{text}" is not an amount') from exc
    negative = bool(match["neg"]) or bool(match["neg2"]) or bool(match["open"])
    return _pence_of(-value if negative else value, text)


def _pence_of(value: Decimal, text: object) -> Decimal:
    """``pence(value)``, or a ``MoneyError`` for a value too long to hold to the penny."""
    try:
        return pence(value)
    except InvalidOperation:
        raise MoneyError(f'"{text}" is too large to be an amount') from None


def format_money(
    amount: Decimal,
    *,
    unit: str = "",
    places: int | None = None,
    step: Decimal | None = None,
    symbol: bool = True,
) -> str:
    """Show an amount the UK public-sector way: ``£75.50``, ``£1,200``, ``−£300``, ``£1.2m``.

    This is the one money formatter (ADR 0024): every amount Realise prints as text goes through
    it. A negative amount has the minus sign (U+2212, ``MINUS``) before the pound sign, never
    brackets and never ``£-300``. ``unit`` is "", "k" or "m"; ``places`` defaults to 2 for pounds
    with pence, 0 for whole pounds, and 1 for k and m; ``step`` rounds coarser than the places
    shown (step 0.1 with 2 places shows ``5.80``). ``symbol=False`` leaves out the pound sign and
    the unit letter, for a table whose heading names them ("Budgeted (£)": ``−9,480,222``).
    Rounding is half up, once, here (ADR 0002).
    """
    scaled = amount / _UNITS[unit]
    if places is None:
        places = (0 if scaled == scaled.to_integral_value() else 2) if unit == "" else 1
    shown = round_to(scaled, step or Decimal(1).scaleb(-places))
    sign = MINUS if shown < 0 else ""
    figure = f"{abs(shown):,.{places}f}"
    return f"{sign}{CURRENCY}{figure}{unit}" if symbol else f"{sign}{figure}"


def format_millions(amount: Decimal, *, places: int = 2, step: Decimal | None = None) -> str:
    """Pounds in £m for dense tables headed "£m", as business cases print them: ``5.80``,
    ``−16.42`` (``format_money`` without the symbol)."""
    return format_money(amount, unit="m", places=places, step=step, symbol=False)


_TABLE_UNITS = {"£": "", "£k": "k", "£m": "m"}


def format_in_unit(
    amount: Decimal, unit: str, *, places: int = 2, step: Decimal | None = None
) -> str:
    """A figure in a table whose heading gives its unit, ``£``, ``£k`` or ``£m``: the figure
    alone, negatives with the minus sign (``format_money`` without the symbol)."""
    return format_money(
        amount, unit=_TABLE_UNITS.get(unit, ""), places=places, step=step, symbol=False
    )

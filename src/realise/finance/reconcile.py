"""Reconciling the figures a committee paper printed with Realise's own (docs/adr/0031).

A printed figure is read as it was printed (``read_printed``): its value in its unit (pounds,
thousands or millions of pounds, a percentage or a count) and how many decimal places it shows.
It is then compared with Realise's figure for the same table, year, row and column (``compare``),
and a printed total with the sum of the rows printed above it (``sum_check``).

Rounding is not a difference. A figure printed to a step (£0.1m, £1, 0.1%) may be off by half
that step; a printed total compared with its printed rows, by half a step for the total and for
each row. Anything further off is a difference, reported with its size in pounds (percentage
points for a percentage, a number for a count). The same rule as ``realise model check``
(``realise.finance.audit``) applies to a business case's printed figures.

Pure: no Django, no I/O, ``Decimal`` only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from realise.finance.money import MINUS, format_money, refuse_other_digits, round_to

# Units a printed figure may be in, and what one of each is in Realise's own terms (pounds,
# percentage points, or a count).
SCALE = {
    "£": Decimal(1),
    "£k": Decimal(1000),
    "£m": Decimal(1_000_000),
    "%": Decimal(1),
    "count": Decimal(1),
}
MONEY_UNITS = ("£", "£k", "£m")
# What kind of figure a column holds, and the units it may be printed in.
UNITS_OF = {"money": MONEY_UNITS, "percent": ("%",), "count": ("count",)}
MOST_PLACES = 4

_PRINTED = re.compile(
    r"""^(?P<neg>[-−])?\s*(?P<open>\()?\s*(?P<neg2>[-−])?\s*(?P<pound>£)?\s*
        (?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*
        (?P<suffix>k|m|%)?\s*(?P<close>\))?$""",
    re.VERBOSE | re.IGNORECASE,
)
_NOTHING = {"-", "–", "—", "nil"}
_SUFFIX_UNIT = {"k": "£k", "m": "£m", "%": "%"}


class PrintedError(ValueError):
    """Text that is not a figure as a paper prints one, or a unit that does not fit it."""


@dataclass(frozen=True)
class Printed:
    """A figure as a paper printed it: ``value`` in ``unit``, shown to ``places`` decimals."""

    value: Decimal
    places: int
    unit: str

    @property
    def amount(self) -> Decimal:
        """The figure in Realise's terms: pounds, percentage points or a count."""
        return self.value * SCALE[self.unit]

    @property
    def step(self) -> Decimal:
        """The smallest change the printed figure can show, in Realise's terms."""
        return Decimal(1).scaleb(-self.places) * SCALE[self.unit]

    @property
    def tolerance(self) -> Decimal:
        """How far the true figure may be from the printed one by rounding alone."""
        return self.step / 2

    @property
    def shown(self) -> str:
        """The figure as printed: ``£1.2m``, ``£12,500``, ``84.5%``, ``12``."""
        return shown(self.value, self.unit, self.places)


def shown(value: Decimal, unit: str, places: int) -> str:
    """``value`` (in ``unit``) written to ``places`` decimals the way Realise writes figures."""
    if unit in MONEY_UNITS:
        letter = {"£": "", "£k": "k", "£m": "m"}[unit]
        return format_money(value * SCALE[unit], unit=letter, places=places)
    figure = round_to(value, Decimal(1).scaleb(-places))
    sign = MINUS if figure < 0 else ""
    text = f"{sign}{abs(figure):,.{places}f}"
    return f"{text}%" if unit == "%" else text


def _places(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def read_printed(text: str | Decimal | int, unit: str = "£") -> Printed:
    """A figure as people copy it from a paper: ``1,234``, ``£1.2m``, ``(300)`` or ``-300`` for
    a negative, ``-`` or ``nil`` for nothing, ``84.5%``. A unit written in the figure (``1.2m``,
    ``250k``, ``84.5%``) is taken over ``unit`` when ``unit`` is plain pounds; another unit is
    a ``PrintedError``. A pound sign makes a figure pounds whatever ``unit`` says. A ``Decimal``
    keeps the places it was written with (``Decimal("1.20")`` is printed to two)."""
    if unit not in SCALE:
        raise PrintedError(f'"{unit}" is not a unit: use {", ".join(SCALE)}')
    if isinstance(text, bool):
        raise PrintedError(f"{text!r} is not a figure")
    if isinstance(text, int | Decimal):
        return _from_number(Decimal(text), unit)
    written = refuse_other_digits(str(text)).strip()
    if written.casefold() in _NOTHING:
        return Printed(Decimal(0), 0, unit)
    match = _PRINTED.match(written)
    if not match or bool(match["open"]) != bool(match["close"]):
        raise PrintedError(f'"{text}" is not a figure: write it as printed, like 1,234.5 or (300)')
    unit = _unit_written(match, text, unit)
    number = match["num"].replace(",", "")
    places = _places(number)
    if places > MOST_PLACES:
        raise PrintedError(f'"{text}" has {places} decimal places: at most {MOST_PLACES}')
    value = Decimal(number)  # the pattern admits only digits and one point
    negative = bool(match["neg"]) or bool(match["neg2"]) or bool(match["open"])
    return Printed(-value if negative else value, places, unit)


def _unit_written(match: re.Match[str], text: str, unit: str) -> str:
    """The unit of a figure: the one written in it (a pound sign, k, m or %), else ``unit``."""
    if match["pound"] and unit not in MONEY_UNITS:
        unit = "£"  # the figure says it is pounds: its column will say whether it may be
    suffix = (match["suffix"] or "").lower()
    if not suffix:
        return unit
    meant = _SUFFIX_UNIT[suffix]
    if unit not in ("£", meant):
        raise PrintedError(f'"{text}" is in {meant}, but its unit is given as {unit}')
    return meant


def _from_number(value: Decimal, unit: str) -> Printed:
    if not value.is_finite():
        raise PrintedError(f"{value!r} is not a figure")
    exponent = value.as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 0
    if places > MOST_PLACES:
        raise PrintedError(f"{value} has {places} decimal places: at most {MOST_PLACES}")
    return Printed(value, places, unit)


def check_unit(printed: Printed, kind: str, column: str) -> None:
    """Refuse a printed figure whose unit does not fit its column: pounds in a column of counts
    or percentages, or a percentage in a column of pounds."""
    allowed = UNITS_OF[kind]
    if printed.unit not in allowed:
        words = {
            "money": "pounds (£, £k or £m)",
            "percent": "a percentage",
            "count": "a count: leave the unit out",
        }
        raise PrintedError(f"{column} is {words[kind]}, not {printed.unit}")


MATCH, DIFFERS, MISSING = "match", "differs", "missing"


@dataclass(frozen=True)
class Comparison:
    """A printed figure against Realise's: ``difference`` is printed less Realise's."""

    printed: Printed
    realise: Decimal | None
    outcome: str

    @property
    def difference(self) -> Decimal | None:
        return None if self.realise is None else self.printed.amount - self.realise


def compare(printed: Printed, realise: Decimal | int | None) -> Comparison:
    """A match when Realise's figure is within rounding of the printed one; ``MISSING`` when
    Realise has no such figure (``None``)."""
    if realise is None:
        return Comparison(printed, None, MISSING)
    ours = Decimal(realise)
    outcome = MATCH if abs(printed.amount - ours) <= printed.tolerance else DIFFERS
    return Comparison(printed, ours, outcome)


@dataclass(frozen=True)
class SumCheck:
    """A printed total against the sum of the rows printed above it."""

    total: Printed
    parts: tuple[Printed, ...]

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.amount for p in self.parts), Decimal(0))

    @property
    def difference(self) -> Decimal:
        """The printed total less the sum of the printed rows."""
        return self.total.amount - self.parts_sum

    @property
    def tolerance(self) -> Decimal:
        return sum((p.tolerance for p in self.parts), self.total.tolerance)

    @property
    def adds_up(self) -> bool:
        return abs(self.difference) <= self.tolerance


def sum_check(total: Printed, parts: Sequence[Printed]) -> SumCheck:
    return SumCheck(total, tuple(parts))


def signed(amount: Decimal, kind: str) -> str:
    """A difference with its sign: ``+£1,000``, ``−£250.50``, ``+0.25 points``, ``−2``."""
    if kind == "money":
        text = format_money(amount)
    else:
        places = 0 if amount == amount.to_integral_value() else 2
        figure = round_to(amount, Decimal(1).scaleb(-places))
        text = f"{MINUS if figure < 0 else ''}{abs(figure):,.{places}f}"
        if kind == "percent":
            text += " points"
    return text if amount < 0 else f"+{text}" if amount > 0 else text


def realise_shown(amount: Decimal, kind: str) -> str:
    """Realise's figure in full: pounds to the penny, a percentage to two places, a count."""
    if kind == "money":
        return format_money(amount)
    if kind == "percent":
        return shown(amount, "%", 2)
    return shown(amount, "count", 0)

"""When a released saving earns: the part-year and full-year effect of a release tranche.

The rules (pinned by tests, stated in docs/formats/business-case.md):

- a tranche released on date d starts earning on the day after d;
- its part-year effect in a financial year is its annual value x (months of that year after the
  start) / 12, where whole months count 1 and the month the start falls in counts pro rata by
  days: released on 30 September, it earns exactly half of that year; released on 31 March, it
  earns nothing that year and its full value from the next;
- a year's full-year effect is the annual value of every tranche that has started by the year's
  last day.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from realise.finance.calendar import FinancialYear


def start_date(released_on: date) -> date:
    """The first day a tranche earns: the day after its release."""
    return released_on + timedelta(days=1)


@lru_cache(maxsize=4096)
def earning_fraction(released_on: date, year: FinancialYear) -> Fraction:
    """The share of ``year`` in which a tranche released on ``released_on`` earns (0 to 1)."""
    start = start_date(released_on)
    if start > year.last_day:
        return Fraction(0)
    if start <= year.first_day:
        return Fraction(1)
    days_in_month = _calendar.monthrange(start.year, start.month)[1]
    part_of_month = Fraction(days_in_month - start.day + 1, days_in_month)
    month_index = (start.month - 4) % 12  # April is 0, March is 11
    whole_months_after = 11 - month_index
    return (whole_months_after + part_of_month) / 12


def part_year_effect(annual: Decimal, released_on: date, year: FinancialYear) -> Decimal:
    """What a tranche worth ``annual`` a year earns in ``year``, to the penny (half up)."""
    fraction = earning_fraction(released_on, year)
    return pounds(round_half_up(to_pence(annual) * fraction.numerator, fraction.denominator))


def has_started(released_on: date, year: FinancialYear) -> bool:
    """Whether a tranche counts in ``year``'s full-year effect."""
    return start_date(released_on) <= year.last_day


def allocate(total: Decimal, shares: list[Decimal]) -> list[Decimal]:
    """Split ``total`` by ``shares`` in pence so that the parts add up exactly.

    Each part is the rounded cumulative share less the rounded cumulative share before it, so
    three thirds of £100 are £33.33, £33.34 and £33.33 and add up to £100.00.
    """
    return [pounds(part) for part in allocate_pence(to_pence(total), shares)]


def allocate_pence(total: int, shares: list[Decimal]) -> list[int]:
    """``allocate`` in whole pence: the engine's fast path."""
    parts: list[int] = []
    running_share = Decimal(0)
    previous = 0
    for share in shares:
        running_share += share
        numerator, denominator = ratio(running_share)
        cumulative = round_half_up(total * numerator, denominator)
        parts.append(cumulative - previous)
        previous = cumulative
    return parts


@lru_cache(maxsize=65536)
def ratio(share: Decimal) -> tuple[int, int]:
    """A Decimal share as an exact (numerator, denominator) pair."""
    return share.as_integer_ratio()


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to a whole number, halves away from zero.

    The integer twin of ``money.pence``: both round half up, as UK public accounts do.
    """
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    quotient = (2 * abs(numerator) + denominator) // (2 * denominator)
    return quotient if numerator >= 0 else -quotient


def to_pence(amount: Decimal) -> int:
    """Pounds to whole pence, rounding half up (exact: no binary float on the way)."""
    numerator, denominator = amount.as_integer_ratio()
    return round_half_up(numerator * 100, denominator)


def pounds(amount_in_pence: int) -> Decimal:
    """Whole pence to exact Decimal pounds with two places."""
    return Decimal(amount_in_pence).scaleb(-2)

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from realise.finance.calendar import FinancialYear
from realise.finance.money import pence
from realise.finance.profile import allocate, earning_fraction, has_started, part_year_effect

Y25 = FinancialYear(2025)


def test_tranche_released_on_30_september_earns_exactly_half_the_year():
    assert earning_fraction(date(2025, 9, 30), Y25) == Fraction(1, 2)
    assert part_year_effect(Decimal("1000.00"), date(2025, 9, 30), Y25) == Decimal("500.00")


def test_tranche_released_on_31_march_earns_nothing_that_year_and_all_of_the_next():
    assert earning_fraction(date(2026, 3, 31), Y25) == 0
    assert not has_started(date(2026, 3, 31), Y25)
    assert earning_fraction(date(2026, 3, 31), Y25 + 1) == 1
    assert has_started(date(2026, 3, 31), Y25 + 1)


def test_tranche_released_before_the_year_earns_the_whole_year():
    assert earning_fraction(date(2025, 3, 31), Y25) == 1


def test_tranche_starts_earning_the_day_after_release_so_a_partial_month_counts_by_days():
    # Released 15 November: earns 15 of November's 30 days, then December to March.
    assert earning_fraction(date(2025, 11, 15), Y25) == (Fraction(15, 30) + 4) / 12


def test_release_on_the_last_day_of_a_month_counts_the_following_months_whole():
    assert earning_fraction(date(2025, 4, 30), Y25) == Fraction(11, 12)
    assert earning_fraction(date(2026, 2, 28), Y25) == Fraction(1, 12)


def test_leap_february_is_prorated_by_its_29_days():
    assert earning_fraction(date(2028, 2, 14), FinancialYear(2027)) == (Fraction(15, 29) + 1) / 12


def test_part_year_amounts_are_rounded_half_up_to_the_penny():
    # £100 for 15.5/30 of a month ... 1/12 of a year gives 833.33p-ish amounts.
    assert part_year_effect(Decimal("100.00"), date(2026, 2, 28), Y25) == Decimal("8.33")


@pytest.mark.parametrize(
    ("total", "shares", "parts"),
    [
        ("100.00", ["0.3333", "0.3333", "0.3334"], ["33.33", "33.33", "33.34"]),
        ("311777.50", ["0.5", "0.5"], ["155888.75", "155888.75"]),
        ("0.01", ["0.5", "0.5"], ["0.01", "0.00"]),
        ("1000.00", ["0.25"], ["250.00"]),
    ],
)
def test_shares_are_allocated_in_pence_that_add_up_exactly(total, shares, parts):
    allocated = allocate(Decimal(total), [Decimal(s) for s in shares])
    assert allocated == [Decimal(p) for p in parts]
    assert sum(allocated) == pence(Decimal(total) * sum(Decimal(s) for s in shares))

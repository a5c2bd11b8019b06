"""The savings arithmetic a council could check by hand (realise.finance.savings), over plain
values: due, under-achieved, carried in and on, what is left to carry, % achieved and RAG."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realise.finance.savings import (
    Carry,
    RagThresholds,
    ScopeYear,
    carried_in,
    carried_on,
    percent,
    shortfall,
)

D = Decimal


def test_a_carry_is_due_in_every_later_year_it_reaches_and_moved_on_from_every_earlier_one():
    # Dorset's £70k: fell short in 2021/22, deferred through 2022/23 to 2023/24.
    carry = [Carry(2021, 2023, D("70000"))]
    assert [carried_in(carry, y) for y in (2021, 2022, 2023, 2024)] == [0, 70000, 70000, 0]
    assert [carried_on(carry, y) for y in (2021, 2022, 2023, 2024)] == [70000, 70000, 0, 0]


def test_a_saving_deferred_through_a_year_is_underachieved_there_but_cannot_be_carried_again():
    year = ScopeYear.of(
        year=2022, budgeted=D(0), achieved=D(0), carries=[Carry(2021, 2023, D("70000"))]
    )
    assert (year.due, year.underachieved, year.left_to_carry) == (70000, 70000, 0)


@pytest.mark.parametrize(
    ("budgeted", "achieved", "carries", "due", "under", "left"),
    [
        ("100", "60", [], "100", "40", "40"),
        ("100", "160", [], "100", "0", "0"),  # over-achieved: nothing to carry
        ("100", "60", [Carry(2022, 2023, D(30))], "100", "40", "10"),  # 30 already carried
        ("0", "0", [Carry(2021, 2022, D(50))], "50", "50", "50"),  # arrived: may move on
        ("10", "0", [Carry(2021, 2022, D(50)), Carry(2020, 2024, D(5))], "65", "65", "60"),
    ],
)
def test_what_is_due_underachieved_and_left_to_carry(budgeted, achieved, carries, due, under, left):
    year = ScopeYear.of(year=2022, budgeted=D(budgeted), achieved=D(achieved), carries=carries)
    assert (year.due, year.underachieved, year.left_to_carry) == (D(due), D(under), D(left))
    assert year.variance == D(achieved) - D(due)


@pytest.mark.parametrize(
    ("adjustments", "under", "left"),
    [
        ("0", "40", "10"),  # none recorded: D is A - B, as before (30 already carried)
        ("-20", "60", "30"),  # a pressure (negative) adds to the shortfall and what may move
        ("15", "25", "0"),  # a mitigation reduces it: less left than already carried
        ("50", "0", "0"),  # mitigated beyond the shortfall: never below nothing
    ],
)
def test_pressures_and_mitigations_move_the_shortfall_and_what_may_be_carried(
    adjustments, under, left
):
    """D = A - B - C (ADR 0029): budgeted 100, achieved 60, 30 already carried on."""
    year = ScopeYear.of(
        year=2022,
        budgeted=D(100),
        achieved=D(60),
        carries=[Carry(2022, 2023, D(30))],
        adjustments=D(adjustments),
    )
    assert (year.underachieved, year.left_to_carry) == (D(under), D(left))
    assert shortfall(D(100), D(60), D(adjustments)) == D(under)


@pytest.mark.parametrize(
    ("share", "rating"),
    [(None, "Not rated"), ("95", "Green"), ("94.999", "Amber"), ("80", "Amber"), ("79.6", "Red")],
)
def test_rag_compares_the_exact_percentage_with_the_councils_thresholds(share, rating):
    rag = RagThresholds(green_from=D(95), amber_from=D(80))
    assert rag.rate(None if share is None else D(share)) == rating


def test_percent_is_exact_and_none_without_a_whole():
    assert percent(D(1), D(3)) == D(100) / D(3)
    assert percent(D(5), D(0)) is None


money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
years = st.integers(min_value=2019, max_value=2026)


@st.composite
def carries(draw):
    start = draw(years)
    return Carry(start, draw(st.integers(min_value=start + 1, max_value=2027)), draw(money))


@given(budgeted=money, achieved=money, moved=st.lists(carries(), max_size=6), year=years)
def test_properties_of_a_scope_year(budgeted, achieved, moved, year):
    scope = ScopeYear.of(year=year, budgeted=budgeted, achieved=achieved, carries=moved)
    assert scope.due == budgeted + carried_in(moved, year)
    assert 0 <= scope.left_to_carry <= scope.underachieved <= scope.due
    assert scope.underachieved == max(scope.due - achieved, 0)
    # Carrying everything that is left leaves nothing more to carry from that year.
    after = ScopeYear.of(
        year=year,
        budgeted=budgeted,
        achieved=achieved,
        carries=[*moved, Carry(year, year + 1, scope.left_to_carry)],
    )
    assert after.left_to_carry == 0
    assert after.underachieved == scope.underachieved  # carrying on does not change the year

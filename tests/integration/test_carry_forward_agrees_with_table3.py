"""What Table 3 shows a directorate still has to carry forward is exactly what the carry-forward
rule lets finance carry (one rule, realise.finance.savings), and the refusal speaks of the same
figures Table 3 prints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.selectors import savings_by_directorate
from realise.finance.calendar import FinancialYear

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)
Y2022 = FinancialYear(2022)


def _row(org, name, year=Y2022):
    table = savings_by_directorate(organisation=org, year=year)
    return next(r for r in table.rows if r.directorate == name)


def _carry(org, directorate, amount, from_year="2022/23", to_year="2023/24"):
    return benefits.savings_carry_forward(
        organisation=org,
        from_year=from_year,
        to_year=to_year,
        amount=amount,
        reason="Slipped",
        directorate=directorate,
    )


@pytest.mark.parametrize(
    ("budget_2021", "achieved_2021", "earlier", "budget_2022", "achieved_2022", "moved_on"),
    [
        (0, 0, [], 1000, 400, []),
        (0, 0, [], 1000, 400, [250]),
        (500, 100, [("2021/22", "2022/23", 300)], 1000, 400, []),  # arrives in 2022/23
        (500, 100, [("2021/22", "2023/24", 300)], 1000, 400, []),  # passes through 2022/23
        (500, 0, [("2021/22", "2022/23", 200), ("2021/22", "2024/25", 300)], 100, 0, [50]),
    ],
)
def test_table_3s_left_to_carry_is_what_the_rule_allows(
    council, budget_2021, achieved_2021, earlier, budget_2022, achieved_2022, moved_on
):
    org, people = council["org"], council["people"]
    for year, budget, achieved in (
        ("2021/22", budget_2021, achieved_2021),
        ("2022/23", budget_2022, achieved_2022),
    ):
        if budget:
            benefits.savings_target_set(
                organisation=org, year=year, amount=budget, directorate=people
            )
        if achieved:
            benefits.saving_record(
                organisation=org, year=year, amount=achieved, directorate=people, recorded_on=DAY
            )
    for from_year, to_year, amount in earlier:
        _carry(org, people, amount, from_year, to_year)
    for amount in moved_on:
        _carry(org, people, amount)
    left = _row(org, "People").left_to_carry
    with pytest.raises(ValidationError):
        _carry(org, people, left + Decimal("0.01"))
    if left:
        _carry(org, people, left)
        assert _row(org, "People").left_to_carry == 0


def test_a_saving_deferred_through_a_year_is_refused_in_table_3s_words(council):
    """Dorset's Place: £70k fell short in 2021/22 and was deferred to 2023/24. Table 3 for
    2022/23 shows it under-achieved; carrying it again from 2022/23 is refused, and the refusal
    says it was carried in and is already carried forward (it said "no budgeted or carried-in
    saving ... so nothing fell short", which Table 3 contradicted)."""
    org, place = council["org"], council["place"]
    benefits.savings_target_set(organisation=org, year="2021/22", amount=70000, directorate=place)
    _carry(org, place, 70000, "2021/22", "2023/24")
    row = _row(org, "Place")
    assert (row.carried_in, row.underachieved, row.left_to_carry) == (70000, 70000, 0)
    with pytest.raises(ValidationError) as refused:
        _carry(org, place, 70000)
    message = refused.value.message_dict["amount"][0]
    assert "carried in £70,000" in message
    assert "£70,000 already carried forward" in message
    assert "Nothing is left to carry forward from 2022/23" in message

"""A fund's arithmetic and the rules of deciding a bid (realise.finance.funds): no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from realise.finance.funds import (
    FundPosition,
    FundReturn,
    award_problems,
    drawn_problems,
    rejection_problems,
)

D = Decimal


def test_remaining_is_the_pot_less_what_is_committed_and_undrawn_what_is_not_yet_paid():
    fund = FundPosition(pot=D("100000"), committed=D("48600.50"), drawn=D("12000"))
    assert fund.remaining == D("51399.50")
    assert fund.undrawn == D("36600.50")


@pytest.mark.parametrize(
    ("awarded", "reason", "problems"),
    [
        (D("20000"), "", {}),
        (D("15000"), "Scope cut to phase 1", {}),
        (D("15000"), "  ", {"reason": "Say why the bid is awarded less than it asked for"}),
        (D("0"), "", {"amount": "An approved bid must be awarded more than £0"}),
        (
            D("20000.01"),
            "",
            {"amount": "£20,000.01 is more than the £20,000 the bid asked for: award that or less"},
        ),
    ],
)
def test_an_award_is_more_than_nothing_no_more_than_asked_and_part_funding_needs_a_reason(
    awarded, reason, problems
):
    found = award_problems(
        asked=D("20000"), awarded=awarded, remaining=D("50000"), fund="Crack-on", reason=reason
    )
    assert found == problems


def test_an_award_over_what_the_fund_has_left_is_refused_naming_the_fund():
    found = award_problems(
        asked=D("20000"), awarded=D("20000"), remaining=D("19999.99"), fund="Crack-on", reason=""
    )
    assert found == {"amount": "£20,000 is more than the £19,999.99 left in Crack-on"}
    exactly = award_problems(
        asked=D("20000"), awarded=D("19999.99"), remaining=D("19999.99"), fund="C", reason="Cut"
    )
    assert exactly == {}


def test_a_rejection_needs_a_reason():
    assert rejection_problems(reason="") == {"reason": "Say why the bid is rejected"}
    assert rejection_problems(reason="Not value for money") == {}


@pytest.mark.parametrize(
    ("drawn", "problems"),
    [
        (D("0"), {}),
        (D("15000"), {}),
        (D("-1"), {"drawn": "The amount paid out cannot be less than £0"}),
        (D("15000.01"), {"drawn": "£15,000.01 is more than the £15,000 the bid was awarded"}),
    ],
)
def test_what_is_paid_out_is_between_nothing_and_the_award(drawn, problems):
    assert drawn_problems(drawn=drawn, awarded=D("15000")) == problems


def test_a_funds_return_is_savings_delivered_against_what_it_awarded():
    result = FundReturn(awarded=D("40000"), delivered=D("130000"), planned=D("250000"))
    assert result.net == D("90000")
    assert result.per_pound == D("3.25")
    assert result.planned_per_pound == D("6.25")


def test_a_fund_that_awarded_nothing_has_no_return_per_pound():
    result = FundReturn(awarded=D("0"), delivered=D("0"), planned=D("0"))
    assert (result.net, result.per_pound, result.planned_per_pound) == (D("0"), None, None)

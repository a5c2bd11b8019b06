"""What the board's decision log says of a bid decision (realise.finance.funds.bid_decision_text):
the bid, the fund and the money, in words a council reads; no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from realise.finance.funds import bid_decision_text

D = Decimal


@pytest.mark.parametrize(
    ("approve", "awarded", "reason", "text"),
    [
        (
            True,
            D("10000"),
            "",
            "Approved the bid “Care software” to the Invest to save fund in full: £10,000.",
        ),
        (
            True,
            D("8000.50"),
            " Phase 1 only ",
            "Approved the bid “Care software” to the Invest to save fund in part: £8,000.50 of "
            "the £10,000 asked for. Phase 1 only",
        ),
        (
            False,
            None,
            "No savings shown",
            "Rejected the bid “Care software” to the Invest to save fund for £10,000. "
            "No savings shown",
        ),
    ],
)
def test_the_text_names_the_bid_the_fund_and_the_amount(approve, awarded, reason, text):
    assert (
        bid_decision_text(
            approve=approve,
            title="Care software",
            fund="Invest to save",
            asked=D("10000"),
            awarded=awarded,
            reason=reason,
        )
        == text
    )


def test_a_fund_named_as_a_fund_is_not_called_a_fund_fund():
    text = bid_decision_text(
        approve=True, title="T", fund="Crack-on fund", asked=D("5"), awarded=D("5"), reason=""
    )
    assert text == "Approved the bid “T” to the Crack-on fund in full: £5."

"""Two officers deciding at the same moment on PostgreSQL never commit more than a fund holds.

Each officer is a thread with its own database connection (as two server processes would be),
released together by a barrier. Two bids each fit in what the fund has left, but not both: the
fund's row lock serves the officers one after the other and the second, reading what is committed
again inside the lock, is refused in words that say why. The same holds over the API, and for
two officers deciding the same bid."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Fund
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

DAY = date(2023, 3, 31)


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


def _two_bids_that_do_not_both_fit(world):
    """The fund (pot £50,000) has £10,000 committed; two bids of £25,000 each fit in the
    £40,000 left, but not together."""
    first = funding.bid_submit(fund=world.fund, title="First", amount="25000")
    second = funding.bid_submit(fund=world.fund, title="Second", amount="25000")
    funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    return first, second


def _committed(fund: Fund) -> Decimal:
    return Fund.objects.get(pk=fund.pk).committed()


def test_two_approvals_at_once_commit_no_more_than_the_fund_holds(world):
    first, second = _two_bids_that_do_not_both_fit(world)

    def officer(bid_pk: int):
        def work():
            bid = Bid.objects.get(pk=bid_pk)  # each officer read the bid before deciding
            try:
                funding.bid_decide(bid=bid, approve=True, decided_on=DAY)
                return ("approved", bid.title)
            except ValidationError as refused:
                return ("refused", refused.message_dict["amount"][0])

        return work

    done, raised = at_once([officer(first.pk), officer(second.pk)])
    assert raised == []
    assert sorted(outcome for outcome, _ in done) == ["approved", "refused"]
    (message,) = [text for outcome, text in done if outcome == "refused"]
    assert message == "£25,000 is more than the £15,000 left in Invest to save"
    assert _committed(world.fund) == Decimal("35000.00")
    statuses = sorted(Bid.objects.filter(pk__in=[first.pk, second.pk]).values_list("status"))
    assert statuses == [(BidStatus.APPROVED,), (BidStatus.SUBMITTED,)]


def test_two_approvals_at_once_over_the_api_give_one_200_and_one_clear_422(world):
    first, second = _two_bids_that_do_not_both_fit(world)
    token = world.tokens["finance"]

    def officer(bid_pk: int):
        def work():
            response = Client().post(
                f"/api/orgs/dorset/bids/{bid_pk}/decision",
                data=json.dumps({"approve": True, "decided_on": "2023-03-31"}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            return response.status_code, response.json()

        return work

    done, raised = at_once([officer(first.pk), officer(second.pk)])
    assert raised == []
    assert sorted(status for status, _ in done) == [200, 422]
    (problem,) = [body for status, body in done if status == 422]
    assert problem["detail"] == "£25,000 is more than the £15,000 left in Invest to save"
    assert problem["errors"] == [{"field": "amount", "message": problem["detail"]}]
    assert _committed(world.fund) == Decimal("35000.00")


def test_two_officers_deciding_the_same_bid_at_once_decide_it_once(world):
    def officer(approve: bool):
        def work():
            bid = Bid.objects.get(pk=world.bid.pk)
            try:
                funding.bid_decide(bid=bid, approve=approve, reason="Board", decided_on=DAY)
                return "decided"
            except ValidationError as refused:
                return refused.message_dict["status"][0]

        return work

    done, raised = at_once([officer(True), officer(False)])
    assert raised == []
    assert done.count("decided") == 1
    (refusal,) = [text for text in done if text != "decided"]
    assert refusal.startswith("Care software has already been ")
    assert refusal.endswith("on 31 March 2023: it can be decided only once")
    bid = Bid.objects.get(pk=world.bid.pk)
    assert bid.history.count() == 2  # submitted, then one decision

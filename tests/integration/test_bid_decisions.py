"""A board's decision on a funding bid is on the board's decision log: ``bid_decide`` records the
decision (board, date, kind, the bid, fund and amount, the bid's project) in the same transaction
as the bid's, once, and nothing when the decision is refused. A bid decided by an officer is not
a board's decision and records none."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from realise.core.concurrency import LATEST
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus
from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision, DecisionKind

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


@pytest.fixture
def dartboard(world):
    return portfolio.board_create(organisation=world.org, name="DARTboard")


def _decisions(world):
    return list(Decision.objects.filter(organisation=world.org).order_by("id"))


def _fresh(bid):
    return Bid.objects.get(pk=bid.pk)


def test_an_approval_by_a_board_is_on_its_decision_log_linked_to_the_bids_project(world, dartboard):
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"project": world.project_a})
    bid = funding.bid_decide(
        bid=world.bid,
        approve=True,
        amount="8000",
        reason="Phase 1 only",
        board=dartboard,
        decided_on=DAY,
        by=world.users["finance"],
    )
    (decision,) = _decisions(world)
    assert (decision.board, decision.decided_on, decision.kind) == (
        dartboard,
        DAY,
        DecisionKind.APPROVE_BID,
    )
    assert decision.text == (
        "Approved the bid “Care software” to the Invest to save fund in part: £8,000 of the "
        "£10,000 asked for. Phase 1 only"
    )
    assert list(decision.projects.all()) == [world.project_a]
    assert _fresh(bid).decision == decision
    assert decision.history.get().history_user == world.users["finance"]


def test_a_rejection_by_a_board_is_on_its_decision_log(world, dartboard):
    funding.bid_decide(
        bid=world.bid, approve=False, reason="No savings", board=dartboard, decided_on=DAY
    )
    (decision,) = _decisions(world)
    assert decision.kind == DecisionKind.REJECT_BID
    assert decision.text == (
        "Rejected the bid “Care software” to the Invest to save fund for £10,000. No savings"
    )
    assert list(decision.projects.all()) == []
    assert _fresh(world.bid).decision == decision


def test_without_a_board_named_the_board_the_fund_names_decides(world, dartboard):
    funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"decided_by": "dartboard"})
    bid = funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    (decision,) = _decisions(world)
    assert decision.board == dartboard
    assert (bid.board, bid.decided_by, bid.decision) == (dartboard, "DARTboard", decision)


def test_a_bid_decided_by_an_officer_records_no_board_decision(world, dartboard):
    funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"decided_by": "DARTboard"})
    bid = funding.bid_decide(
        bid=world.bid, approve=True, decided_on=DAY, decided_by="Director of Finance"
    )
    assert (bid.board, bid.decision, _decisions(world)) == (None, None, [])


def test_decided_by_naming_a_board_is_that_boards_decision_as_an_import_row_gives_it(
    world, dartboard
):
    bid = funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY, decided_by="DARTboard")
    (decision,) = _decisions(world)
    assert (bid.board, bid.decision, decision.board) == (dartboard, decision, dartboard)


def test_a_fund_naming_a_retired_board_records_no_board_decision(world, dartboard):
    dartboard.retired = True
    dartboard.save()
    funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"decided_by": "DARTboard"})
    bid = funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    assert (bid.board, bid.decided_by, bid.decision, _decisions(world)) == (
        None,
        "DARTboard",
        None,
        [],
    )


def test_deciding_a_decided_bid_again_is_refused_and_records_nothing_more(world, dartboard):
    funding.bid_decide(bid=world.bid, approve=True, board=dartboard, decided_on=DAY)
    with pytest.raises(ValidationError, match="can be decided only once"):
        funding.bid_decide(
            bid=world.bid, approve=False, reason="No", board=dartboard, decided_on=DAY
        )
    assert len(_decisions(world)) == 1


def test_a_bid_submitted_again_and_decided_anew_has_a_new_decision_and_keeps_the_old(
    world, dartboard
):
    funding.bid_decide(bid=world.bid, approve=True, board=dartboard, decided_on=DAY)
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"status": "withdrawn"})
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"status": "submitted"})
    later = date(2023, 6, 1)
    bid = funding.bid_decide(
        bid=world.bid, approve=False, reason="Priorities moved", board=dartboard, decided_on=later
    )
    first, second = _decisions(world)
    assert (first.kind, second.kind) == (DecisionKind.APPROVE_BID, DecisionKind.REJECT_BID)
    assert (second.decided_on, bid.status, _fresh(bid).decision) == (
        later,
        BidStatus.REJECTED,
        second,
    )


def test_a_refused_decision_writes_nothing(world, dartboard):
    with pytest.raises(ValidationError):
        funding.bid_decide(
            bid=world.bid, approve=True, amount="60000", board=dartboard, decided_on=DAY
        )
    with pytest.raises(ValidationError):
        funding.bid_decide(bid=world.bid, approve=False, board=dartboard, decided_on=DAY)
    assert (_fresh(world.bid).status, _decisions(world)) == (BidStatus.SUBMITTED, [])


def test_a_retired_board_cannot_decide_and_nothing_is_written(world, dartboard):
    dartboard.retired = True
    dartboard.save()
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=True, board=dartboard, decided_on=DAY)
    assert "DARTboard is retired" in caught.value.message_dict["board"][0]
    assert (_fresh(world.bid).status, _decisions(world)) == (BidStatus.SUBMITTED, [])


def test_another_councils_board_records_no_decision(world):
    theirs = portfolio.board_create(organisation=world.other_org, name="Wessex board")
    with pytest.raises(ValidationError):
        funding.bid_decide(bid=world.bid, approve=True, board=theirs, decided_on=DAY)
    assert Decision.objects.count() == 0

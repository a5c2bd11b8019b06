"""Funds and bid decisions through the services: set up, edit, close and reopen a fund; approve a
bid in full, part-fund it or reject it with a reason and the board; what is committed, drawn
and left; and what the funded projects return."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.core.concurrency import LATEST, StaleEdit, current_version
from realise.finance.calendar import FinancialYear
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Fund
from realise.funding.selectors import fund_page, fund_usage, invest_to_save_return
from realise.portfolio import services as portfolio

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


@pytest.fixture
def dartboard(world):
    return portfolio.board_create(organisation=world.org, name="DARTboard")


def _fresh(bid):
    return Bid.objects.get(pk=bid.pk)


# Funds ------------------------------------------------------------------------------------------


def test_a_fund_is_set_up_and_edited_with_who_did_it_in_its_history(world):
    admin = world.users["admin"]
    fund = funding.fund_create(
        organisation=world.org, name="Crack-on", kind="small_change", pot="100000", by=admin
    )
    edited = funding.fund_update(
        fund=fund,
        seen_version=current_version(fund),
        changes={"pot": "120,000.50", "kind": "external", "decided_by": "Performance Board"},
        by=world.users["finance"],
    )
    assert (edited.pot, edited.kind, edited.decided_by) == (
        Decimal("120000.50"),
        "external",
        "Performance Board",
    )
    history = list(Fund.history.filter(id=fund.pk).order_by("history_id"))
    assert [h.history_user for h in history] == [admin, world.users["finance"]]


def test_editing_a_fund_over_someone_elses_newer_edit_is_refused(world):
    seen = current_version(world.fund)
    funding.fund_update(fund=world.fund, seen_version=seen, changes={"name": "Invest 2"})
    with pytest.raises(StaleEdit):
        funding.fund_update(fund=world.fund, seen_version=seen, changes={"pot": "1"})
    assert Fund.objects.get(pk=world.fund.pk).pot == Decimal("50000")


def test_a_pot_cannot_be_cut_below_what_has_been_awarded(world):
    funding.bid_decide(bid=world.bid, approve=True, amount="8000", reason="Phase 1", decided_on=DAY)
    with pytest.raises(ValidationError) as caught:
        funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"pot": "7999.99"})
    assert caught.value.message_dict["pot"] == [
        "Invest to save has £8,000 committed to approved bids: the pot cannot be less"
    ]
    assert funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"pot": "8000"})


def test_a_closed_fund_takes_no_bid_and_approves_none_but_may_still_reject(world):
    waiting = funding.bid_submit(fund=world.fund, title="Waiting", amount="500")
    closed = funding.fund_close(fund=world.fund, closed_on=DAY, by=world.users["admin"])
    assert (closed.closed_on, closed.is_closed) == (DAY, True)
    with pytest.raises(ValidationError) as caught:
        funding.bid_submit(fund=world.fund, title="Late", amount="100")
    assert caught.value.message_dict["fund"] == ["Invest to save is closed: it takes no new bids"]
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    assert caught.value.message_dict["fund"] == [
        "Invest to save is closed: it commits no more money: the bid can be rejected or withdrawn"
    ]
    rejected = funding.bid_decide(bid=waiting, approve=False, reason="Fund closed", decided_on=DAY)
    assert rejected.status == BidStatus.REJECTED
    with pytest.raises(ValidationError, match="has been closed since 31 March 2023"):
        funding.fund_close(fund=world.fund, closed_on=date(2023, 4, 1))
    assert [f.closed_on for f in fund_usage(organisation=world.org)] == [DAY]  # still reported
    reopened = funding.fund_reopen(fund=world.fund)
    assert reopened.closed_on is None
    assert funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY).awarded == Decimal(
        "10000.00"
    )
    with pytest.raises(ValidationError, match="is open"):
        funding.fund_reopen(fund=world.fund)


def test_a_withdrawn_bid_cannot_be_submitted_again_to_a_closed_fund(world):
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"status": "withdrawn"})
    funding.fund_close(fund=world.fund, closed_on=DAY)
    with pytest.raises(ValidationError, match="closed: it takes no new bids"):
        funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"status": "submitted"})


# Decisions --------------------------------------------------------------------------------------


def test_approving_in_full_awards_what_was_asked_and_records_the_board(world, dartboard):
    bid = funding.bid_decide(
        bid=world.bid, approve=True, board=dartboard, decided_on=DAY, by=world.users["finance"]
    )
    bid = _fresh(bid)
    assert (bid.status, bid.awarded, bid.board, bid.decided_by, bid.decided_on) == (
        BidStatus.APPROVED,
        Decimal("10000.00"),
        dartboard,
        "DARTboard",
        DAY,
    )
    assert not bid.part_funded
    assert bid.history.latest().history_user == world.users["finance"]


def test_part_funding_commits_only_the_lower_amount_and_needs_a_reason(world, dartboard):
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=True, amount="6000", decided_on=DAY)
    assert caught.value.message_dict == {
        "reason": ["Say why the bid is awarded less than it asked for"]
    }
    bid = funding.bid_decide(
        bid=world.bid,
        approve=True,
        amount="6,000",
        reason="Phase 1 only",
        board=dartboard,
        decided_on=DAY,
    )
    assert (bid.amount, bid.awarded, bid.reason) == (
        Decimal("10000.00"),
        Decimal("6000"),
        "Phase 1 only",
    )
    assert _fresh(bid).part_funded
    (usage,) = fund_usage(organisation=world.org)
    assert (usage.committed, usage.remaining) == (Decimal("6000.00"), Decimal("44000.00"))


def test_an_award_above_what_was_asked_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=True, amount="10000.01", decided_on=DAY)
    assert caught.value.message_dict["amount"] == [
        "£10,000.01 is more than the £10,000 the bid asked for: award that or less"
    ]


def test_a_rejection_needs_a_reason_and_commits_nothing(world):
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=False, decided_on=DAY)
    assert caught.value.message_dict == {"reason": ["Say why the bid is rejected"]}
    bid = funding.bid_decide(bid=world.bid, approve=False, reason="No savings", decided_on=DAY)
    assert (bid.status, bid.awarded) == (BidStatus.REJECTED, None)
    (usage,) = fund_usage(organisation=world.org)
    assert usage.committed == Decimal("0")


def test_a_bid_is_decided_once_even_from_a_stale_copy(world):
    """The weakness this fixes: the service trusted the bid it was handed. A copy read before
    someone else approved the bid still said submitted, so a second decision went through and
    overwrote the first. The bid is now read again inside the fund's lock."""
    stale_copy = Bid.objects.get(pk=world.bid.pk)
    funding.bid_decide(
        bid=world.bid, approve=True, decided_on=DAY, decided_by="Cabinet", by=world.users["admin"]
    )
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=stale_copy, approve=False, reason="Too dear", decided_on=DAY)
    assert caught.value.message_dict["status"] == [
        "Care software has already been approved by Cabinet on 31 March 2023: it can be "
        "decided only once"
    ]
    assert _fresh(world.bid).status == BidStatus.APPROVED


def test_a_decision_on_a_bid_changed_since_it_was_opened_is_refused(world):
    seen = current_version(world.bid)
    funding.bid_update(bid=world.bid, seen_version=seen, changes={"amount": "12000"})
    with pytest.raises(StaleEdit):
        funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY, seen_version=seen)
    assert _fresh(world.bid).status == BidStatus.SUBMITTED


def test_another_councils_board_cannot_decide_a_bid(world):
    theirs = portfolio.board_create(organisation=world.other_org, name="Wessex board")
    with pytest.raises(ValidationError) as caught:
        funding.bid_decide(bid=world.bid, approve=True, board=theirs, decided_on=DAY)
    assert caught.value.message_dict["board"] == ["Wessex board belongs to another organisation"]


def test_a_bid_is_approved_only_by_a_decision(world):
    funding.bid_decide(bid=world.bid, approve=False, reason="No", decided_on=DAY)
    with pytest.raises(ValidationError, match="approved by deciding it"):
        funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"status": "approved"})


# Paid out and the fund's page -------------------------------------------------------------------


def test_what_is_paid_out_is_recorded_up_to_the_award(world):
    with pytest.raises(ValidationError, match="Only an approved bid's award can be paid out"):
        funding.bid_record_drawn(bid=world.bid, drawn="1")
    funding.bid_decide(bid=world.bid, approve=True, amount="8000", reason="Cut", decided_on=DAY)
    with pytest.raises(ValidationError) as caught:
        funding.bid_record_drawn(bid=world.bid, drawn="8000.01")
    assert caught.value.message_dict["drawn"] == [
        "£8,000.01 is more than the £8,000 the bid was awarded"
    ]
    funding.bid_record_drawn(bid=world.bid, drawn="2500", by=world.users["finance"])
    found = fund_page(organisation=world.org, pk=world.fund.pk)
    assert (found.position.committed, found.position.drawn, found.position.remaining) == (
        Decimal("8000.00"),
        Decimal("2500.00"),
        Decimal("42000.00"),
    )


def test_the_fund_page_sets_the_funded_projects_savings_against_their_awards(world):
    org, project = world.org, world.project_a
    funded = funding.bid_submit(fund=world.fund, title="Care app", amount="4000", project=project)
    funding.bid_decide(bid=funded, approve=True, decided_on=DAY)
    loose = funding.bid_submit(fund=world.fund, title="Training", amount="1000")
    funding.bid_decide(bid=loose, approve=True, decided_on=DAY)
    funding.bid_decide(bid=world.bid, approve=False, reason="No", decided_on=DAY)
    benefits.savings_target_set(organisation=org, year="2023/24", amount=20000, project=project)
    benefits.saving_record(
        organisation=org,
        year="2022/23",
        amount="9000.00",
        project=project,
        recorded_on=DAY,
        by=world.users["finance"],
    )  # validated: counts
    found = fund_page(organisation=org, pk=world.fund.pk)
    (line,) = found.projects
    assert (line.code, line.returns.awarded, line.returns.delivered, line.returns.planned) == (
        "A-1",
        Decimal("4000.00"),
        Decimal("9000.00"),
        Decimal("20000.00"),
    )
    assert line.returns.per_pound == Decimal("2.25")
    assert found.unattached == Decimal("1000.00")
    assert (found.total.awarded, found.total.delivered, found.total.net) == (
        Decimal("5000.00"),
        Decimal("9000.00"),
        Decimal("4000.00"),
    )
    # The claimed saving of the world (not validated) is not counted.
    assert [b.title for b in found.bids] == ["Care software", "Care app", "Training"]
    assert fund_page(organisation=world.other_org, pk=world.fund.pk) is None


def test_invest_to_save_counts_what_was_awarded_not_what_was_asked(world):
    funding.bid_decide(bid=world.bid, approve=True, amount="7000", reason="Cut", decided_on=DAY)
    result = invest_to_save_return(organisation=world.org, as_at=FinancialYear(2022))
    assert result.investment == Decimal("7000.00")

"""The funding pages through Django's test client: every new page for every role (another
council's people get 404, never 403), setting up, editing, closing and reopening a fund, and
deciding a bid on the web with the service's messages on the right fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realise.core.concurrency import LATEST, current_version
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Fund
from realise.portfolio import services as portfolio

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)
ROLES = ("viewer", "lead", "finance", "admin", "outsider", "anonymous")


def _as(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _day(prefix="decided_on"):
    return {f"{prefix}-day": "31", f"{prefix}-month": "3", f"{prefix}-year": "2023"}


# The pages for every role ------------------------------------------------------------------------

FORMS = {
    "fund-new": lambda w: "funding/funds/new/",
    "fund-edit": lambda w: f"funding/funds/{w.fund.pk}/edit/",
    "fund-close": lambda w: f"funding/funds/{w.fund.pk}/close/",
    "fund-reopen": lambda w: f"funding/funds/{w.fund.pk}/reopen/",
    "bid-decide": lambda w: f"funding/bids/{w.bid.pk}/decide/",
    "bid-paid": lambda w: f"funding/bids/{w.bid.pk}/paid/",
}
MAY_MANAGE = {"viewer": 403, "lead": 403, "finance": 200, "admin": 200, "outsider": 404}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_role_gets_exactly_the_expected_status_from_each_funding_form(
    client, world, form, role
):
    path = f"/o/dorset/{FORMS[form](world)}"
    _as(client, world, role)
    opened, posted = client.get(path), client.post(path, {})
    if role == "anonymous":
        assert (opened.status_code, posted.status_code) == (302, 302)
        assert opened["Location"].startswith("/sign-in/")
        return
    assert opened.status_code == MAY_MANAGE[role]
    # An empty form is refused with its errors (400), never saved; others are refused outright.
    assert posted.status_code == (400 if MAY_MANAGE[role] == 200 else MAY_MANAGE[role])
    assert Bid.objects.get(pk=world.bid.pk).status == BidStatus.SUBMITTED
    assert Fund.objects.get(pk=world.fund.pk).closed_on is None


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_read_a_fund_and_nobody_else_may(client, world, role):
    response = _as(client, world, role).get(f"/o/dorset/funding/funds/{world.fund.pk}/")
    expected = {"outsider": 404, "anonymous": 302}.get(role, 200)
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "Invest to save" in page
        assert ("Close the fund" in page) is (role in ("finance", "admin"))
        assert ("Decide<span" in page) is (role in ("finance", "admin"))


def test_another_councils_fund_and_bid_are_not_found_from_this_council(client, world):
    theirs = funding.fund_create(
        organisation=world.other_org, name="Wessex pot", kind="small_change", pot=500
    )
    bid = funding.bid_submit(fund=theirs, title="Wessex bid", amount=100)
    _as(client, world, "admin")
    for path in (
        f"funding/funds/{theirs.pk}/",
        f"funding/funds/{theirs.pk}/edit/",
        f"funding/funds/{theirs.pk}/close/",
        f"funding/bids/{bid.pk}/decide/",
        f"funding/bids/{bid.pk}/paid/",
    ):
        assert client.get(f"/o/dorset/{path}").status_code == 404, path
    closing = client.post(f"/o/dorset/funding/funds/{theirs.pk}/close/", _day("closed_on"))
    assert closing.status_code == 404
    assert Fund.objects.get(pk=theirs.pk).closed_on is None


# Funds -------------------------------------------------------------------------------------------


def test_a_fund_set_up_on_the_web_opens_its_page(client, world):
    _as(client, world, "finance")
    response = client.post(
        "/o/dorset/funding/funds/new/",
        {"name": "Crack-on fund", "kind": "small_change", "pot": "£100,000", "decided_by": ""},
    )
    fund = Fund.objects.get(organisation=world.org, name="Crack-on fund")
    assert response["Location"] == f"/o/dorset/funding/funds/{fund.pk}/"
    assert fund.history.get().history_user == world.users["finance"]
    page = client.get(response["Location"]).content.decode()
    assert 'data-figure="remaining">£100,000<' in page
    assert "Small change (e.g. crack-on fund)" in page


def test_a_pot_cut_below_what_is_committed_is_refused_on_its_field(client, world):
    funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    _as(client, world, "admin")
    path = f"/o/dorset/funding/funds/{world.fund.pk}/edit/"
    form = {"name": "Invest to save", "kind": "invest_to_save", "pot": "9,999.99"}
    response = client.post(path, form | {"version": current_version(world.fund)})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_pot"' in page
    assert "has £10,000 committed to approved bids: the pot cannot be less" in page


def test_closing_a_fund_on_the_web_stops_new_bids_and_reopening_allows_them(client, world):
    funding.bid_submit(fund=world.fund, title="Still waiting", amount="100")
    _as(client, world, "admin")
    path = f"/o/dorset/funding/funds/{world.fund.pk}/close/"
    intro = client.get(path).content.decode()
    assert "2 bids are still waiting for a decision" in intro
    closed = client.post(path, {**_day("closed_on"), "version": current_version(world.fund)})
    assert closed.status_code == 302
    page = client.get(closed["Location"]).content.decode()
    assert "Closed on 31 March 2023" in page
    assert "Reopen the fund" in page
    assert "?fund=" not in page  # no Add a bid for a closed fund
    form = client.get("/o/dorset/funding/bids/new/").context["form"]
    assert list(form.fields["fund"].queryset) == []
    posted = client.post(
        "/o/dorset/funding/bids/new/", {"fund": world.fund.pk, "title": "T", "amount": "1"}
    )
    assert posted.status_code == 400
    assert "Choose a fund from the list" in posted.content.decode()
    reopened = client.post(
        f"/o/dorset/funding/funds/{world.fund.pk}/reopen/",
        {"version": current_version(Fund.objects.get(pk=world.fund.pk))},
    )
    assert reopened.status_code == 302
    assert Fund.objects.get(pk=world.fund.pk).closed_on is None


# Deciding a bid ----------------------------------------------------------------------------------


def _decision(world, **fields):
    return {
        "outcome": "approve",
        "amount": "",
        "reason": "",
        "board": "",
        "decided_by": "",
        **_day(),
        "version": current_version(Bid.objects.get(pk=world.bid.pk)),
    } | fields


def test_a_bid_part_funded_on_the_web_with_reason_and_board(client, world):
    board = portfolio.board_create(organisation=world.org, name="DARTboard")
    _as(client, world, "finance")
    path = f"/o/dorset/funding/bids/{world.bid.pk}/decide/"
    assert "Approve in full (£10,000)" in client.get(path).content.decode()
    missing = client.post(path, _decision(world, outcome="part_fund"))
    assert missing.status_code == 400
    assert "Enter the lower amount to award" in missing.content.decode()
    no_reason = client.post(path, _decision(world, outcome="part_fund", amount="6,000"))
    assert no_reason.status_code == 400
    page = no_reason.content.decode()
    assert '<a href="#id_reason">Say why the bid is awarded less than it asked for</a>' in page
    done = client.post(
        path,
        _decision(world, outcome="part_fund", amount="6,000", reason="Phase 1", board=board.pk),
    )
    assert done["Location"] == f"/o/dorset/funding/funds/{world.fund.pk}/"
    bid = Bid.objects.get(pk=world.bid.pk)
    assert (bid.status, bid.awarded, bid.board, bid.reason) == (
        BidStatus.APPROVED,
        Decimal("6000.00"),
        board,
        "Phase 1",
    )
    fund_page = client.get(done["Location"]).content.decode()
    assert 'data-figure="committed">£6,000<' in fund_page
    assert 'data-figure="remaining">£44,000<' in fund_page
    decision = f'href="/o/dorset/decisions/#decision-{bid.decision_id}">DARTboard<span'
    assert f'Part-funded, 31 Mar 2023 by <a class="govuk-link" {decision}' in fund_page
    again = client.post(path, _decision(world, outcome="reject", reason="Changed our minds"))
    assert again.status_code == 400
    assert "has already been approved by DARTboard on 31 March 2023" in again.content.decode()


def test_a_rejection_without_a_reason_is_refused_and_an_award_over_the_pot_names_the_fund(
    client, world
):
    _as(client, world, "admin")
    path = f"/o/dorset/funding/bids/{world.bid.pk}/decide/"
    rejected = client.post(path, _decision(world, outcome="reject"))
    assert '<a href="#id_reason">Say why the bid is rejected</a>' in rejected.content.decode()
    funding.fund_update(fund=world.fund, seen_version=LATEST, changes={"pot": "9000"})
    over = client.post(path, _decision(world))
    assert "£10,000 is more than the £9,000 left in Invest to save" in over.content.decode()
    assert Bid.objects.get(pk=world.bid.pk).status == BidStatus.SUBMITTED


def test_a_decision_on_a_bid_changed_since_the_page_opened_shows_what_changed(client, world):
    _as(client, world, "admin")
    form = _decision(world)
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"amount": "12000"})
    response = client.post(f"/o/dorset/funding/bids/{world.bid.pk}/decide/", form)
    assert response.status_code == 409
    assert "What changed since you opened this page" in response.content.decode()
    assert Bid.objects.get(pk=world.bid.pk).status == BidStatus.SUBMITTED


def test_what_was_paid_out_is_recorded_on_the_web(client, world):
    funding.bid_decide(bid=world.bid, approve=True, decided_on=DAY)
    _as(client, world, "finance")
    path = f"/o/dorset/funding/bids/{world.bid.pk}/paid/"
    version = current_version(Bid.objects.get(pk=world.bid.pk))
    over = client.post(path, {"drawn": "10,000.01", "version": version})
    assert "£10,000.01 is more than the £10,000 the bid was awarded" in over.content.decode()
    paid = client.post(path, {"drawn": "4,000", "version": version})
    assert paid.status_code == 302
    page = client.get(paid["Location"]).content.decode()
    assert 'data-figure="drawn">£4,000<' in page


def test_the_fund_page_runs_the_same_queries_however_many_bids_it_has(client, world):
    _as(client, world, "viewer")
    path = f"/o/dorset/funding/funds/{world.fund.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as first:
        client.get(path)
    for n in range(5):
        bid = funding.bid_submit(
            fund=world.fund, title=f"Bid {n}", amount="100", project=world.project_a
        )
        funding.bid_decide(bid=bid, approve=True, decided_on=DAY)
    with CaptureQueriesContext(connection) as second:
        client.get(path)
    assert len(second) == len(first) + 2  # the funded projects' savings: two queries, once
    assert len(first) <= 15

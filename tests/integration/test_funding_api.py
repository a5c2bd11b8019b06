"""Funds and bid decisions over the JSON API: set up, edit with the version you saw, close and
reopen a fund; approve, part-fund or reject a bid; record what was paid out. Errors are problem
details naming the field; a field the API does not know is refused, not ignored."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from realise.core.concurrency import LATEST, current_version
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Fund
from realise.portfolio import services as portfolio

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def send(client, world, path, body, *, method="post", role="finance"):
    return getattr(client, method)(
        f"/api/orgs/dorset/{path}",
        data=json.dumps(body),
        content_type="application/json",
        **world.headers(role),
    )


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_a_fund_is_set_up_edited_closed_and_reopened(client, world):
    made = send(client, world, "funds", {"name": "Crack-on", "kind": "external", "pot": "5000"})
    assert made.status_code == 201, made.content
    fund = made.json()
    assert {k: fund[k] for k in ("kind", "pot", "committed", "drawn", "remaining")} == {
        "kind": "external",
        "pot": "5000.00",
        "committed": "0.00",
        "drawn": "0.00",
        "remaining": "5000.00",
    }
    path = f"funds/{fund['id']}"
    edited = send(
        client, world, path, {"version": fund["version"], "pot": "6000.50"}, method="patch"
    )
    assert edited.json()["pot"] == "6000.50"
    stale = send(client, world, path, {"version": fund["version"], "name": "X"}, method="patch")
    assert _problem(stale, 409)["current_version"] == edited.json()["version"]
    closed = send(client, world, f"{path}/close", {"closed_on": "2023-03-31"})
    assert closed.json()["closed_on"] == "2023-03-31"
    refused = send(client, world, "bids", {"fund_id": fund["id"], "title": "T", "amount": "10"})
    assert _problem(refused, 422)["field"] == "fund"
    again = send(client, world, f"{path}/close", {"closed_on": "2023-04-01"})
    assert "has been closed since 31 March 2023" in _problem(again, 422)["detail"]
    reopened = send(client, world, f"{path}/reopen", {"version": closed.json()["version"]})
    assert reopened.json()["closed_on"] is None
    assert Fund.objects.get(pk=fund["id"]).history.latest().history_user == world.users["finance"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("funds", {"name": "Crack-on", "kind": "small_change", "pot": "5000", "pots": "1"}),
        ("bids/{bid}/decision", {"approve": True, "decided_on": "2023-03-31", "amout": "5"}),
        ("funds/{fund}/close", {"closed_on": "2023-03-31", "closed": True}),
    ],
)
def test_a_field_the_api_does_not_know_is_refused_by_name(client, world, path, body):
    path = path.format(bid=world.bid.pk, fund=world.fund.pk)
    problem = _problem(send(client, world, path, body), 422)
    unknown = next(iter(set(body) - {"name", "kind", "pot", "approve", "decided_on", "closed_on"}))
    assert problem["field"] == unknown
    assert f'does not take "{unknown}"' in problem["detail"]
    assert Bid.objects.get(pk=world.bid.pk).status == BidStatus.SUBMITTED
    assert Fund.objects.get(pk=world.fund.pk).closed_on is None


def test_a_bid_is_part_funded_with_its_reason_and_board_then_paid_out(client, world):
    board = portfolio.board_create(organisation=world.org, name="DARTboard")
    path = f"bids/{world.bid.pk}/decision"
    body = {"approve": True, "amount": "6000", "decided_on": "2023-03-31", "board_id": board.pk}
    missing = _problem(send(client, world, path, body), 422)
    assert missing["errors"] == [
        {"field": "reason", "message": "Say why the bid is awarded less than it asked for"}
    ]
    decided = send(client, world, path, body | {"reason": "Phase 1 only"})
    assert decided.status_code == 200, decided.content
    bid = decided.json()
    assert {k: bid[k] for k in ("status", "amount", "awarded", "board_id", "decided_by")} == {
        "status": "approved",
        "amount": "10000.00",
        "awarded": "6000.00",
        "board_id": board.pk,
        "decided_by": "DARTboard",
    }
    twice = _problem(send(client, world, path, body | {"reason": "Again"}), 422)
    assert twice["field"] == "status"
    assert "has already been approved by DARTboard on 31 March 2023" in twice["detail"]
    paid = send(client, world, f"bids/{world.bid.pk}/drawn", {"drawn": "2500"})
    assert paid.json()["drawn"] == "2500.00"
    over = _problem(send(client, world, f"bids/{world.bid.pk}/drawn", {"drawn": "6000.01"}), 422)
    assert over["detail"] == "£6,000.01 is more than the £6,000 the bid was awarded"
    fund = client.get(f"/api/orgs/dorset/funds/{world.fund.pk}", **world.headers("viewer"))
    assert {k: fund.json()[k] for k in ("committed", "drawn", "remaining")} == {
        "committed": "6000.00",
        "drawn": "2500.00",
        "remaining": "44000.00",
    }


def test_a_rejection_needs_its_reason(client, world):
    path = f"bids/{world.bid.pk}/decision"
    body = {"approve": False, "decided_on": "2023-03-31"}
    assert _problem(send(client, world, path, body), 422)["field"] == "reason"
    rejected = send(client, world, path, body | {"reason": "No savings case"})
    assert (rejected.json()["status"], rejected.json()["awarded"]) == ("rejected", None)


def test_a_decision_naming_another_councils_board_is_not_found(client, world):
    theirs = portfolio.board_create(organisation=world.other_org, name="Wessex board")
    body = {"approve": True, "decided_on": "2023-03-31", "board_id": theirs.pk}
    _problem(send(client, world, f"bids/{world.bid.pk}/decision", body), 404)
    assert Bid.objects.get(pk=world.bid.pk).status == BidStatus.SUBMITTED


def test_a_decision_with_the_version_seen_is_refused_once_the_bid_changed(client, world):
    seen = current_version(world.bid)
    listed = client.get("/api/orgs/dorset/bids", **world.headers("finance")).json()
    assert listed["items"][0]["version"] == seen
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"amount": "12000"})
    body = {"approve": True, "decided_on": "2023-03-31", "version": seen}
    problem = _problem(send(client, world, f"bids/{world.bid.pk}/decision", body), 409)
    assert [c["field"] for c in problem["changes"]] == ["amount"]


def test_the_funds_list_gives_each_funds_figures(client, world):
    funding.bid_decide(bid=world.bid, approve=True, amount="4000", reason="Cut", decided_on=DAY)
    funding.fund_create(organisation=world.org, name="Crack-on", kind="small_change", pot="900")
    listed = client.get("/api/orgs/dorset/funds", **world.headers("viewer")).json()
    assert [(f["name"], f["committed"], f["remaining"]) for f in listed["items"]] == [
        ("Crack-on", "0.00", "900.00"),
        ("Invest to save", "4000.00", "46000.00"),
    ]
    assert Decimal(listed["items"][1]["pot"]) == Decimal("50000")

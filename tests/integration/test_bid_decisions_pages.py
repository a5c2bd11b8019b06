"""A board's decision on a bid, made on the web or over the API, is on the council's decision log
page and in the API's list of decisions; the bid on its fund's page links to it."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from realise.core.concurrency import LATEST, current_version
from realise.funding import services as funding
from realise.funding.models import Bid
from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision

pytestmark = pytest.mark.db


@pytest.fixture
def dartboard(world):
    return portfolio.board_create(organisation=world.org, name="DARTboard")


def test_a_bid_rejected_on_the_web_is_on_the_decision_log_and_the_fund_page_links_to_it(
    client, world, dartboard
):
    client.force_login(world.users["finance"])
    form = {
        "outcome": "reject",
        "reason": "No savings shown",
        "board": dartboard.pk,
        "decided_on-day": "31",
        "decided_on-month": "3",
        "decided_on-year": "2023",
        "version": current_version(world.bid),
    }
    done = client.post(f"/o/dorset/funding/bids/{world.bid.pk}/decide/", form)
    assert done.status_code == 302, done.content
    decision = Decision.objects.get(organisation=world.org)
    fund_page = client.get(done["Location"]).content.decode()
    link = f'href="/o/dorset/decisions/#decision-{decision.pk}"'
    assert re.search(
        rf"Rejected, 31 Mar 2023 by <a class=\"govuk-link\" {link}>DARTboard<span "
        r"class=\"govuk-visually-hidden\">: its decision on the bid Care software</span></a>",
        fund_page,
    )
    log = client.get("/o/dorset/decisions/").content.decode()
    row = re.search(rf'<tr class="govuk-table__row" id="decision-{decision.pk}">(.*?)</tr>', log)
    assert row, "the decision is not on the log"
    assert "31 Mar 2023" in row.group(1)
    assert "DARTboard" in row.group(1)
    assert (
        "Reject bid: Rejected the bid “Care software” to the Invest to save fund for £10,000. "
        "No savings shown" in row.group(1)
    )


def test_the_decision_log_lists_every_decision_with_its_projects_for_any_member(
    client, world, dartboard
):
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"project": world.project_a})
    funding.bid_decide(bid=world.bid, approve=True, board=dartboard, decided_on=date(2023, 3, 31))
    portfolio.decision_record(
        organisation=world.org,
        board=dartboard,
        decided_on=date(2022, 8, 11),
        kind="stop",
        text="Stopped after discovery",
    )
    client.force_login(world.users["viewer"])
    log = client.get("/o/dorset/decisions/").content.decode()
    assert log.index("Stopped after discovery") < log.index("Approve bid: Approved the bid")
    assert '<a class="govuk-link" href="/o/dorset/projects/A-1/">Care review</a>' in log
    client.force_login(world.users["outsider"])
    assert client.get("/o/dorset/decisions/").status_code == 404


def test_the_log_says_when_nothing_is_recorded(client, world):
    client.force_login(world.users["viewer"])
    assert "No board decisions recorded." in client.get("/o/dorset/decisions/").content.decode()


def test_a_bid_approved_over_the_api_is_in_the_apis_list_of_decisions(client, world, dartboard):
    funding.bid_update(bid=world.bid, seen_version=LATEST, changes={"project": world.project_a})
    answer = client.post(
        f"/api/orgs/dorset/bids/{world.bid.pk}/decision",
        data=json.dumps({"approve": True, "decided_on": "2023-03-31", "board_id": dartboard.pk}),
        content_type="application/json",
        **world.headers("finance"),
    )
    assert answer.status_code == 200, answer.content
    decision = Decision.objects.get(organisation=world.org)
    assert answer.json()["decision_id"] == decision.pk
    listed = client.get("/api/orgs/dorset/decisions", **world.headers("viewer")).json()
    assert listed["items"] == [
        {
            "id": decision.pk,
            "decided_on": "2023-03-31",
            "board": "DARTboard",
            "kind": "approve_bid",
            "text": "Approved the bid “Care software” to the Invest to save fund in full: £10,000.",
            "projects": ["Care review"],
        }
    ]
    bids = client.get("/api/orgs/dorset/bids", **world.headers("viewer")).json()["items"]
    assert [b["decision_id"] for b in bids] == [decision.pk]
    assert Bid.objects.get(pk=world.bid.pk).decision == decision

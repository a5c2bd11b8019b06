"""``GET /api/orgs/{org}/savings/entries?status=claimed`` lists only the claims still waiting for
finance: a claim finance has validated or rejected, and the entry that closed it, are not
"claimed" any more, though the ledger keeps both rows."""

from __future__ import annotations

from datetime import date

import pytest

from realise.benefits import services as benefits

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def _claim(world, amount):
    return benefits.saving_record(
        organisation=world.org,
        year="2022/23",
        amount=amount,
        status="claimed",
        project=world.project_a,
        recorded_on=DAY,
        by=world.users["lead"],
    )


def _listed(client, world, query="status=claimed"):
    response = client.get(f"/api/orgs/dorset/savings/entries?{query}", **world.headers("finance"))
    assert response.status_code == 200, response.content
    return response.json()


def test_only_claims_still_waiting_for_finance_are_listed_as_claimed(client, world):
    validated, rejected, waiting = (_claim(world, a) for a in ("200.00", "300.00", "400.00"))
    finance = world.users["finance"]
    benefits.saving_validate(entry=validated, recorded_on=DAY, by=finance)
    benefits.saving_reject(entry=rejected, reason="No evidence", recorded_on=DAY, by=finance)
    listed = _listed(client, world)
    assert [(e["id"], e["amount"]) for e in listed["items"]] == [
        (world.claim.pk, "1000.00"),
        (waiting.pk, "400.00"),
    ]
    assert listed["count"] == 2
    # The whole ledger still holds every row: 4 claims, 2 closing entries, 1 achieved.
    assert _listed(client, world, "limit=500")["count"] == 7


def test_the_claims_list_is_paged_like_every_other_list(client, world):
    for amount in ("10.00", "20.00", "30.00"):
        _claim(world, amount)
    page = _listed(client, world, "status=claimed&limit=2&offset=1")
    assert page["count"] == 4
    assert [e["amount"] for e in page["items"]] == ["10.00", "20.00"]

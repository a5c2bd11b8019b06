"""Amounts sent to the API or typed in a web form in other scripts' digits ("١٢٣") are refused
on their field and nothing is saved (Python's Decimal would read them as 123)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from realise.benefits.models import SavingsEntry
from realise.funding.models import Bid, Fund

pytestmark = pytest.mark.db


def post(client, world, role, path, body):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **world.headers(role)
    )


@pytest.mark.parametrize("amount", ["١٢٣", "１２３.００", "१२३"])
def test_a_saving_sent_in_other_digits_is_refused_on_its_amount(client, world, amount):
    body = {"year": "2022/23", "amount": amount, "recorded_on": "2023-01-01"}
    response = post(client, world, "finance", "/api/orgs/dorset/savings/entries", body)
    assert response.status_code == 422
    assert response.json()["field"] == "amount"
    assert "0 to 9" in json.dumps(response.json(), ensure_ascii=False)
    assert SavingsEntry.objects.count() == 1  # only the fixture's claim


def test_a_fund_or_bid_sent_in_other_digits_is_refused(client, world):
    funds, bids = Fund.objects.count(), Bid.objects.count()
    fund = {"name": "Crack on", "kind": "small_change", "pot": "٥٠٠٠"}
    assert post(client, world, "finance", "/api/orgs/dorset/funds", fund).status_code == 422
    bid = {"fund_id": world.fund.pk, "title": "Robots", "amount": "١٠٠٠"}
    assert post(client, world, "finance", "/api/orgs/dorset/bids", bid).status_code == 422
    assert (Fund.objects.count(), Bid.objects.count()) == (funds, bids)


def test_a_service_given_other_digits_refuses_them(world):
    from django.core.exceptions import ValidationError

    from realise.benefits.services import saving_record

    with pytest.raises(ValidationError) as refused:
        saving_record(
            organisation=world.org,
            year="2022/23",
            amount="١٢٣",
            status="forecast",
            recorded_on=date(2023, 1, 1),
        )
    assert "0 to 9" in str(refused.value)

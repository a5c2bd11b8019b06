"""The carry-forward rule through the API (issue #4): the same service refuses a carry-forward
naming neither a project nor a directorate, or more than the shortfall: 422 naming the field."""

from __future__ import annotations

import json

import pytest

from realise.benefits import services as benefits
from realise.benefits.models import CarryForward

pytestmark = pytest.mark.db


def test_the_api_refuses_more_than_the_shortfall_and_a_carry_forward_with_no_scope(client, world):
    path = "/api/orgs/dorset/savings/carry-forwards"
    benefits.savings_target_set(
        organisation=world.project_a.organisation,
        year="2022/23",
        amount=300,
        project=world.project_a,
    )
    body = {"from_year": "2022/23", "to_year": "2023/24", "amount": "300.01", "reason": "Slipped"}

    def post(**changes):
        return client.post(
            path,
            data=json.dumps(body | changes),
            content_type="application/json",
            **world.headers("finance"),
        )

    response = post()
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "project"
    assert "Choose the project or the directorate" in response.json()["errors"][0]["message"]
    response = post(project_id=world.project_a.pk)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "amount"
    assert "A-1 Care review fell short by £300 in 2022/23" in error["message"]
    response = post(directorate="Nowhere")
    assert response.status_code == 422
    assert "is not a directorate" in response.json()["errors"][0]["message"]
    assert CarryForward.objects.count() == 0
    response = post(project_id=world.project_a.pk, amount="300")
    assert response.status_code == 201
    assert response.json()["project"] == "A-1"
    listed = client.get(path, **world.headers("viewer")).json()["items"]
    assert [(c["from_year"], c["to_year"], c["amount"]) for c in listed] == [
        ("2022/23", "2023/24", "300.00")
    ]


def test_the_api_reverses_a_carry_forward_once_and_asks_why(client, world):
    org = world.project_a.organisation
    benefits.savings_target_set(
        organisation=org, year="2022/23", amount=300, project=world.project_a
    )
    carry = benefits.savings_carry_forward(
        organisation=org,
        from_year="2022/23",
        to_year="2023/24",
        amount=300,
        reason="Slipped",
        project=world.project_a,
    )
    path = f"/api/orgs/dorset/savings/carry-forwards/{carry.pk}/reverse"

    def post(body):
        return client.post(
            path, data=json.dumps(body), content_type="application/json", **world.headers("finance")
        )

    response = post({})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    response = post({"reason": "Carried from the wrong year"})
    assert response.status_code == 200
    assert response.json()["reversal_reason"] == "Carried from the wrong year"
    assert response.json()["reversed_at"]
    response = post({"reason": "Again"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "carry_forward"
    assert "already reversed" in response.json()["errors"][0]["message"]
    listed = client.get(
        "/api/orgs/dorset/savings/carry-forwards", **world.headers("viewer")
    ).json()["items"]
    assert [c["reversal_reason"] for c in listed] == ["Carried from the wrong year"]
    assert (
        client.post(
            "/api/orgs/dorset/savings/carry-forwards/999999/reverse",
            data=json.dumps({"reason": "x"}),
            content_type="application/json",
            **world.headers("finance"),
        ).status_code
        == 404
    )

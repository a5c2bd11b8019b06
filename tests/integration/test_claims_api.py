"""``GET /api/orgs/{org}/savings/entries?status=claimed`` lists only the claims still waiting for
finance, paged: a claim finance has validated or rejected, and the entry that closed it, are not
"claimed" any more, though the ledger keeps both rows. ``POST .../savings/claims/validate`` and
``.../reject`` decide several claims at once, all or nothing, a 422 naming each refused id."""

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


def _post(client, world, path, body, role="finance"):
    return client.post(
        f"/api/orgs/dorset/savings/claims/{path}",
        body,
        content_type="application/json",
        **world.headers(role),
    )


def test_finance_validates_several_claims_by_id(client, world):
    second = _claim(world, "250.00")
    response = _post(client, world, "validate", {"ids": [second.pk, world.claim.pk]})
    assert response.status_code == 201, response.content
    made = response.json()
    assert [(e["status"], e["validates"], e["amount"]) for e in made] == [
        ("achieved", second.pk, "250.00"),
        ("achieved", world.claim.pk, "1000.00"),
    ]
    assert _listed(client, world)["count"] == 0


def test_finance_rejects_several_claims_with_one_reason(client, world):
    second = _claim(world, "250.00")
    body = {"ids": [world.claim.pk, second.pk], "reason": "No invoice evidence"}
    response = _post(client, world, "reject", body)
    assert response.status_code == 201, response.content
    assert [(e["reverses"], e["note"]) for e in response.json()] == [
        (world.claim.pk, "No invoice evidence"),
        (second.pk, "No invoice evidence"),
    ]
    assert _listed(client, world)["count"] == 0


def test_one_claim_already_decided_refuses_all_with_422_naming_its_id(client, world):
    second, decided = _claim(world, "200.00"), _claim(world, "300.00")
    benefits.saving_reject(entry=decided, reason="No", recorded_on=DAY, by=world.users["finance"])
    for path, extra in (("validate", {}), ("reject", {"reason": "Duplicate"})):
        ids = [world.claim.pk, decided.pk, second.pk, 999999]
        response = _post(client, world, path, {"ids": ids, **extra})
        assert response.status_code == 422, response.content
        problem = response.json()
        assert problem["detail"].startswith("Nothing was ")
        assert [e["message"] for e in problem["errors"][1:]] == [
            f"Claim {decided.pk} (£300.00 for A-1 in 2022/23): "
            "Finance has already validated or rejected that claim",
            "Claim 999999: this council has no such entry",
        ]
        assert {e["field"] for e in problem["errors"]} == {"ids"}
    assert [e["id"] for e in _listed(client, world)["items"]] == [world.claim.pk, second.pk]


def test_a_bulk_rejection_needs_a_reason_and_some_ids(client, world):
    assert _post(client, world, "reject", {"ids": [world.claim.pk]}).status_code == 422
    assert _post(client, world, "reject", {"ids": [], "reason": "No"}).status_code == 422
    assert _post(client, world, "validate", {"ids": []}).status_code == 422
    assert _listed(client, world)["count"] == 1

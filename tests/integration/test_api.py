"""The JSON API's behaviour: tokens, claimed against validated savings, refused stale edits,
JSON errors naming the field, pagination and filters, and docs served without a CDN."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from realise.accounts.models import ApiToken
from realise.accounts.tokens import api_token_create, api_token_revoke
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.benefits.selectors import savings_by_year
from realise.core.concurrency import current_version

pytestmark = pytest.mark.db


def post(client, world, role, path, body, method="post"):
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", **world.headers(role)
    )


def test_a_token_is_stored_only_as_a_hash_and_shown_once(world):
    issued = api_token_create(user=world.users["viewer"], name="Power BI")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"rls_{stored.prefix}_")
    assert issued.secret not in {stored.secret_hash, stored.prefix, stored.name}
    assert len(stored.secret_hash) == 64


def test_a_revoked_or_altered_token_is_refused(client, world):
    good = client.get("/api/organisations", **world.headers("viewer"))
    assert good.status_code == 200
    altered = world.tokens["viewer"][:-2] + "xx"
    bad = client.get("/api/organisations", HTTP_AUTHORIZATION=f"Bearer {altered}")
    assert bad.status_code == 401
    token = ApiToken.objects.get(user=world.users["viewer"])
    assert token.last_used is not None
    api_token_revoke(token=token, by=world.users["viewer"])
    gone = client.get("/api/organisations", **world.headers("viewer"))
    assert gone.status_code == 401
    assert "Authorization: Bearer" in gone.json()["detail"]


def test_only_the_owner_may_revoke_a_token(world):
    from django.core.exceptions import PermissionDenied

    token = ApiToken.objects.get(user=world.users["viewer"])
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, by=world.users["admin"])


def test_a_project_leads_achieved_saving_is_a_claim_until_finance_validates_it(client, world):
    body = {
        "year": "2022/23",
        "amount": "400.50",
        "project_id": world.project_a.pk,
        "recorded_on": "2023-02-28",
    }
    made = post(client, world, "lead", "/api/orgs/dorset/savings/entries", body)
    assert made.status_code == 201
    assert made.json()["status"] == "claimed"
    before = savings_by_year(organisation=world.org)
    # the fixture's claim of £1,000 plus this one; nothing validated yet
    assert before.total_achieved == Decimal("0")
    assert before.total_claimed == Decimal("1400.50")

    path = f"/api/orgs/dorset/savings/entries/{made.json()['id']}/validate"
    validated = post(client, world, "finance", path, {"recorded_on": "2023-03-31"})
    assert validated.status_code == 201
    assert validated.json()["status"] == "achieved"
    assert validated.json()["validates"] == made.json()["id"]
    after = savings_by_year(organisation=world.org)
    assert after.total_achieved == Decimal("400.50")
    assert after.total_claimed == Decimal("1000.00")

    again = post(client, world, "finance", path, {})
    assert again.status_code == 422
    assert "already" in again.json()["detail"]


def test_a_rejected_claim_never_counts_and_its_history_says_why(client, world):
    path = f"/api/orgs/dorset/savings/entries/{world.claim.pk}/reject"
    rejected = post(client, world, "finance", path, {"reason": "No invoice evidence"})
    assert rejected.status_code == 201
    table = savings_by_year(organisation=world.org)
    assert (table.total_achieved, table.total_claimed) == (Decimal("0"), Decimal("0"))
    history = client.get(
        f"/api/orgs/dorset/savings/entries/{world.claim.pk}/history", **world.headers("viewer")
    ).json()["items"]
    assert [(e["action"], e["amount"], e["by"]) for e in history] == [
        ("claimed", "1000.00", "lead"),
        ("rejected", "-1000.00", "finance"),
    ]
    assert history[1]["note"] == "No invoice evidence"
    assert SavingsEntry.objects.count() == 2  # appended, never edited


def test_finance_records_achieved_savings_as_validated(client, world):
    body = {"year": "2022/23", "amount": "10.00", "recorded_on": "2023-02-28"}
    made = post(client, world, "finance", "/api/orgs/dorset/savings/entries", body)
    assert made.json()["status"] == EntryStatus.ACHIEVED


def test_an_edit_over_a_newer_version_is_refused_with_what_changed(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    first = post(
        client, world, "admin", path, {"version": seen, "summary": "Admin's words"}, "patch"
    )
    assert first.status_code == 200
    assert first.json()["version"] > seen
    stale = post(client, world, "lead", path, {"version": seen, "summary": "Lead's words"}, "patch")
    assert stale.status_code == 409
    body = stale.json()
    assert "changed by someone else" in body["detail"]
    assert {"field": "summary", "before": "", "after": "Admin's words", "by": "admin"}.items() <= (
        body["changes"][0].items()
    )
    assert body["your_changes"] == {"summary": "Lead's words"}
    world.project_a.refresh_from_db()
    assert world.project_a.summary == "Admin's words"


def test_risk_edits_are_guarded_the_same_way(client, world):
    path = f"/api/orgs/dorset/risks/{world.risk.pk}"
    seen = current_version(world.risk)
    assert (
        post(client, world, "lead", path, {"version": seen, "impact": 5}, "patch").status_code
        == 200
    )
    stale = post(client, world, "admin", path, {"version": seen, "likelihood": 1}, "patch")
    assert stale.status_code == 409
    assert [(c["field"], c["before"], c["after"]) for c in stale.json()["changes"]] == [
        ("impact", "4", "5")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": "2022/24", "amount": "1.00", "recorded_on": "2023-01-01"}, "financial_year"),
        ({"year": "2022/23", "amount": "-1.00", "recorded_on": "2023-01-01"}, "amount"),
        ({"year": "2022/23", "amount": "1.00"}, "recorded_on"),
    ],
)
def test_errors_are_json_with_a_detail_and_the_field(client, world, body, field):
    response = post(client, world, "finance", "/api/orgs/dorset/savings/entries", body)
    assert response.status_code == 422
    error = response.json()
    assert error["field"] == field
    assert error["detail"]
    assert SavingsEntry.objects.count() == 1


def test_lists_are_paginated_and_filtered(client, world):
    from realise.portfolio.services import project_create

    for n in range(5):
        project_create(organisation=world.org, code=f"C-{n}", name=f"Project {n}")
    page = client.get("/api/orgs/dorset/projects?limit=3&offset=2", **world.headers("viewer"))
    assert page.json()["count"] == 7
    assert [p["code"] for p in page.json()["items"]] == ["C-0", "C-1", "C-2"]  # after A-1 and B-1
    people = client.get("/api/orgs/dorset/projects?directorate=People", **world.headers("viewer"))
    assert [p["code"] for p in people.json()["items"]] == ["A-1"]
    claims = client.get(
        "/api/orgs/dorset/savings/entries?status=claimed&year=2022/23", **world.headers("viewer")
    )
    assert [e["id"] for e in claims.json()["items"]] == [world.claim.pk]
    other_year = client.get(
        "/api/orgs/dorset/savings/entries?year=2023/24", **world.headers("viewer")
    )
    assert other_year.json()["count"] == 0


def test_the_schema_and_docs_are_served_and_the_docs_use_no_cdn(client, db):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Realise API"
    docs = client.get("/api/docs")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_the_schema_names_no_key_twice(client, db):
    """Python's JSON reader keeps the last of two equal keys, but the API docs' reader refuses
    the whole schema ("duplicated mapping key"): an export's 200 response was once listed twice."""
    twice = []

    def note_repeats(pairs):
        keys = [key for key, _ in pairs]
        twice.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=note_repeats)
    assert twice == []


def test_history_records_who_made_an_api_change(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = current_version(world.project_a)
    post(client, world, "lead", path, {"version": seen, "name": "Care review 2"}, "patch")
    history = client.get(f"{path}/history", **world.headers("viewer")).json()["items"]
    assert [(h["field"], h["before"], h["after"], h["by"]) for h in history][-1] == (
        "name",
        "Care review",
        "Care review 2",
        "lead",
    )


def test_history_lists_are_paged_like_every_list(client, world):
    """A project's and a saving's history answer {items, count} and take limit and offset."""
    from realise.benefits.services import saving_validate

    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    for name in ("Care review 2", "Care review 3"):
        post(
            client,
            world,
            "admin",
            path,
            {"version": current_version(world.project_a), "name": name},
            "patch",
        )
    first = client.get(f"{path}/history?limit=1", **world.headers("viewer")).json()
    assert first["count"] == 2
    assert [h["after"] for h in first["items"]] == ["Care review 2"]
    second = client.get(f"{path}/history?limit=1&offset=1", **world.headers("viewer")).json()
    assert [h["after"] for h in second["items"]] == ["Care review 3"]
    saving_validate(
        entry=world.claim, recorded_on=world.claim.recorded_on, by=world.users["finance"]
    )
    entry = f"/api/orgs/dorset/savings/entries/{world.claim.pk}/history"
    events = client.get(f"{entry}?limit=1", **world.headers("viewer")).json()
    assert events["count"] >= 2
    assert len(events["items"]) == 1

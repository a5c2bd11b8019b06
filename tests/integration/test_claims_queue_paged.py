"""The claims queue at year end: 50 claims a page with the count waiting, and rejecting several
claims with one reason after a confirmation, all or nothing; only finance may."""

from __future__ import annotations

import re
from datetime import date

import pytest

from realise.benefits import selectors
from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)
QUEUE = "/o/dorset/savings/claims/"


def _claims(world, count):
    return [
        benefits.saving_record(
            organisation=world.org,
            year="2022/23",
            amount=f"{n + 1}.00",
            status="claimed",
            project=world.project_a,
            recorded_on=DAY,
            by=world.users["lead"],
        )
        for n in range(count)
    ]


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _rows(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-claim="(\d+)"', page)]


def test_the_queue_shows_fifty_claims_a_page_and_how_many_wait(client, world):
    made = [world.claim, *_claims(world, 54)]  # 55 waiting
    client.force_login(world.users["finance"])
    first = client.get(QUEUE).content.decode()
    assert _rows(first) == [c.pk for c in made[:50]]
    assert "55 claims waiting, £2,485 in all" in first  # 1000 + (1 + ... + 54)
    assert "Claims 1 to 50 of 55, oldest first" in first
    assert 'aria-label="Pages of claims"' in first
    assert 'href="?page=2"' in first
    second = client.get(f"{QUEUE}?page=2").content.decode()
    assert _rows(second) == [c.pk for c in made[50:]]
    assert "Claims 51 to 55 of 55" in second
    assert "(page 2 of 2)" in second
    past = client.get(f"{QUEUE}?page=9").content.decode()
    assert _rows(past) == _rows(second)


def test_the_pages_keep_the_filters(client, world):
    _claims(world, 55)
    client.force_login(world.users["finance"])
    page = client.get(f"{QUEUE}?year=2022").content.decode()
    assert "56 claims waiting that match the filters" in page
    assert "year=2022&amp;page=2" in page


def test_a_page_of_claims_runs_the_same_queries_however_many_wait(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["finance"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{QUEUE}?page=2").status_code == 200
        return len(captured)

    _claims(world, 60)
    before = queries()
    _claims(world, 60)
    assert queries() == before


def test_finance_rejects_the_claims_ticked_with_one_reason_after_confirming(client, world):
    second = _claims(world, 1)[0]
    client.force_login(world.users["finance"])
    ticked = {"claim": [str(world.claim.pk), str(second.pk)]}
    confirm = client.post(f"{QUEUE}reject/?year=2022", ticked)
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Reject 2 claims, £1,001 in all?" in page
    assert "Why are these claims rejected?" in page
    assert selectors.claims_waiting(organisation=world.org) != ()
    unexplained = client.post(f"{QUEUE}reject/", ticked | {"confirmed": "yes", "reason": " "})
    assert unexplained.status_code == 200
    assert "Say why the claims are rejected" in unexplained.content.decode()
    assert "govuk-error-summary" in unexplained.content.decode()
    assert len(selectors.claims_waiting(organisation=world.org)) == 2
    done = client.post(
        f"{QUEUE}reject/?year=2022", ticked | {"confirmed": "yes", "reason": "No invoices"}
    )
    assert done["Location"] == f"{QUEUE}?year=2022"
    assert _messages(done) == ["Rejected 2 claims: £1,001.00"]
    decided = selectors.claim_decisions(organisation=world.org, ids=[world.claim.pk, second.pk])
    assert {d.outcome for d in decided.values()} == {"rejected"}
    assert {d.reason for d in decided.values()} == {"No invoices"}


def test_a_bulk_rejection_with_a_claim_decided_meanwhile_rejects_none(client, world):
    second = _claims(world, 1)[0]
    benefits.saving_validate(entry=second, recorded_on=DAY, by=world.users["finance"])
    client.force_login(world.users["finance"])
    ticked = {"claim": [str(world.claim.pk), str(second.pk)], "confirmed": "yes", "reason": "No"}
    [message] = _messages(client.post(f"{QUEUE}reject/", ticked))
    assert message.startswith("Nothing was rejected: 1 of the claims chosen is no longer")
    assert "(£1.00 for A-1 in 2022/23)" in message
    assert "Already decided: validated by finance on" in message
    assert [c.pk for c in selectors.claims_waiting(organisation=world.org)] == [world.claim.pk]


def test_a_bulk_rejection_needs_a_claim_ticked(client, world):
    client.force_login(world.users["finance"])
    response = client.post(f"{QUEUE}reject/", {"reason": "No"})
    assert _messages(response) == ["Choose the claims to reject: tick the box beside each one."]


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 403), ("lead", 403), ("viewer", 403), ("outsider", 404), ("finance", 302)],
)
def test_only_finance_rejects_claims_in_bulk(client, world, role, status):
    client.force_login(world.users[role])
    form = {"claim": [str(world.claim.pk)], "confirmed": "yes", "reason": "No"}
    assert client.post(f"{QUEUE}reject/", form).status_code == status
    assert SavingsEntry.objects.filter(reverses=world.claim).exists() is (role == "finance")
    assert client.get(f"{QUEUE}reject/").status_code in {405, 403, 404}


def test_the_queue_offers_finance_a_fieldset_to_tick_claims_and_both_decisions(client, world):
    client.force_login(world.users["finance"])
    page = client.get(QUEUE).content.decode()
    assert '<fieldset class="govuk-fieldset">' in page
    assert "govuk-fieldset__legend" in page
    assert "Choose the £1,000 claim for A-1 Care review, 2022/23" in page
    assert "Reject the claims ticked" in page
    client.force_login(world.users["admin"])
    assert "Reject the claims ticked" not in client.get(QUEUE).content.decode()

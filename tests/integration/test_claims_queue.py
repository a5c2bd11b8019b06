"""The finance claims queue on the web (/o/<council>/savings/claims/): who may see it and act on
it (every action by every role and from another council), its filters, validating one claim,
rejecting one with a reason, validating several after one confirmation, claims decided by
someone else meanwhile, who sees the dashboard's count and what the claimant sees on the project
page. The count itself, kept current through the dashboard's cache: ``test_claims_dashboard.py``."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)
QUEUE = "/o/dorset/savings/claims/"


def _as(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _claim(world, amount, **extra):
    return benefits.saving_record(
        organisation=world.org,
        year=extra.pop("year", "2022/23"),
        amount=amount,
        status="claimed",
        project=extra.pop("project", world.project_a),
        recorded_on=DAY,
        note=extra.pop("note", "Invoice 42"),
        by=world.users["lead"],
    )


def _achieved(world) -> Decimal:
    rows = SavingsEntry.objects.filter(organisation=world.org, status=EntryStatus.ACHIEVED)
    return sum((e.amount for e in rows), Decimal(0))


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# Who may do what: every new page and action, by every role and from another council ------------

# (method, path, form) -> expected status per role; 302 for anonymous is the sign-in page.
EXPECTED = {
    "finance": {"queue": 200, "validate": 302, "reject_form": 200, "reject": 302, "bulk": 200},
    "admin": {"queue": 200, "validate": 403, "reject_form": 403, "reject": 403, "bulk": 403},
    "lead": {"queue": 403, "validate": 403, "reject_form": 403, "reject": 403, "bulk": 403},
    "viewer": {"queue": 403, "validate": 403, "reject_form": 403, "reject": 403, "bulk": 403},
    "outsider": {"queue": 404, "validate": 404, "reject_form": 404, "reject": 404, "bulk": 404},
    "anonymous": {"queue": 302, "validate": 302, "reject_form": 302, "reject": 302, "bulk": 302},
}


def _requests(world):
    pk = world.claim.pk
    return {
        "queue": ("get", QUEUE, None),
        "validate": ("post", f"{QUEUE}{pk}/validate/", {}),
        "reject_form": ("get", f"{QUEUE}{pk}/reject/", None),
        "reject": ("post", f"{QUEUE}{pk}/reject/", {"reason": "No invoice"}),
        "bulk": ("post", f"{QUEUE}validate/", {"claim": [str(pk)]}),
    }


@pytest.mark.parametrize("action", ["queue", "validate", "reject_form", "reject", "bulk"])
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_exactly_the_expected_answer(client, world, role, action):
    method, path, form = _requests(world)[action]
    response = getattr(_as(client, world, role), method)(path, form or {})
    assert response.status_code == EXPECTED[role][action]
    if role == "anonymous":
        assert response["Location"].startswith("/sign-in/")
    decided = SavingsEntry.objects.filter(reverses=world.claim).exists()
    assert decided is (role == "finance" and action in ("validate", "reject"))


@pytest.mark.parametrize("action", ["validate", "reject_form", "reject"])
def test_another_councils_claim_is_not_found_through_ones_own(client, world, action):
    theirs = benefits.saving_record(
        organisation=world.other_org,
        year="2022/23",
        amount="10.00",
        status="claimed",
        project=world.other_project,
        recorded_on=DAY,
    )
    method, path, form = _requests(world)[action]
    path = path.replace(str(world.claim.pk), str(theirs.pk))
    response = getattr(_as(client, world, "finance"), method)(path, form or {})
    assert response.status_code == 404
    assert not SavingsEntry.objects.filter(reverses=theirs).exists()


def test_a_tmo_admin_sees_the_queue_without_its_actions(client, world):
    page = _as(client, world, "admin").get(QUEUE).content.decode()
    assert "None given" in page
    assert "£1,000" in page
    assert "Only finance can validate or reject a claim" in page
    assert 'name="claim"' not in page
    assert "/reject/" not in page
    assert "formaction" not in page
    finance = _as(client, world, "finance").get(QUEUE).content.decode()
    assert 'name="claim"' in finance
    assert f"{world.claim.pk}/reject/" in finance


def test_a_validate_address_only_takes_a_post(client, world):
    assert (
        _as(client, world, "finance").get(f"{QUEUE}{world.claim.pk}/validate/").status_code == 405
    )


# The queue ----------------------------------------------------------------------------------------


def test_the_queue_lists_waiting_claims_oldest_first_with_their_evidence(client, world):
    later = _claim(world, "250.50", note="Contract variation signed", year="2023/24")
    decided = _claim(world, "9.99")
    benefits.saving_reject(entry=decided, reason="No", recorded_on=DAY, by=world.users["finance"])
    page = _as(client, world, "finance").get(QUEUE).content.decode()
    rows = re.findall(r'data-claim="(\d+)"', page)
    assert rows == [str(world.claim.pk), str(later.pk)]
    assert "2 claims waiting, £1,250.50 in all, oldest first" in page
    assert "Contract variation signed" in page
    assert "2023/24" in page
    assert "Cashable saving" in page
    assert "£9.99" not in page


def test_the_filters_narrow_the_list_and_a_stale_one_is_dropped(client, world):
    later = _claim(world, "250.00", year="2023/24")
    client = _as(client, world, "finance")
    page = client.get(f"{QUEUE}?year=2023").content.decode()
    assert re.findall(r'data-claim="(\d+)"', page) == [str(later.pk)]
    assert '<option value="2023" selected>2023/24</option>' in page
    assert "Clear filters" in page
    lead = world.users["lead"].pk
    by_lead = client.get(f"{QUEUE}?claimed_by={lead}&project={world.project_a.pk}")
    assert len(re.findall(r'data-claim="', by_lead.content.decode())) == 2
    stale = client.get(f"{QUEUE}?year=1999&project=abc").content.decode()
    assert len(re.findall(r'data-claim="', stale)) == 2
    assert "Clear filters" not in stale


# Deciding one claim -------------------------------------------------------------------------------


def test_finance_validates_one_claim_and_the_lead_sees_it_on_the_project(client, world):
    response = _as(client, world, "finance").post(f"{QUEUE}{world.claim.pk}/validate/?year=2022")
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?year=2022"
    assert _messages(response) == ["Validated: £1,000.00 claimed for A-1 Care review in 2022/23"]
    assert _achieved(world) == Decimal("1000.00")
    project = _as(client, world, "lead").get("/o/dorset/projects/A-1/").content.decode()
    assert re.search(r"Validated</strong><br><span[^>]*>by finance on \d", project)


def test_a_rejection_needs_a_reason_and_the_lead_sees_it(client, world):
    client = _as(client, world, "finance")
    path = f"{QUEUE}{world.claim.pk}/reject/"
    form = client.get(path).content.decode()
    assert "£1,000.00 claimed for A-1 Care review in 2022/23 by lead" in form
    assert "No evidence note was given." in form
    empty = client.post(path, {"reason": "  "})
    assert empty.status_code == 400
    assert 'href="#id_reason"' in empty.content.decode()
    done = client.post(path, {"reason": "The invoice is for another project"})
    assert done.status_code == 302
    assert done["Location"] == QUEUE
    project = _as(client, world, "lead").get("/o/dorset/projects/A-1/").content.decode()
    assert "Rejected</strong>" in project
    assert "The invoice is for another project" in project
    history = client.get(f"/o/dorset/projects/{world.project_a.pk}/history/")
    text = history.content.decode()
    assert "Rejected" in text
    assert "Claimed" in text


def test_a_claim_decided_by_someone_else_meanwhile_is_said_plainly(client, world):
    benefits.saving_reject(
        entry=world.claim, reason="Duplicate", recorded_on=DAY, by=world.users["finance"]
    )
    client = _as(client, world, "finance")
    again = client.post(f"{QUEUE}{world.claim.pk}/validate/")
    assert again.status_code == 302
    [message] = _messages(again)
    assert message.startswith("This claim (£1,000.00 for A-1 in 2022/23) was already rejected by")
    assert "nothing was changed" in message
    reject = client.post(f"{QUEUE}{world.claim.pk}/reject/", {"reason": "x"}, follow=True)
    assert "was already rejected by finance" in reject.content.decode()
    assert _achieved(world) == 0


# Validating several -------------------------------------------------------------------------------


def test_bulk_validation_confirms_what_and_how_much_then_validates_all(client, world):
    second = _claim(world, "250.50")
    client = _as(client, world, "finance")
    ticked = {"claim": [str(world.claim.pk), str(second.pk)]}
    confirm = client.post(f"{QUEUE}validate/?year=2022", ticked)
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Validate 2 claims, £1,250.50 in all?" in page
    assert 'data-figure="claims-total"><strong>£1,250.50<' in page
    assert _achieved(world) == 0  # nothing yet
    done = client.post(f"{QUEUE}validate/?year=2022", ticked | {"confirmed": "yes"})
    assert done["Location"] == f"{QUEUE}?year=2022"
    assert _messages(done) == ["Validated 2 claims: £1,250.50"]
    assert _achieved(world) == Decimal("1250.50")


def test_bulk_validation_with_a_claim_decided_meanwhile_validates_none(client, world):
    second = _claim(world, "250.50")
    client = _as(client, world, "finance")
    ticked = {"claim": [str(world.claim.pk), str(second.pk)], "confirmed": "yes"}
    benefits.saving_validate(entry=second, recorded_on=DAY, by=world.users["finance"])
    done = client.post(f"{QUEUE}validate/", ticked)
    [message] = _messages(done)
    assert message.startswith("Nothing was validated: 1 of the claims chosen is no longer")
    assert "Already decided: validated by finance on" in message
    assert _achieved(world) == Decimal("250.50")  # the one validated before, nothing more


def test_bulk_validation_needs_a_claim_ticked(client, world):
    response = _as(client, world, "finance").post(f"{QUEUE}validate/", {"claim": ["x"]})
    assert response.status_code == 302
    assert _messages(response) == ["Choose the claims to validate: tick the box beside each one."]


# The dashboard ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"), [("viewer", False), ("lead", False), ("admin", True), ("finance", True)]
)
def test_the_dashboard_shows_the_claims_only_to_those_who_see_the_queue(client, world, role, shown):
    page = _as(client, world, role).get("/o/dorset/").content.decode()
    assert ("data-claims-waiting" in page) is shown


def test_the_queue_runs_the_same_queries_however_many_claims_wait(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _as(client, world, "finance")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    one = queries()
    for n in range(6):
        _claim(world, f"{n + 1}.00")
    assert queries() == one

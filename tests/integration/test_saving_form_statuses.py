"""The "Record a saving" form offers only the statuses the signed-in person may record: someone
who cannot validate is never offered "Achieved (validated)" (nor has it chosen for them), is
offered a claim instead, chosen already, and is told that finance validates it."""

from __future__ import annotations

import re

import pytest

from realise.benefits.models import EntryStatus, SavingsEntry

pytestmark = pytest.mark.db

RADIO = re.compile(
    r'<input class="govuk-radios__input" id="[^"]*" name="status" type="radio" '
    r'value="([a-z_]+)"( checked)?>'
)


# Anyone who records savings may record a forecast, an in-year pressure or a mitigation.
OTHERS = [("forecast", False), ("pressure", False), ("mitigation", False)]


def _form(client, world, role):
    client.force_login(world.users[role])
    response = client.get(f"/o/dorset/savings/record/?project={world.project_a.pk}")
    assert response.status_code == 200
    return response.content.decode()


def _statuses(page):
    return [(value, bool(checked)) for value, checked in RADIO.findall(page)]


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("lead", [("claimed", True), *OTHERS]),
        ("admin", [("claimed", True), *OTHERS]),
        ("finance", [("achieved", True), *OTHERS]),
    ],
)
def test_each_role_is_offered_only_the_statuses_it_may_record(client, world, role, offered):
    page = _form(client, world, role)
    assert _statuses(page) == offered
    says_finance_validates = "Finance validates" in page
    assert says_finance_validates is (role != "finance")
    if role != "finance":
        assert "Achieved (validated)" not in page


def test_a_claim_recorded_from_the_form_is_kept_as_typed(client, world):
    client.force_login(world.users["lead"])
    form = {
        "project": str(world.project_a.pk),
        "directorate": "",
        "year": "2022",
        "status": "claimed",
        "kind": "cashable",
        "amount": "1,234.56",
        "recorded_on-day": "31",
        "recorded_on-month": "3",
        "recorded_on-year": "2023",
        "note": "Invoices attached",
    }
    response = client.post("/o/dorset/savings/record/", form)
    assert response.status_code == 302, response.content
    entry = SavingsEntry.objects.latest("id")
    assert (entry.status, str(entry.amount), entry.note) == (
        EntryStatus.CLAIMED,
        "1234.56",
        "Invoices attached",
    )


def test_a_status_the_person_may_not_record_is_refused_on_the_field_keeping_the_input(
    client, world
):
    """A stale or hand-made form asking for a validated saving is refused on the status field,
    with the amount and note still there to send again."""
    client.force_login(world.users["lead"])
    form = {
        "project": str(world.project_a.pk),
        "year": "2022",
        "status": "achieved",
        "kind": "cashable",
        "amount": "99.00",
        "recorded_on-day": "31",
        "recorded_on-month": "3",
        "recorded_on-year": "2023",
        "note": "Kept",
    }
    response = client.post("/o/dorset/savings/record/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_status' in page
    assert 'value="99.00"' in page
    assert ">Kept</textarea>" in page
    assert SavingsEntry.objects.count() == 1  # the fixture's claim only

"""The token pages (create, shown once, revoke) and the audit pages (project history, saving
history, the organisation's change log for TMO admins, filtered by user and date)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from realise.accounts.models import ApiToken
from realise.core.concurrency import current_version
from realise.portfolio.services import project_update

pytestmark = pytest.mark.db


def test_a_new_token_is_shown_once_and_then_only_by_its_prefix(client, world):
    client.force_login(world.users["viewer"])
    created = client.post("/tokens/", {"name": "Power BI"})
    shown = re.search(r'<code id="new-token"[^>]*>([^<]+)</code>', created.content.decode())
    secret = shown.group(1)
    assert (
        client.get("/api/organisations", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    )
    listing = client.get("/tokens/").content.decode()
    assert secret not in listing
    token = ApiToken.objects.get(name="Power BI")
    assert f"rls_{token.prefix}_" in listing


def test_a_token_revoked_on_the_page_stops_working(client, world):
    client.force_login(world.users["viewer"])
    token = ApiToken.objects.get(user=world.users["viewer"])
    response = client.post(f"/tokens/{token.pk}/revoke/", follow=True)
    assert response.content.decode().count("is revoked: it no longer works") == 1  # one banner
    fresh = Client()  # no session: only the token speaks
    assert fresh.get("/api/organisations", **world.headers("viewer")).status_code == 401


def test_nobody_revokes_another_persons_token(client, world):
    client.force_login(world.users["admin"])
    token = ApiToken.objects.get(user=world.users["viewer"])
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_the_project_history_page_shows_who_changed_what(client, world):
    project_update(
        project=world.project_a,
        seen_version=current_version(world.project_a),
        changes={"lead_officer": "Jo Bloggs"},
        by=world.users["admin"],
    )
    client.force_login(world.users["viewer"])
    page = client.get(f"/o/dorset/projects/{world.project_a.pk}/history/").content.decode()
    row = re.search(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page.split("<tbody")[1], re.S)
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row.group(1))
    assert cells[1:] == ["admin", "Lead officer", "(empty)", "Jo Bloggs"]  # in words


def test_the_saving_history_page_lists_the_claim_and_its_validation(client, world):
    from realise.benefits.services import saving_validate

    saving_validate(entry=world.claim, recorded_on=date(2023, 3, 31), by=world.users["finance"])
    client.force_login(world.users["viewer"])
    page = client.get(f"/o/dorset/savings/{world.claim.pk}/history/").content.decode()
    assert re.findall(r"<td class=\"govuk-table__cell\">(Claimed|Validated|Closed|Rejected)", page)[
        :1
    ] == ["Claimed"]
    assert "Validated" in page
    assert "Rejected" not in page


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("finance", 403), ("viewer", 403)])
def test_only_tmo_admins_see_the_change_log(client, world, role, status):
    client.force_login(world.users[role])
    assert client.get("/o/dorset/changes/").status_code == status


def test_another_councils_user_gets_404_on_every_audit_page(client, world):
    client.force_login(world.users["outsider"])
    for path in (
        "/o/dorset/changes/",
        f"/o/dorset/projects/{world.project_a.pk}/history/",
        f"/o/dorset/savings/{world.claim.pk}/history/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_change_log_filters_by_user_and_date(client, world):
    for text, who in (("By lead", "lead"), ("By admin", "admin")):
        project_update(
            project=world.project_a,
            seen_version=current_version(world.project_a),
            changes={"summary": text},
            by=world.users[who],
        )
    client.force_login(world.users["admin"])
    lead_only = client.get("/o/dorset/changes/", {"user": world.users["lead"].pk}).content.decode()
    assert "Summary: (empty) → By lead" in lead_only
    assert "By admin" not in lead_only
    everyone = client.get("/o/dorset/changes/").content.decode()
    assert "By admin" in everyone
    tomorrow = timezone.localdate() + timedelta(days=1)
    future = client.get("/o/dorset/changes/", {"since": tomorrow.isoformat()})
    assert "No changes match." in future.content.decode()
    backwards = client.get("/o/dorset/changes/", {"since": "2024-02-01", "until": "2024-01-01"})
    assert "The end date is before the start date" in backwards.content.decode()


def test_the_change_log_includes_ledger_appends_with_who_made_them(client, world):
    client.force_login(world.users["admin"])
    by_lead = client.get("/o/dorset/changes/", {"user": world.users["lead"].pk})
    page = by_lead.content.decode()
    assert "Savings ledger: 2022/23 Claimed (awaiting finance) £1,000.00" in page
    by_finance = client.get("/o/dorset/changes/", {"user": world.users["finance"].pk})
    assert "Savings ledger" not in by_finance.content.decode()

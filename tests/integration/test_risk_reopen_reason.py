"""Reopening a risk says why, as closing one does, on every path that reopens: the service, an
edit that sets the status back to open (the API's PATCH, a spreadsheet), the API's reopen call
and the risk's reopen form. The reason is kept with the risk and told in its history; without
one nothing changes and the message names the field."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError

from realise.core.concurrency import LATEST, current_version
from realise.risks import services as risks
from realise.risks.models import Risk, RiskStatus
from realise.risks.timeline import risk_history

pytestmark = pytest.mark.db

PROBLEM = "application/problem+json"


def _fresh(risk: Risk) -> Risk:
    return Risk.objects.get(pk=risk.pk)


def _closed(world) -> Risk:
    return risks.risk_close(risk=world.risk, reason="Posts filled", seen_version=LATEST)


def _latest_said(risk: Risk) -> tuple[str, ...]:
    return risk_history(risk=risk)[0].changes


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_without_a_reason_is_refused_naming_the_field(world, reason):
    _closed(world)
    with pytest.raises(ValidationError) as caught:
        risks.risk_reopen(risk=world.risk, reason=reason, seen_version=LATEST)
    assert caught.value.message_dict == {"reason": ["Say why the risk is being reopened"]}
    assert _fresh(world.risk).status == RiskStatus.CLOSED


def test_the_reason_for_reopening_is_kept_and_told_in_the_history(world):
    _closed(world)
    risks.risk_reopen(
        risk=world.risk,
        reason="  Two posts fell vacant again ",
        seen_version=current_version(world.risk),
        by=world.users["admin"],
    )
    reopened = _fresh(world.risk)
    assert (reopened.status, reopened.closed_reason, reopened.reopened_reason) == (
        RiskStatus.OPEN,
        "",
        "Two posts fell vacant again",
    )
    latest = risk_history(risk=world.risk)[0]
    assert (latest.by, latest.changes) == (
        "admin",
        ("Reopened the risk: Two posts fell vacant again",),
    )
    # Closed again, the reason for reopening goes from the risk (its history keeps it).
    risks.risk_close(risk=world.risk, reason="Filled for good", seen_version=LATEST)
    assert _fresh(world.risk).reopened_reason == ""
    assert _latest_said(world.risk) == ("Closed the risk: Filled for good",)


def test_an_edit_that_reopens_a_risk_says_why_too(world):
    _closed(world)
    with pytest.raises(ValidationError) as caught:
        risks.risk_update(risk=world.risk, seen_version=LATEST, changes={"status": "open"})
    assert caught.value.message_dict == {"reopened_reason": ["Say why the risk is being reopened"]}
    assert _fresh(world.risk).status == RiskStatus.CLOSED
    changes = {"status": "open", "reopened_reason": "Supplier withdrew"}
    risks.risk_update(risk=world.risk, seen_version=LATEST, changes=changes)
    assert (_fresh(world.risk).status, _fresh(world.risk).reopened_reason) == (
        "open",
        "Supplier withdrew",
    )
    assert _latest_said(world.risk) == ("Reopened the risk: Supplier withdrew",)
    # An edit that leaves an open risk open needs no reason.
    risks.risk_update(risk=world.risk, seen_version=LATEST, changes={"status": "open"})


def test_a_spreadsheet_that_reopens_a_risk_says_why_or_is_refused(world, tmp_path):
    import openpyxl

    from realise.imports.engine import run_import

    _closed(world)

    def imported(*row):
        book = openpyxl.Workbook()
        book.active.title = "Risks"
        heads = ["Title", "Project code", "Likelihood", "Impact", "Status", "Reopened because"]
        book.active.append(heads[: len(row)])
        book.active.append(list(row))
        book.save(tmp_path / "risks.xlsx")
        return run_import(tmp_path / "risks.xlsx", organisation=world.org, dry_run=False)

    refused = imported("Staff capacity", "A-1", 3, 4, "Open")
    assert not refused.applied
    assert any("Say why the risk is being reopened" in str(p) for p in refused.problems)
    assert _fresh(world.risk).status == RiskStatus.CLOSED
    reopened = imported("Staff capacity", "A-1", 3, 4, "Open", "Posts vacant again")
    assert reopened.applied, reopened.problems
    assert (_fresh(world.risk).status, _fresh(world.risk).reopened_reason) == (
        "open",
        "Posts vacant again",
    )


def _post(client, world, path, body):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **world.headers("admin")
    )


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    return response.json()


def test_the_api_reopens_only_with_a_reason_and_shows_it(client, world):
    _closed(world)
    url = f"/api/orgs/dorset/risks/{world.risk.pk}/reopen"
    seen = current_version(world.risk)
    missing = _problem(_post(client, world, url, {"version": seen}), 422)
    assert missing["errors"][0]["field"] == "reason"
    blank = _problem(_post(client, world, url, {"version": seen, "reason": "  "}), 422)
    assert blank["errors"] == [{"field": "reason", "message": "Say why the risk is being reopened"}]
    assert _fresh(world.risk).status == RiskStatus.CLOSED
    done = _post(client, world, url, {"version": seen, "reason": "Supplier withdrew"})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["reopened_reason"]) == ("open", "Supplier withdrew")
    history = client.get(
        f"/api/orgs/dorset/risks/{world.risk.pk}/history", **world.headers("admin")
    ).json()
    assert history[0]["changes"] == ["Reopened the risk: Supplier withdrew"]


def test_an_api_edit_that_reopens_a_risk_names_the_missing_reason(client, world):
    _closed(world)
    url = f"/api/orgs/dorset/risks/{world.risk.pk}"
    body = {"version": current_version(world.risk), "status": "open"}
    refused = client.patch(
        url, data=json.dumps(body), content_type="application/json", **world.headers("admin")
    )
    problem = _problem(refused, 422)
    assert problem["errors"] == [
        {"field": "reopened_reason", "message": "Say why the risk is being reopened"}
    ]
    body["reopened_reason"] = "Supplier withdrew"
    done = client.patch(
        url, data=json.dumps(body), content_type="application/json", **world.headers("admin")
    )
    assert (done.status_code, done.json()["reopened_reason"]) == (200, "Supplier withdrew")


def test_the_reopen_form_asks_why_with_a_linked_error_then_reopens(client, world):
    _closed(world)
    client.force_login(world.users["lead"])
    url = f"/o/dorset/risks/{world.risk.pk}/reopen/"
    form = client.get(url).content.decode()
    assert 'name="reason"' in form
    assert "Why is the risk being reopened?" in form
    version = current_version(world.risk)
    refused = client.post(url, {"version": version, "reason": ""})
    assert refused.status_code == 400
    assert "govuk-error-summary" in refused.text
    assert re.search(r'href="#id_reason"[^>]*>Say why the risk is being reopened', refused.text)
    assert _fresh(world.risk).status == RiskStatus.CLOSED
    done = client.post(url, {"version": version, "reason": "Two posts fell vacant"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Reopened the risk: Two posts fell vacant" in page
    assert "Reopened because: Two posts fell vacant" in page
    assert _fresh(world.risk).reopened_reason == "Two posts fell vacant"

"""Status changes, stage moves and rescores carry the version the user saw, like edits: a stale one
is refused (a page that shows what changed and keeps the user's input, or a 409 with both sets of
changes) and writes nothing, not even its log row; a fresh one is saved with its log row."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from realise.core.concurrency import StaleEdit, current_version
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange
from realise.risks import services as risks
from realise.risks.models import Risk

pytestmark = pytest.mark.db

DAY = date(2023, 1, 31)


def _stages(world):
    return (
        portfolio.lifecycle_stage_create(organisation=world.org, name="Understand", order=1),
        portfolio.lifecycle_stage_create(organisation=world.org, name="Deliver", order=2),
    )


def _hidden_version(page: str) -> int | None:
    found = re.search(r'name="version"[^>]*value="(\d*)"', page)
    assert found, "the form carries no version"
    return int(found.group(1)) if found.group(1) else None


def _their_edit(world):
    """Someone else (the TMO admin) saves a change to project A and returns what it looked like."""
    return portfolio.project_update(
        project=world.project_a,
        seen_version=current_version(world.project_a),
        changes={"lead_officer": "Jo Bloggs"},
        by=world.users["admin"],
    )


# Services ----------------------------------------------------------------------------------------


def test_a_stale_status_change_is_refused_and_writes_no_log_row(world):
    seen = current_version(world.project_a)
    _their_edit(world)
    with pytest.raises(StaleEdit) as caught:
        portfolio.project_change_status(
            project=world.project_a, status="in_progress", on=DAY, seen_version=seen
        )
    assert [(c.field, c.after, c.by) for c in caught.value.changes] == [
        ("lead_officer", "Jo Bloggs", "admin")
    ]
    assert caught.value.attempted == {"status": "in_progress", "on": DAY, "note": ""}
    stored = Project.objects.get(pk=world.project_a.pk)
    assert (stored.status, stored.lead_officer) == ("proposed", "Jo Bloggs")
    assert not ProjectChange.objects.filter(project=world.project_a).exists()


def test_a_fresh_status_change_keeps_others_fields_and_moves_the_version_on(world):
    seen = current_version(_their_edit(world))
    changed = portfolio.project_change_status(
        project=world.project_a,  # an old copy in memory: its lead officer is still empty
        status="complete",
        on=DAY,
        note="Done",
        seen_version=seen,
        by=world.users["lead"],
    )
    stored = Project.objects.get(pk=world.project_a.pk)
    assert (stored.status, stored.actual_end, stored.lead_officer) == ("complete", DAY, "Jo Bloggs")
    assert current_version(stored) > seen
    assert stored.history.latest().history_user == world.users["lead"]
    assert changed.status == "complete"
    [log] = ProjectChange.objects.filter(project=world.project_a)
    assert (log.old_value, log.new_value, log.note, log.recorded_by) == (
        "proposed",
        "complete",
        "Done",
        world.users["lead"],
    )


def test_a_stale_stage_move_is_refused_and_a_fresh_one_is_logged(world):
    understand, deliver = _stages(world)
    seen = current_version(world.project_a)
    moved = portfolio.project_move_stage(
        project=world.project_a, stage=understand, on=DAY, seen_version=seen
    )
    with pytest.raises(StaleEdit) as caught:
        portfolio.project_move_stage(
            project=world.project_a, stage=deliver, on=DAY, seen_version=seen
        )
    assert [(c.field, c.after) for c in caught.value.changes] == [("stage", understand.pk)]
    portfolio.project_move_stage(
        project=world.project_a, stage=deliver, on=DAY, seen_version=current_version(moved)
    )
    assert list(
        ProjectChange.objects.filter(project=world.project_a)
        .order_by("id")
        .values_list("old_value", "new_value")
    ) == [("", "Understand"), ("Understand", "Deliver")]


def test_a_stale_rescore_is_refused_and_a_fresh_one_writes_only_the_ratings(world):
    seen = current_version(world.risk)
    risks.risk_update(
        risk=world.risk, seen_version=seen, changes={"mitigations": "Agency staff"}, by=None
    )
    with pytest.raises(StaleEdit) as caught:
        risks.risk_rescore(risk=world.risk, likelihood=1, impact=1, seen_version=seen)
    assert caught.value.attempted == {"likelihood": 1, "impact": 1}
    assert Risk.objects.get(pk=world.risk.pk).likelihood == 3
    risks.risk_rescore(
        risk=world.risk, likelihood=1, impact=2, seen_version=current_version(world.risk)
    )
    stored = Risk.objects.get(pk=world.risk.pk)
    assert (stored.likelihood, stored.impact, stored.mitigations) == (1, 2, "Agency staff")


# Pages -------------------------------------------------------------------------------------------


def test_the_status_page_carries_the_version_and_a_fresh_change_is_saved(client, world):
    client.force_login(world.users["lead"])
    url = "/o/dorset/projects/A-1/status/"
    seen = _hidden_version(client.get(url).content.decode())
    assert seen == current_version(world.project_a)
    body = {"version": seen, "status": "in_progress", "note": "Go"}
    body |= {"on-day": "1", "on-month": "4", "on-year": "2022"}
    response = client.post(url, body)
    assert response.status_code == 302
    assert Project.objects.get(pk=world.project_a.pk).status == "in_progress"
    assert ProjectChange.objects.get(project=world.project_a).recorded_by == world.users["lead"]


def test_a_stale_status_change_shows_what_changed_and_keeps_the_input(client, world):
    client.force_login(world.users["lead"])
    url = "/o/dorset/projects/A-1/status/"
    seen = _hidden_version(client.get(url).content.decode())
    their = _their_edit(world)
    body = {"version": seen, "status": "stopped", "note": "Budget withdrawn by cabinet"}
    body |= {"on-day": "13", "on-month": "10", "on-year": "2022"}
    response = client.post(url, body)
    assert response.status_code == 409
    page = response.content.decode()
    assert "was changed by someone else after you opened it" in page
    row = re.search(r"<tr class=\"govuk-table__row\">\s*<th scope=\"row\".*?</tr>", page, re.S)
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(0), re.S)
    assert [c.strip() for c in cells[:4]] == ["Lead officer", "(empty)", "Jo Bloggs", "admin"]
    assert re.search(r"\d{1,2} \w+ \d{4} \d\d:\d\d", cells[4])  # when
    assert "Budget withdrawn by cabinet" in page  # the user's note is still on the form
    assert re.search(r'value="stopped"[^>]*checked', page)  # and their choice
    assert _hidden_version(page) == current_version(their)  # saving again is deliberate
    assert Project.objects.get(pk=world.project_a.pk).status == "proposed"
    assert not ProjectChange.objects.filter(project=world.project_a).exists()
    again = client.post(url, body | {"version": _hidden_version(page)})
    assert again.status_code == 302
    assert Project.objects.get(pk=world.project_a.pk).status == "stopped"


def test_a_stale_stage_move_names_the_stages_not_their_ids(client, world):
    understand, deliver = _stages(world)
    client.force_login(world.users["lead"])
    url = "/o/dorset/projects/A-1/stage/"
    seen = _hidden_version(client.get(url).content.decode())
    portfolio.project_move_stage(
        project=world.project_a,
        stage=understand,
        on=DAY,
        seen_version=seen,
        by=world.users["admin"],
    )
    body = {"version": seen, "stage": deliver.pk, "note": "Into delivery"}
    body |= {"on-day": "31", "on-month": "1", "on-year": "2023"}
    response = client.post(url, body)
    assert response.status_code == 409
    page = response.content.decode()
    assert re.search(r"Stage</th>\s*<td[^>]*>\(empty\)</td>\s*<td[^>]*>Understand</td>", page)
    assert re.search(rf'<option value="{deliver.pk}"[^>]*selected', page)
    assert Project.objects.get(pk=world.project_a.pk).stage == understand
    assert ProjectChange.objects.filter(project=world.project_a).count() == 1  # theirs only


def test_a_stale_rescore_shows_the_new_score_and_keeps_the_input(client, world):
    client.force_login(world.users["lead"])
    url = f"/o/dorset/risks/{world.risk.pk}/rescore/"
    seen = _hidden_version(client.get(url).content.decode())
    risks.risk_rescore(
        risk=world.risk, likelihood=1, impact=4, seen_version=seen, by=world.users["admin"]
    )
    response = client.post(url, {"version": seen, "likelihood": "5", "impact": "5"})
    assert response.status_code == 409
    page = response.content.decode()
    assert re.search(r"Likelihood</th>\s*<td[^>]*>3</td>\s*<td[^>]*>1</td>", page)
    assert re.search(r'<option value="5"[^>]*selected', page)
    assert Risk.objects.get(pk=world.risk.pk).likelihood == 1
    again = client.post(url, {"version": _hidden_version(page), "likelihood": "5", "impact": "5"})
    assert again.status_code == 302
    assert (Risk.objects.get(pk=world.risk.pk).likelihood, world.risk.impact) == (5, 4)


def test_a_form_posted_without_a_version_is_refused_not_saved_blind(client, world):
    client.force_login(world.users["lead"])
    url = f"/o/dorset/risks/{world.risk.pk}/rescore/"
    response = client.post(url, {"likelihood": "5", "impact": "5"})
    assert response.status_code == 409
    assert Risk.objects.get(pk=world.risk.pk).likelihood == 3


# API ---------------------------------------------------------------------------------------------


def _post(client, world, role, path, body):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **world.headers(role)
    )


def test_api_status_change_with_the_version_seen_is_saved(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    body = {"version": seen, "status": "complete", "on": "2023-01-31", "note": "Done"}
    response = _post(client, world, "lead", f"{path}/status", body)
    assert response.status_code == 200
    out = response.json()
    assert (out["status"], out["actual_end"]) == ("complete", "2023-01-31")
    assert out["version"] == current_version(world.project_a) > seen
    assert ProjectChange.objects.get(project=world.project_a).note == "Done"


def test_api_stale_status_change_is_409_with_both_sets_of_changes(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    _their_edit(world)
    body = {"version": seen, "status": "stopped", "on": "2022-10-13", "note": "Cut"}
    response = _post(client, world, "lead", f"{path}/status", body)
    assert response.status_code == 409
    out = response.json()
    assert out["current_version"] == current_version(world.project_a)
    assert [(c["field"], c["before"], c["after"], c["by"]) for c in out["changes"]] == [
        ("lead_officer", "", "Jo Bloggs", "admin")
    ]
    assert out["your_changes"] == {"status": "stopped", "on": "2022-10-13", "note": "Cut"}
    assert Project.objects.get(pk=world.project_a.pk).status == "proposed"
    assert not ProjectChange.objects.filter(project=world.project_a).exists()


def test_api_status_change_needs_the_version_key(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}/status"
    response = _post(client, world, "lead", path, {"status": "complete", "on": "2023-01-31"})
    assert response.status_code == 422
    assert response.json()["field"] == "version"


def test_api_stage_move_stale_fresh_and_unknown(client, world):
    understand, _ = _stages(world)
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    unknown = _post(
        client, world, "lead", f"{path}/stage", {"version": seen, "stage": "X", "on": "2023-01-31"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "stage"
    assert "Understand, Deliver" in unknown.json()["detail"]
    body = {"version": seen, "stage": "Understand", "on": "2023-01-31"}
    fresh = _post(client, world, "admin", f"{path}/stage", body)
    assert (fresh.status_code, fresh.json()["stage"]) == (200, "Understand")
    stale = _post(client, world, "lead", f"{path}/stage", body | {"stage": "Deliver"})
    assert stale.status_code == 409
    changes = stale.json()["changes"]
    assert [(c["field"], c["after"]) for c in changes] == [("stage", str(understand.pk))]
    assert stale.json()["your_changes"]["stage"] == "Deliver"
    assert Project.objects.get(pk=world.project_a.pk).stage == understand


def test_api_rescore_is_the_risk_edit_and_a_stale_one_is_409(client, world):
    path = f"/api/orgs/dorset/risks/{world.risk.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    risks.risk_rescore(risk=world.risk, likelihood=2, impact=2, seen_version=seen)
    body = {"version": seen, "likelihood": 5, "impact": 5}
    stale = client.patch(
        path, data=json.dumps(body), content_type="application/json", **world.headers("lead")
    )
    assert stale.status_code == 409
    assert stale.json()["your_changes"] == {"likelihood": "5", "impact": "5"}
    assert {c["field"] for c in stale.json()["changes"]} == {"likelihood", "impact"}

"""The risk lifecycle through the API: close, reopen, escalate, mitigations and history, with
their errors as problem details (application/problem+json) naming the field; another council's
risk, board or person is never reached; the list filters overdue reviews and the heat map counts
residual scores. Who may call each endpoint is in test_api_authorisation's matrix."""

from __future__ import annotations

import json
from datetime import date

import pytest

from realise.core.concurrency import LATEST, current_version
from realise.portfolio import services as portfolio
from realise.risks import services as risks
from realise.risks.models import Risk

pytestmark = pytest.mark.db

PROBLEM = "application/problem+json"


def _post(client, world, path, body, role="admin"):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **world.headers(role)
    )


def _risk(world):
    return f"/api/orgs/dorset/risks/{world.risk.pk}"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    return response.json()


def test_close_needs_a_reason_then_closes_and_reopens_with_the_version_seen(client, world):
    seen = current_version(world.risk)
    blank = _problem(_post(client, world, f"{_risk(world)}/close", {"version": seen}), 422)
    assert blank["errors"][0]["field"] == "reason"
    spaces = {"version": seen, "reason": "   "}
    refused = _problem(_post(client, world, f"{_risk(world)}/close", spaces), 422)
    assert refused["errors"] == [{"field": "reason", "message": "Say why the risk is being closed"}]
    body = {"version": seen, "reason": "Contract signed"}
    closed = _post(client, world, f"{_risk(world)}/close", body)
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["closed_reason"]) == (
        "closed",
        "Contract signed",
    )
    back = {"version": seen, "reason": "Back"}
    stale = _problem(_post(client, world, f"{_risk(world)}/reopen", back), 409)
    assert stale["current_version"] == closed.json()["version"]
    again = {"version": closed.json()["version"], "reason": "Twice"}
    twice = _problem(_post(client, world, f"{_risk(world)}/close", again), 422)
    assert "is closed: reopen it before closing it again" in twice["detail"]
    back["version"] = again["version"]
    reopened = _post(client, world, f"{_risk(world)}/reopen", back)
    assert (reopened.status_code, reopened.json()["status"]) == (200, "open")


def test_escalation_reaches_only_the_councils_own_boards(client, world):
    ours = portfolio.board_create(organisation=world.org, name="DARTboard")
    theirs = portfolio.board_create(organisation=world.other_org, name="Wessex Cabinet")
    seen = current_version(world.risk)
    body = {"version": seen, "board_id": theirs.pk}
    missing = _problem(_post(client, world, f"{_risk(world)}/escalate", body), 404)
    assert "Wessex" not in json.dumps(missing)
    escalated = _post(client, world, f"{_risk(world)}/escalate", body | {"board_id": ours.pk})
    assert escalated.status_code == 200
    assert (escalated.json()["escalated"], escalated.json()["escalated_to_id"]) == (True, ours.pk)


def test_another_councils_risk_is_not_found_for_any_lifecycle_call(client, world):
    risks.risk_bands_set(organisation=world.other_org, bands={"low": 1})
    theirs = risks.risk_create(
        organisation=world.other_org, project=world.other_project, title="W", likelihood=1, impact=1
    )
    action = risks.mitigation_add(risk=theirs, action="Inspect")
    base = f"/api/orgs/dorset/risks/{theirs.pk}"
    calls = [
        ("close", {"version": None, "reason": "x"}),
        ("reopen", {"version": None, "reason": "x"}),
        ("mitigations", {"action": "x"}),
        (f"mitigations/{action.pk}/done", {"version": None}),
    ]
    for tail, body in calls:
        _problem(_post(client, world, f"{base}/{tail}", body), 404)
    for tail in ("mitigations", "history"):
        _problem(client.get(f"{base}/{tail}", **world.headers("admin")), 404)
    mine = f"{_risk(world)}/mitigations/{action.pk}/done"  # their mitigation under our risk
    _problem(_post(client, world, mine, {"version": None}), 404)
    assert Risk.objects.get(pk=theirs.pk).is_open


def test_mitigations_are_added_listed_and_marked_done_once(client, world):
    body = {"action": "Agency cover", "owner": "HR", "due_on": "2023-05-01"}
    added = _post(client, world, f"{_risk(world)}/mitigations", body, role="lead")
    assert added.status_code == 201
    made = added.json()
    listed = client.get(f"{_risk(world)}/mitigations", **world.headers("viewer")).json()
    assert listed["count"] == 1
    assert listed["items"][0] | {"version": None} == made | {"version": None}
    done_path = f"{_risk(world)}/mitigations/{made['id']}/done"
    future = {"version": made["version"], "done_on": "2999-01-01"}
    later = _problem(_post(client, world, done_path, future, role="lead"), 422)
    assert later["errors"][0]["field"] == "done_on"
    done = _post(client, world, done_path, {"version": made["version"], "done_on": "2023-04-02"})
    assert (done.status_code, done.json()["done_on"]) == (200, "2023-04-02")
    again = {"version": done.json()["version"]}
    assert "already marked done" in _problem(_post(client, world, done_path, again), 422)["detail"]
    empty = _problem(_post(client, world, f"{_risk(world)}/mitigations", {"action": ""}), 422)
    assert empty["errors"][0]["field"] == "action"


def test_the_history_is_in_words(client, world):
    risks.risk_rescore(
        risk=world.risk, likelihood=3, impact=4, target_likelihood=2, target_impact=4,
        seen_version=LATEST, by=world.users["lead"],
    )  # fmt: skip
    events = client.get(f"{_risk(world)}/history", **world.headers("viewer")).json()
    assert events[0]["by"] == "lead"
    assert events[0]["changes"] == ["Rescored the residual risk from 3 × 4 = 12 to 2 × 4 = 8"]
    assert events[-1]["changes"][0].startswith("Added the risk")


def test_an_owner_from_another_council_is_refused_without_saying_who_they_are(client, world):
    path = _risk(world)
    seen = current_version(world.risk)
    body = {"version": seen, "owner_user_id": world.users["outsider"].pk}
    refused = client.patch(
        path, data=json.dumps(body), content_type="application/json", **world.headers("admin")
    )
    problem = _problem(refused, 422)
    assert problem["errors"] == [
        {"field": "owner_user_id", "message": "Choose someone who holds a role in this council"}
    ]
    body["owner_user_id"] = world.users["finance"].pk
    body["review_on"] = "2020-01-01"
    saved = client.patch(
        path, data=json.dumps(body), content_type="application/json", **world.headers("admin")
    ).json()
    assert (saved["owner_user_id"], saved["review_overdue"]) == (world.users["finance"].pk, True)


def test_the_list_filters_overdue_reviews_and_the_heat_map_counts_residual_scores(client, world):
    risks.risk_update(
        risk=world.risk,
        seen_version=LATEST,
        changes={"review_on": date(2020, 1, 1), "target_likelihood": 1, "target_impact": 1},
    )
    fresh = risks.risk_create(
        organisation=world.org, project=world.project_b, title="New", likelihood=2, impact=2
    )
    headers = world.headers("viewer")
    overdue = client.get("/api/orgs/dorset/risks?overdue=true", **headers).json()["items"]
    on_time = client.get("/api/orgs/dorset/risks?overdue=false", **headers).json()["items"]
    assert ([r["id"] for r in overdue], [r["id"] for r in on_time]) == ([world.risk.pk], [fresh.pk])
    heat = client.get("/api/orgs/dorset/reports/heat-map?scores=residual", **headers).json()
    cells = {(c["likelihood"], c["impact"]): c["count"] for c in heat["cells"]}
    assert (heat["scores"], cells[(1, 1)], cells[(3, 4)]) == ("residual", 1, 0)
    wrong = client.get("/api/orgs/dorset/reports/heat-map?scores=target", **headers)
    assert _problem(wrong, 422)["errors"][0]["field"] == "scores"

"""The risk lifecycle on the web: the risk's page and each of its forms (edit, rescore, close,
reopen, escalate, add a mitigation, mark one done), for every role and another council; the
register's overdue flag and filter; the heat map's current and residual scores."""

from __future__ import annotations

import re
from datetime import date

import pytest

from realise.core.concurrency import LATEST, current_version
from realise.portfolio import services as portfolio
from realise.risks import services as risks
from realise.risks.models import Risk, RiskStatus

pytestmark = pytest.mark.db

FORMS = ("edit", "rescore", "close", "escalate", "mitigations/new")


@pytest.fixture
def board(world):
    return portfolio.board_create(organisation=world.org, name="DARTboard")


@pytest.fixture
def library_risk(world):
    """A risk to project B, which the project lead does not lead."""
    return risks.risk_create(
        organisation=world.org, project=world.project_b, title="Closures", likelihood=2, impact=2
    )


@pytest.fixture
def wessex_risk(world):
    risks.risk_bands_set(organisation=world.other_org, bands={"low": 1, "high": 10})
    return risks.risk_create(
        organisation=world.other_org,
        project=world.other_project,
        title="Wessex bridges",
        likelihood=4,
        impact=4,
    )


def _as(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _urls(risk, action=None):
    base = f"/o/dorset/risks/{risk.pk}/"
    urls = [base, *(f"{base}{form}/" for form in FORMS)]
    if action is not None:
        urls.append(f"{base}mitigations/{action.pk}/done/")
    return urls


@pytest.mark.parametrize(
    ("role", "page", "forms"),
    [
        ("viewer", 200, 403),
        ("lead", 200, 200),
        ("finance", 200, 403),
        ("admin", 200, 200),
        ("outsider", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_each_role_reaches_the_risks_page_and_forms_it_may(client, world, role, page, forms):
    action = risks.mitigation_add(risk=world.risk, action="Cover rota")
    [detail, *rest] = _urls(world.risk, action)
    _as(client, world, role)
    assert client.get(detail).status_code == page
    assert {url: client.get(url).status_code for url in rest} == {url: forms for url in rest}


def test_a_lead_may_not_change_a_risk_to_a_project_they_do_not_lead(client, world, library_risk):
    _as(client, world, "lead")
    action = risks.mitigation_add(risk=library_risk, action="Mobile library")
    for url in _urls(library_risk, action)[1:]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "Mine now", "version": ""}).status_code == 403, url
    assert Risk.objects.get(pk=library_risk.pk).is_open


def test_another_councils_risk_is_not_found_through_this_council(client, world, wessex_risk):
    action = risks.mitigation_add(risk=wessex_risk, action="Inspect")
    _as(client, world, "admin")
    for url in _urls(wessex_risk, action):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "Not yours"}).status_code == 404, url
    mine = risks.mitigation_add(risk=world.risk, action="Mine")
    theirs_with_mine = f"/o/dorset/risks/{wessex_risk.pk}/mitigations/{mine.pk}/done/"
    assert client.get(theirs_with_mine).status_code == 404
    assert (
        client.get(f"/o/dorset/risks/{world.risk.pk}/mitigations/{action.pk}/done/").status_code
        == 404
    )
    assert Risk.objects.get(pk=wessex_risk.pk).is_open


def test_a_viewer_posts_nothing_and_is_offered_no_action(client, world):
    _as(client, world, "viewer")
    for url in _urls(world.risk)[1:]:
        assert (
            client.post(url, {"reason": "x", "likelihood": "1", "impact": "1"}).status_code == 403
        )
    page = client.get(f"/o/dorset/risks/{world.risk.pk}/").content.decode()
    for link in ("/edit/", "/rescore/", "/close/", "/escalate/", "/mitigations/new/"):
        assert link not in page
    assert Risk.objects.get(pk=world.risk.pk).likelihood == 3


def test_closing_without_a_reason_is_refused_with_a_linked_error_then_closed(client, world):
    _as(client, world, "lead")
    url = f"/o/dorset/risks/{world.risk.pk}/close/"
    version = current_version(world.risk)
    refused = client.post(url, {"version": version, "reason": ""})
    assert refused.status_code == 400
    assert re.search(r'href="#id_reason"[^>]*>Say why the risk is being closed', refused.text)
    done = client.post(url, {"version": version, "reason": "Recruited in full"})
    assert done.status_code == 302
    assert done["Location"] == f"/o/dorset/risks/{world.risk.pk}/"
    page = client.get(done["Location"]).content.decode()
    assert "Closed because: Recruited in full" in page
    assert "Closed the risk: Recruited in full" in page  # the history, in words
    assert f"/o/dorset/risks/{world.risk.pk}/reopen/" in page
    reopened = client.post(
        f"/o/dorset/risks/{world.risk.pk}/reopen/",
        {"version": current_version(world.risk), "reason": "Two posts vacant again"},
    )
    assert reopened.status_code == 302
    assert Risk.objects.get(pk=world.risk.pk).status == RiskStatus.OPEN


def test_the_forms_write_through_the_services_with_who_did_it(client, world, board):
    _as(client, world, "admin")
    base = f"/o/dorset/risks/{world.risk.pk}/"

    def version():
        return current_version(world.risk)

    edit = {
        "version": version(),
        "title": "Staff capacity",
        "owner": "Head of Care",
        "owner_user": world.users["lead"].pk,
        "review_on-day": "1",
        "review_on-month": "2",
        "review_on-year": "2023",
    }
    assert client.post(f"{base}edit/", edit).status_code == 302
    rescore = {"version": version(), "likelihood": "4", "impact": "5"}
    rescore |= {"target_likelihood": "2", "target_impact": "3"}
    assert client.post(f"{base}rescore/", rescore).status_code == 302
    escalate = {"version": version(), "board": board.pk}
    assert client.post(f"{base}escalate/", escalate).status_code == 302
    mitigation = {"action": "Agency cover", "owner": "HR"}
    assert client.post(f"{base}mitigations/new/", mitigation).status_code == 302
    risk = Risk.objects.get(pk=world.risk.pk)
    assert (risk.owner_user, risk.review_on) == (world.users["lead"], date(2023, 2, 1))
    assert (risk.score, risk.target_score, risk.escalated_to) == (20, 6, board)
    action = risk.actions.get()
    done = client.post(f"{base}mitigations/{action.pk}/done/", {"version": current_version(action)})
    assert done.status_code == 302
    page = client.get(base).content.decode()
    assert "lead (Head of Care)" in page
    assert "Rescored the residual risk from 3 × 4 = 12 to 2 × 3 = 6" in page
    assert "Escalated the risk to DARTboard" in page
    assert "Marked the mitigation “Agency cover” done on" in page
    edits = list(risk.history.all()[:3])  # newest first: escalated, rescored, edited
    assert [r.history_user for r in edits] == [world.users["admin"]] * 3


def test_the_owner_offered_is_someone_in_the_council_and_nobody_else(client, world):
    _as(client, world, "admin")
    form = client.get(f"/o/dorset/risks/{world.risk.pk}/edit/").content.decode()
    assert f'value="{world.users["finance"].pk}"' in form
    assert f'value="{world.users["outsider"].pk}"' not in form
    edit = {"version": current_version(world.risk), "title": "T"}
    response = client.post(
        f"/o/dorset/risks/{world.risk.pk}/edit/", edit | {"owner_user": world.users["outsider"].pk}
    )
    assert response.status_code == 400
    assert "Choose the owner from the list" in response.text


def test_the_register_flags_and_filters_overdue_reviews(client, world, library_risk):
    risks.risk_update(
        risk=library_risk, seen_version=LATEST, changes={"review_on": date(2020, 1, 1)}
    )
    _as(client, world, "viewer")
    register = client.get("/o/dorset/risks/")
    assert register.text.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1
    overdue = client.get("/o/dorset/risks/?review=overdue")
    assert [r.pk for r in overdue.context["risks"]] == [library_risk.pk]
    page = client.get(f"/o/dorset/risks/{library_risk.pk}/").content.decode()
    assert "Review overdue: it was due on 1 January 2020." in page


def test_the_heat_map_toggles_to_residual_scores_with_links_to_what_it_counts(client, world):
    risks.risk_rescore(
        risk=world.risk,
        likelihood=5,
        impact=5,
        target_likelihood=1,
        target_impact=1,
        seen_version=LATEST,
    )
    _as(client, world, "viewer")
    current = client.get("/o/dorset/risks/").text
    assert 'data-scores="current"' in current
    assert 'href="?scores=residual#heat-map"' in current
    residual = client.get("/o/dorset/risks/?scores=residual").text
    caption = residual.split("<caption")[1].split("</caption>")[0]
    assert "residual likelihood and impact, once mitigated" in caption
    cell = residual.split('data-cell="1-1"')[1].split("</td>")[0]
    assert 'realise-heatmap__count">1<' in cell
    link = re.search(r'href="(/o/dorset/risks/\?[^"]*)"', cell).group(1).replace("&amp;", "&")
    assert [r.pk for r in client.get(link).context["risks"]] == [world.risk.pk]
    assert 'aria-current="true">Residual scores' in residual


def test_the_risks_page_runs_as_many_queries_however_long_its_history(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(f"/o/dorset/risks/{world.risk.pk}/").status_code == 200
        return len(done)

    _as(client, world, "admin")
    queries()  # the session and the roles, once
    before = queries()
    for n in range(1, 6):
        risks.risk_rescore(risk=world.risk, likelihood=n, impact=n, seen_version=LATEST)
        action = risks.mitigation_add(risk=world.risk, action=f"Step {n}", owner=f"Team {n}")
        risks.mitigation_done(mitigation=action)
    assert queries() == before

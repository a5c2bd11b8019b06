"""Recording a board decision from a project's page goes back to that project, where the decision
is listed, rather than to the dashboard, which does not show it."""

from __future__ import annotations

import re

import pytest

from realise.portfolio import services as portfolio
from realise.portfolio.models import Decision

pytestmark = pytest.mark.db


def _back_link(page: str) -> str:
    found = re.search(r'<a href="([^"]*)" class="govuk-back-link">', page)
    assert found, "the page has no back link"
    return found.group(1)


def test_a_decision_started_on_a_project_returns_to_the_project(client, world):
    board = portfolio.board_create(organisation=world.org, name="Transformation Board")
    client.force_login(world.users["admin"])
    url = f"/o/dorset/decisions/new/?project={world.project_a.pk}"
    form = client.get(url).content.decode()
    assert _back_link(form) == "/o/dorset/projects/A-1/"
    assert re.search(r"<a class=\"govuk-link\" href=\"/o/dorset/projects/A-1/\">Cancel</a>", form)
    body = {"board": board.pk, "kind": "approve_business_case", "text": "Approved the care review"}
    body |= {"decided_on-day": "12", "decided_on-month": "1", "decided_on-year": "2023"}
    body |= {"projects": [world.project_a.pk]}
    response = client.post(url, body, follow=True)
    assert response.redirect_chain[-1][0] == "/o/dorset/projects/A-1/"
    page = response.content.decode()
    assert "Decision recorded" in page
    assert "Approved the care review" in page
    assert Decision.objects.filter(organisation=world.org).count() == 1


def test_without_a_project_or_with_one_from_elsewhere_it_goes_back_to_the_dashboard(client, world):
    client.force_login(world.users["admin"])
    for query in (
        "",
        f"?project={world.other_project.pk}",
        "?project=999999",
        "?project=99999999999999999999",
        "?project=x",
    ):
        page = client.get(f"/o/dorset/decisions/new/{query}").content.decode()
        assert _back_link(page) == "/o/dorset/", query

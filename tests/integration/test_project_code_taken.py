"""Adding a project with a code the council already uses is refused on the code field, in plain
words that say what to do (not Django's "Project with this Organisation and Code already
exists."), on the page and through the API."""

from __future__ import annotations

import json
import re

import pytest

from realise.portfolio.models import Project

pytestmark = pytest.mark.db

MESSAGE = "Dorset Council already has a project with the code A-1: enter a different code"


def test_the_page_puts_a_taken_code_on_the_code_field(client, world):
    client.force_login(world.users["admin"])
    response = client.post("/o/dorset/projects/new/", {"code": "A-1", "name": "Second care review"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<a href="#id_code">{MESSAGE}</a>' in page
    inline = re.search(r'<p id="id_code-error" class="govuk-error-message">(.*?)</p>', page, re.S)
    assert inline, "the code field shows no error of its own"
    assert MESSAGE in inline.group(1)
    assert "already exists." not in page
    assert "Second care review" in page  # what was typed is kept
    assert Project.objects.filter(organisation=world.org, code="A-1").count() == 1


def test_the_api_names_the_code_field(client, world):
    response = client.post(
        "/api/orgs/dorset/projects",
        data=json.dumps({"code": "A-1", "name": "Second care review"}),
        content_type="application/json",
        **world.headers("admin"),
    )
    assert response.status_code == 422
    assert (response.json()["field"], response.json()["detail"]) == ("code", MESSAGE)


def test_another_council_may_use_the_same_code(world):
    from realise.portfolio import services

    services.project_create(organisation=world.other_org, code="A-1", name="Wessex care")
    assert Project.objects.filter(code="A-1").count() == 2

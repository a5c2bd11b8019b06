"""Moving a project to the stage it is already at, or giving it the status it already has, is
refused with a message that says what to do, on the page (the error summary linking to the
field, input kept) and through the API (422 naming the field); nothing is written or logged."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from realise.core.concurrency import current_version
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange

pytestmark = pytest.mark.db


def _at_understand(world):
    understand = portfolio.lifecycle_stage_create(
        organisation=world.org, name="Understand", order=1
    )
    portfolio.lifecycle_stage_create(organisation=world.org, name="Deliver", order=2)
    project = portfolio.project_move_stage(
        project=world.project_a,
        stage=understand,
        on=date(2022, 4, 1),
        seen_version=current_version(world.project_a),
    )
    return understand, project


def _version(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d*)"', page).group(1)


def test_the_service_refuses_a_move_to_the_current_stage(world):
    from django.core.exceptions import ValidationError

    understand, project = _at_understand(world)
    with pytest.raises(ValidationError) as refused:
        portfolio.project_move_stage(
            project=project,
            stage=understand,
            on=date(2022, 5, 1),
            seen_version=current_version(project),
        )
    assert "already at the Understand stage" in refused.value.message_dict["stage"][0]
    assert ProjectChange.objects.filter(project=project).count() == 1  # the first move only


def test_the_stage_page_refuses_the_current_stage_and_links_the_error_to_the_field(client, world):
    understand, _ = _at_understand(world)
    client.force_login(world.users["lead"])
    url = "/o/dorset/projects/A-1/stage/"
    seen = _version(client.get(url).content.decode())
    body = {"version": seen, "stage": understand.pk, "note": "Still understanding"}
    body |= {"on-day": "1", "on-month": "5", "on-year": "2022"}
    response = client.post(url, body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page
    summary = re.search(r'<a href="#id_stage">([^<]*)</a>', page)
    assert summary, "the error summary does not link to the stage field"
    assert "already at the Understand stage" in summary.group(1)
    assert "choose a different stage" in summary.group(1)
    assert "Still understanding" in page  # the note is kept
    assert ProjectChange.objects.filter(project=world.project_a).count() == 1


def test_the_status_page_refuses_the_current_status_with_what_to_do(client, world):
    client.force_login(world.users["lead"])
    url = "/o/dorset/projects/A-1/status/"
    seen = _version(client.get(url).content.decode())
    body = {"version": seen, "status": "proposed", "note": ""}
    body |= {"on-day": "1", "on-month": "5", "on-year": "2022"}
    response = client.post(url, body)
    assert response.status_code == 400
    page = response.content.decode()
    summary = re.search(r'<a href="#id_status[^"]*">([^<]*)</a>', page)
    assert summary, "the error summary does not link to the status field"
    assert "already Proposed" in summary.group(1)
    assert "choose a different status" in summary.group(1)
    assert not ProjectChange.objects.filter(project=world.project_a).exists()


def _post(client, world, path, body):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **world.headers("lead")
    )


def test_the_api_refuses_the_current_stage_and_status_with_422(client, world):
    _at_understand(world)
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    seen = client.get(path, **world.headers("lead")).json()["version"]
    body = {"version": seen, "stage": "Understand", "on": "2022-05-01"}
    stage = _post(client, world, f"{path}/stage", body)
    assert stage.status_code == 422
    assert stage.json()["field"] == "stage"
    assert "already at the Understand stage" in stage.json()["detail"]
    body = {"version": seen, "status": "proposed", "on": "2022-05-01"}
    status = _post(client, world, f"{path}/status", body)
    assert status.status_code == 422
    assert status.json()["field"] == "status"
    assert "already Proposed" in status.json()["detail"]
    assert Project.objects.get(pk=world.project_a.pk).stage.name == "Understand"
    assert ProjectChange.objects.filter(project=world.project_a).count() == 1

"""Every request body the API takes refuses a field it does not take (a misspelt or read-only
field would otherwise be dropped and the write done without it): 422, the problem naming each
such field, nothing saved. The write operations are read from the OpenAPI schema, so a new one is
covered without a new test."""

from __future__ import annotations

import pytest

from realise.core.concurrency import current_version
from realise.portfolio.models import Project
from tests.integration.test_api_authorisation import MATRIX, call

pytestmark = pytest.mark.db

WRITES = ("post", "put", "patch")


def write_operations() -> list[tuple[str, str]]:
    from realise.config.api import api

    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (method, path)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if method in WRITES and "requestBody" in operation
    )


def test_every_write_operation_takes_a_body():
    """So the walk below is not empty, and a new write without a body is noticed."""
    from realise.config.api import api

    paths = api.get_openapi_schema()["paths"]
    writes = [(m, p) for p, ops in paths.items() for m in ops if m in WRITES]
    assert len(writes) >= 12
    assert sorted(writes) == write_operations()


@pytest.mark.parametrize("operation", write_operations(), ids=lambda op: f"{op[0]} {op[1]}")
def test_every_write_refuses_a_field_it_does_not_take(client, world, operation):
    build, _ = MATRIX[operation]
    path, body = build(world)
    sent = {**(body or {}), "colour": "blue", "id": 7}
    response = call(client, world, "admin", operation[0], path, sent)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    named = {error["field"] for error in problem["errors"]}
    assert named == {"colour", "id"}
    assert all("not take" in e["message"] for e in problem["errors"])


def test_a_read_only_field_in_an_edit_is_refused_and_nothing_is_saved(client, world):
    path = f"/api/orgs/dorset/projects/{world.project_a.pk}"
    body = {"version": current_version(world.project_a), "summary": "Edited", "status": "complete"}
    response = call(client, world, "admin", "patch", path, body)
    assert response.status_code == 422
    assert response.json()["field"] == "status"
    assert '"status"' in response.json()["detail"]
    assert Project.objects.get(pk=world.project_a.pk).summary == ""

"""What an integrator (Power BI, a finance system) reads before writing a line: every operation
is described in words and declares what each error means, as problem details (RFC 9457); the
schema is valid OpenAPI; an unknown address or method under /api/ answers a problem like every
other error; docs/api.md shows every endpoint with an example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realise.config.api import api

pytestmark = pytest.mark.db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _operations():
    schema = api.get_openapi_schema()
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def _generated(operation):
    """Whether the summary is Django Ninja's default: the view function's name in title case
    (the operation id ends with that name)."""
    return operation["operationId"].endswith(operation["summary"].lower().replace(" ", "_"))


@pytest.mark.parametrize(
    ("method", "path", "operation"), _operations(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_operation_is_described_in_words_with_its_errors(db, method, path, operation):
    assert operation.get("summary")
    assert not _generated(operation)
    assert len(operation.get("description", "")) > 20
    responses = operation["responses"]
    for status in (400, 401, 403, 404, 413, 415, 422, 500):
        content = responses[status]["content"]
        assert list(content) == ["application/problem+json"]
        assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
    for status, response in responses.items():  # what each error means, not just its name
        if status >= 400:
            assert len(response["description"].split()) > 3, (status, response)


def test_the_schema_is_valid_openapi(client, db):
    import schemathesis

    schema = schemathesis.openapi.from_dict(client.get("/api/openapi.json").json())
    schema.validate()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/orgs/dorset/nothing-here", 404),
        ("get", "/api/no-such-thing", 404),
        ("delete", "/api/orgs/dorset/projects", 405),
        ("put", "/api/organisations", 405),
    ],
)
def test_an_unknown_address_or_method_under_the_api_answers_json(
    client, world, method, path, status
):
    response = getattr(client, method)(path, **world.headers("viewer"))
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_the_docs_show_every_endpoint_with_an_example():
    """Each operation has its own heading in docs/api.md, and an example request under it."""
    text = DOCS.read_text()
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    documented = {}
    for section in sections:
        heading, _, body = section.partition("\n")
        match = re.fullmatch(r"`(GET|POST|PATCH|PUT|DELETE) (/api/\S+)`", heading.strip())
        if match:
            documented[(match[1].lower(), match[2])] = body
    missing = [(m, p) for m, p, _ in _operations() if (m, p) not in documented]
    assert missing == []
    without_example = [key for key, body in documented.items() if "```" not in body]
    assert without_example == []


def test_the_schema_describes_problem_details_and_the_stale_edit_extras():
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    problem = components["Problem"]
    members = {"type", "title", "status", "detail", "instance", "field", "errors", "message"}
    assert set(problem["required"]) == members
    assert problem["properties"]["message"]["deprecated"] is True
    stale = components["StaleProblem"]
    assert {"current_version", "changes", "your_changes"} <= set(stale["required"])
    edit = schema["paths"]["/api/orgs/{org}/risks/{risk_id}"]["patch"]["responses"][409]
    assert edit["content"]["application/problem+json"]["schema"]["$ref"].endswith("/StaleProblem")

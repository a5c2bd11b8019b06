"""Every error under /api/ is one JSON shape, RFC 9457 problem details served as
application/problem+json: a server fault, a body too large, a body that cannot be read, and a
request without a valid token (401 with WWW-Authenticate, never a CSRF 403) included."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from realise.accounts.models import ApiToken
from realise.accounts.tokens import api_token_revoke
from realise.funding.models import Fund

pytestmark = pytest.mark.db

FUNDS = "/api/orgs/dorset/funds"
A_FUND = {"name": "Crack-on fund", "kind": "small_change", "pot": "500.00"}
PROBLEMS = "https://realise.example/problems/"
REALM = 'Bearer realm="Realise API"'


@pytest.fixture
def strict():
    """A client like a real one: CSRF enforced, a server error answered rather than raised."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.fixture
def session(world, strict):
    """A TMO admin signed in to the web app, holding the CSRF cookie a page hands out."""
    strict.force_login(world.users["admin"])
    assert strict.get("/tokens/").status_code == 200
    return strict


def problem(response, status, kind, path=FUNDS):
    """The response's problem details, after checking the shape every API error has."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == PROBLEMS + kind
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == path
    assert body["errors"]
    assert all(set(e) == {"field", "message"} for e in body["errors"])
    assert body["field"] == body["errors"][0]["field"]
    assert body["message"] == body["detail"]  # the deprecated alias (ADR 0017)
    return body


def send(client, body, content_type="application/json", path=FUNDS, **headers):
    return client.post(path, data=body, content_type=content_type, **headers)


def test_an_unhandled_fault_answers_a_500_problem_that_says_nothing_internal_and_is_logged(
    world, strict, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("psycopg exploded at 10.0.0.7 reading funding_fund")

    monkeypatch.setattr("realise.api.funding.organisation_for", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = strict.get(FUNDS, **world.headers("viewer"))
    body = problem(response, 500, "server-error")
    assert "10.0.0.7" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged
    assert "10.0.0.7" in str(logged[0].exc_info[1])
    assert FUNDS in logged[0].getMessage()
    assert "administrator" in body["detail"]


def test_a_body_over_the_upload_limit_answers_413(world, strict):
    too_big = json.dumps({**A_FUND, "decided_by": "x" * 2_621_440})
    body = problem(send(strict, too_big, **world.headers("admin")), 413, "too-large")
    assert "2.5 MB" in body["detail"]


def test_a_body_over_the_limit_read_by_the_csrf_check_of_a_session_write_answers_413(session):
    response = send(session, "a=" + "x" * 2_700_000, "application/x-www-form-urlencoded")
    problem(response, 413, "too-large")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('{"name": "Crack-on fund",', "not valid JSON"),
        (b'{"name": "\xff\xfe"}', "not UTF-8"),
    ],
    ids=["truncated JSON", "not UTF-8"],
)
def test_a_body_that_cannot_be_read_answers_a_400_problem_saying_why(world, strict, body, words):
    found = problem(send(strict, body, **world.headers("admin")), 400, "bad-request")
    assert words in found["detail"]


def test_a_form_sent_to_a_json_endpoint_answers_415_naming_the_type_wanted(world, strict):
    response = send(
        strict, "--zz\r\nbroken", "multipart/form-data; boundary=zz", **world.headers("admin")
    )
    body = problem(response, 415, "unsupported-media-type")
    assert "Content-Type: application/json" in body["detail"]


def test_a_broken_multipart_session_write_answers_a_400_problem(session):
    response = send(session, "--zz\r\nbroken", "multipart/form-data")
    problem(response, 400, "bad-request")


@pytest.mark.parametrize("method", ["get", "post", "patch"])
def test_a_wrong_token_answers_401_invalid_token_on_every_method(world, strict, method):
    path = f"/api/orgs/dorset/risks/{world.risk.pk}" if method == "patch" else FUNDS
    altered = world.tokens["admin"][:-2] + "xx"
    body = None if method == "get" else "{}"
    response = getattr(strict, method)(
        path, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {altered}"
    )
    body = problem(response, 401, "unauthenticated", path)
    assert response["WWW-Authenticate"] == f'{REALM}, error="invalid_token"'
    assert "Authorization: Bearer" in body["detail"]


def test_a_write_without_any_credentials_answers_401_inviting_a_bearer_token(strict):
    response = send(strict, json.dumps(A_FUND))
    problem(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == REALM


def test_a_revoked_token_on_a_write_answers_401_invalid_token(world, strict):
    token = ApiToken.objects.get(user=world.users["admin"])
    api_token_revoke(token=token, by=world.users["admin"])
    response = send(strict, json.dumps(A_FUND), **world.headers("admin"))
    problem(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == f'{REALM}, error="invalid_token"'
    assert not Fund.objects.filter(name="Crack-on fund").exists()


def test_a_wrong_token_is_refused_even_beside_a_signed_in_session(world, session):
    """A request that carries a token is a token request: a session does not rescue it."""
    response = session.get(FUNDS, HTTP_AUTHORIZATION="Bearer rls_00000000_nope")
    problem(response, 401, "unauthenticated")
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_another_authorization_scheme_is_told_to_use_a_bearer_token(strict):
    response = send(strict, json.dumps(A_FUND), HTTP_AUTHORIZATION="Basic YWRtaW46YWRtaW4=")
    problem(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == REALM


def test_a_good_token_writes_without_a_csrf_token(world, strict):
    response = send(strict, json.dumps(A_FUND), **world.headers("admin"))
    assert response.status_code == 201


def test_a_session_write_without_the_csrf_token_is_refused_with_a_403_problem(world, session):
    response = send(session, json.dumps(A_FUND))
    body = problem(response, 403, "csrf")
    assert "X-CSRFToken" in body["detail"]
    assert not Fund.objects.filter(name="Crack-on fund").exists()


def test_a_session_write_with_the_csrf_token_is_done(world, session):
    token = session.cookies["csrftoken"].value
    response = send(session, json.dumps(A_FUND), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "kind"),
    [
        ("get", "/api/orgs/dorset/nothing-here", None, 404, "not-found"),
        ("get", "/api/orgs/wessex/funds", None, 404, "not-found"),
        ("delete", FUNDS, None, 405, "method-not-allowed"),
        ("post", FUNDS, {"name": "Fund", "kind": "small_change"}, 422, "validation"),
        ("get", f"{FUNDS}?year=2022/23", None, 422, "validation"),
    ],
)
def test_each_kind_of_error_is_a_problem_of_its_own_type(
    world, strict, method, path, body, status, kind
):
    data = json.dumps(body) if body is not None else None
    response = getattr(strict, method)(
        path, data=data, content_type="application/json", **world.headers("admin")
    )
    problem(response, status, kind, path.split("?")[0])


def test_a_role_refusal_is_a_403_problem_without_www_authenticate(world, strict):
    response = send(strict, json.dumps(A_FUND), **world.headers("viewer"))
    problem(response, 403, "forbidden")
    assert not response.has_header("WWW-Authenticate")


def test_problems_of_one_type_share_a_title_and_differ_in_detail(world, strict):
    first = send(strict, json.dumps({"name": "F", "kind": "x"}), **world.headers("admin"))
    second = strict.get(f"{FUNDS}?limit=0", **world.headers("admin"))
    a, b = problem(first, 422, "validation"), problem(second, 422, "validation")
    assert a["title"] == b["title"]
    assert a["detail"] != b["detail"]
    assert b["field"] == "limit"


def test_an_error_raised_before_the_api_is_reached_is_a_problem_too(world, strict):
    """A disallowed Host is refused by Django's own middleware, outside the API's views."""
    response = strict.get(FUNDS, HTTP_HOST="realise.attacker.example", **world.headers("viewer"))
    problem(response, 400, "bad-request")
    assert response["X-Content-Type-Options"] == "nosniff"

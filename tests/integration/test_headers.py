"""Response headers that keep council data out of caches and turn off browser features Realise
never uses; Realise's own page when a form's CSRF check fails."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory

pytestmark = pytest.mark.db

NEVER_USED = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def _signed_in(world, role: str = "viewer") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(",")}


def test_a_signed_in_page_is_never_stored_by_the_browser_or_a_proxy(world):
    response = _signed_in(world).get("/o/dorset/projects/")
    assert response.status_code == 200
    assert "no-store" in _directives(response["Cache-Control"])


def test_the_dashboard_served_from_its_cache_is_never_stored_either(world):
    client = _signed_in(world)
    client.get("/o/dorset/")  # renders and caches the page
    response = client.get("/o/dorset/")  # served from the cache (ADR 0011)
    assert response.status_code == 200
    assert "no-store" in _directives(response["Cache-Control"])


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("viewer", "/api/orgs/dorset/projects", 200),
        ("anonymous", "/api/orgs/dorset/projects", 401),
        ("viewer", "/api/orgs/wessex/projects", 404),
        ("viewer", "/api/no-such-endpoint", 404),
        ("viewer", "/api/orgs/dorset/projects?limit=x", 422),
    ],
)
def test_every_api_response_is_never_stored(world, role, path, status):
    response = Client().get(path, **world.headers(role))
    assert response.status_code == status
    json_kind = "application/json" if status == 200 else "application/problem+json"
    assert response["Content-Type"].startswith(json_kind)
    assert "no-store" in _directives(response["Cache-Control"])


@pytest.mark.parametrize(
    "path",
    ["/o/dorset/export/projects.csv", "/o/dorset/export/savings.xlsx"],
)
def test_an_export_download_is_never_stored(world, path):
    response = _signed_in(world).get(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in _directives(response["Cache-Control"])


def test_an_export_through_the_api_is_never_stored(world):
    response = Client().get(
        "/api/orgs/dorset/exports/projects?format=csv", **world.headers("viewer")
    )
    assert response.status_code == 200
    assert "no-store" in _directives(response["Cache-Control"])


def test_a_view_that_sets_its_own_cache_control_keeps_it(world):
    """The set-password link's page already says no-store and private: it is left as it is."""
    admin = _signed_in(world, "admin")
    response = admin.post(
        "/o/dorset/settings/people/add/",
        {"email": "new@dorset.example", "name": "Sam New", "role": "viewer"},
    )
    assert response.status_code == 200
    assert _directives(response["Cache-Control"]) == {"no-store", "private"}


@pytest.mark.parametrize("path", ["/sign-in/", "/health/", "/api/orgs/dorset/projects"])
def test_every_response_turns_off_browser_features_realise_never_uses(world, path):
    policy = Client().get(path, **world.headers("viewer"))["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in policy.split(","))
    for feature in NEVER_USED:
        assert features[feature] == "()", feature


def test_a_form_sent_without_its_csrf_token_gets_realises_own_page_in_plain_words(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"username": "viewer", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "govuk-template__body" in html  # Realise's layout, not Django's bare page
    assert '<h1 class="govuk-heading-l">Your form could not be sent</h1>' in html
    assert "page was open for a long time or you signed out in another tab" in html
    assert "Go back, reload the page and try again." in html
    assert "CSRF" not in html  # no jargon
    assert 'href="/"' in html  # a way on


def test_a_signed_in_persons_form_without_its_token_gets_the_same_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    response = client.post("/o/dorset/risks/new/", {"title": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def test_a_csrf_failure_under_the_api_answers_json(settings):
    from django.urls import get_callable

    view = get_callable(settings.CSRF_FAILURE_VIEW)
    response = view(RequestFactory().post("/api/orgs/dorset/risks"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == 403
    assert body["type"].endswith("/csrf")
    assert "reload the page and try again" in body["detail"]

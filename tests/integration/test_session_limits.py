"""Signed-in sessions end after a spell of inactivity and after a maximum lifetime, on the server;
the page learns the limits, and "Stay signed in" extends the session. Time is moved by setting
the session's own timestamps back, never by sleeping."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.test import Client

from realise.accounts.session_limits import ACTIVE, STARTED

pytestmark = pytest.mark.db

PAGE = "/o/dorset/projects/"


def _signed_in(world, role: str = "viewer", **options) -> Client:
    client = Client(**options)
    client.force_login(world.users[role])
    return client


def _move_back(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def _signed_out_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/sign-in/?next=")


def test_the_limits_are_thirty_minutes_idle_and_twelve_hours_in_all_by_default():
    assert settings.REALISE_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.REALISE_SESSION_MAX_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.REALISE_SESSION_MAX_SECONDS


def test_signing_in_starts_both_clocks(world):
    client = Client()
    response = client.post("/sign-in/", {"username": "viewer", "password": "a-long-passphrase-9"})
    assert response.status_code == 302
    now = time.time()
    assert now - 5 < client.session[STARTED] <= now
    assert now - 5 < client.session[ACTIVE] <= now


def test_signing_in_again_restarts_the_maximum_lifetime(world):
    client = _signed_in(world)
    _move_back(client, STARTED, 11 * 60 * 60)
    client.post("/sign-in/", {"username": "viewer", "password": "a-long-passphrase-9"})
    assert time.time() - client.session[STARTED] < 5


def test_a_session_used_within_the_idle_limit_stays_signed_in_and_is_extended(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, settings.REALISE_SESSION_IDLE_SECONDS - 60)
    assert client.get(PAGE).status_code == 200
    assert time.time() - client.session[ACTIVE] < 5


def test_an_idle_session_is_signed_out_and_the_sign_in_page_says_why(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, settings.REALISE_SESSION_IDLE_SECONDS + 1)
    response = client.get(PAGE)
    assert _signed_out_to_sign_in(response)
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert (
        "You were signed out because you had not used Realise for 30 minutes. "
        "Sign in again to carry on." in html
    )
    assert "Success" not in html
    assert client.get(PAGE).status_code == 302  # still signed out


def test_a_session_older_than_the_maximum_is_signed_out_even_while_in_use(world):
    client = _signed_in(world)
    _move_back(client, STARTED, settings.REALISE_SESSION_MAX_SECONDS + 1)
    response = client.get(PAGE)
    assert _signed_out_to_sign_in(response)
    html = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for 12 hours" in html


def test_activity_is_written_at_most_once_a_minute_not_on_every_request(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, 30)
    first = client.session[ACTIVE]
    assert client.get(PAGE).status_code == 200
    assert client.session[ACTIVE] == first  # 30 seconds ago is recent enough: no write
    _move_back(client, ACTIVE, 31)
    client.get(PAGE)
    assert time.time() - client.session[ACTIVE] < 5


def test_a_session_from_before_the_limits_existed_starts_its_clocks_now(world):
    client = _signed_in(world)
    session = client.session
    del session[STARTED], session[ACTIVE]
    session.save()
    assert client.get(PAGE).status_code == 200
    assert time.time() - client.session[STARTED] < 5


def test_the_status_tells_the_time_left_without_counting_as_activity(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, 600)
    before = client.session[ACTIVE]
    status = client.get("/session/")
    assert status.status_code == 200
    body = status.json()
    assert body["signed_in"] is True
    assert body["seconds_left"] >= settings.REALISE_SESSION_IDLE_SECONDS - 605
    assert body["seconds_left"] <= settings.REALISE_SESSION_IDLE_SECONDS - 600
    assert body["warning_seconds"] == 120
    assert client.session[ACTIVE] == before


def test_the_status_after_the_idle_limit_signs_out_so_the_page_can_go_to_sign_in(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, settings.REALISE_SESSION_IDLE_SECONDS)
    assert client.get("/session/").json() == {
        "signed_in": False,
        "seconds_left": 0,
        "warning_seconds": 120,
    }
    assert "had not used Realise for 30 minutes" in client.get("/sign-in/").content.decode()


def test_stay_signed_in_extends_the_session_to_the_full_idle_limit(world):
    client = Client(enforce_csrf_checks=True)
    client.get("/sign-in/")  # signing in through the form, as in the browser: a CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    credentials = {"username": "viewer", "password": "a-long-passphrase-9"}
    assert (
        client.post("/sign-in/", {**credentials, "csrfmiddlewaretoken": token}).status_code == 302
    )
    _move_back(client, ACTIVE, settings.REALISE_SESSION_IDLE_SECONDS - 30)
    # The script sends the CSRF cookie's value in a header, as Django documents for scripts.
    token = client.cookies[settings.CSRF_COOKIE_NAME].value  # signing in changed it
    response = client.post("/session/", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["signed_in"] is True
    assert response.json()["seconds_left"] == settings.REALISE_SESSION_IDLE_SECONDS
    assert time.time() - client.session[ACTIVE] < 5


def test_stay_signed_in_needs_the_csrf_token(world):
    client = _signed_in(world, enforce_csrf_checks=True)
    assert client.post("/session/").status_code == 403


def test_stay_signed_in_after_the_limit_does_not_bring_the_session_back(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, settings.REALISE_SESSION_IDLE_SECONDS + 1)
    assert client.post("/session/").json()["signed_in"] is False
    assert _signed_out_to_sign_in(client.get(PAGE))


def test_api_token_requests_are_not_sessions_and_never_time_out(world):
    client = _signed_in(world)
    _move_back(client, ACTIVE, 600)
    before = client.session[ACTIVE]
    response = client.get("/api/orgs/dorset/projects", **world.headers("viewer"))
    assert response.status_code == 200
    assert client.session[ACTIVE] == before  # not counted as the browser session's activity
    fresh = Client().get("/api/orgs/dorset/projects", **world.headers("viewer"))
    assert fresh.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in fresh.cookies  # no session made for a token


def test_a_signed_in_page_tells_its_script_the_limits(world):
    html = _signed_in(world).get(PAGE).content.decode()
    body = re.search(r"<body[^>]*>", html).group(0)
    assert 'data-session-idle-seconds="1800"' in body
    assert 'data-session-warning-seconds="120"' in body
    assert 'data-session-url="/session/"' in body
    assert 'data-sign-in-url="/sign-in/"' in body
    assert 'data-sign-out-url="/sign-out/"' in body
    assert 'src="/static/realise/session-timeout.js"' in html
    assert 'role="alertdialog"' in html
    assert "Stay signed in" in html


def test_the_sign_in_page_has_no_timeout_script(world):
    html = Client().get("/sign-in/").content.decode()
    assert "data-session-idle-seconds" not in html
    assert "session-timeout.js" not in html

"""Sign-in throttling, production settings that pass ``check --deploy``, CSRF on forms."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from realise.accounts import throttle
from realise.accounts.models import SignInFailure

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-passphrase-9"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(username="jo", password=PASSWORD)


def sign_in(client, password, username="jo"):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_the_right_password_is_refused_after_too_many_failures(client, person, settings):
    settings.REALISE_SIGNIN_MAX_FAILURES = 3
    for _ in range(3):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 200
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # the lock-out also applies outside the sign-in page (the admin's), from the same address
    person.is_staff = True
    person.save()
    admin = client.post("/admin/login/", {"username": "jo", "password": PASSWORD})
    assert admin.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_the_failures(client, person, settings):
    settings.REALISE_SIGNIN_MAX_FAILURES = 3
    for _ in range(2):
        sign_in(client, "wrong")
    assert throttle.failures("jo") == 2
    assert sign_in(client, PASSWORD).status_code == 302
    assert throttle.failures("jo") == 0
    for _ in range(2):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 302  # 2 more, still under 3


def test_the_lock_out_ends_when_its_window_passes(person, settings):
    settings.REALISE_SIGNIN_MAX_FAILURES = 2
    for _ in range(2):
        throttle.record_failure("jo")
    assert throttle.is_locked("jo")
    # the window passes: the failures are older than the lock-out
    SignInFailure.objects.update(at=timezone.now() - timedelta(seconds=15 * 60 + 1))
    assert not throttle.is_locked("jo")
    assert Client().login(username="jo", password=PASSWORD)


def test_the_old_accounts_sign_in_address_redirects_to_the_one_sign_in_page(client):
    response = client.get("/accounts/sign-in/?next=/o/dorset/")
    assert (response.status_code, response["Location"]) == (301, "/sign-in/?next=/o/dorset/")
    assert client.get("/accounts/sign-out/")["Location"] == "/sign-out/"


def test_failures_are_kept_in_the_database_by_hashed_name(person):
    """Every server process sees the same count, and the name itself is not stored."""
    throttle.record_failure("Jo ")
    throttle.record_failure("jo")
    assert SignInFailure.objects.count() == 2
    assert not SignInFailure.objects.filter(name_hash__icontains="jo").exists()
    assert throttle.failures("JO") == 2


def test_old_failures_are_forgotten_when_a_new_one_is_counted(person):
    throttle.record_failure("jo")
    SignInFailure.objects.update(at=timezone.now() - timedelta(days=1))
    throttle.record_failure("jo")
    assert SignInFailure.objects.count() == 1


def test_forms_need_a_csrf_token(person):
    strict = Client(enforce_csrf_checks=True)
    assert sign_in(strict, PASSWORD).status_code == 403
    strict.force_login(person)
    assert strict.post("/tokens/", {"name": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("validator_fails_on", "password"),
    [("too short", "Ab1!"), ("too common", "password123"), ("entirely numeric", "83749201657")],
)
def test_django_password_validators_are_on(validator_fails_on, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert validator_fails_on in " ".join(caught.value.messages)


def _deploy_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SECRET_KEY")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "realise.config.settings.production",
        "PYTHONPATH": str(ROOT / "src"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings(tmp_path):
    result = _deploy_check(
        DJANGO_SECRET_KEY="x" * 20 + "-a-long-random-production-secret-for-the-test-" + "y" * 20,
        ALLOWED_HOSTS="realise.example.gov.uk",
        REALISE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _deploy_check(ALLOWED_HOSTS="realise.example.gov.uk", REALISE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split(None, 1)[1] for part in header.split("; ")}


def test_every_page_forbids_inline_script_and_anything_from_elsewhere(client):
    policy = _policy(client.get("/sign-in/"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    page = client.get("/sign-in/").content.decode()
    assert "<script>" not in page  # every script is a file from Realise's own origin


def test_an_html_report_may_style_itself_but_run_and_fetch_nothing(client, demo_council, db):
    client.login(username="board@dorset.example", password="realise-demo-2023")
    response = client.get("/o/dorset/reports/annual/2022-23.html")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'unsafe-inline'"
    assert "script-src" not in policy  # so default-src 'none' forbids every script

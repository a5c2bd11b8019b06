"""Thirty wrong passwords at the same moment on PostgreSQL: at most the limit of them are ever
checked, whatever the concurrency (each attempt reserves its place before the password is
checked). Each attempt is a thread with its own database connection, as separate server
processes would be."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.test import RequestFactory

from realise.accounts import throttle
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

ATTEMPTS = 30
ADDRESS = "203.0.113.9"


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The user names whose password was checked, one entry per check. Each check is slowed a
    little, as a real password hash is, so the attempts overlap."""
    user_model = get_user_model()
    original = user_model.check_password
    seen: list[str] = []
    lock = threading.Lock()

    def counted(user, raw_password):
        with lock:
            seen.append(user.username)
        time.sleep(0.05)
        return original(user, raw_password)

    monkeypatch.setattr(user_model, "check_password", counted)
    return seen


def _attempt(username: str, in_transaction: bool = False):
    request = RequestFactory().post("/sign-in/", REMOTE_ADDR=ADDRESS)

    def attempt():
        if not in_transaction:
            return authenticate(request, username=username, password="wrong")
        with transaction.atomic():  # as with ATOMIC_REQUESTS: the rows commit only at the end
            return authenticate(request, username=username, password="wrong")

    return attempt


@pytest.mark.parametrize("in_transaction", [False, True], ids=["autocommit", "in-transaction"])
def test_thirty_wrong_passwords_at_once_check_at_most_five(
    django_user_model, checked, in_transaction
):
    django_user_model.objects.create_user(username="sam", password="a-long-passphrase-9")
    done, raised = at_once([_attempt("sam", in_transaction) for _ in range(ATTEMPTS)])
    assert raised == []
    assert done == [None] * ATTEMPTS
    assert 1 <= len(checked) <= throttle.max_failures()
    assert throttle.failures("sam", ADDRESS) == len(checked)


def test_thirty_names_at_once_from_one_address_check_at_most_its_limit(
    django_user_model, checked, settings
):
    settings.REALISE_SIGNIN_MAX_FAILURES_PER_IP = 7
    names = [f"person{n}" for n in range(ATTEMPTS)]
    for name in names:
        django_user_model.objects.create_user(username=name, password="a-long-passphrase-9")
    done, raised = at_once([_attempt(name) for name in names])
    assert raised == []
    assert done == [None] * ATTEMPTS
    assert 1 <= len(checked) <= 7

"""Sign-in throttling by user name *and* address: a stranger's failures from elsewhere do not lock
the real user out; one address is locked after many failures across names; a name is locked
everywhere only after many failures from many addresses; X-Forwarded-For counts only behind a
proxy; failure rows hold neither the name nor the address in clear (ADR 0007, amended)."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from realise.accounts import throttle
from realise.accounts.models import SignInFailure

pytestmark = pytest.mark.db

PASSWORD = "a-long-passphrase-9"
STRANGER = "203.0.113.9"
HOME = "198.51.100.7"
PROXY = "10.0.0.1"
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture(autouse=True)
def jo(django_user_model):
    return django_user_model.objects.create_user(username="jo", password=PASSWORD)


def _sign_in(address: str, password: str = "wrong", username: str = "jo", **headers):
    return Client(REMOTE_ADDR=address).post(
        "/sign-in/", {"username": username, "password": password}, **headers
    )


def _signed_in(response) -> bool:
    return response.status_code == 302


def test_the_limits_are_five_per_name_and_address_fifty_per_address_a_hundred_per_name():
    assert (throttle.max_failures(), throttle.max_failures_per_address()) == (5, 50)
    assert throttle.max_failures_per_name() == 100


def test_a_strangers_failures_from_elsewhere_do_not_lock_the_real_user_out():
    for _ in range(20):  # the stranger goes on after being locked out
        assert not _signed_in(_sign_in(STRANGER))
    refused = _sign_in(STRANGER, PASSWORD)
    assert not _signed_in(refused)
    assert LOCKED in refused.content.decode()
    assert throttle.failures("jo") == 5  # refused attempts are not counted
    assert _signed_in(_sign_in(HOME, PASSWORD))
    # Jo's success clears Jo's own failures only: the stranger stays locked out.
    assert not _signed_in(_sign_in(STRANGER, PASSWORD))


def test_the_admin_sign_in_is_throttled_the_same_way(jo):
    jo.is_staff = True
    jo.save()
    for _ in range(5):
        _sign_in(STRANGER)
    admin = Client(REMOTE_ADDR=STRANGER).post(
        "/admin/login/", {"username": "jo", "password": PASSWORD, "next": "/admin/"}
    )
    assert "_auth_user_id" not in admin.client.session
    assert throttle.failures("jo") == 5


def test_one_address_is_locked_after_many_failures_across_names(settings):
    settings.REALISE_SIGNIN_MAX_FAILURES_PER_IP = 6
    for n in range(6):
        assert not _signed_in(_sign_in(STRANGER, username=f"guess{n}"))
    refused = _sign_in(STRANGER, PASSWORD)
    assert LOCKED in refused.content.decode()
    assert _signed_in(_sign_in(HOME, PASSWORD))


def test_a_name_is_locked_everywhere_only_after_many_failures_from_many_addresses(settings):
    settings.REALISE_SIGNIN_MAX_FAILURES_PER_NAME = 8
    for n in range(6):
        _sign_in(f"203.0.113.{n + 10}")
    assert _signed_in(_sign_in(HOME, PASSWORD))  # six failures elsewhere: Jo still signs in
    for n in range(2):
        _sign_in(f"203.0.113.{n + 20}")
    refused = _sign_in(HOME, PASSWORD)
    assert LOCKED in refused.content.decode()


def test_x_forwarded_for_is_ignored_unless_behind_a_proxy(settings):
    settings.REALISE_BEHIND_PROXY = False
    for n in range(5):
        _sign_in(STRANGER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    refused = _sign_in(STRANGER, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert LOCKED in refused.content.decode()


def test_behind_a_proxy_the_address_the_proxy_adds_is_counted(settings):
    settings.REALISE_BEHIND_PROXY = True
    for n in range(5):  # the stranger varies what they send; the proxy adds their real address
        _sign_in(PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {STRANGER}")
    refused = _sign_in(PROXY, PASSWORD, HTTP_X_FORWARDED_FOR=f"{HOME}, {STRANGER}")
    assert LOCKED in refused.content.decode()
    assert _signed_in(_sign_in(PROXY, PASSWORD, HTTP_X_FORWARDED_FOR=HOME))


def test_ipv6_addresses_in_one_64_block_count_as_one_address():
    for n in range(5):
        _sign_in(f"2001:db8::{n + 1}")
    assert LOCKED in _sign_in("2001:db8::ff", PASSWORD).content.decode()
    assert _signed_in(_sign_in("2001:db8:0:1::1", PASSWORD))


def test_failure_rows_hold_neither_the_name_nor_the_address_in_clear():
    _sign_in(STRANGER, username="Jo ")
    row = SignInFailure.objects.get()
    for clear in ("jo", STRANGER):
        plain = hashlib.sha256(clear.encode()).hexdigest()
        assert clear not in (row.name_hash + row.ip_hash)
        assert plain not in (row.name_hash, row.ip_hash)  # keyed: not guessable from the name
    assert throttle.failures("JO", STRANGER) == 1

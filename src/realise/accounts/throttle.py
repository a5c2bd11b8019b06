"""Sign-in throttling, counted by user name *and* address (ADR 0007, amended 2026-12-05).

Within ``REALISE_SIGNIN_LOCKOUT_SECONDS`` (15 minutes), a sign-in is refused, even with the right
password, once there have been

- ``REALISE_SIGNIN_MAX_FAILURES`` (5) failures for this user name from this address,
- ``REALISE_SIGNIN_MAX_FAILURES_PER_IP`` (50) failures from this address, whatever the names, or
- ``REALISE_SIGNIN_MAX_FAILURES_PER_NAME`` (100) failures for this name, whatever the addresses.

So a stranger who knows a name locks out only themselves; the real person, signing in from their
usual address, is locked out only by a guessing attack spread over many addresses. The address is
``realise.accounts.addresses.client_address``. A successful sign-in clears the failures of its name
and address; a refused attempt is not counted (the password was not checked).

Each attempt first *reserves* its place: it inserts its failure row and counts, while holding a
lock on its name and its address, and only then is the password checked. However many attempts
arrive at once, no more passwords are checked than the limits allow; a successful check removes
its row again. Rows hold keyed hashes (HMAC with the secret key) of the name and the address, never
the name or address, and are not backed up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac

from realise.accounts.addresses import UNKNOWN, client_address
from realise.core.rows import row

DEFAULT_MAX_FAILURES = 5
DEFAULT_MAX_FAILURES_PER_IP = 50
DEFAULT_MAX_FAILURES_PER_NAME = 100
DEFAULT_LOCKOUT_SECONDS = 15 * 60


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_failures() -> int:
    """Failures allowed for one user name from one address."""
    return _setting("REALISE_SIGNIN_MAX_FAILURES", DEFAULT_MAX_FAILURES)


def max_failures_per_address() -> int:
    return _setting("REALISE_SIGNIN_MAX_FAILURES_PER_IP", DEFAULT_MAX_FAILURES_PER_IP)


def max_failures_per_name() -> int:
    return _setting("REALISE_SIGNIN_MAX_FAILURES_PER_NAME", DEFAULT_MAX_FAILURES_PER_NAME)


def lockout_seconds() -> int:
    return _setting("REALISE_SIGNIN_LOCKOUT_SECONDS", DEFAULT_LOCKOUT_SECONDS)


def _keyed(kind: str, text: str) -> str:
    """A keyed hash: a plain hash of an IPv4 address could be reversed by trying them all."""
    return salted_hmac(f"realise.signin.{kind}", text, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt as the throttle sees it: hashes of the name and the address."""

    name_hash: str
    ip_hash: str

    @classmethod
    def of(cls, username: str | None, address: str = UNKNOWN) -> Attempt:
        return cls(
            name_hash=_keyed("name", (username or "").strip().lower()),
            ip_hash=_keyed("address", address),
        )

    def limit_reached(self, counts: dict[str, int], *, counted_itself: bool = False) -> bool:
        """Whether ``counts`` (from ``_counts``) reach a limit; ``counted_itself`` when they
        include this attempt's own reserved row."""
        extra = 1 if counted_itself else 0
        limits = {
            "pair": max_failures(),
            "address": max_failures_per_address(),
            "name": max_failures_per_name(),
        }
        return any(counts[key] >= limit + extra for key, limit in limits.items())


def _window_start() -> Any:
    return timezone.now() - timedelta(seconds=lockout_seconds())


def _failures() -> Any:
    from realise.accounts.models import SignInFailure

    return SignInFailure.objects


def _counts(attempt: Attempt) -> dict[str, int]:
    """This window's failures for the attempt's name and address, its name, its address (one
    query, so one snapshot)."""
    same_name, same_address = Q(name_hash=attempt.name_hash), Q(ip_hash=attempt.ip_hash)
    return (
        _failures()
        .filter(same_name | same_address, at__gt=_window_start())
        .aggregate(
            pair=Count("pk", filter=same_name & same_address),
            name=Count("pk", filter=same_name),
            address=Count("pk", filter=same_address),
        )
    )


def failures(username: str | None, address: str | None = None) -> int:
    """Failed sign-ins for this user name within the window: from ``address`` if given, else from
    anywhere."""
    attempt = Attempt.of(username, address or UNKNOWN)
    counts = _counts(attempt)
    return counts["name"] if address is None else counts["pair"]


def is_locked(username: str | None, address: str = UNKNOWN) -> bool:
    """Whether a sign-in for ``username`` from ``address`` would be refused now."""
    attempt = Attempt.of(username, address)
    return attempt.limit_reached(_counts(attempt))


def _serialise(attempt: Attempt) -> None:
    """Hold attempts for the same name or the same address back until this transaction ends
    (PostgreSQL advisory locks, taken in a fixed order; SQLite lets one writer in at a time)."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({int(attempt.name_hash[:15], 16), int(attempt.ip_hash[:15], 16)})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _insert(attempt: Attempt) -> Any:
    """A failure row for ``attempt``, after forgetting its name's and address's rows that no
    longer count."""
    stale = _failures().filter(at__lte=_window_start())
    stale.filter(Q(name_hash=attempt.name_hash) | Q(ip_hash=attempt.ip_hash)).delete()
    return _failures().create(
        name_hash=attempt.name_hash, ip_hash=attempt.ip_hash, at=timezone.now()
    )


def reserve(username: str | None, address: str = UNKNOWN) -> int | None:
    """Count an attempt as a failure *before* its password is checked: the id of its failure
    row, or None (and nothing counted) when a limit is reached. See the module's notes."""
    attempt = Attempt.of(username, address)
    with transaction.atomic():
        _serialise(attempt)
        failure = _insert(attempt)
        if attempt.limit_reached(_counts(attempt), counted_itself=True):
            failure.delete()
            return None
    return failure.pk


def record_failure(username: str | None, address: str = UNKNOWN) -> None:
    """Count one failure (for tests and tools: a sign-in reserves its own)."""
    _insert(Attempt.of(username, address))


def release(failure_id: int) -> None:
    """The password was right: the reserved attempt is no failure."""
    _failures().filter(pk=failure_id).delete()


def reset(username: str | None, address: str = UNKNOWN) -> None:
    """Forget the failures of this name from this address (after a successful sign-in)."""
    attempt = Attempt.of(username, address)
    _failures().filter(name_hash=attempt.name_hash, ip_hash=attempt.ip_hash).delete()


LOCKED_MESSAGE = "Too many failed sign-in attempts. Wait {minutes} minutes, then try again."


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=max(1, lockout_seconds() // 60))


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, which reserves each attempt (``reserve``) before checking the
    password and refuses it when a limit is reached. Every sign-in form passes the request (the
    web sign-in and the admin's), so both are counted by address too."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kw: Any
    ) -> Any:
        if username is None:
            username = kw.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        reserved = reserve(username, client_address(request))
        if reserved is None:
            raise PermissionDenied(locked_message())
        user = super().authenticate(request, username=username, password=password, **kw)
        if user is not None:
            release(reserved)
        return user

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user of each request, looked up without building an ORM query
        (``realise.core.rows``; ADR 0011)."""
        user = row(get_user_model(), pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@receiver(user_logged_in)
def _clear_failures(sender: Any, user: Any, request: Any = None, **kwargs: Any) -> None:
    reset(user.get_username(), client_address(request))

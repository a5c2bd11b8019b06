"""Sign-in throttling: after ``REALISE_SIGNIN_MAX_FAILURES`` failed sign-ins for one user name
within ``REALISE_SIGNIN_LOCKOUT_SECONDS``, further attempts are refused (even with the right
password) until the window passes; a successful sign-in clears the count.

The count lives in Django's cache, keyed by the user name (lower case), so it works for every
sign-in form, the admin included. Production should use a cache shared by all processes.
See docs/adr/0007-sign-in-throttling.md.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from realise.core.rows import row

DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT_SECONDS = 15 * 60


def max_failures() -> int:
    return int(getattr(settings, "REALISE_SIGNIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))


def lockout_seconds() -> int:
    return int(getattr(settings, "REALISE_SIGNIN_LOCKOUT_SECONDS", DEFAULT_LOCKOUT_SECONDS))


def _key(username: str | None) -> str:
    digest = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()
    return f"realise:signin-failures:{digest}"


def failures(username: str | None) -> int:
    return int(cache.get(_key(username), 0))


def is_locked(username: str | None) -> bool:
    return failures(username) >= max_failures()


def record_failure(username: str | None) -> None:
    key = _key(username)
    cache.add(key, 0, lockout_seconds())
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, lockout_seconds())


def reset(username: str | None) -> None:
    cache.delete(_key(username))


LOCKED_MESSAGE = (
    "Too many failed sign-in attempts for this user name. Wait {minutes} minutes, then try again."
)


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=max(1, lockout_seconds() // 60))


class ThrottledModelBackend(ModelBackend):
    """Django's model backend that refuses a locked user name before checking the password."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kw: Any
    ) -> Any:
        if username is None:
            username = kw.get("username")
        if is_locked(username):
            raise PermissionDenied(locked_message())
        return super().authenticate(request, username=username, password=password, **kw)

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user of each request, looked up without building an ORM query
        (``realise.core.rows``; ADR 0011)."""
        user = row(get_user_model(), pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@receiver(user_login_failed)
def _count_failure(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    record_failure(credentials.get("username"))


@receiver(user_logged_in)
def _clear_failures(sender: Any, user: Any, **kwargs: Any) -> None:
    reset(user.get_username())

"""Sign-in throttling: after ``REALISE_SIGNIN_MAX_FAILURES`` failed sign-ins for one user name
within ``REALISE_SIGNIN_LOCKOUT_SECONDS``, further attempts are refused (even with the right
password) until the window passes; a successful sign-in clears the count.

Failures are rows in the database (``SignInFailure``), keyed by a hash of the user name (lower
case), so every process of the server counts them and it works for every sign-in form, the admin
included. See docs/adr/0007-sign-in-throttling.md.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils import timezone

from realise.core.rows import row

DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT_SECONDS = 15 * 60


def max_failures() -> int:
    return int(getattr(settings, "REALISE_SIGNIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))


def lockout_seconds() -> int:
    return int(getattr(settings, "REALISE_SIGNIN_LOCKOUT_SECONDS", DEFAULT_LOCKOUT_SECONDS))


def _name_hash(username: str | None) -> str:
    return hashlib.sha256((username or "").strip().lower().encode()).hexdigest()


def _window_start() -> Any:
    return timezone.now() - timedelta(seconds=lockout_seconds())


def failures(username: str | None) -> int:
    """Failed sign-ins for this user name within the lockout window."""
    from realise.accounts.models import SignInFailure

    return SignInFailure.objects.filter(
        name_hash=_name_hash(username), at__gt=_window_start()
    ).count()


def is_locked(username: str | None) -> bool:
    return failures(username) >= max_failures()


def record_failure(username: str | None) -> None:
    """Count one failure (an insert, so concurrent failures are all counted) and forget this
    name's failures that no longer count."""
    from realise.accounts.models import SignInFailure

    name_hash = _name_hash(username)
    SignInFailure.objects.filter(name_hash=name_hash, at__lte=_window_start()).delete()
    SignInFailure.objects.create(name_hash=name_hash, at=timezone.now())


def reset(username: str | None) -> None:
    from realise.accounts.models import SignInFailure

    SignInFailure.objects.filter(name_hash=_name_hash(username)).delete()


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

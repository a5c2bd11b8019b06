"""How long a signed-in browser session lasts (ADR 0019).

A session ends when it has not been used for ``REALISE_SESSION_IDLE_SECONDS`` (30 minutes by
default) or when it is ``REALISE_SESSION_MAX_SECONDS`` old (12 hours), whichever comes first. The
server enforces both: ``session_limits_middleware`` signs an ended session out before the view
runs, so the request is answered as for anyone signed out (a page redirects to the sign-in page,
which says why; the API answers 401).

Two timestamps in the session (seconds since the epoch) keep the clocks: when the person signed in
and when they last used Realise. Activity is written at most once a minute (``_granularity``),
not on every request, so a busy page costs no extra database write.

A page tells its script the limits (``session_context``: data attributes on ``<body>``); the
script (``web/assets/session-timeout.js``) asks ``/session/`` how long is left before warning,
without that question counting as activity, and "Stay signed in" posts to the same address.
Requests with an ``Authorization`` header (API tokens) are not sessions: none of this applies.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

STARTED = "realise_signed_in_at"
ACTIVE = "realise_active_at"


def idle_seconds() -> int:
    return int(settings.REALISE_SESSION_IDLE_SECONDS)


def max_seconds() -> int:
    return int(settings.REALISE_SESSION_MAX_SECONDS)


def warning_seconds() -> int:
    """How long before the idle limit the page warns: two minutes, or half a short limit."""
    return min(int(settings.REALISE_SESSION_WARNING_SECONDS), idle_seconds() // 2)


def _granularity() -> float:
    """Activity younger than this is not written again: a minute, less for a short limit."""
    return min(60.0, idle_seconds() / 10)


def in_words(seconds: int) -> str:
    """12 hours, 30 minutes, 1 minute, 20 seconds."""
    for size, unit in ((3600, "hour"), (60, "minute"), (1, "second")):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


@receiver(user_logged_in)
def _start_clocks(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """A sign-in starts both clocks afresh (the session keeps its data when the same person signs
    in again, and must not keep an old start)."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[STARTED] = now
        request.session[ACTIVE] = now


def _is_session_request(request: HttpRequest) -> bool:
    """A browser's signed-in session: not an API token's request, and (checked last, since it
    reads the session) someone signed in."""
    return (
        "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and SESSION_KEY in request.session
    )


def _ended_because(session: Any, now: float) -> str | None:
    started, active = session.get(STARTED), session.get(ACTIVE)
    if started is None or active is None:
        return None
    if now - started >= max_seconds():
        return (
            f"You were signed out because you had been signed in for {in_words(max_seconds())}, "
            "the longest Realise keeps anyone signed in. Sign in again to carry on."
        )
    if now - active >= idle_seconds():
        return (
            f"You were signed out because you had not used Realise for "
            f"{in_words(idle_seconds())}. Sign in again to carry on."
        )
    return None


def record_activity(request: HttpRequest, *, now: float, force: bool = False) -> None:
    session = request.session
    if STARTED not in session or ACTIVE not in session:  # signed in before the limits existed
        session[STARTED] = session[ACTIVE] = now
    elif force or now - session[ACTIVE] >= _granularity():
        session[ACTIVE] = now


def session_limits_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    """Sign out a session that has ended (before the view, with a message saying why); record
    the activity of one that has not, unless the view asked not to (``passive``)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not _is_session_request(request):
            return get_response(request)
        reason = _ended_because(request.session, time.time())
        if reason is not None:
            logout(request)
            messages.info(request, reason, fail_silently=True)
            return get_response(request)
        response = get_response(request)
        if SESSION_KEY in request.session and not getattr(request, "_realise_passive", False):
            record_activity(request, now=time.time())
        return response

    return middleware


def seconds_left(request: HttpRequest) -> int:
    """Whole seconds until the session ends (rounded up), or 0 when it is not signed in."""
    session = request.session
    if SESSION_KEY not in session or ACTIVE not in session:
        return 0
    now = time.time()
    left = min(session[ACTIVE] + idle_seconds(), session[STARTED] + max_seconds()) - now
    return max(0, math.ceil(left))


@require_http_methods(["GET", "POST"])
def session_status(request: HttpRequest) -> JsonResponse:
    """GET: how long the session has left, without counting as activity (the page's script asks
    before warning, so that use in another tab is not missed). POST: "Stay signed in"."""
    signed_in = request.user.is_authenticated and _is_session_request(request)
    if request.method == "GET":
        request._realise_passive = True  # type: ignore[attr-defined]
    elif signed_in:
        record_activity(request, now=time.time(), force=True)
    left = seconds_left(request) if signed_in else 0
    return JsonResponse(
        {"signed_in": bool(left), "seconds_left": left, "warning_seconds": warning_seconds()}
    )


def session_context(request: HttpRequest) -> dict[str, Any]:
    """For templates: the limits the page's script needs, for a signed-in browser session only."""
    user = getattr(request, "user", None)
    if "HTTP_AUTHORIZATION" in request.META or user is None or not user.is_authenticated:
        return {}
    return {
        "session_limits": {
            "idle_seconds": idle_seconds(),
            "warning_seconds": warning_seconds(),
            "url": reverse("web:session"),
            "sign_in_url": reverse("web:sign_in"),
            "sign_out_url": reverse("web:sign_out"),
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
        }
    }

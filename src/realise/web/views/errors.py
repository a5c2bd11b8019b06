"""Realise's page when a form's CSRF check fails (``CSRF_FAILURE_VIEW``), instead of Django's
unbranded one. It happens to people, not only to attackers: a page left open while they signed
out and in again in another tab carries a token that no longer matches."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MESSAGE = (
    "Your form could not be sent. This can happen when the page was open for a long time or you "
    "signed out in another tab. Go back, reload the page and try again."
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 with the page in plain words; under /api/, the API's JSON error with the same words.
    Django's ``reason`` is for developers and is not shown."""
    if request.path.startswith("/api/"):
        from realise.config.problems import problem_response

        return problem_response(request, 403, MESSAGE, kind="csrf")
    return render(request, "web/csrf_failure.html", status=403)

"""Every error the JSON API answers, in one shape: RFC 9457 problem details, served as
``application/problem+json`` (ADR 0017).

The members are ``type`` (which problem, see ``TYPES``), ``title`` (the same for every problem of
that type), ``status``, ``detail`` (what went wrong this time, in plain words), ``instance`` (the
address asked for), and Realise's extensions: ``errors`` (each ``{field, message}``), ``field``
(the first error's field, or null) and ``message`` (the same as ``detail``; deprecated, kept for
one release). A 409 adds ``current_version``, ``changes`` and ``your_changes``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpRequest, JsonResponse
from django.utils.encoding import escape_uri_path

MEDIA_TYPE = "application/problem+json"
# Problem types are identifiers, not links: ".example" names never resolve and are nobody's.
TYPE_BASE = "https://realise.example/problems/"


@dataclass(frozen=True)
class ProblemType:
    name: str
    status: int
    title: str

    @property
    def uri(self) -> str:
        return TYPE_BASE + self.name


_TYPES = [
    ProblemType("bad-request", 400, "The request could not be read"),
    ProblemType("unauthenticated", 401, "Not signed in"),
    ProblemType("forbidden", 403, "Not allowed"),
    ProblemType("csrf", 403, "CSRF token missing or wrong"),
    ProblemType("not-found", 404, "Not found"),
    ProblemType("method-not-allowed", 405, "Method not allowed"),
    ProblemType("stale-edit", 409, "Changed since you read it"),
    ProblemType("too-large", 413, "Request too large"),
    ProblemType("unsupported-media-type", 415, "Body is not JSON"),
    ProblemType("validation", 422, "A value is not valid"),
    ProblemType("too-many-requests", 429, "Too many requests"),
    ProblemType("server-error", 500, "Something went wrong on the server"),
]
TYPES = {kind.name: kind for kind in _TYPES}
# The type a status has when nothing more particular is known (csrf is always named).
_BY_STATUS = {kind.status: kind for kind in reversed(_TYPES)}

SERVER_ERROR = (
    "Something went wrong on the server. It has been logged; try again, and tell your Realise "
    "administrator if it keeps happening."
)

Errors = list[dict[str, str | None]]
_request_log = logging.getLogger("django.request")


def problem_type(status: int, name: str | None = None) -> ProblemType:
    """The named type, or the one for this status; ``about:blank`` with the status's phrase for
    a status Realise has no type for (RFC 9457, 4.2.1)."""
    if name is not None:
        return TYPES[name]
    return _BY_STATUS.get(status) or ProblemType("", status, HTTPStatus(status).phrase)


def problem_body(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    errors: Errors | None = None,
) -> dict[str, Any]:
    found = problem_type(status, kind)
    errors = errors or [{"field": None, "message": detail}]
    return {
        "type": found.uri if found.name else "about:blank",
        "title": found.title,
        "status": status,
        "detail": detail,
        "instance": escape_uri_path(request.path),
        "field": errors[0]["field"],
        "errors": errors,
        "message": detail,  # deprecated alias of detail (ADR 0017)
    }


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    errors: Errors | None = None,
    extra: dict[str, Any] | None = None,
) -> JsonResponse:
    body = problem_body(request, status, detail, kind=kind, errors=errors)
    body.update(extra or {})
    return JsonResponse(body, status=status, content_type=MEDIA_TYPE)


def server_error(request: HttpRequest, exc: BaseException) -> JsonResponse:
    """A fault nothing else handled: logged with its traceback as Django logs a 500 (so the
    error mail and any error tracker see it), answered with a problem that says nothing of it."""
    got_request_exception.send(sender=None, request=request)
    _request_log.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": request},
    )
    response = problem_response(request, 500, SERVER_ERROR)
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response

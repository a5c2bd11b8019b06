"""How each exception raised while the API answers becomes a problem (realise/config/problems.py):
validation (422), sign-in (401) and CSRF (403), roles (403), missing records (404), stale edits
(409), bodies too large (413) or unreadable (400, or 415 when they are not JSON at all), and any
other fault (500, logged with its traceback, its details never shown)."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from realise.accounts.api_auth import CsrfRefused, challenge
from realise.config.problems import problem_response, server_error
from realise.core.concurrency import StaleEdit

# Where Django Ninja says a value came from; the field named in an error leaves it out.
_LOCATIONS = {"body", "payload", "query", "path", "header", "cookie", "form", "file"}

CSRF_REFUSED = (
    "A write made with a web session needs its CSRF token: send the csrftoken cookie's value "
    "in the X-CSRFToken header, or use an API token instead; nothing was saved"
)


def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return problem_response(request, 422, errors[0]["message"] or "Invalid", errors=errors)


def _not_taken(field: str) -> str:
    return (
        f'This request does not take "{field}" (it is not one of its fields, or it cannot be '
        "set here): remove it; see /api/docs for the fields it takes. Nothing was saved"
    )


def _schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ())]
        while where and where[0] in _LOCATIONS:  # "query.limit" is the parameter "limit"
            where.pop(0)
        field = ".".join(where) or None
        if error.get("type") == "extra_forbidden" and field:
            errors.append({"field": field, "message": _not_taken(field)})
            continue
        errors.append({"field": field, "message": str(error.get("msg", ""))})
    first = errors[0] if errors else {"field": None, "message": "Invalid request"}
    detail = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return problem_response(request, 422, detail or "Invalid request", errors=errors or None)


def _unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
    detail = (
        "A value cannot be stored: check for characters such as NUL, or numbers that are too large"
    )
    return problem_response(request, 422, detail)


def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    header, detail = challenge(request)
    response = problem_response(request, 401, detail)
    response["WWW-Authenticate"] = header
    return response


def _csrf_refused(request: HttpRequest, exc: CsrfRefused) -> HttpResponse:
    return problem_response(request, 403, CSRF_REFUSED, kind="csrf")


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(request, 404, str(exc) or "Not found")


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403, str(exc) or "You may not do this")


def _unreadable_json(request: HttpRequest, cause: ValueError) -> HttpResponse:
    """The body Django Ninja could not parse: 415 when it was not even sent as JSON."""
    sent = request.content_type or "none"
    if sent != "application/json" and not sent.endswith("+json"):
        detail = (
            f"Send the body as JSON with Content-Type: application/json (this request's "
            f"Content-Type was {sent}); nothing was saved"
        )
        return problem_response(request, 415, detail)
    if isinstance(cause, json.JSONDecodeError):
        where = f"{cause.msg}, at line {cause.lineno} column {cause.colno}"
        detail = f"The body is not valid JSON ({where}); nothing was saved"
    elif isinstance(cause, UnicodeDecodeError):
        detail = f"The body is not UTF-8 text (byte {cause.start} is not); nothing was saved"
    else:
        detail = "The body could not be read as JSON; nothing was saved"
    return problem_response(request, 400, detail)


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        return _unreadable_json(request, exc.__cause__)
    return problem_response(request, exc.status_code, str(exc))


def _stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    changes = [
        {
            "field": c.field,
            "before": None if c.before is None else str(c.before),
            "after": None if c.after is None else str(c.after),
            "by": c.by,
            "at": c.at.isoformat(),
        }
        for c in exc.changes
    ]
    extra = {
        "current_version": exc.current_version,
        "changes": changes,
        "your_changes": {k: None if v is None else str(v) for k, v in exc.attempted.items()},
    }
    return problem_response(request, 409, exc.message, extra=extra)


def _logged(request: HttpRequest, exc: Exception, response: HttpResponse) -> HttpResponse:
    """Log a suspicious request as Django does (django.security.<name>), and only once."""
    logging.getLogger(f"django.security.{type(exc).__name__}").error(
        str(exc), extra={"status_code": response.status_code, "request": request}
    )
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def upload_limit() -> str:
    """Django's limit on a request body, in words ("2.5 MB")."""
    return f"{(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / 1024 / 1024:g} MB"


def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    detail = (
        f"The request body is larger than Realise accepts ({upload_limit()}): "
        "send less at a time; nothing was saved"
    )
    return _logged(request, exc, problem_response(request, 413, detail))


def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    detail = "The request could not be read; nothing was saved"
    return _logged(request, exc, problem_response(request, 400, detail))


def _unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = "The request body could not be read (a broken form or upload); nothing was saved"
    return problem_response(request, 400, detail)


HANDLERS: dict[type[Exception], Any] = {
    DjangoValidationError: _invalid,
    SchemaValidationError: _schema_invalid,
    DataError: _unstorable,
    AuthenticationError: _unauthenticated,
    CsrfRefused: _csrf_refused,
    Http404: _not_found,
    ObjectDoesNotExist: _not_found,
    PermissionDenied: _forbidden,
    HttpError: _http_error,
    StaleEdit: _stale,
    RequestDataTooBig: _too_large,
    SuspiciousOperation: _suspicious,
    MultiPartParserError: _unreadable,
    BadRequest: _unreadable,
    UnreadablePostError: _unreadable,
    Exception: server_error,
}


def install(api: NinjaAPI) -> None:
    """Answer every exception under /api/ with a problem (the most particular handler wins)."""
    for exc_class, handler in HANDLERS.items():
        api.add_exception_handler(exc_class, handler)

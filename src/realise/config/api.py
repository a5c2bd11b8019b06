"""The JSON API: one NinjaAPI, one router per app, mounted at /api/ (see docs/api.md).

Authentication: ``Authorization: Bearer <token>`` (personal tokens, realise/accounts/tokens.py)
or the web session (with CSRF on writes). Every error is JSON: ``{"message": ..., "field": ...,
"errors": [{"field": ..., "message": ...}]}``. The schema is at /api/openapi.json and the docs
at /api/docs, served from Realise's own static files (no CDN).
"""

import functools
import re
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import HttpBearer, SessionAuth

from realise.accounts.tokens import api_token_user
from realise.core.concurrency import StaleEdit


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rls_...``: a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user  # so the audit trail records who made the change
        return user


# What each error status means, in the words an integrator reads in the API docs.
ERROR_MEANINGS = {
    400: "The request body is not valid JSON: nothing was saved",
    401: "Not signed in, or the API token is wrong or revoked",
    403: "Your role in this organisation does not allow this",
    404: "No such organisation or record among yours (another council's data is never shown)",
    409: "Someone saved a change after you read the record: nothing was saved; "
    "changes lists theirs, current_version is the version to send again",
    422: "A value is not valid: field names the parameter or body field, message says what "
    "was expected; nothing was saved",
}


class RealiseApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    if int(status) in ERROR_MEANINGS:
                        response["description"] = ERROR_MEANINGS[int(status)]
        return schema


api = RealiseApi(
    title="Realise API",
    version="1",
    description=(
        "Realise's JSON API: a council's projects, decisions, savings, funding and risks. "
        "Sign in with a personal API token (Authorization: Bearer ...) or a web session. "
        "Lists answer {items, count} and page with limit and offset. Money is a string in "
        'pounds and pence, such as "1234.50"; dates are YYYY-MM-DD; financial years are '
        "written 2022/23. Every error is JSON with a message and the field it concerns."
    ),
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"persistAuthorization": False}),
    urls_namespace="api",
)


def error_body(message: str, errors: list[dict[str, str | None]] | None = None) -> dict[str, Any]:
    errors = errors or [{"field": None, "message": message}]
    return {"message": message, "field": errors[0]["field"], "errors": errors}


def _reply(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return _reply(request, 422, error_body(errors[0]["message"] or "Invalid", errors))


# Where Django Ninja says a value came from; the field named in an error leaves it out.
_LOCATIONS = {"body", "payload", "query", "path", "header", "cookie", "form", "file"}


@api.exception_handler(SchemaValidationError)
def _schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ())]
        while where and where[0] in _LOCATIONS:  # "query.limit" is the parameter "limit"
            where.pop(0)
        errors.append({"field": ".".join(where) or None, "message": str(error.get("msg", ""))})
    first = errors[0] if errors else {"field": None, "message": "Invalid request"}
    message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return _reply(request, 422, error_body(message, errors or None))


@api.exception_handler(DataError)
def _unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
    message = (
        "A value cannot be stored: check for characters such as NUL, or numbers that are too large"
    )
    return _reply(request, 422, error_body(message))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = "Sign in, or send a valid API token as Authorization: Bearer <token>"
    return _reply(request, 401, error_body(message))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _reply(request, 404, error_body(str(exc) or "Not found"))


@api.exception_handler(ObjectDoesNotExist)
def _missing(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return _reply(request, 404, error_body(str(exc) or "Not found"))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _reply(request, 403, error_body(str(exc) or "You may not do this"))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _reply(request, exc.status_code, error_body(str(exc)))


@api.exception_handler(StaleEdit)
def _stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    body = error_body(exc.message)
    body["current_version"] = exc.current_version
    body["changes"] = [
        {
            "field": c.field,
            "before": None if c.before is None else str(c.before),
            "after": None if c.after is None else str(c.after),
            "by": c.by,
            "at": c.at.isoformat(),
        }
        for c in exc.changes
    ]
    body["your_changes"] = {k: None if v is None else str(v) for k, v in exc.attempted.items()}
    return _reply(request, 409, body)


@functools.cache
def _query_parameters() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    """Each operation's address (as a pattern), method and the query parameters it takes."""
    found = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(path)) + "$")
        for method, operation in operations.items():
            names = {p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"}
            found.append((pattern, method.upper(), frozenset(names)))
    return found


def _unknown_parameter(request: HttpRequest) -> str | None:
    """The first query parameter the addressed operation does not take, if any."""
    if not request.GET:
        return None
    for pattern, method, names in _query_parameters():
        if method == request.method and pattern.match(request.path):
            return next((name for name in request.GET if name not in names), None)
    return None


def json_errors_middleware(get_response: Any) -> Any:
    """A query parameter an operation does not take is refused with 422 naming it (a misspelt
    filter would otherwise return the whole list as if filtered). An address under /api/ that
    names no endpoint (404) or a method an endpoint does not take (405) answers JSON like every
    other API error, not the web app's HTML page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            unknown = _unknown_parameter(request)
            if unknown is not None:
                message = f'This address does not take "{unknown}": see /api/docs for its filters'
                return JsonResponse(
                    error_body(message, [{"field": unknown, "message": message}]), status=422
                )
        response = get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            if response.status_code == 404:
                message = "No such address in the Realise API: see /api/docs for the endpoints"
            else:
                allowed = response.get("Allow", "")
                message = f"This address does not take {request.method}: use {allowed}"
            replaced = JsonResponse(error_body(message), status=response.status_code)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response

    return middleware


def _mount() -> None:
    from realise.accounts.api import router as accounts
    from realise.benefits.api import router as benefits
    from realise.funding.api import router as funding
    from realise.imports.api import router as exports
    from realise.portfolio.api import router as portfolio
    from realise.risks.api import router as risks

    api.add_router("", accounts)
    api.add_router("", portfolio)
    api.add_router("", benefits)
    api.add_router("", funding)
    api.add_router("", risks)
    api.add_router("", exports)


_mount()

"""The JSON API: one NinjaAPI, one router per app, mounted at /api/ (see docs/api.md).

Authentication: ``Authorization: Bearer <token>`` (personal tokens) or the web session (with
CSRF on writes), realise/accounts/api_auth.py. Every error is RFC 9457 problem details served
as application/problem+json (realise/config/problems.py, handlers in api_errors.py, ADR 0017).
The schema is at /api/openapi.json and the docs at /api/docs, served from Realise's own static
files (no CDN).
"""

import functools
import re
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger

from realise.accounts.api_auth import SessionAuth, TokenAuth
from realise.config import api_errors
from realise.config.problems import MEDIA_TYPE, SERVER_ERROR, problem_response

# What each error status means, in the words an integrator reads in the API docs.
ERROR_MEANINGS = {
    400: "The body could not be read (not valid JSON, not UTF-8 text, a broken form): "
    "nothing was saved",
    401: "Not signed in, or the API token is wrong or revoked; WWW-Authenticate says which",
    403: "Your role in this organisation does not allow this (or a write made with a web "
    "session lacked its CSRF token)",
    404: "No such organisation or record among yours (another council's data is never shown)",
    409: "Someone saved a change after you read the record: nothing was saved; "
    "changes lists theirs, current_version is the version to send again",
    413: f"The body is larger than Realise accepts ({api_errors.upload_limit()}): "
    "nothing was saved",
    415: "The body could not be read and was not sent as JSON (Content-Type: application/json): "
    "nothing was saved",
    422: "A value is not valid, or the body sends a field this request does not take (unknown or "
    "read-only): field names the parameter or body field, detail says what was expected; "
    "nothing was saved",
    500: "Something went wrong on the server: it is logged, and nothing internal is shown",
}


class RealiseApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Each error's meaning in words, and its body as application/problem+json."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation["responses"].items():
                    if int(status) in ERROR_MEANINGS:
                        response["description"] = ERROR_MEANINGS[int(status)]
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {MEDIA_TYPE: response["content"]["application/json"]}
        return schema


api = RealiseApi(
    title="Realise API",
    version="1",
    description=(
        "Realise's JSON API: a council's projects, decisions, savings, funding, risks and "
        "business cases. "
        "Sign in with a personal API token (Authorization: Bearer ...) or a web session. "
        "Lists answer {items, count} and page with limit and offset. A request body takes only "
        "the fields its schema lists: any other is refused with 422 naming it. Money is a "
        'string in pounds and pence, such as "1234.50"; dates are YYYY-MM-DD; financial years are '
        "written 2022/23. Every error is RFC 9457 problem details (application/problem+json): "
        "type, title, status, detail, instance, and the field it concerns."
    ),
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"persistAuthorization": False}),
    urls_namespace="api",
)
api_errors.install(api)


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


# What an error response made outside the API's own handlers says once it is a problem.
_FALLBACK = {
    400: "The request could not be read; nothing was saved",
    403: "You may not do this",
    404: "No such address in the Realise API: see /api/docs for the endpoints",
}
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def _as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    if status == 405:
        detail = f"This address does not take {request.method}: use {response.get('Allow', '')}"
    elif status >= 500:
        detail = SERVER_ERROR
    else:
        detail = _FALLBACK.get(status) or HTTPStatus(status).phrase
    replaced = problem_response(request, status, detail)
    for header in _KEPT_HEADERS:
        if response.has_header(header):
            replaced[header] = response[header]
    replaced.cookies = response.cookies  # a session or CSRF cookie set on the way is kept
    replaced._has_been_logged = getattr(response, "_has_been_logged", False)  # type: ignore
    return replaced


def json_errors_middleware(get_response: Any) -> Any:
    """A query parameter an operation does not take is refused with 422 naming it (a misspelt
    filter would otherwise return the whole list as if filtered). Any other error under /api/
    that the API's handlers did not answer (an address that names no endpoint, a method an
    endpoint does not take, a fault outside the API's views) becomes a problem like every
    other API error, not the web app's HTML page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return get_response(request)
        unknown = _unknown_parameter(request)
        if unknown is not None:
            detail = f'This address does not take "{unknown}": see /api/docs for its filters'
            return problem_response(
                request, 422, detail, errors=[{"field": unknown, "message": detail}]
            )
        response = get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            MEDIA_TYPE
        ):
            return _as_problem(request, response)
        return response

    return middleware


def _mount() -> None:
    from realise.api.accounts import router as accounts
    from realise.api.benefits import router as benefits
    from realise.api.case_decisions import router as case_decisions
    from realise.api.case_draft_figures import router as case_draft_figures
    from realise.api.case_drafts import router as case_drafts
    from realise.api.case_tracking import router as case_tracking
    from realise.api.case_uploads import router as case_uploads
    from realise.api.case_workbooks import router as case_workbooks
    from realise.api.cases import router as cases
    from realise.api.funding import router as funding
    from realise.api.imports import router as exports
    from realise.api.portfolio import router as portfolio
    from realise.api.reconciliation import router as reconciliation
    from realise.api.reference import router as settings
    from realise.api.risk_lifecycle import router as risk_lifecycle
    from realise.api.risks import router as risks

    api.add_router("", accounts)
    api.add_router("", portfolio)
    api.add_router("", benefits)
    api.add_router("", funding)
    api.add_router("", risks)
    api.add_router("", risk_lifecycle)
    api.add_router("", case_uploads)  # before cases: its paths end in /upload
    api.add_router("", cases)
    api.add_router("", case_decisions)
    api.add_router("", case_tracking)
    api.add_router("", case_drafts)
    api.add_router("", case_draft_figures)
    api.add_router("", case_workbooks)
    api.add_router("", exports)
    api.add_router("", settings)
    api.add_router("", reconciliation)


_mount()

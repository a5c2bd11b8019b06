"""Who is calling the JSON API: a personal token (``Authorization: Bearer rls_...``) or the web
session, and what a caller who is neither is told (ADR 0017).

A request that carries an ``Authorization`` header is a token request: if the token is wrong,
revoked or its owner's account closed, the answer is 401 whatever session cookie came with it.
Only a signed-in session without that header is checked for CSRF on writes; a request with no
credentials at all is a 401, never a CSRF 403.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from realise.accounts.tokens import api_token_user

REALM = "Realise API"


class CsrfRefused(Exception):
    """A write made with a web session did not carry the session's CSRF token."""


def _presented(request: HttpRequest) -> str:
    return request.headers.get("Authorization", "").strip()


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rls_...``: a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user  # so the audit trail records who made the change
        return user


class SessionAuth(NinjaSessionAuth):
    """The web session, for pages calling the API; its writes need the CSRF token."""

    def __call__(self, request: HttpRequest) -> Any:
        if _presented(request) or not request.user.is_authenticated:
            return None  # a token request TokenAuth refused, or nobody signed in: 401
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if not exempt and check_csrf(request) is not None:
            raise CsrfRefused
        return request.user


def challenge(request: HttpRequest) -> tuple[str, str]:
    """The ``WWW-Authenticate`` header of a 401 (RFC 6750) and the words to say with it."""
    scheme, _, token = _presented(request).partition(" ")
    header = f'Bearer realm="{REALM}"'
    if scheme.lower() == "bearer" and token.strip():
        detail = (
            "The API token is wrong, revoked, or its owner's account is closed: send a valid "
            "one as Authorization: Bearer <token> (create one at /tokens/)"
        )
        return f'{header}, error="invalid_token"', detail
    if scheme and scheme.lower() != "bearer":
        detail = "Realise takes API tokens only as Authorization: Bearer <token>"
        return header, detail
    return header, "Sign in, or send a valid API token as Authorization: Bearer <token>"

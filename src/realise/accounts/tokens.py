"""Personal API tokens: create (the secret is returned once), revoke, and check a presented token.

A token reads ``rls_<prefix>_<secret>``: the prefix (8 hex characters) is stored in clear to find
the row; the secret is 32 random bytes, and only the SHA-256 of the whole token is kept. A slow
password hash is not needed because the secret is random, not chosen by a person.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from realise.accounts.models import ApiToken

SCHEME = "rls"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, shown to the user once and never stored


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: Any, name: str) -> IssuedToken:
    """Create a token for ``user``; the returned ``secret`` is the only copy of it."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name that says what it is for"})
    prefix = secrets.token_hex(4)
    whole = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name, prefix=prefix, secret_hash=_digest(whole))
    token.full_clean()
    token.save()
    return IssuedToken(token=token, secret=whole)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Revoke a token at once. Only its owner may."""
    if token.user_id != getattr(by, "pk", None):
        raise PermissionDenied("You can only revoke your own tokens")
    if token.revoked is None:
        token.revoked = timezone.now()
        token._history_user = by  # type: ignore[attr-defined]
        token.save(update_fields=["revoked"])
    return token


def api_token_user(presented: str) -> Any | None:
    """The active user a presented token belongs to, or None. Records when it was last used."""
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(presented.strip())):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user

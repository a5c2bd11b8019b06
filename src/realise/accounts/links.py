"""Set-password links: which council may give one out for an account, and the link's token
(ADR 0018).

A link is made by one council for one person and works only while that council still may make
it (``link_allowed``):

- the account has never had a password and has never signed in, and is no support (Django admin)
  account;
- the person holds a role in that council, and that council added them first: of the councils
  where they hold roles, none added them earlier. So the council that invited a new person keeps
  its link, and may replace a lost one, when another council adds the same person later; the
  council that added them later never gets a link that could set the password of an account the
  first council relies on. If the first council removes the person, the next in line may.

The token is ``<council id in base 36>-<Django password-reset token>``, the latter also bound to
that council and to when the person was added to it: the link stops working once a password is
set (or the account signs in), after ``PASSWORD_RESET_TIMEOUT``, once the person is removed from
that council (being added again gives a new link, not the old one back) or once the account
becomes a support account. Another council adding the person changes nothing it depends on.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db.models import Min
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, int_to_base36, urlsafe_base64_encode

from realise.accounts.models import Membership
from realise.portfolio.models import Organisation


def joined(user: Any, organisation: Organisation) -> Any | None:
    """When ``user`` was added to ``organisation`` (None if they hold no role there)."""
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .aggregate(first=Min("joined"))
        .get("first")
    )


def first_councils(user_ids: list[int]) -> dict[int, int]:
    """For each user, the organisation id of the council that added them first, among those
    where they hold roles now (one query, for a whole list of people)."""
    found: dict[int, int] = {}
    rows = Membership.objects.filter(user_id__in=user_ids).order_by("joined", "pk")
    for user_id, organisation_id in rows.values_list("user_id", "organisation_id"):
        found.setdefault(user_id, organisation_id)
    return found


def account_awaits_password(user: Any) -> bool:
    """An account a link could be made for: never had a password, never signed in, no support
    account."""
    return not (user.has_usable_password() or user.last_login or user.is_staff or user.is_superuser)


def link_allowed(user: Any, organisation: Organisation) -> bool:
    """Whether ``organisation``'s TMO admin may be given a set-password link for ``user`` (see
    the module's notes)."""
    if not account_awaits_password(user):
        return False
    return first_councils([user.pk]).get(user.pk) == organisation.pk


class _CouncilTokens(PasswordResetTokenGenerator):
    """Django's password-reset token, also bound to one council's invitation."""

    def __init__(self, organisation_id: int, added: Any) -> None:
        super().__init__()
        self.invitation = f"{organisation_id}:{added.astimezone(UTC).isoformat()}"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}:{self.invitation}"


class SetPasswordTokens:
    """The token generator of the set-password page (Django's ``PasswordResetConfirmView`` calls
    ``check_token``)."""

    def make_token(self, user: Any, organisation: Organisation) -> str:
        added = joined(user, organisation)
        if added is None:
            raise ValueError(f"{user} holds no role in {organisation}")
        token = _CouncilTokens(organisation.pk, added).make_token(user)
        return f"{int_to_base36(organisation.pk)}-{token}"

    def check_token(self, user: Any, token: str | None) -> bool:
        if user is None or not token:
            return False
        council, _, rest = token.partition("-")
        try:
            organisation = Organisation.objects.filter(pk=base36_to_int(council)).first()
        except ValueError:
            return False
        if organisation is None or not link_allowed(user, organisation):
            return False
        added = joined(user, organisation)
        return added is not None and _CouncilTokens(organisation.pk, added).check_token(user, rest)


set_password_tokens = SetPasswordTokens()


def set_password_path(user: Any, organisation: Organisation) -> str:
    """The path of the page where ``user`` sets a password, on a link made by ``organisation``:
    valid once and for ``PASSWORD_RESET_TIMEOUT`` seconds (see the module's notes)."""
    return reverse(
        "web:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": set_password_tokens.make_token(user, organisation),
        },
    )


def link_days() -> int:
    """How many days a set-password link works."""
    return max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 86400)

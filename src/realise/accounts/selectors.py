"""Reads of a council's people: who holds which roles, what the council may see of them, and
a person's API tokens. The audit trail's reads are ``realise.audit``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from realise.portfolio.models import Organisation


@dataclass(frozen=True)
class Person:
    """Someone holding a role in a council, for the People page and `realise user list`: only
    what the council itself knows of them (ADR 0018)."""

    user_id: int
    name: str  # the council's own name for them, else their address
    email: str
    roles: tuple[Any, ...]
    last_login: datetime | None  # their last sign-in since the council added them
    awaiting_password: bool  # the council may make them a set-password link

    @property
    def role_labels(self) -> str:
        return ", ".join(str(role.label) for role in self.roles)


def seen_since(user: Any, joined: datetime | None) -> datetime | None:
    """``user``'s last sign-in if it came after ``joined`` (when the council added them): an
    earlier one happened before the council knew them, so it is none of its business."""
    last = user.last_login
    return last if last is not None and joined is not None and last >= joined else None


def people(*, organisation: Organisation, descending: bool = False) -> tuple[Person, ...]:
    """The people holding roles in ``organisation``, by name (A to Z, or Z to A), then email."""
    from realise.accounts.links import account_awaits_password, first_councils
    from realise.accounts.models import Membership, Role

    order = list(Role)
    found: dict[int, list[Any]] = {}
    for m in Membership.objects.filter(organisation=organisation).select_related("user"):
        found.setdefault(m.user_id, []).append(m)
    first = first_councils(list(found))
    rows = []
    for user_id, held in found.items():
        user = held[0].user
        rows.append(
            Person(
                user_id=user_id,
                name=next((m.name for m in held if m.name), "") or user.email or user.username,
                email=user.email or user.username,
                roles=tuple(sorted((Role(m.role) for m in held), key=order.index)),
                last_login=seen_since(user, min(m.joined for m in held)),
                awaiting_password=first.get(user_id) == organisation.pk
                and account_awaits_password(user),
            )
        )
    rows.sort(key=lambda p: p.email.casefold(), reverse=descending)
    rows.sort(key=lambda p: p.name.casefold(), reverse=descending)
    return tuple(rows)


def person_in(*, organisation: Organisation, user_id: int) -> Any:
    """The account ``user_id`` if it holds a role in ``organisation``, else None: another
    council's people are never found through this one."""
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager
    return users.filter(pk=user_id, memberships__organisation=organisation).distinct().first()


def names_in(*, organisation: Organisation) -> dict[int, str]:
    """Each person's name in ``organisation`` by account id (the council's own name for them,
    else their address), in one query: what the council's pages call the people they name."""
    from realise.accounts.models import Membership

    found: dict[int, str] = {}
    rows = Membership.objects.filter(organisation=organisation).values_list(
        "user_id", "name", "user__email", "user__username"
    )
    for user_id, name, email, username in rows.order_by("user_id", "-name"):
        found.setdefault(user_id, name or email or username)
    return found


def roles_in(*, organisation: Organisation, user: Any) -> list[Any]:
    """The roles ``user`` holds in ``organisation``, in the order of ``Role``."""
    from realise.accounts.models import Membership, Role

    held = Membership.objects.filter(organisation=organisation, user=user)
    return sorted((Role(r) for r in held.values_list("role", flat=True)), key=list(Role).index)


def people_ever_in(*, organisation: Organisation) -> Any:
    """Everyone who holds or has held a role in ``organisation``, by user name: a person removed
    from the council keeps their changes in the change log, and can be filtered by."""
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership

    users = get_user_model()._default_manager
    held = Membership.history.filter(organisation_id=organisation.pk).values("user_id")
    return (
        (users.filter(memberships__organisation=organisation) | users.filter(pk__in=held))
        .distinct()
        .order_by("username")
    )


def tokens_of(user: Any) -> Any:
    """``user``'s API tokens, newest first."""
    from realise.accounts.models import ApiToken

    return ApiToken.objects.filter(user=user).order_by("-created")


def token_of(user: Any, token_id: int) -> Any:
    """``user``'s token ``token_id``, or None: nobody reaches another person's tokens."""
    return tokens_of(user).filter(pk=token_id).first()


def projects_led(*, organisation: Organisation, user: Any) -> tuple[Any, ...]:
    """The projects of ``organisation`` that ``user`` leads (their ``lead_user``), by code: those
    left with no lead if they are removed from the council."""
    from realise.portfolio.models import Project

    rows = Project.objects.filter(organisation=organisation, lead_user=user)
    return tuple(rows.order_by("code", "pk"))

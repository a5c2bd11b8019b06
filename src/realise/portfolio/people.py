"""Who may lead a council's projects, and the name the council knows each of them by.

A council's people are the accounts holding a role there (``realise.accounts.models.Membership``;
an account reaches its roles through the relation named ``memberships``), and the council's name
for someone is the one its TMO admin gave them, else their email address (ADR 0018): the account's
own name and other councils' names for it are never shown. The accounts app is built on the
portfolio (it imports ``Organisation``), so the portfolio reads a council's people through that
relation rather than importing accounts; every write to people stays in
``realise.accounts.services``.

One lead, shown everywhere: a project's lead is its ``lead_user`` by the council's name for them;
the free-text ``lead_officer`` is shown only when no lead is set (``lead_shown``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Lower, NullIf

from realise.portfolio.models import Organisation

NOT_RECORDED = "Not recorded"


def people_of(*, organisation: Organisation) -> models.QuerySet[Any]:
    """The accounts holding a role in ``organisation``, each once, with ``shown_name`` (the
    council's name for them, else their email address, else their user name), by that name."""
    named = NullIf(models.Max("memberships__name"), models.Value(""))
    email = NullIf(models.F("email"), models.Value(""))
    return (
        get_user_model()
        ._default_manager.filter(memberships__organisation=organisation)
        .annotate(shown_name=Coalesce(named, email, "username", output_field=models.CharField()))
        .order_by(Lower("shown_name"), "username")
    )


def names_of(*, organisation: Organisation, user_ids: Iterable[int | None]) -> dict[int, str]:
    """``{user id: the council's name for them}`` for those of ``user_ids`` holding a role in
    ``organisation`` (one query); someone holding none is left out."""
    wanted = {pk for pk in user_ids if pk is not None}
    if not wanted:
        return {}
    rows = people_of(organisation=organisation).filter(pk__in=wanted)
    return dict(rows.values_list("pk", "shown_name"))


def account_name(user: Any) -> str:
    """How an account is shown where the council has no name for it (it holds no role there
    any more): its email address, else its user name."""
    return str(getattr(user, "email", "") or user.get_username())


def lead_shown(project: Any, names: dict[int, str]) -> str:
    """The lead of ``project`` as every page, list and export shows it: its lead (by the name in
    ``names``, from ``names_of``), else the free-text lead officer, else "" (not recorded)."""
    lead_id = getattr(project, "lead_user_id", None)
    if lead_id is not None:
        return names.get(lead_id) or account_name(project.lead_user)
    return str(getattr(project, "lead_officer", "") or "")


def member_lead(*, organisation: Organisation, user: Any) -> str:
    """The council's name for ``user`` if they hold a role in ``organisation`` (who may lead its
    projects); otherwise a ``ValidationError`` on ``lead_user``."""
    name = names_of(organisation=organisation, user_ids=[getattr(user, "pk", None)]).get(user.pk)
    if name is None:
        raise ValidationError(
            {
                "lead_user": f"{account_name(user)} does not hold a role in {organisation.name}: "
                "only its people can lead its projects (a TMO admin adds people in "
                "Settings, People)"
            }
        )
    return name


def lead_named(*, organisation: Organisation, address: str) -> Any:
    """The person of ``organisation`` who signs in as ``address`` (their email address or user
    name, any capitals), to lead a project; anyone else, including another council's people, is
    a ``ValidationError`` on ``lead_user`` that does not say whether the account exists."""
    wanted = (address or "").strip()
    people = people_of(organisation=organisation)
    found = (
        people.filter(username__iexact=wanted).first()
        or people.filter(email__iexact=wanted).first()
    )
    if found is None:
        raise ValidationError(
            {
                "lead_user": f'Nobody who signs in as "{wanted}" holds a role in '
                f"{organisation.name}: name one of its people (their email address) to lead "
                "the project"
            }
        )
    return found

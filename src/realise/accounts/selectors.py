"""Reads for the audit trail: what changed, by whom and when, across an organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from realise.core.concurrency import FieldChange
from realise.portfolio.models import Organisation

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class ChangeLogLine:
    at: datetime
    by: str
    what: str
    record: str
    action: str
    changes: tuple[FieldChange, ...]


def _tracked_models() -> list[Any]:
    """Every model with an audit trail that belongs to an organisation."""
    found = []
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model"):
            continue
        fields = {f.name for f in history.model._meta.get_fields()}
        if "organisation" in fields:
            found.append(model)
    return found


def _bounds(since: date | None, until: date | None) -> dict[str, datetime]:
    zone = timezone.get_current_timezone()
    bounds = {}
    if since is not None:
        bounds["history_date__gte"] = datetime.combine(since, time.min, tzinfo=zone)
    if until is not None:
        bounds["history_date__lte"] = datetime.combine(until, time.max, tzinfo=zone)
    return bounds


def _line(record: Any, model: Any) -> ChangeLogLine:
    by = (
        str(record.history_user)
        if record.history_user
        else record.history_change_reason or "someone (no user recorded)"
    )
    changes: tuple[FieldChange, ...] = ()
    previous = record.prev_record if record.history_type == "~" else None
    if previous is not None:
        changes = tuple(
            FieldChange(field=c.field, before=c.old, after=c.new, by=by, at=record.history_date)
            for c in record.diff_against(previous).changes
        )
    return ChangeLogLine(
        at=record.history_date,
        by=by,
        what=str(model._meta.verbose_name).capitalize(),
        record=_described(record),
        action=ACTIONS.get(record.history_type, record.history_type),
        changes=changes,
    )


def _related(history: Any) -> list[str]:
    """The rows a historical record points at (its ``history_user`` and the record's own foreign
    keys), loaded with it so describing a page of records runs no query per record."""
    return ["history_user"] + [
        f.name
        for f in history.model._meta.concrete_fields
        if f.many_to_one and f.name != "history_user"
    ]


def _described(record: Any) -> str:
    """What the record was: its own description, also once deleted when the rows it names are
    still there (a removed membership names the person and council), else its number."""
    try:
        instance = record.instance
        for field in instance._meta.concrete_fields:  # the rows loaded with the record
            if field.many_to_one and field.is_cached(record):
                field.set_cached_value(instance, field.get_cached_value(record))
        return str(instance)
    except ObjectDoesNotExist:
        if record.history_type != "-":
            raise
        return f"#{record.id}"


def change_log(
    *,
    organisation: Organisation,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 200,
) -> tuple[ChangeLogLine, ...]:
    """The latest ``limit`` changes to any audited record of ``organisation``, newest first,
    optionally only by one user and between two dates (inclusive)."""
    filters: dict[str, Any] = {"organisation_id": organisation.pk, **_bounds(since, until)}
    if user_id is not None:
        filters["history_user_id"] = user_id
    records = []
    for model in _tracked_models():
        rows = model.history.filter(**filters).select_related(*_related(model.history))
        records.extend((r, model) for r in rows.order_by("-history_date")[:limit])
    records.sort(key=lambda pair: pair[0].history_date, reverse=True)
    lines = [_line(record, model) for record, model in records[:limit]]
    lines.extend(_ledger_lines(organisation, user_id, since, until, limit))
    lines.sort(key=lambda line: line.at, reverse=True)
    return tuple(lines[:limit])


def _ledger_lines(
    organisation: Organisation,
    user_id: int | None,
    since: date | None,
    until: date | None,
    limit: int,
) -> list[ChangeLogLine]:
    """Savings ledger appends: the ledger keeps no history table because its rows never change;
    each row records who appended it and when."""
    from realise.benefits.models import SavingsEntry

    bounds = {
        key.replace("history_date", "recorded_at"): value
        for key, value in _bounds(since, until).items()
    }
    entries = SavingsEntry.objects.filter(organisation=organisation, **bounds).select_related(
        "recorded_by"
    )
    if user_id is not None:
        entries = entries.filter(recorded_by_id=user_id)
    return [
        ChangeLogLine(
            at=entry.recorded_at,
            by=str(entry.recorded_by) if entry.recorded_by else "someone (no user recorded)",
            what="Savings ledger",
            record=str(entry),
            action="Appended",
            changes=(),
        )
        for entry in entries.select_related("recorded_by").order_by("-recorded_at")[:limit]
    ]


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


def tokens_of(user: Any) -> Any:
    """``user``'s API tokens, newest first."""
    from realise.accounts.models import ApiToken

    return ApiToken.objects.filter(user=user).order_by("-created")


def creation(record: Any) -> Any:
    """The history row that recorded ``record`` being created, with who did it (or None)."""
    history = record.history.order_by("-history_id").select_related("history_user")
    return history.filter(history_type="+").last()


# A refused stale edit, in words (the pages show what someone else changed) -------------------


@dataclass(frozen=True)
class ShownChange:
    """One change someone else made, as a person reads it: field label and values in words."""

    field: str
    before: str
    after: str
    by: str
    at: datetime


def _in_words(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value} (since deleted)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def shown_changes(model: type[models.Model], changes: tuple[FieldChange, ...]) -> list[ShownChange]:
    """``changes`` to a ``model`` row in words: "Stage: Understand → Deliver", not "3 → 5"."""
    shown = []
    for change in changes:
        try:
            field: Any = model._meta.get_field(change.field)
        except FieldDoesNotExist:
            field = None
        label = capfirst(str(field.verbose_name)) if field is not None else change.field
        before, after = _in_words(field, change.before), _in_words(field, change.after)
        shown.append(ShownChange(str(label), before, after, change.by, change.at))
    return shown

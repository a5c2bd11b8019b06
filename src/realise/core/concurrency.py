"""Optimistic locking over django-simple-history: safe concurrent edits without version columns.

A page or API client reads an object together with its *version*: the ``history_id`` of the
object's latest historical record (every main model keeps ``HistoricalRecords``). It sends that
version back with its changes. ``guarded_update`` locks the row, compares the version and either
saves (writing a new historical record, so the version moves on) or refuses with ``StaleEdit``,
which says who changed which field from what to what since the version the user saw, and carries
the user's own changes so nothing is lost. A service that writes more than one row for an edit
(a status change and its log row) uses ``lock_seen`` and ``save_locked`` inside its own
transaction instead. See docs/adr/0006-concurrent-edits.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class FieldChange:
    """One field changed by someone else since the version the user saw."""

    field: str
    before: Any
    after: Any
    by: str
    at: datetime

    def describe(self) -> str:
        return (
            f"{self.field}: {self.before!r} → {self.after!r} ({self.by}, {self.at:%d %B %Y %H:%M})"
        )


class StaleEdit(Exception):
    """Refused: the object changed after the user read it."""

    def __init__(
        self,
        *,
        obj: models.Model,
        seen_version: int | None,
        current_version: int | None,
        changes: tuple[FieldChange, ...],
        attempted: Mapping[str, Any],
    ) -> None:
        self.obj = obj
        self.seen_version = seen_version
        self.current_version = current_version
        self.changes = changes
        self.attempted = dict(attempted)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        fields = sorted({c.field for c in self.changes})
        changed = f" ({', '.join(fields)})" if fields else ""
        return (
            f"{self.obj} was changed by someone else after you opened it{changed}. "
            "Your changes have not been saved: check theirs, then make yours again."
        )


VERSION = "realise_version"


def current_version(obj: models.Model) -> int | None:
    """The latest version of ``obj`` in the database: its latest history id (None if none).

    To show a user an object with the version they are seeing, read both in one statement with
    ``versioned`` and take ``version_of``: reading the row and then the version separately could
    pair old field values with a newer version, and then a stale edit would pass the check."""
    history = obj.history  # type: ignore[attr-defined]
    return history.order_by("-history_id").values_list("history_id", flat=True).first()


def versioned(queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """``queryset`` with each row's version read in the same SQL statement (one snapshot)."""
    historical = queryset.model.history.model  # type: ignore[attr-defined]
    latest = (
        historical.objects.filter(id=models.OuterRef("pk"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    return queryset.annotate(**{VERSION: models.Subquery(latest)})


def version_of(obj: models.Model) -> int | None:
    """The version ``obj`` was read at (from ``versioned`` or ``guarded_update``)."""
    if hasattr(obj, VERSION):
        return getattr(obj, VERSION)  # type: ignore[no-any-return]
    return current_version(obj)


def changes_since(obj: models.Model, version: int | None) -> tuple[FieldChange, ...]:
    """Every field change recorded for ``obj`` after ``version``, oldest first."""
    records = obj.history.order_by("history_id")  # type: ignore[attr-defined]
    if version is not None:
        records = records.filter(history_id__gt=version)
    found: list[FieldChange] = []
    for record in records.select_related("history_user"):
        previous = record.prev_record
        if previous is None:
            continue
        by = (
            str(record.history_user)
            if record.history_user
            else record.history_change_reason or "someone (no user recorded)"
        )
        for change in record.diff_against(previous).changes:
            found.append(
                FieldChange(
                    field=change.field,
                    before=change.old,
                    after=change.new,
                    by=by,
                    at=record.history_date,
                )
            )
    return tuple(found)


class Latest(Enum):
    """``seen_version=LATEST``: apply a change to whatever is stored now, without comparing.

    For callers that show nobody a version (an import, the demo loader, a service building on a
    row it has just written in the same transaction): the row is still locked and re-read, so a
    stale in-memory object never overwrites anyone's fields."""

    LATEST = "latest"


LATEST = Latest.LATEST
Seen = int | None | Latest


def lock_seen(*, obj: M, seen_version: Seen, attempted: Mapping[str, Any]) -> M:
    """``obj``'s row as stored now, locked until the caller's transaction ends, if nobody has
    changed it since ``seen_version``; otherwise ``StaleEdit`` (with ``attempted``, the caller's
    own changes, so nothing is lost). Call it inside ``transaction.atomic`` and write what
    depends on the comparison (the row, its log rows) in that same transaction."""
    if transaction.get_connection().get_autocommit():
        raise transaction.TransactionManagementError("lock_seen needs a transaction")
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if seen_version is LATEST:
        return locked
    latest = current_version(locked)
    if latest != seen_version:
        raise StaleEdit(
            obj=locked,
            seen_version=seen_version,
            current_version=latest,
            changes=changes_since(locked, seen_version),
            attempted=attempted,
        )
    return locked


def save_locked(locked: M, *, by: Any = None) -> M:
    """Validate and save a row from ``lock_seen`` (recording ``by`` in its history) and mark it
    with the version just written, which belongs to exactly these values: the row is locked."""
    from realise.core.writes import validated_save

    if by is not None:
        locked._history_user = by  # type: ignore[attr-defined]
    validated_save(locked)
    setattr(locked, VERSION, current_version(locked))
    return locked


@transaction.atomic
def guarded_update(
    *,
    obj: M,
    seen_version: Seen,
    changes: Mapping[str, Any],
    allowed: frozenset[str],
    by: Any = None,
) -> M:
    """Apply ``changes`` (only fields in ``allowed``) to ``obj`` if nobody has changed it since
    ``seen_version``; otherwise raise ``StaleEdit``. The row is locked while comparing and saving,
    so two editors holding the same version cannot both win (PostgreSQL row locks; SQLite
    serialises writers). Returns the saved row; ``obj`` itself is left as it was."""
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here" for name in unknown})
    locked = lock_seen(obj=obj, seen_version=seen_version, attempted=changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    return save_locked(locked, by=by)

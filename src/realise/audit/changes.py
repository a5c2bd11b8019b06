"""The change log: what changed, by whom and when, across a council, read from every audited
model's history and the savings ledger (whose rows never change, so they are their own record).

This reads several domains (accounts, portfolio, benefits, funding, risks): it sits above them,
so none of them imports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import F, IntegerField, OuterRef, Subquery, Value
from django.utils import timezone

from realise.audit.in_words import Names, ShownChange, shown_changes
from realise.benefits.models import SavingsEntry
from realise.core.concurrency import FieldChange
from realise.portfolio.models import Organisation

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
NO_USER = "someone (no user recorded)"
# The change log's page size, and the kind the merged listing gives a savings-ledger row (the
# audited models are numbered from 0 in the order of ``_tracked_models``).
PAGE_SIZE = 50
LEDGER = -1


@dataclass(frozen=True)
class ChangeLogLine:
    at: datetime
    by: str
    what: str
    record: str
    action: str
    changes: tuple[ShownChange, ...]


@dataclass(frozen=True)
class ChangeLogPage:
    """One page of the change log: its lines, and Django's ``Page`` for the page links."""

    lines: tuple[ChangeLogLine, ...]
    page: Page[Any]


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


def _bounds(column: str, since: date | None, until: date | None) -> dict[str, datetime]:
    zone = timezone.get_current_timezone()
    bounds = {}
    if since is not None:
        bounds[f"{column}__gte"] = datetime.combine(since, time.min, tzinfo=zone)
    if until is not None:
        bounds[f"{column}__lte"] = datetime.combine(until, time.max, tzinfo=zone)
    return bounds


def _listing(
    organisation: Organisation, user_id: int | None, since: date | None, until: date | None
) -> Any:
    """Every change as (when, kind, row id), newest first: one query over every audited model's
    history and the savings ledger, which a paginator counts and slices in the database."""

    def columns(rows: Any, at: str, kind: int, row: str) -> Any:
        return (
            rows.order_by()
            .annotate(
                log_at=F(at),
                log_kind=Value(kind, output_field=IntegerField()),
                log_row=F(row),
            )
            .values_list("log_at", "log_kind", "log_row")
        )

    parts = []
    for kind, model in enumerate(_tracked_models()):
        rows = model.history.filter(
            organisation_id=organisation.pk, **_bounds("history_date", since, until)
        )
        if user_id is not None:
            rows = rows.filter(history_user_id=user_id)
        parts.append(columns(rows, "history_date", kind, "history_id"))
    entries = SavingsEntry.objects.filter(
        organisation_id=organisation.pk, **_bounds("recorded_at", since, until)
    )
    if user_id is not None:
        entries = entries.filter(recorded_by_id=user_id)
    first, *rest = [*parts, columns(entries, "recorded_at", LEDGER, "id")]
    return first.union(*rest, all=True).order_by("-log_at", "-log_kind", "-log_row")


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
    still there (a removed membership names the person and council)."""
    try:
        instance = record.instance
        for field in instance._meta.concrete_fields:  # the rows loaded with the record
            if field.many_to_one and field.is_cached(record):
                field.set_cached_value(instance, field.get_cached_value(record))
        return str(instance)
    except ObjectDoesNotExist:
        if record.history_type != "-":
            raise
        return "a record since deleted"


def _by(record: Any) -> str:
    if record.history_user:
        return str(record.history_user)
    return record.history_change_reason or NO_USER


def _history_lines(model: Any, ids: list[int]) -> dict[int, tuple[Any, Any]]:
    """The history rows ``ids`` of ``model`` with the row each one changed (None for a creation
    or deletion), in three queries however many there are."""
    history = model.history
    earlier = (
        history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    records = list(
        history.filter(history_id__in=ids)
        .select_related(*_related(history))
        .annotate(earlier_id=Subquery(earlier))
    )
    wanted = [r.earlier_id for r in records if r.history_type == "~" and r.earlier_id]
    previous = {p.history_id: p for p in history.filter(history_id__in=wanted)}
    return {r.history_id: (r, previous.get(r.earlier_id)) for r in records}


def _ledger_line(entry: Any) -> ChangeLogLine:
    """A savings-ledger append: the ledger keeps no history table because its rows never
    change; each row records who appended it and when."""
    return ChangeLogLine(
        at=entry.recorded_at,
        by=str(entry.recorded_by) if entry.recorded_by else NO_USER,
        what="Savings ledger",
        record=str(entry),
        action="Appended",
        changes=(),
    )


def _lines(rows: list[tuple[datetime, int, int]]) -> tuple[ChangeLogLine, ...]:
    """The change-log lines for one page of the listing, in its order."""

    models_ = _tracked_models()
    wanted: dict[int, list[int]] = {}
    for _, kind, row in rows:
        wanted.setdefault(kind, []).append(row)
    found: dict[tuple[int, int], Any] = {}
    names, pending = Names(), []
    for kind, ids in wanted.items():
        if kind == LEDGER:
            for entry in SavingsEntry.objects.filter(pk__in=ids).select_related("recorded_by"):
                found[(kind, entry.pk)] = _ledger_line(entry)
            continue
        model = models_[kind]
        for history_id, (record, previous) in _history_lines(model, ids).items():
            by = _by(record)
            changes = [
                FieldChange(c.field, c.old, c.new, by, record.history_date)
                for c in (record.diff_against(previous).changes if previous is not None else ())
            ]
            names.want(model, changes)
            pending.append((kind, history_id, model, record, by, changes))
    names.load()  # every related record the page names, one query per kind of record
    for kind, history_id, model, record, by, changes in pending:
        found[(kind, history_id)] = ChangeLogLine(
            at=record.history_date,
            by=by,
            what=str(model._meta.verbose_name).capitalize(),
            record=_described(record),
            action=ACTIONS.get(record.history_type, record.history_type),
            changes=tuple(shown_changes(model, changes, names)),
        )
    return tuple(found[(kind, row)] for _, kind, row in rows if (kind, row) in found)


def change_log(
    *,
    organisation: Organisation,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int | str | None = 1,
    per_page: int = PAGE_SIZE,
) -> ChangeLogPage:
    """Page ``page`` of every change to any audited record of ``organisation`` and every savings
    ledger append, newest first, optionally only by one user and between two dates (inclusive).
    A page number past the end gives the last page; one that is not a number, the first."""
    paginator = Paginator(_listing(organisation, user_id, since, until), per_page)
    shown = paginator.get_page(page)
    return ChangeLogPage(lines=_lines(list(shown.object_list)), page=shown)


def creation(record: Any) -> Any:
    """The history row that recorded ``record`` being created, with who did it (or None)."""
    history = record.history.order_by("-history_id").select_related("history_user")
    return history.filter(history_type="+").last()

"""The ledger appended in bulk, for large imports: ``saving_build`` checks a saving (every field,
the model's rules and the status decision, every refusal given at once) without making a model
instance, and ``savings_insert`` appends many with one prepared INSERT. ``saving_record`` checks
the one saving it appends with ``saving_build`` too, so both refuse alike."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from realise.benefits.models import (
    EntryStatus,
    SavingKind,
    SavingsEntry,
    new_entry_errors,
    scope_errors,
)
from realise.benefits.services.scope import YearInput, collect, directorate_of, in_plan
from realise.benefits.services.validation import (
    IfNotAllowed,
    OnlyFinanceValidates,
    recorded_status,
)
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount
from realise.portfolio.versions import bump


class NewEntry(NamedTuple):
    """A ledger entry checked as ``saving_record`` checks it, not yet saved: what ``saving_build``
    makes and ``savings_insert`` appends. Its names are the model's column attributes."""

    organisation_id: int
    financial_year: int
    amount: Decimal
    status: str
    kind: str
    directorate_id: int | None
    project_id: int | None
    recorded_on: date
    note: str
    recorded_by_id: int | None
    import_key: str


_FIELDS = {name: SavingsEntry._meta.get_field(name) for name in NewEntry._fields}
_STATUSES = frozenset(EntryStatus.values)
_KINDS = frozenset(SavingKind.values)
_DIGITS: int = _FIELDS["amount"].max_digits
_PLACES: int = _FIELDS["amount"].decimal_places
_LARGEST = Decimal(10) ** (_DIGITS - _PLACES) - Decimal(10) ** -_PLACES
_KEY_LENGTH: int = _FIELDS["import_key"].max_length


def _field(name: str, value: Any, fine: bool, errors: dict[str, list[str]]) -> Any:
    """``value`` as the model field ``name`` keeps it. ``fine`` says it is already of the field's
    type and within its rules (the common case, checked cheaply by the caller); anything else
    goes through the field's own ``clean`` for its conversion, choices, validators and messages."""
    field = _FIELDS[name]
    if fine or (field.blank and value in field.empty_values):  # full_clean() skips those too
        return value
    try:
        return field.clean(value, None)
    except ValidationError as exc:
        errors.setdefault(name, []).extend(exc.messages)
        return value


def _money_fine(amount: Decimal) -> bool:
    """In pounds and pence (as cells.money gives it) and within the column: the field's
    DecimalValidator would pass it."""
    return amount.as_tuple().exponent == -_PLACES and -_LARGEST <= amount <= _LARGEST


def _plan_year(organisation: Organisation, year: YearInput, errors: dict[str, list[str]]) -> Any:
    """``year``'s start year when it is one of the council's plan years (the common case, an
    ``int`` from the import, checked cheaply); anything else goes through ``scope.in_plan``, the
    rule and the messages ``saving_record`` gives."""
    if type(year) is int and organisation.first_plan_year <= year <= organisation.last_plan_year:
        return year
    try:
        return in_plan(organisation, year)
    except ValidationError as exc:
        errors.setdefault("financial_year", []).extend(exc.message_dict["financial_year"])
        return year


def saving_build(
    *,
    organisation: Organisation,
    year: YearInput,
    amount: object,
    recorded_on: date,
    status: str = EntryStatus.ACHIEVED,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
    note: str = "",
    by: AbstractBaseUser | None = None,
    if_not_allowed: str = IfNotAllowed.CLAIM,
    import_key: str = "",
) -> NewEntry:
    """A ledger entry validated (every field, with the model's own messages, and the model's
    rules) and with the status it decides from ``by``, not yet saved: ``savings_insert`` appends
    many at once, for large imports, and ``saving_record`` one. Every refusal comes at once, each
    on its field (``scope.collect``), as a ``ValidationError``, or as ``OnlyFinanceValidates``
    carrying the others. No model instance is made: that took most of a 50,000-row import's time.
    ``directorate`` and ``project`` are objects the caller has already looked up."""
    try:
        status = recorded_status(
            organisation=organisation, status=status, by=by, if_not_allowed=if_not_allowed
        )
        refused = False
    except OnlyFinanceValidates:
        refused = True  # said with the row's other problems, so none hides another
    errors: dict[str, list[str]] = {}  # in the order the model's full_clean() gives them
    start = _plan_year(organisation, year, errors)
    kind = _field("kind", kind, isinstance(kind, str) and kind in _KINDS, errors)
    status = _field("status", status, isinstance(status, str) and status in _STATUSES, errors)
    money = collect(errors, to_amount, amount)
    if money is not None:
        money = _field("amount", money, _money_fine(money), errors)
    day = _field("recorded_on", recorded_on, type(recorded_on) is date, errors)
    note = _field("note", note, isinstance(note, str), errors)
    fine_key = isinstance(import_key, str) and len(import_key) <= _KEY_LENGTH
    key = _field("import_key", import_key, fine_key, errors)
    # The saving's directorate; one refused (retired) is still checked against its project.
    directorate = collect(errors, directorate_of, project, directorate) or directorate
    rules = scope_errors(organisation.pk, directorate, project)
    reason = note if isinstance(note, str) else ""
    known = money if money is not None and money.is_finite() else None
    rules |= new_entry_errors(status, known, reason)
    for name, message in rules.items():
        errors.setdefault(name, []).append(message)
    if refused:
        raise OnlyFinanceValidates(others=errors)
    if errors:
        raise ValidationError(errors)
    assert money is not None  # else refused on amount above
    return NewEntry(
        organisation.pk,
        start,
        money,
        status,
        kind,
        None if directorate is None else directorate.pk,
        None if project is None else project.pk,
        day,
        note,
        None if by is None else by.pk,
        key,
    )


@transaction.atomic
def savings_insert(*, entries: Sequence[NewEntry]) -> int:
    """Append entries made by ``saving_build`` (how many), refusing any whose import key is
    already in the ledger. One prepared INSERT runs for every row (``executemany``): Django's
    ``bulk_create`` spent as long preparing each value as the rest of a large import took. The
    ledger's unique index refuses a key already there; only then are the keys looked up, to say
    so plainly."""
    keys = [e.import_key for e in entries if e.import_key]
    if len(keys) != len(set(keys)):
        raise ValidationError({"import_key": "Two entries have the same import key"})
    if not entries:
        return 0
    connection = connections[router.db_for_write(SavingsEntry)]
    decimal, day = connection.ops.adapt_decimalfield_value, connection.ops.adapt_datefield_value
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())  # the same for every row
    rows = [
        (
            e.organisation_id,
            e.financial_year,
            decimal(e.amount, _DIGITS, _PLACES),
            e.status,
            e.kind,
            e.directorate_id,
            e.project_id,
            day(e.recorded_on),
            e.note,
            e.recorded_by_id,
            e.import_key,
            stamp,
        )
        for e in entries
    ]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(_insert_sql(connection), rows)
    except IntegrityError:
        _refuse_known_keys({e.organisation_id for e in entries}, keys)
        raise
    bump({e.organisation_id for e in entries})  # raw SQL sends no signals (ADR 0011)
    return len(rows)


# Import keys looked up per query: under SQLite's oldest limit of 999 parameters.
_KEYS_PER_QUERY = 500


def _refuse_known_keys(organisations: set[int], keys: list[str]) -> None:
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        taken = SavingsEntry.objects.filter(
            organisation_id__in=organisations, import_key__in=keys[start : start + _KEYS_PER_QUERY]
        ).exclude(import_key="")  # as the unique index says, so the database can use it
        if taken.exists():
            raise ValidationError({"import_key": "This row is already in the savings ledger"})


def _insert_sql(connection: BaseDatabaseWrapper) -> str:
    """The INSERT of a ``NewEntry`` and its recording time, named from the model so it follows
    the table; the other columns (reversals, validations) are left empty. Values are ``NewEntry``
    values, already of their fields' types: the backend adapts the amount, the date and the time,
    as ``bulk_create`` would; integers and text need nothing for either database."""
    opts = SavingsEntry._meta
    fields = [*_FIELDS.values(), opts.get_field("recorded_at")]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({marks})"

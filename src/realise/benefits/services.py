"""Writes to benefits: targets, the append-only ledger, carry-forwards and measures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from realise.benefits.models import (
    NOT_POSITIVE,
    CarryForward,
    EntryStatus,
    Measure,
    MeasureReading,
    SavingKind,
    SavingsEntry,
    SavingsRag,
    SavingsTarget,
    scope_errors,
)
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.money import format_money
from realise.finance.savings import Carry, ScopeYear
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount, validated_save
from realise.portfolio.versions import bump

YearInput = int | str


def _directorate_of(project: Project | None, directorate: Directorate | None) -> Directorate | None:
    return project.directorate if project is not None and directorate is None else directorate


@transaction.atomic
def savings_target_set(
    *,
    organisation: Organisation,
    year: YearInput,
    amount: object,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
    variance_reason: str = "",
) -> SavingsTarget:
    """Budget a saving for a financial year ("2022/23"), for a project, a directorate or (with
    neither) the whole council."""
    return validated_save(
        SavingsTarget(
            organisation=organisation,
            financial_year=year,
            amount=to_amount(amount),
            kind=kind,
            directorate=_directorate_of(project, directorate),
            project=project,
            variance_reason=variance_reason,
        )
    )


@transaction.atomic
def saving_record(
    *,
    organisation: Organisation,
    year: YearInput,
    amount: object,
    status: str = EntryStatus.ACHIEVED,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
    recorded_on: date,
    note: str = "",
    by: AbstractBaseUser | None = None,
    import_key: str = "",
) -> SavingsEntry:
    """Append an achieved (validated), claimed or forecast saving to the ledger. Whoever calls
    this decides the status: a project lead's achieved saving is recorded as ``claimed`` until
    finance validates it (``saving_validate``). ``import_key`` (from a spreadsheet import) is
    unique per organisation, so the same row cannot be appended twice."""
    return validated_save(
        SavingsEntry(
            organisation=organisation,
            financial_year=year,
            amount=to_amount(amount),
            status=status,
            kind=kind,
            directorate=_directorate_of(project, directorate),
            project=project,
            recorded_on=recorded_on,
            note=note,
            recorded_by=by,
            import_key=import_key,
        )
    )


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


@lru_cache(maxsize=256)
def _plausible(start: int) -> bool:
    """A start year ``FinancialYear`` takes (the field's own check)."""
    try:
        FinancialYear(start)
    except YearLabelError:
        return False
    return True


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
    import_key: str = "",
) -> NewEntry:
    """A ledger entry validated as ``saving_record`` validates it (every field, with the model's
    own messages, and the model's rules), not yet saved: ``savings_insert`` appends many at once,
    for large imports. No model instance is made: that took most of a 50,000-row import's time.
    ``directorate`` and ``project`` are objects the caller has already looked up."""
    money = to_amount(amount)
    errors: dict[str, list[str]] = {}  # in the order the model's full_clean() gives them
    start = _field("financial_year", year, type(year) is int and _plausible(year), errors)
    kind = _field("kind", kind, isinstance(kind, str) and kind in _KINDS, errors)
    status = _field("status", status, isinstance(status, str) and status in _STATUSES, errors)
    money = _field("amount", money, _money_fine(money), errors)
    day = _field("recorded_on", recorded_on, type(recorded_on) is date, errors)
    note = _field("note", note, isinstance(note, str), errors)
    fine_key = isinstance(import_key, str) and len(import_key) <= _KEY_LENGTH
    key = _field("import_key", import_key, fine_key, errors)
    directorate = _directorate_of(project, directorate)
    rules = scope_errors(organisation.pk, directorate, project)
    if money.is_finite() and money <= 0:
        rules["amount"] = NOT_POSITIVE
    for name, message in rules.items():
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)
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


@transaction.atomic
def saving_reverse(
    *,
    entry: SavingsEntry,
    reason: str,
    recorded_on: date,
    by: AbstractBaseUser | None = None,
) -> SavingsEntry:
    """Correct the ledger: append an entry that cancels ``entry``. Record the right figure anew."""
    if not reason.strip():
        raise ValidationError({"note": "Say why the entry is reversed"})
    if SavingsEntry.objects.filter(reverses=entry).exists():
        raise ValidationError({"reverses": "That entry has already been reversed"})
    return validated_save(_reversal(entry, reason, recorded_on, by))


def _claim_locked(entry: SavingsEntry) -> SavingsEntry:
    """The claim, re-read under a row lock, refused unless it still awaits finance."""
    claim = (
        SavingsEntry.objects.select_for_update(of=("self",))
        .select_related("directorate", "project")
        .get(pk=entry.pk)
    )
    if claim.status != EntryStatus.CLAIMED or claim.reverses_id is not None:
        raise ValidationError({"status": "Only a claimed saving can be validated or rejected"})
    if SavingsEntry.objects.filter(reverses=claim).exists():
        raise ValidationError({"status": "Finance has already validated or rejected that claim"})
    return claim


def _append_once(entry: SavingsEntry) -> SavingsEntry:
    """Append ``entry``; a concurrent decision on the same claim breaks a unique constraint."""
    try:
        with transaction.atomic():
            return validated_save(entry)
    except IntegrityError:
        raise ValidationError(
            {"status": "Finance has already validated or rejected that claim"}
        ) from None


@transaction.atomic
def saving_validate(
    *, entry: SavingsEntry, recorded_on: date, by: AbstractBaseUser | None = None, note: str = ""
) -> SavingsEntry:
    """Finance confirms a claimed saving. The ledger stays append-only: the claim is closed by a
    reversing claimed entry and the amount is appended as achieved (validated), linked to the
    claim. Returns the achieved entry. Call only for users who may validate savings."""
    claim = _claim_locked(entry)
    _append_once(_reversal(claim, note or "Validated by finance", recorded_on, by))
    return validated_save(
        SavingsEntry(
            organisation_id=claim.organisation_id,
            financial_year=claim.financial_year,
            amount=claim.amount,
            status=EntryStatus.ACHIEVED,
            kind=claim.kind,
            directorate=claim.directorate,
            project=claim.project,
            recorded_on=recorded_on,
            note=note,
            validates=claim,
            recorded_by=by,
        )
    )


@transaction.atomic
def saving_reject(
    *, entry: SavingsEntry, reason: str, recorded_on: date, by: AbstractBaseUser | None = None
) -> SavingsEntry:
    """Finance rejects a claimed saving, saying why: a reversing claimed entry closes it, so it
    never counts as achieved. Returns the reversing entry."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the claim is rejected"})
    claim = _claim_locked(entry)
    return _append_once(_reversal(claim, reason, recorded_on, by))


def _reversal(
    entry: SavingsEntry, note: str, recorded_on: date, by: AbstractBaseUser | None
) -> SavingsEntry:
    return SavingsEntry(
        organisation_id=entry.organisation_id,
        financial_year=entry.financial_year,
        amount=-entry.amount,
        status=entry.status,
        kind=entry.kind,
        directorate=entry.directorate,
        project=entry.project,
        recorded_on=recorded_on,
        note=note,
        reverses=entry,
        recorded_by=by,
    )


@transaction.atomic
def savings_carry_forward(
    *,
    organisation: Organisation,
    from_year: YearInput,
    to_year: YearInput,
    amount: object,
    reason: str,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
) -> CarryForward:
    """Move under-delivery from one financial year to a later one, saying why.

    The rule a finance business partner applies (issue #4): a carry-forward names the project or
    the directorate whose saving fell short, and carries no more than that shortfall: what was
    budgeted for it in the year it comes from, less what finance validated as achieved, less what
    has already been carried forward out of that year. When the year's budget was set above the
    project or directorate (a directorate's, or the whole council's), the shortfall is measured
    where the budget was set. The web form, the API and the import all come through here."""
    carry = CarryForward(
        organisation=organisation,
        from_year=from_year,
        to_year=to_year,
        amount=to_amount(amount),
        reason=reason,
        kind=kind,
        directorate=_directorate_of(project, directorate),
        project=project,
    )
    if carry.project is None and carry.directorate is None:
        raise ValidationError({"project": NO_CARRY_SCOPE})
    carry.full_clean()
    # One carry-forward at a time per council, so two at once cannot both take the same shortfall.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    shortfall = carry_forward_shortfall(carry)
    if carry.amount > shortfall.left:
        raise ValidationError({"amount": shortfall.refusal(carry.amount)})
    carry.save()
    return carry


NO_CARRY_SCOPE = (
    "Choose the project or the directorate whose saving fell short: a carry-forward moves a "
    "particular shortfall, not the whole council's"
)


class Shortfall(NamedTuple):
    """How far a scope's savings fell short in a year, and how much of that is still free to
    carry forward: ``finance.savings.ScopeYear``'s rule, the one Table 3 shows."""

    scope: str  # "PL-08 Regulatory services", "Place", "Dorset Council"
    measured_at: str  # the scope whose budget it is measured against (``scope`` unless wider)
    year: FinancialYear
    figures: ScopeYear

    @property
    def left(self) -> Decimal:
        return self.figures.left_to_carry

    def refusal(self, amount: Decimal) -> str:
        money = format_money
        label = self.year.label
        f = self.figures
        if f.due == 0:
            return (
                f"Nothing can be carried forward from {label}: {self.measured_at} had no "
                f"budgeted or carried-in saving in {label}, so nothing fell short"
            )
        where = self.scope
        if self.measured_at != self.scope:
            where = f"{self.scope} had no budget of its own in {label}; {self.measured_at}"
        facts = f"budgeted {money(f.budgeted)}"
        if f.carried_in:
            facts += f", carried in {money(f.carried_in)}"
        facts += f", achieved {money(f.achieved)}"
        if f.carried_on:
            facts += f", {money(f.carried_on)} already carried forward"
        if self.left == 0:
            return (
                f"Nothing is left to carry forward from {label}: {where} ({facts}) has no "
                f"shortfall left"
            )
        return (
            f"{money(amount)} is more than the shortfall: {where} fell short by "
            f"{money(self.left)} in {label} ({facts}). Carry forward {money(self.left)} or less"
        )


def carry_forward_shortfall(carry: CarryForward) -> Shortfall:
    """The shortfall ``carry`` may draw on (see ``savings_carry_forward``): measured at its
    project, else its directorate, else the whole council, whichever first has a budget, or a
    saving carried into it, in the year it comes from. What was carried into (or through) that
    year was due in it too, so it counts with the budget, as in Table 3's under-achieved; what
    was carried from or through it is already on its way and cannot be carried again."""
    org = carry.organisation
    year = carry.from_year
    scopes: list[tuple[str, dict[str, Any]]] = []
    if carry.project is not None:
        scopes.append((f"{carry.project.code} {carry.project.name}", {"project": carry.project}))
    if carry.directorate is not None:
        scopes.append((carry.directorate.name, {"directorate": carry.directorate}))
    scopes.append((org.name, {}))
    budgets = SavingsTarget.objects.filter(organisation=org, financial_year=year, kind=carry.kind)
    around = CarryForward.objects.filter(
        organisation=org, kind=carry.kind, from_year__lte=year, to_year__gte=year
    ).exclude(pk=carry.pk)
    into = around.filter(from_year__lt=year)
    name, where = next(
        (name, where)
        for name, where in scopes
        if not where or budgets.filter(**where).exists() or into.filter(**where).exists()
    )
    achieved = SavingsEntry.objects.filter(
        organisation=org, financial_year=year, kind=carry.kind, status=EntryStatus.ACHIEVED, **where
    )
    carries = [
        Carry(c.from_year, c.to_year, c.amount)
        for c in around.filter(**where).only("from_year", "to_year", "amount")
    ]
    return Shortfall(
        scope=scopes[0][0],
        measured_at=name,
        year=FinancialYear(year),
        figures=ScopeYear.of(
            year=year,
            budgeted=_money_total(budgets.filter(**where)),
            achieved=_money_total(achieved),
            carries=carries,
        ),
    )


def _money_total(rows: Any) -> Decimal:
    return rows.aggregate(total=MoneySum("amount"))["total"] or Decimal(0)


@transaction.atomic
def measure_create(
    *,
    organisation: Organisation,
    name: str,
    unit: str,
    project: Project | None = None,
    baseline: object = None,
    target: object = None,
    target_date: date | None = None,
) -> Measure:
    return validated_save(
        Measure(
            organisation=organisation,
            name=name,
            unit=unit,
            project=project,
            baseline=None if baseline is None else to_amount(baseline, field="baseline"),
            target=None if target is None else to_amount(target, field="target"),
            target_date=target_date,
        )
    )


@transaction.atomic
def measure_record_reading(
    *, measure: Measure, taken_on: date, value: object, note: str = ""
) -> MeasureReading:
    return validated_save(
        MeasureReading(
            organisation_id=measure.organisation_id,
            measure=measure,
            taken_on=taken_on,
            value=to_amount(value, field="value"),
            note=note,
        )
    )


def savings_rag_set(
    *, organisation: Organisation, green_from: object, amber_from: object
) -> SavingsRag:
    """Set the council's Red/Amber/Green thresholds (per cent of budget) for savings monitoring."""
    rag = SavingsRag.objects.filter(organisation=organisation).first() or SavingsRag(
        organisation=organisation
    )
    rag.green_from = green_from  # type: ignore[assignment]
    rag.amber_from = amber_from  # type: ignore[assignment]
    return validated_save(rag)

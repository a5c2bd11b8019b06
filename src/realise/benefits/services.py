"""Writes to benefits: targets, the append-only ledger, carry-forwards and measures."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from realise.benefits.models import (
    CarryForward,
    EntryStatus,
    Measure,
    MeasureReading,
    SavingKind,
    SavingsEntry,
    SavingsRag,
    SavingsTarget,
)
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


# Foreign keys a built entry carries as objects its caller has already looked up in the same
# organisation (clean() checks that); checking each again would cost a query per row.
_PREFETCHED = ["organisation", "directorate", "project", "recorded_by", "reverses"]


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
) -> SavingsEntry:
    """A ledger entry validated as ``saving_record`` validates it (every field and the model's
    rules), not yet saved: ``savings_insert`` appends many at once, for large imports."""
    entry = SavingsEntry(
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
    entry.full_clean(exclude=_PREFETCHED, validate_unique=False, validate_constraints=False)
    return entry


@transaction.atomic
def savings_insert(*, entries: list[SavingsEntry]) -> list[SavingsEntry]:
    """Append entries made by ``saving_build``, checking their import keys are new with one
    query rather than one per entry."""
    keys = [e.import_key for e in entries if e.import_key]
    if len(keys) != len(set(keys)):
        raise ValidationError({"import_key": "Two entries have the same import key"})
    organisations = {e.organisation_id for e in entries}
    taken = SavingsEntry.objects.filter(organisation_id__in=organisations, import_key__in=keys)
    if keys and taken.exists():
        raise ValidationError({"import_key": "This row is already in the savings ledger"})
    created = SavingsEntry.objects.bulk_create(entries, batch_size=500)
    bump(organisations)  # bulk_create sends no signals (ADR 0011)
    return created


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
    claim = SavingsEntry.objects.select_for_update().get(pk=entry.pk)
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
            directorate_id=claim.directorate_id,
            project_id=claim.project_id,
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
        directorate_id=entry.directorate_id,
        project_id=entry.project_id,
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
    """Move under-delivery from one financial year to a later one, saying why."""
    return validated_save(
        CarryForward(
            organisation=organisation,
            from_year=from_year,
            to_year=to_year,
            amount=to_amount(amount),
            reason=reason,
            kind=kind,
            directorate=_directorate_of(project, directorate),
            project=project,
        )
    )


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

"""The savings ledger, append-only: record a saving, reverse one, and finance's decision on a claim
(validate or reject). Large imports append through ``bulk.py``."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry
from realise.benefits.services.scope import YearInput, directorate_of, in_plan
from realise.benefits.services.validation import IfNotAllowed, recorded_status
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount, validated_save


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
    if_not_allowed: str = IfNotAllowed.CLAIM,
    import_key: str = "",
) -> SavingsEntry:
    """Append an achieved (validated), claimed or forecast saving to the ledger, recorded by
    ``by``. This service decides the status, from ``by``'s roles (``validation.py``): an achieved
    saving from anyone but finance is kept as ``claimed`` until finance validates it
    (``saving_validate``), or with ``if_not_allowed="refuse"`` refused (``OnlyFinanceValidates``).
    The returned entry's status says which, for the caller to tell the person. ``by=None`` is
    Realise itself (the demo loader, tests), which may validate. ``import_key`` (from a
    spreadsheet import) is unique per organisation, so the same row cannot be appended twice.
    The year must be one of the council's plan years (``scope.in_plan``)."""
    start = in_plan(organisation, year)
    status = recorded_status(
        organisation=organisation, status=status, by=by, if_not_allowed=if_not_allowed
    )
    return validated_save(
        SavingsEntry(
            organisation=organisation,
            financial_year=start,
            amount=to_amount(amount),
            status=status,
            kind=kind,
            directorate=directorate_of(project, directorate),
            project=project,
            recorded_on=recorded_on,
            note=note,
            recorded_by=by,
            import_key=import_key,
        )
    )


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

"""The savings ledger, append-only: record a saving, reverse one, and finance's decision on a claim
(validate or reject one, validate many at once). Large imports append through ``bulk.py``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry
from realise.benefits.services.bulk import saving_build
from realise.benefits.services.scope import YearInput
from realise.benefits.services.validation import IfNotAllowed, may_validate
from realise.finance.money import format_money
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import validated_save


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
    The year must be one of the council's plan years (``scope.in_plan``). Every refusal comes
    at once, each on its field: the saving is checked by ``saving_build``, as an import's are."""
    checked = saving_build(
        organisation=organisation,
        year=year,
        amount=amount,
        status=status,
        kind=kind,
        directorate=directorate,
        project=project,
        recorded_on=recorded_on,
        note=note,
        by=by,
        if_not_allowed=if_not_allowed,
        import_key=import_key,
    )
    entry = SavingsEntry(**checked._asdict())
    entry.organisation, entry.project, entry.recorded_by = organisation, project, by
    return validated_save(entry)


@transaction.atomic
def saving_reverse(
    *,
    entry: SavingsEntry,
    reason: str,
    recorded_on: date,
    by: AbstractBaseUser | None = None,
) -> SavingsEntry:
    """Correct the ledger: append an entry that cancels ``entry``. Record the right figure anew.
    An entry is corrected once, a correction never (the model refuses it); a validated
    (achieved) saving only by someone who may validate savings (``may_correct``)."""
    if not reason.strip():
        raise ValidationError({"note": "Say why the entry is reversed"})
    if SavingsEntry.objects.filter(reverses=entry).exists():
        raise ValidationError({"reverses": "That entry has already been reversed"})
    if not may_correct(entry=entry, by=by):
        raise PermissionDenied("Only someone with the finance role can correct a validated saving")
    return validated_save(_reversal(entry, reason, recorded_on, by))


def may_correct(*, entry: SavingsEntry, by: AbstractBaseUser | None) -> bool:
    """Whether ``by`` may correct ``entry`` as far as its status goes: a validated (achieved)
    saving is finance's decision, so only someone who may validate undoes it (``by=None``:
    Realise itself). Who may record the project's savings at all is the gateway's question."""
    if entry.status != EntryStatus.ACHIEVED:
        return True
    return may_validate(organisation=entry.organisation, by=by)


ALREADY_DECIDED = "Finance has already validated or rejected that claim"


def _only_finance(organisation_id: int, by: AbstractBaseUser | None) -> None:
    """Only someone who may validate savings decides a claim (``by=None``: Realise itself)."""
    organisation = Organisation.objects.get(pk=organisation_id)
    if not may_validate(organisation=organisation, by=by):
        raise PermissionDenied("Only someone with the finance role can validate or reject a claim")


def _is_open(claim: SavingsEntry) -> bool:
    """Whether ``claim`` is a claim still waiting for finance (checked under its row lock)."""
    if claim.status != EntryStatus.CLAIMED or claim.reverses_id is not None:
        return False
    return not SavingsEntry.objects.filter(reverses=claim).exists()


def _claim_locked(entry: SavingsEntry) -> SavingsEntry:
    """The claim, re-read under a row lock, refused unless it still awaits finance."""
    claim = (
        SavingsEntry.objects.select_for_update(of=("self",))
        .select_related("directorate", "project")
        .get(pk=entry.pk)
    )
    if claim.status != EntryStatus.CLAIMED or claim.reverses_id is not None:
        raise ValidationError({"status": "Only a claimed saving can be validated or rejected"})
    if not _is_open(claim):
        raise ValidationError({"status": ALREADY_DECIDED})
    return claim


def _append_once(entry: SavingsEntry) -> SavingsEntry:
    """Append ``entry``; a concurrent decision on the same claim breaks a unique constraint."""
    try:
        with transaction.atomic():
            return validated_save(entry)
    except IntegrityError:
        raise ValidationError({"status": ALREADY_DECIDED}) from None


def _validated(
    claim: SavingsEntry, recorded_on: date, by: AbstractBaseUser | None, note: str
) -> SavingsEntry:
    """Close the locked, open ``claim`` and append its achieved (validated) entry."""
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
def saving_validate(
    *, entry: SavingsEntry, recorded_on: date, by: AbstractBaseUser | None = None, note: str = ""
) -> SavingsEntry:
    """Finance confirms a claimed saving. The ledger stays append-only: the claim is closed by a
    reversing claimed entry and the amount is appended as achieved (validated), linked to the
    claim. Returns the achieved entry. ``PermissionDenied`` unless ``by`` may validate savings."""
    _only_finance(entry.organisation_id, by)
    return _validated(_claim_locked(entry), recorded_on, by, note)


@transaction.atomic
def saving_reject(
    *, entry: SavingsEntry, reason: str, recorded_on: date, by: AbstractBaseUser | None = None
) -> SavingsEntry:
    """Finance rejects a claimed saving, saying why: a reversing claimed entry marked as a
    rejection closes it, so it never counts as achieved. Returns that entry."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the claim is rejected"})
    _only_finance(entry.organisation_id, by)
    claim = _claim_locked(entry)
    rejection = _reversal(claim, reason.strip(), recorded_on, by)
    rejection.rejects = True
    return _append_once(rejection)


def _claim_named(claim: SavingsEntry) -> str:
    scope = claim.project.code if claim.project else claim.directorate or "the whole council"
    return f"{format_money(claim.amount, places=2)} for {scope} in {claim.year.label}"


@transaction.atomic
def savings_validate_claims(
    *,
    organisation: Organisation,
    claims: Sequence[SavingsEntry],
    recorded_on: date,
    by: AbstractBaseUser | None = None,
    note: str = "",
) -> tuple[SavingsEntry, ...]:
    """Finance validates several claims at once, all or nothing: every claim is locked (in id
    order, so two people validating overlapping lists cannot deadlock) and checked first; if any
    is not a claim of ``organisation`` still waiting for finance, nothing is validated and the
    ``ValidationError`` names each. Returns the achieved entries, in the order of ``claims``."""
    if not claims:
        raise ValidationError({"claims": "Choose at least one claim to validate"})
    if not may_validate(organisation=organisation, by=by):
        raise PermissionDenied("Only someone with the finance role can validate or reject a claim")
    ids = [c.pk for c in claims]
    if len(set(ids)) != len(ids):
        raise ValidationError({"claims": "The same claim is chosen twice"})
    locked = {
        c.pk: c
        for c in SavingsEntry.objects.select_for_update(of=("self",))
        .select_related("directorate", "project")
        .filter(organisation=organisation, pk__in=ids)
        .order_by("pk")
    }
    gone = [c for c in claims if c.pk not in locked or not _is_open(locked[c.pk])]
    if gone:
        named = "; ".join(_claim_named(locked.get(c.pk, c)) for c in gone)
        raise ValidationError(
            {
                "claims": f"Nothing was validated: {len(gone)} of the claims chosen "
                f"{'is' if len(gone) == 1 else 'are'} no longer waiting for finance ({named})"
            }
        )
    return tuple(_validated(locked[pk], recorded_on, by, note) for pk in ids)


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

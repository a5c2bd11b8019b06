"""The savings ledger, append-only: record a saving, reverse one, and finance's decision on a claim
(validate or reject one; validate or reject many at once, all or nothing). Large imports append
through ``bulk.py``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


NOT_A_CLAIM = "Only a claimed saving can be validated or rejected"


def _why_closed(claim: SavingsEntry) -> str:
    """Why finance may not decide ``claim`` (checked under its row lock), or "" when it is a
    claim still waiting for finance: the one rule for deciding one claim or many."""
    if claim.status != EntryStatus.CLAIMED or claim.reverses_id is not None:
        return NOT_A_CLAIM
    if SavingsEntry.objects.filter(reverses=claim).exists():
        return ALREADY_DECIDED
    return ""


def _claim_locked(entry: SavingsEntry) -> SavingsEntry:
    """The claim, re-read under a row lock, refused unless it still awaits finance."""
    claim = (
        SavingsEntry.objects.select_for_update(of=("self",))
        .select_related("directorate", "project")
        .get(pk=entry.pk)
    )
    why = _why_closed(claim)
    if why:
        raise ValidationError({"status": why})
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
    return _rejected(_claim_locked(entry), reason.strip(), recorded_on, by)


def _rejected(
    claim: SavingsEntry, reason: str, recorded_on: date, by: AbstractBaseUser | None
) -> SavingsEntry:
    """Close the locked, open ``claim`` with a reversing entry marked as its rejection."""
    rejection = _reversal(claim, reason, recorded_on, by)
    rejection.rejects = True
    return _append_once(rejection)


def _claim_named(claim: SavingsEntry) -> str:
    scope = claim.project.code if claim.project else claim.directorate or "the whole council"
    return f"{format_money(claim.amount, places=2)} for {scope} in {claim.year.label}"


@dataclass(frozen=True)
class RefusedClaim:
    """One claim a bulk decision refused: its id, the claim in words (or None when the council
    has no such entry) and why."""

    pk: int
    named: str | None
    why: str


class ClaimsRefused(ValidationError):
    """A bulk decision refused, nothing written: a ``ValidationError`` on ``claims`` with a
    summary, and ``refused``, each claim refused and why, for an edge to name them its own way."""

    def __init__(self, done: str, refused: Sequence[RefusedClaim]) -> None:
        count = len(refused)
        named = "; ".join(r.named or f"no such entry (id {r.pk})" for r in refused)
        super().__init__(
            {
                "claims": f"Nothing was {done}: {count} of the claims chosen "
                f"{'is' if count == 1 else 'are'} no longer waiting for finance ({named})"
            }
        )
        self.refused = tuple(refused)


def _open_claims(
    organisation: Organisation,
    claims: Sequence[SavingsEntry | int],
    by: AbstractBaseUser | None,
    done: str,
) -> list[SavingsEntry]:
    """The claims (entries or their ids), locked in id order (so two people deciding overlapping
    lists cannot deadlock), in the order given; ``ClaimsRefused`` naming every one that is not a
    claim of ``organisation`` still waiting for finance, by the single-claim rule."""
    if not claims:
        raise ValidationError({"claims": f"Choose at least one claim to be {done}"})
    if not may_validate(organisation=organisation, by=by):
        raise PermissionDenied("Only someone with the finance role can validate or reject a claim")
    ids = [c if isinstance(c, int) else c.pk for c in claims]
    if len(set(ids)) != len(ids):
        raise ValidationError({"claims": "The same claim is chosen twice"})
    locked = {
        c.pk: c
        for c in SavingsEntry.objects.select_for_update(of=("self",))
        .select_related("directorate", "project")
        .filter(organisation=organisation, pk__in=ids)
        .order_by("pk")
    }
    refused = []
    for pk in ids:
        claim = locked.get(pk)
        why = _why_closed(claim) if claim else "this council has no such entry"
        if why:
            refused.append(RefusedClaim(pk, _claim_named(claim) if claim else None, why))
    if refused:
        raise ClaimsRefused(done, refused)
    return [locked[pk] for pk in ids]


@transaction.atomic
def savings_validate_claims(
    *,
    organisation: Organisation,
    claims: Sequence[SavingsEntry | int],
    recorded_on: date,
    by: AbstractBaseUser | None = None,
    note: str = "",
) -> tuple[SavingsEntry, ...]:
    """Finance validates several claims (ledger entries or their ids) at once, all or nothing:
    each is locked and checked by the single-claim rule first; if any is not a claim of
    ``organisation`` still waiting for finance, nothing is validated and ``ClaimsRefused`` names
    each. Returns the achieved entries, in the order of ``claims``; each claim gets its own
    history, as if validated alone."""
    chosen = _open_claims(organisation, claims, by, "validated")
    return tuple(_validated(claim, recorded_on, by, note) for claim in chosen)


@transaction.atomic
def savings_reject_claims(
    *,
    organisation: Organisation,
    claims: Sequence[SavingsEntry | int],
    reason: str,
    recorded_on: date,
    by: AbstractBaseUser | None = None,
) -> tuple[SavingsEntry, ...]:
    """Finance rejects several claims at once with one reason, all or nothing, by the same rules
    as ``saving_reject`` and ``savings_validate_claims``. Returns the entries that close them."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the claims are rejected"})
    chosen = _open_claims(organisation, claims, by, "rejected")
    return tuple(_rejected(claim, reason.strip(), recorded_on, by) for claim in chosen)


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

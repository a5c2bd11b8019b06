"""API: finance's decision on a claimed saving (validate, reject), on several at once (all or
nothing), and a saving's history. The claims waiting are ``GET .../savings/entries?status=claimed``
(``ledger.py``), paged like every list."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.benefits.routes import router
from realise.api.benefits.schemas import EntryOut
from realise.api.common import ERRORS, Body, Id, Money, Page
from realise.benefits import selectors, services
from realise.benefits.models import SavingsEntry

# The most claims one request decides: a year end's queue is a few hundred.
MOST_CLAIMS = 500


class ValidateIn(Body):
    recorded_on: date | None = None
    note: str = ""


class RejectIn(Body):
    reason: str = Field(..., min_length=1)
    recorded_on: date | None = None


class EventOut(Schema):
    entry_id: Id
    action: str
    status: str
    amount: Money
    recorded_on: date
    recorded_at: datetime
    by: str
    note: str


def _entry(request: HttpRequest, org: str, entry_id: Id, action: Action) -> SavingsEntry:
    organisation = organisation_for(request.user, org)
    entry = record_in(SavingsEntry, organisation, entry_id)
    require(request.user, organisation, action)
    return entry


@router.post(
    "/orgs/{org}/savings/entries/{entry_id}/validate",
    response={201: EntryOut, **ERRORS},
    summary="Validate a claimed saving (finance)",
)
def entry_validate(request: HttpRequest, org: str, entry_id: Id, payload: ValidateIn) -> Any:
    """Finance confirms a claim: returns the achieved (validated) entry appended for it."""
    entry = _entry(request, org, entry_id, Action.VALIDATE_SAVING)
    validated = services.saving_validate(
        entry=entry,
        recorded_on=payload.recorded_on or timezone.localdate(),
        note=payload.note,
        by=request.user,
    )
    return Status(201, validated)


@router.post(
    "/orgs/{org}/savings/entries/{entry_id}/reject",
    response={201: EntryOut, **ERRORS},
    summary="Reject a claimed saving (finance)",
)
def entry_reject(request: HttpRequest, org: str, entry_id: Id, payload: RejectIn) -> Any:
    """Finance rejects a claim, saying why: returns the entry that closes it."""
    entry = _entry(request, org, entry_id, Action.VALIDATE_SAVING)
    closing = services.saving_reject(
        entry=entry,
        reason=payload.reason,
        recorded_on=payload.recorded_on or timezone.localdate(),
        by=request.user,
    )
    return Status(201, closing)


@router.get(
    "/orgs/{org}/savings/entries/{entry_id}/history",
    response={200: list[EventOut], **ERRORS},
    summary="A saving's history",
)
@paginate(Page)
def entry_history(request: HttpRequest, org: str, entry_id: Id) -> Any:
    """A saving's history, oldest first, paged like every list: recorded or claimed, then
    validated, rejected or reversed."""
    entry = _entry(request, org, entry_id, Action.VIEW)
    organisation = organisation_for(request.user, org)
    return list(selectors.saving_history(organisation=organisation, entry=entry))


# Several claims at once -------------------------------------------------------------------------


class ClaimsValidateIn(Body):
    ids: list[Id] = Field(
        ..., min_length=1, max_length=MOST_CLAIMS, description="The claims' ledger entry ids"
    )
    recorded_on: date | None = None
    note: str = ""


class ClaimsRejectIn(Body):
    ids: list[Id] = Field(
        ..., min_length=1, max_length=MOST_CLAIMS, description="The claims' ledger entry ids"
    )
    reason: str = Field(..., min_length=1, description="Why, as each claimant will read it")
    recorded_on: date | None = None


def _refused_by_id(refused: services.ClaimsRefused) -> ValidationError:
    """The service's refusal in the body's terms: its summary, then each refused id and why."""
    each = [f"Claim {r.pk}{f' ({r.named})' if r.named else ''}: {r.why}" for r in refused.refused]
    return ValidationError({"ids": [*refused.messages, *each]})


@router.post(
    "/orgs/{org}/savings/claims/validate",
    response={201: list[EntryOut], **ERRORS},
    summary="Validate several claimed savings at once (finance)",
)
def claims_validate(request: HttpRequest, org: str, payload: ClaimsValidateIn) -> Any:
    """Finance validates the claims ``ids``, all or nothing: if any is not a claim of the council
    still waiting for finance, nothing is validated and the 422 names each refused id and why.
    Returns the achieved entries appended, in the order of ``ids``."""
    organisation = organisation_for(request.user, org)
    require(request.user, organisation, Action.VALIDATE_SAVING)
    try:
        made = services.savings_validate_claims(
            organisation=organisation,
            claims=payload.ids,
            recorded_on=payload.recorded_on or timezone.localdate(),
            note=payload.note,
            by=request.user,
        )
    except services.ClaimsRefused as refused:
        raise _refused_by_id(refused) from None
    return Status(201, list(made))


@router.post(
    "/orgs/{org}/savings/claims/reject",
    response={201: list[EntryOut], **ERRORS},
    summary="Reject several claimed savings at once, with one reason (finance)",
)
def claims_reject(request: HttpRequest, org: str, payload: ClaimsRejectIn) -> Any:
    """Finance rejects the claims ``ids`` with one ``reason``, all or nothing like validating
    several. Returns the entries that close them, in the order of ``ids``."""
    organisation = organisation_for(request.user, org)
    require(request.user, organisation, Action.VALIDATE_SAVING)
    try:
        closed = services.savings_reject_claims(
            organisation=organisation,
            claims=payload.ids,
            reason=payload.reason,
            recorded_on=payload.recorded_on or timezone.localdate(),
            by=request.user,
        )
    except services.ClaimsRefused as refused:
        raise _refused_by_id(refused) from None
    return Status(201, list(closed))

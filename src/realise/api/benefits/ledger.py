"""API: savings targets and the savings ledger (list, record a saving)."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, require
from realise.api.benefits.routes import router
from realise.api.benefits.schemas import EntryOut, KindName, ScopedOut
from realise.api.common import (
    ERRORS,
    Body,
    DecimalIn,
    DirectorateFilter,
    Id,
    Page,
    row_of,
    year_start,
)
from realise.benefits import services
from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry, SavingsTarget
from realise.portfolio.lookups import projects
from realise.portfolio.selectors import directorate_named


class TargetOut(ScopedOut):
    variance_reason: str


class TargetFilters(DirectorateFilter):
    year: str | None = Field(None, description="Only this financial year, e.g. 2022/23")
    kind: KindName | None = Field(None, description="Only this kind of saving")


class LedgerFilters(TargetFilters):
    status: Literal["achieved", "claimed", "forecast", "pressure", "mitigation"] | None = Field(
        None,
        description="achieved (validated by finance), forecast, pressure or mitigation (in-year "
        "pressures and mitigations), or claimed: the claims still waiting for finance (a claim "
        "finance validated or rejected, and the entry that closed it, are left out)",
    )


class EntryIn(Body):
    year: str = Field(..., description="Financial year, e.g. 2022/23")
    amount: DecimalIn = Field(..., gt=0, max_digits=14, decimal_places=2)
    status: Literal["achieved", "forecast", "pressure", "mitigation"] = Field(
        "achieved",
        description="An achieved saving from someone who may not validate is kept as claimed. "
        "pressure and mitigation are in-year pressures and mitigations (column C of savings "
        "monitoring): the amount is over £0 for both, and the reports show a pressure as "
        "negative; each needs its reason in note",
    )
    kind: KindName = SavingKind.CASHABLE
    project_id: Id | None = None
    recorded_on: date
    note: str = Field("", description="A note; for a pressure or a mitigation, its reason")


def _scoped(organisation: Any, queryset: Any, filters: TargetFilters) -> Any:
    start = year_start(filters.year)
    if start is not None:
        queryset = queryset.filter(financial_year=start)
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        queryset = queryset.filter(directorate=directorate)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset.select_related("directorate", "project")


@router.get(
    "/orgs/{org}/savings/targets",
    response={200: list[TargetOut], **ERRORS},
    summary="List savings targets (budgeted savings)",
)
@paginate(Page)
def targets_list(request: HttpRequest, org: str, filters: Query[TargetFilters]) -> Any:
    """Budgeted savings; filter by year, directorate and kind."""
    organisation = organisation_for(request.user, org)
    targets = SavingsTarget.objects.filter(organisation=organisation)
    return _scoped(organisation, targets, filters).order_by("financial_year", "id")


@router.get(
    "/orgs/{org}/savings/entries",
    response={200: list[EntryOut], **ERRORS},
    summary="List the savings ledger",
)
@paginate(Page)
def entries_list(request: HttpRequest, org: str, filters: Query[LedgerFilters]) -> Any:
    """The savings ledger, oldest first; filter by year, directorate, status and kind.
    ``status=claimed`` lists the claims finance has still to validate or reject."""
    organisation = organisation_for(request.user, org)
    entries = _scoped(organisation, SavingsEntry.objects.filter(organisation=organisation), filters)
    if filters.status == EntryStatus.CLAIMED:
        entries = entries.claims_waiting()
    elif filters.status:
        entries = entries.filter(status=filters.status)
    return entries.select_related("recorded_by").order_by("id")


@router.post(
    "/orgs/{org}/savings/entries", response={201: EntryOut, **ERRORS}, summary="Record a saving"
)
def entry_append(request: HttpRequest, org: str, payload: EntryIn) -> Any:
    """Append a saving to the ledger. Project leads record on their projects. An achieved saving
    from anyone without the finance role (a project lead or a TMO admin) is kept as *claimed*
    until finance validates it: the entry returned says which. An in-year pressure or mitigation
    (``status`` pressure or mitigation) is recorded the same way, with its reason in ``note``;
    the savings tables then show it, and the shortfall after it, which carry-forwards follow."""
    organisation = organisation_for(request.user, org)
    project = None
    if payload.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, payload.project_id)
    require(request.user, organisation, Action.RECORD_SAVING, project=project)
    entry = services.saving_record(
        organisation=organisation,
        year=payload.year,
        amount=payload.amount,
        status=payload.status,
        kind=payload.kind,
        project=project,
        recorded_on=payload.recorded_on,
        note=payload.note,
        by=request.user,
    )
    return Status(201, entry)

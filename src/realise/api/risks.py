"""API: the risk register (list, add, edit with the version you saw), the heat map of current or
residual scores, and the council's risk bands (list, add; rename, move, retire or restore one:
TMO admins). Closing, reopening, escalating, mitigations and a risk's history are in
``risk_lifecycle.py``."""

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.accounts.selectors import person_in
from realise.api.common import EDIT_ERRORS, ERRORS, Body, DirectorateFilter, Id, Page, row_of
from realise.core.concurrency import version_of, versioned
from realise.finance.risk import review_overdue
from realise.portfolio.lookups import programmes, projects
from realise.portfolio.selectors import directorate_named
from realise.risks import selectors, services
from realise.risks.models import Risk, RiskBand, RiskStatus

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation

router = Router(tags=["risks"])
Rating = int


class RiskOut(Schema):
    id: int
    title: str
    level: str
    programme_id: int | None
    project_id: int | None
    cause: str
    effect: str
    owner: str
    likelihood: int
    impact: int
    score: int
    target_likelihood: int
    target_impact: int
    owner_user_id: int | None = Field(..., description="The owner's account, if they use Realise")
    target_score: int = Field(..., description="The residual score once mitigated, 1 to 25")
    mitigations: str
    status: str
    closed_reason: str = Field(..., description="Why the risk was closed (empty when open)")
    reopened_reason: str = Field(
        ..., description="Why the risk was last reopened (empty when closed, or never reopened)"
    )
    review_on: date | None
    review_overdue: bool = Field(
        ..., description="Open, and its review date is before today (the council's day)"
    )
    escalated: bool
    escalated_to_id: int | None = Field(..., description="The board it was escalated to")
    version: int | None

    @staticmethod
    def resolve_version(obj: Risk) -> int | None:
        return version_of(obj)

    @staticmethod
    def resolve_review_overdue(obj: Risk) -> bool:
        return review_overdue(obj.review_on, today=timezone.localdate(), is_open=obj.is_open)


class RiskIn(Body):
    title: str = Field(..., min_length=1, max_length=200)
    likelihood: int = Field(..., ge=1, le=5)
    impact: int = Field(..., ge=1, le=5)
    project_id: Id | None = None
    programme_id: Id | None = None
    cause: str = ""
    effect: str = ""
    owner: str = Field("", max_length=200)
    owner_user_id: Id | None = Field(None, description="An account holding a role in the council")
    target_likelihood: int | None = Field(None, ge=1, le=5, description="Current if not given")
    target_impact: int | None = Field(None, ge=1, le=5, description="Current if not given")
    review_on: date | None = None
    mitigations: str = ""


class RiskEdit(Body):
    version: int | None = Field(..., description="The version you saw (from RiskOut.version)")
    title: str | None = Field(None, min_length=1, max_length=200)
    likelihood: int | None = Field(None, ge=1, le=5)
    impact: int | None = Field(None, ge=1, le=5)
    target_likelihood: int | None = Field(None, ge=1, le=5)
    target_impact: int | None = Field(None, ge=1, le=5)
    cause: str | None = None
    effect: str | None = None
    mitigations: str | None = None
    owner: str | None = Field(None, max_length=200)
    owner_user_id: Id | None = Field(None, description="null: no owner in Realise")
    review_on: date | None = None
    status: Literal["open", "closed"] | None = Field(
        None,
        description="closed needs closed_reason, and reopening a closed risk reopened_reason; "
        "the close and reopen operations say so",
    )
    closed_reason: str | None = None
    reopened_reason: str | None = Field(None, description="Why a closed risk is being reopened")


class HeatCellOut(Schema):
    likelihood: int
    impact: int
    score: int
    band: str
    count: int


class BandCountOut(Schema):
    name: str
    min_score: int
    count: int


class HeatMapOut(Schema):
    scores: Literal["current", "residual"]
    cells: list[HeatCellOut]
    bands: list[BandCountOut]
    total: int


class HeatMapQuery(Schema):
    scores: Literal["current", "residual"] = Field(
        "current", description="Count risks by their current scores or their residual ones"
    )


class RiskFilters(DirectorateFilter):
    status: Literal[tuple(RiskStatus.values)] | None = Field(  # type: ignore[valid-type]
        None, description="Only open or only closed risks"
    )
    project_id: Id | None = Field(None, description="Only risks to this project (its id)")
    escalated: bool | None = Field(
        None, description="true: only risks escalated to the corporate register; false: the rest"
    )
    overdue: bool | None = Field(
        None, description="true: only open risks whose review date is before today; false: the rest"
    )


@router.get("/orgs/{org}/risks", response={200: list[RiskOut], **ERRORS}, summary="List risks")
@paginate(Page)
def risks_list(request: HttpRequest, org: str, filters: Query[RiskFilters]) -> Any:
    """Risks, oldest first; filter by status, project, directorate and escalation."""
    organisation = organisation_for(request.user, org)
    risks = versioned(Risk.objects.filter(organisation=organisation))
    if filters.status:
        risks = risks.filter(status=filters.status)
    if filters.project_id is not None:
        risks = risks.filter(project_id=filters.project_id)
    if filters.escalated is not None:
        risks = risks.filter(escalated=filters.escalated)
    if filters.overdue is not None:
        late = {"status": RiskStatus.OPEN, "review_on__lt": timezone.localdate()}
        risks = risks.filter(**late) if filters.overdue else risks.exclude(**late)
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        risks = risks.filter(
            Q(project__directorate=directorate)
            | Q(project__isnull=True, programme__directorate=directorate)
        )
    return risks.order_by("id")


@router.post("/orgs/{org}/risks", response={201: RiskOut, **ERRORS}, summary="Add a risk")
def risk_add(request: HttpRequest, org: str, payload: RiskIn) -> Any:
    """Add a risk to a project (its lead, or a TMO admin) or a programme (TMO admins)."""
    organisation = organisation_for(request.user, org)
    fields = payload.dict()
    fields["owner_user"] = _owner(organisation, fields.pop("owner_user_id"))
    project_id, programme_id = fields.pop("project_id"), fields.pop("programme_id")
    project = (
        row_of(projects(organisation=organisation), organisation, project_id)
        if project_id is not None
        else None
    )
    programme = (
        row_of(programmes(organisation=organisation), organisation, programme_id)
        if programme_id is not None
        else None
    )
    require(request.user, organisation, Action.MANAGE_RISK, project=project)
    risk = services.risk_create(
        organisation=organisation, project=project, programme=programme, by=request.user, **fields
    )
    return Status(201, risk)


def _owner(organisation: "Organisation", user_id: int | None) -> Any:
    """The account ``user_id`` names, if it holds a role in the council; else 422 (never saying
    whether the account exists elsewhere)."""
    if user_id is None:
        return None
    found = person_in(organisation=organisation, user_id=user_id)
    if found is None:
        raise ValidationError({"owner_user_id": "Choose someone who holds a role in this council"})
    return found


@router.get("/orgs/{org}/risks/{risk_id}", response={200: RiskOut, **ERRORS}, summary="Read a risk")
def risk_detail(request: HttpRequest, org: str, risk_id: Id) -> Any:
    """One risk with its scores (likelihood times impact, 1 to 25); keep its ``version`` to
    edit it."""
    organisation = organisation_for(request.user, org)
    return record_in(Risk, organisation, risk_id, versioned(Risk.objects))


@router.patch(
    "/orgs/{org}/risks/{risk_id}",
    response={200: RiskOut, **EDIT_ERRORS},
    summary="Edit or rescore a risk",
)
def risk_edit(request: HttpRequest, org: str, risk_id: Id, payload: RiskEdit) -> Any:
    """Edit a risk. Send the ``version`` you saw; a newer version refuses the edit with 409."""
    organisation = organisation_for(request.user, org)
    risk = record_in(Risk, organisation, risk_id, versioned(Risk.objects))
    require(request.user, organisation, Action.MANAGE_RISK, project=risk.project)
    changes = payload.dict(exclude_unset=True)
    seen = changes.pop("version")
    if "owner_user_id" in changes:
        changes["owner_user"] = _owner(organisation, changes.pop("owner_user_id"))
    return services.risk_update(risk=risk, seen_version=seen, changes=changes, by=request.user)


@router.get(
    "/orgs/{org}/reports/heat-map", response={200: HeatMapOut, **ERRORS}, summary="Risk heat map"
)
def report_heat_map(request: HttpRequest, org: str, query: Query[HeatMapQuery]) -> Any:
    """Open risks by likelihood and impact (current, or residual once mitigated), and by the
    council's bands."""
    organisation = organisation_for(request.user, org)
    return selectors.risk_heat_map(organisation=organisation, scores=query.scores)


class BandOut(Schema):
    id: int
    name: str
    min_score: int = Field(..., description="The score the band starts at (1 to 25)")
    action: str
    colour: str
    retired: bool = Field(..., description="Retired: it bands no risk, and is kept for the record")


class BandIn(Body):
    name: str = Field(..., min_length=1, max_length=40)
    min_score: int = Field(..., ge=1, le=25, description="The score the band starts at")
    action: str = Field("", max_length=200, description="What to do about a risk in the band")


class BandEdit(Body):
    name: str | None = Field(None, min_length=1, max_length=40, description="A new name")
    min_score: int | None = Field(
        None, ge=1, le=25, description="A new starting score (bands are in the order of these)"
    )
    action: str | None = Field(None, max_length=200)
    retired: bool | None = Field(None, description="true to retire it, false to restore it")


@router.get(
    "/orgs/{org}/risk-bands", response={200: list[BandOut], **ERRORS}, summary="List risk bands"
)
@paginate(Page)
def bands_list(request: HttpRequest, org: str) -> Any:
    """The council's risk bands: those in use, lowest first, then the retired ones."""
    organisation = organisation_for(request.user, org)
    return selectors.bands_list(organisation=organisation, with_retired=True)


@router.post("/orgs/{org}/risk-bands", response={201: BandOut, **ERRORS}, summary="Add a risk band")
def band_add(request: HttpRequest, org: str, payload: BandIn) -> Any:
    """Add a band in use (TMO admins). The bands in use must still give every score from 1 to 25
    exactly one band: a start another band in use has is refused (422)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_SETTINGS)
    band = services.risk_band_add(organisation=organisation, by=request.user, **payload.dict())
    return Status(201, band)


@router.patch(
    "/orgs/{org}/risk-bands/{band_id}",
    response={200: BandOut, **ERRORS},
    summary="Rename, move, retire or restore a risk band",
)
def band_change(request: HttpRequest, org: str, band_id: Id, payload: BandEdit) -> Any:
    """Rename a band (its id stays), change the score it starts at or its action, retire it or
    restore it (TMO admins). Send only what changes. Refused (422) when the bands in use would
    no longer give every score exactly one band, e.g. retiring the band that starts at 1."""
    organisation = organisation_for(request.user, org, Action.MANAGE_SETTINGS)
    band = record_in(RiskBand, organisation, band_id)
    changes = payload.dict(exclude_unset=True)
    return services.risk_band_change(band=band, by=request.user, **changes)

"""API: funds, bids against them (submit, approve or reject) and external grants."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in
from realise.api.common import (
    ERRORS,
    Body,
    DecimalIn,
    DirectorateFilter,
    Id,
    Money,
    Page,
    year_start,
)
from realise.finance.calendar import FinancialYear
from realise.funding import services
from realise.funding.models import Bid, BidStatus, Fund, FundKind, Grant
from realise.portfolio.models import Project
from realise.portfolio.selectors import directorate_named

router = Router(tags=["funding"])
BidStatusName = Literal[tuple(BidStatus.values)]  # type: ignore[valid-type]


class FundOut(Schema):
    id: int
    name: str
    kind: str
    pot: Money
    decided_by: str


class FundIn(Body):
    name: str = Field(..., min_length=1, max_length=200)
    kind: Literal[tuple(FundKind.values)]  # type: ignore[valid-type]
    pot: DecimalIn = Field(..., ge=0, max_digits=14, decimal_places=2)
    decided_by: str = Field("", max_length=200)


class BidOut(Schema):
    id: int
    fund_id: Id
    project_id: int | None
    title: str
    purpose: str
    amount: Money
    status: str
    decided_by: str
    decided_on: date | None


class BidIn(Body):
    fund_id: Id
    title: str = Field(..., min_length=1, max_length=200)
    amount: DecimalIn = Field(..., gt=0, max_digits=14, decimal_places=2)
    purpose: str = ""
    project_id: Id | None = None


class BidDecisionIn(Body):
    approve: bool
    decided_on: date
    decided_by: str = Field("", max_length=200)


class GrantOut(Schema):
    id: int
    funder: str
    scheme: str
    amount: Money
    awarded_on: date | None
    project_id: int | None
    purpose: str


class BidFilters(DirectorateFilter):
    status: BidStatusName | None = Field(None, description="Only bids with this status")


class GrantFilters(DirectorateFilter):
    year: str | None = Field(
        None, description="Only grants awarded in this financial year, e.g. 2022/23"
    )


@router.get("/orgs/{org}/funds", response={200: list[FundOut], **ERRORS}, summary="List funds")
@paginate(Page)
def funds_list(request: HttpRequest, org: str) -> Any:
    """The council's funds (invest to save, small change), by name, with each pot in pounds."""
    organisation = organisation_for(request.user, org)
    return Fund.objects.filter(organisation=organisation).order_by("name")


@router.post("/orgs/{org}/funds", response={201: FundOut, **ERRORS}, summary="Set up a fund")
def fund_create(request: HttpRequest, org: str, payload: FundIn) -> Any:
    """Set up a fund (finance and TMO admins)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    return Status(201, services.fund_create(organisation=organisation, **payload.dict()))


@router.get(
    "/orgs/{org}/bids", response={200: list[BidOut], **ERRORS}, summary="List bids for funds"
)
@paginate(Page)
def bids_list(request: HttpRequest, org: str, filters: Query[BidFilters]) -> Any:
    """Bids for funds, oldest first; filter by status and by the directorate of their project."""
    organisation = organisation_for(request.user, org)
    bids = Bid.objects.filter(organisation=organisation)
    if filters.status:
        bids = bids.filter(status=filters.status)
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        bids = bids.filter(project__directorate=directorate)
    return bids.order_by("id")


@router.post(
    "/orgs/{org}/bids", response={201: BidOut, **ERRORS}, summary="Bid for money from a fund"
)
def bid_submit(request: HttpRequest, org: str, payload: BidIn) -> Any:
    """Bid for money from a fund (finance and TMO admins); refused beyond what the pot has left."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = record_in(Fund, organisation, payload.fund_id)
    project = None
    if payload.project_id is not None:
        project = record_in(Project, organisation, payload.project_id)
    bid = services.bid_submit(
        fund=fund,
        title=payload.title,
        amount=payload.amount,
        purpose=payload.purpose,
        project=project,
    )
    return Status(201, bid)


@router.post(
    "/orgs/{org}/bids/{bid_id}/decision",
    response={200: BidOut, **ERRORS},
    summary="Approve or reject a bid",
)
def bid_decide(request: HttpRequest, org: str, bid_id: Id, payload: BidDecisionIn) -> Any:
    """Approve or reject a submitted bid (finance and TMO admins)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    bid = record_in(Bid, organisation, bid_id)
    return services.bid_decide(bid=bid, **payload.dict())


@router.get(
    "/orgs/{org}/grants", response={200: list[GrantOut], **ERRORS}, summary="List external grants"
)
@paginate(Page)
def grants_list(request: HttpRequest, org: str, filters: Query[GrantFilters]) -> Any:
    """External grants, largest first; filter by the financial year they were awarded in and by
    the directorate of their project."""
    organisation = organisation_for(request.user, org)
    grants = Grant.objects.filter(organisation=organisation)
    start = year_start(filters.year)
    if start is not None:
        grants = grants.filter(awarded_on__range=FinancialYear(start).days)
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        grants = grants.filter(project__directorate=directorate)
    return grants.order_by("-amount", "id")

"""API: funds (list, read, set up, edit with the version you saw, close and reopen), bids against
them (submit, decide: approve in full, part-fund or reject; record what was paid out) and
external grants. A body with a field Realise does not know is refused (422), so a misspelt field
is never silently ignored."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in
from realise.api.common import (
    EDIT_ERRORS,
    ERRORS,
    Body,
    DecimalIn,
    DirectorateFilter,
    Id,
    Money,
    Page,
    row_of,
    year_start,
)
from realise.core.concurrency import LATEST, version_of, versioned
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.funding import services
from realise.funding.models import Bid, BidStatus, Fund, FundKind, Grant
from realise.funding.selectors import with_totals
from realise.portfolio.lookups import boards, projects
from realise.portfolio.selectors import directorate_named

router = Router(tags=["funding"])
BidStatusName = Literal[tuple(BidStatus.values)]  # type: ignore[valid-type]
FundKindName = Literal[tuple(FundKind.values)]  # type: ignore[valid-type]
MONEY_IN = {"max_digits": 14, "decimal_places": 2}


def money(what: str) -> Any:
    """A money field of a response, described with what it is and how it is written."""
    return Field(
        ..., description=f'{what}, in pounds and pence as an exact decimal string, e.g. "1234.50"'
    )


class FundOut(Schema):
    id: int
    name: str
    kind: str
    pot: Money
    decided_by: str
    closed_on: date | None = Field(..., description="When the fund closed; null while open")
    committed: Money = money("Awarded to approved bids")
    drawn: Money = money("Paid out of what approved bids were awarded")
    remaining: Money = money("The pot less what is committed")
    version: int | None = Field(..., description="Send it back to edit, close or reopen the fund")

    @staticmethod
    def resolve_committed(obj: Fund) -> Decimal:
        return getattr(obj, "committed_total", None) or ZERO

    @staticmethod
    def resolve_drawn(obj: Fund) -> Decimal:
        return getattr(obj, "drawn_total", None) or ZERO

    @staticmethod
    def resolve_remaining(obj: Fund) -> Decimal:
        return obj.pot - (getattr(obj, "committed_total", None) or ZERO)

    @staticmethod
    def resolve_version(obj: Fund) -> int | None:
        return version_of(obj)


class FundIn(Body):
    name: str = Field(..., min_length=1, max_length=200)
    kind: FundKindName
    pot: DecimalIn = Field(..., ge=0, **MONEY_IN)
    decided_by: str = Field("", max_length=200)


class FundEdit(Body):
    version: int | None = Field(..., description="The version you saw (from FundOut.version)")
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: FundKindName | None = None
    pot: DecimalIn | None = Field(None, ge=0, **MONEY_IN)
    decided_by: str | None = Field(None, max_length=200)


class FundCloseIn(Body):
    closed_on: date
    version: int | None = Field(None, description="The version you saw; omit to close as stored")


class FundReopenIn(Body):
    version: int | None = Field(None, description="The version you saw; omit to reopen as stored")


class BidOut(Schema):
    id: int
    fund_id: Id
    project_id: int | None
    title: str
    purpose: str
    amount: Money = money("What the bid asked for")
    status: str
    awarded: Money | None = money("What an approved bid was awarded (null until then)")
    drawn: Money = money("What has been paid out of the award")
    board_id: int | None = Field(..., description="The board that decided the bid")
    reason: str = Field(..., description="Why the bid was decided as it was")
    decided_by: str
    decided_on: date | None
    decision_id: int | None = Field(
        ...,
        description="The board's decision on the bid in GET /orgs/{org}/decisions (null when "
        "no board decided it)",
    )
    version: int | None

    @staticmethod
    def resolve_version(obj: Bid) -> int | None:
        return version_of(obj)


class BidIn(Body):
    fund_id: Id
    title: str = Field(..., min_length=1, max_length=200)
    amount: DecimalIn = Field(..., gt=0, **MONEY_IN)
    purpose: str = ""
    project_id: Id | None = None


class BidDecisionIn(Body):
    approve: bool = Field(..., description="true to approve (in full or in part), false to reject")
    decided_on: date
    amount: DecimalIn | None = Field(
        None,
        gt=0,
        description="What to award when less than the bid asked for (part-funding); "
        "omit to approve in full",
        **MONEY_IN,
    )
    reason: str = Field("", max_length=2000, description="Why: needed to reject or part-fund")
    board_id: Id | None = Field(None, description="The board that decided")
    decided_by: str = Field("", max_length=200)
    version: int | None = Field(None, description="The version you saw; omit to decide as stored")


class BidDrawnIn(Body):
    drawn: DecimalIn = Field(..., ge=0, description="Paid out so far, in all", **MONEY_IN)
    version: int | None = Field(None, description="The version you saw; omit to record as stored")


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


def _seen(payload: Schema) -> Any:
    """The version a body sent, or LATEST when it sent none."""
    return payload.version if "version" in payload.model_fields_set else LATEST  # type: ignore[attr-defined]


def _fund(organisation: Any, fund_id: int) -> Fund:
    """The fund with its totals and version, as ``FundOut`` shows it; 404 if not the council's."""
    return record_in(Fund, organisation, fund_id, with_totals(versioned(Fund.objects)))


@router.get("/orgs/{org}/funds", response={200: list[FundOut], **ERRORS}, summary="List funds")
@paginate(Page)
def funds_list(request: HttpRequest, org: str) -> Any:
    """The council's funds (invest to save, small change, external), by name, each with its pot,
    what approved bids have been awarded (committed) and paid (drawn), and what is left."""
    organisation = organisation_for(request.user, org)
    return with_totals(versioned(Fund.objects.filter(organisation=organisation))).order_by("name")


@router.post("/orgs/{org}/funds", response={201: FundOut, **ERRORS}, summary="Set up a fund")
def fund_create(request: HttpRequest, org: str, payload: FundIn) -> Any:
    """Set up a fund (finance and TMO admins)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = services.fund_create(organisation=organisation, **payload.dict(), by=request.user)
    return Status(201, _fund(organisation, fund.pk))


@router.get("/orgs/{org}/funds/{fund_id}", response={200: FundOut, **ERRORS}, summary="Read a fund")
def fund_detail(request: HttpRequest, org: str, fund_id: Id) -> Any:
    """One fund with what is committed, drawn and left; keep its ``version`` to change it."""
    return _fund(organisation_for(request.user, org), fund_id)


@router.patch(
    "/orgs/{org}/funds/{fund_id}", response={200: FundOut, **EDIT_ERRORS}, summary="Edit a fund"
)
def fund_edit(request: HttpRequest, org: str, fund_id: Id, payload: FundEdit) -> Any:
    """Rename a fund, change its kind, pot or who decides its bids (finance and TMO admins). Send
    the ``version`` you saw; a newer one refuses the edit with 409. A pot is never cut below what
    is committed (422 on ``pot``)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = _fund(organisation, fund_id)
    changes = payload.dict(exclude_unset=True)
    seen = changes.pop("version")
    services.fund_update(fund=fund, seen_version=seen, changes=changes, by=request.user)
    return _fund(organisation, fund_id)


@router.post(
    "/orgs/{org}/funds/{fund_id}/close",
    response={200: FundOut, **EDIT_ERRORS},
    summary="Close a fund",
)
def fund_close(request: HttpRequest, org: str, fund_id: Id, payload: FundCloseIn) -> Any:
    """Close a fund (finance and TMO admins): it then takes no bids and approves none; it stays
    in every list and report."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = _fund(organisation, fund_id)
    services.fund_close(
        fund=fund, closed_on=payload.closed_on, seen_version=_seen(payload), by=request.user
    )
    return _fund(organisation, fund_id)


@router.post(
    "/orgs/{org}/funds/{fund_id}/reopen",
    response={200: FundOut, **EDIT_ERRORS},
    summary="Reopen a closed fund",
)
def fund_reopen(request: HttpRequest, org: str, fund_id: Id, payload: FundReopenIn) -> Any:
    """Open a closed fund again (finance and TMO admins)."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = _fund(organisation, fund_id)
    services.fund_reopen(fund=fund, seen_version=_seen(payload), by=request.user)
    return _fund(organisation, fund_id)


@router.get(
    "/orgs/{org}/bids", response={200: list[BidOut], **ERRORS}, summary="List bids for funds"
)
@paginate(Page)
def bids_list(request: HttpRequest, org: str, filters: Query[BidFilters]) -> Any:
    """Bids for funds, oldest first; filter by status and by the directorate of their project."""
    organisation = organisation_for(request.user, org)
    bids = versioned(Bid.objects.filter(organisation=organisation))
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
    """Bid for money from a fund (finance and TMO admins); refused beyond what the pot has left
    and by a closed fund."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    fund = record_in(Fund, organisation, payload.fund_id)
    project = None
    if payload.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, payload.project_id)
    bid = services.bid_submit(
        fund=fund,
        title=payload.title,
        amount=payload.amount,
        purpose=payload.purpose,
        project=project,
        by=request.user,
    )
    return Status(201, bid)


@router.post(
    "/orgs/{org}/bids/{bid_id}/decision",
    response={200: BidOut, **EDIT_ERRORS},
    summary="Approve, part-fund or reject a bid",
)
def bid_decide(request: HttpRequest, org: str, bid_id: Id, payload: BidDecisionIn) -> Any:
    """Decide a submitted bid (finance and TMO admins): approve it in full, approve a lower
    ``amount`` (part-fund, with a ``reason``) or reject it (with a ``reason``). Refused (422) when
    the bid has been decided already, when the award is more than the fund has left, even if
    another decision was made at the same moment, or when the fund is closed."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    bid = record_in(Bid, organisation, bid_id)
    board = None
    if payload.board_id is not None:
        board = row_of(boards(organisation=organisation), organisation, payload.board_id)
    return services.bid_decide(
        bid=bid,
        approve=payload.approve,
        decided_on=payload.decided_on,
        amount=payload.amount,
        reason=payload.reason,
        board=board,
        decided_by=payload.decided_by,
        seen_version=_seen(payload),
        by=request.user,
    )


@router.post(
    "/orgs/{org}/bids/{bid_id}/drawn",
    response={200: BidOut, **EDIT_ERRORS},
    summary="Record what has been paid out of an award",
)
def bid_drawn(request: HttpRequest, org: str, bid_id: Id, payload: BidDrawnIn) -> Any:
    """Record how much of an approved bid's award has been paid out so far, in all (finance and
    TMO admins); never more than the award."""
    organisation = organisation_for(request.user, org, Action.MANAGE_FUNDING)
    bid = record_in(Bid, organisation, bid_id)
    return services.bid_record_drawn(
        bid=bid, drawn=payload.drawn, seen_version=_seen(payload), by=request.user
    )


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

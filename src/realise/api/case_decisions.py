"""API: a stored business case's path to a decision: submit its latest draft, record a board's
approval (one option, with the board's decision) or rejection, supersede the case. Mounted beside
the cases' router (``cases.py``); each answers with the version (or case) as it now stands."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router

from realise.accounts.access import Action, record_in
from realise.api.cases import SEEN, CaseDetailOut, VersionOut, case_found, case_shown, version_shown
from realise.api.common import ERRORS, Body, Id, row_of
from realise.cases import selectors, services
from realise.cases.models import Case
from realise.portfolio.lookups import boards

router = Router(tags=["business cases"])


class SubmitIn(Body):
    seen: Id | None = SEEN


class ApproveIn(Body):
    option: str = Field(..., min_length=1, max_length=100, description="The option's id, e.g. s4")
    board_id: Id = Field(..., description="The board that decided: one of the council's")
    decided_on: date
    text: str = Field("", max_length=2000, description="Anything the decision added")
    seen: Id | None = SEEN


class RejectIn(Body):
    reason: str = Field(..., min_length=1, max_length=2000, description="Why it was rejected")
    board_id: Id | None = Field(None, description="The board that decided, to record its decision")
    decided_on: date | None = Field(None, description="Needed with board_id")
    seen: Id | None = SEEN


class SupersedeIn(Body):
    reason: str = Field(..., min_length=1, max_length=2000, description="Why it is superseded")
    on: date | None = Field(None, description="Today when not given")
    replaced_by_id: Id | None = Field(None, description="The council's case that replaces it")


@router.post(
    "/orgs/{org}/cases/{case_id}/submit",
    response={200: VersionOut, **ERRORS},
    summary="Submit for a decision",
)
def case_submit(request: HttpRequest, org: str, case_id: Id, payload: SubmitIn) -> Any:
    """Submit the case's latest version, a draft, for a board's decision."""
    case = case_found(request, org, case_id, Action.EDIT_CASE)
    version = services.case_submit(case=case, seen=payload.seen, by=request.user)
    return version_shown(version, selectors.people_named(organisation=case.organisation))


@router.post(
    "/orgs/{org}/cases/{case_id}/approve",
    response={200: VersionOut, **ERRORS},
    summary="Record a board's approval",
)
def case_approve(request: HttpRequest, org: str, case_id: Id, payload: ApproveIn) -> Any:
    """Record that a board approved the submitted version, choosing one option (TMO admins). The
    board's decision is recorded; the version approved before, if any, is superseded."""
    case = case_found(request, org, case_id, Action.DECIDE_CASE)
    organisation = case.organisation
    board = row_of(boards(organisation=organisation), organisation, payload.board_id)
    version = services.case_approve(
        case=case,
        option=payload.option,
        board=board,
        decided_on=payload.decided_on,
        text=payload.text,
        seen=payload.seen,
        by=request.user,
    )
    return version_shown(version, selectors.people_named(organisation=organisation))


@router.post(
    "/orgs/{org}/cases/{case_id}/reject",
    response={200: VersionOut, **ERRORS},
    summary="Record a rejection",
)
def case_reject(request: HttpRequest, org: str, case_id: Id, payload: RejectIn) -> Any:
    """Record that the submitted version was rejected and why (TMO admins); with ``board_id`` and
    ``decided_on`` the board's decision is recorded too."""
    case = case_found(request, org, case_id, Action.DECIDE_CASE)
    organisation = case.organisation
    board = None
    if payload.board_id is not None:
        board = row_of(boards(organisation=organisation), organisation, payload.board_id)
    version = services.case_reject(
        case=case,
        reason=payload.reason,
        board=board,
        decided_on=payload.decided_on,
        seen=payload.seen,
        by=request.user,
    )
    return version_shown(version, selectors.people_named(organisation=organisation))


@router.post(
    "/orgs/{org}/cases/{case_id}/supersede",
    response={200: CaseDetailOut, **ERRORS},
    summary="Supersede a case",
)
def case_supersede(request: HttpRequest, org: str, case_id: Id, payload: SupersedeIn) -> Any:
    """Supersede the case as a whole, saying why and, if another case replaces it, which (TMO
    admins). It takes no more versions or decisions."""
    case = case_found(request, org, case_id, Action.DECIDE_CASE)
    replaced_by = None
    if payload.replaced_by_id is not None:
        replaced_by = record_in(Case, case.organisation, payload.replaced_by_id)
    done = services.case_supersede(
        case=case, reason=payload.reason, on=payload.on, replaced_by=replaced_by, by=request.user
    )
    return case_shown(done)

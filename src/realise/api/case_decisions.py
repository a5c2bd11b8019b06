"""API: a stored business case's path to a decision: submit its latest draft, record a board's
approval (one option, with the board's decision; it sets the option's savings targets and
budgets) or rejection, supersede the case, and list the targets and budgets the approval in force
set. Mounted beside the cases' router (``cases.py``); each change answers with the version (or
case) as it now stands."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from realise.accounts.access import Action, record_in
from realise.api.cases import SEEN, CaseDetailOut, VersionOut, case_found, case_shown, version_shown
from realise.api.common import ERRORS, Body, Id, Money, row_of, year_label
from realise.cases import selectors, services
from realise.cases.models import BudgetKind, Case, CaseBudget, CaseTarget
from realise.cases.plans import case_plan
from realise.portfolio.lookups import boards, directorates

router = Router(tags=["business cases"])


class SubmitIn(Body):
    seen: Id | None = SEEN


class ApproveIn(Body):
    option: str = Field(..., min_length=1, max_length=100, description="The option's id, e.g. s4")
    board_id: Id = Field(..., description="The board that decided: one of the council's")
    decided_on: date
    text: str = Field("", max_length=2000, description="Anything the decision added")
    directorates: dict[str, Id] = Field(
        default_factory=dict,
        description="Where a line's savings targets go, by the line's id (a format 1 layer's is "
        "layer:<id>, e.g. layer:customer): the id of one of the council's directorates. Needed "
        "for each line that makes a target and for which the case names no directorate of the "
        "council (else it goes to the case's project's or programme's directorate, if it has "
        "one); given for another line, it overrides the case. A line left with none is refused "
        "(422 on directorates.<line id>)",
    )
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
    board's decision is recorded; the version approved before, if any, is superseded. In the
    same transaction the option's savings targets are set by financial year, directorate and
    kind, with its staff and cost budgets (see ``GET .../targets``); the targets of the version
    approved before are re-baselined, each change's variance reason naming both versions and
    amounts. Any problem refuses the whole approval (422) and nothing is written: a line with
    no directorate (on ``directorates.<line id>``), savings in a year outside the council's plan
    years, or a second approval of the case at the same moment."""
    case = case_found(request, org, case_id, Action.DECIDE_CASE)
    organisation = case.organisation
    board = row_of(boards(organisation=organisation), organisation, payload.board_id)
    offered = directorates(organisation=organisation)
    chosen = {line: row_of(offered, organisation, pk) for line, pk in payload.directorates.items()}
    version = services.case_approve(
        case=case,
        option=payload.option,
        board=board,
        decided_on=payload.decided_on,
        text=payload.text,
        directorates=chosen,
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


class CaseTargetOut(Schema):
    financial_year: str = Field(..., description="e.g. 2025/26")
    line: str = Field(..., description="The line's id in the case (layer:<id> for a layer)")
    line_name: str
    kind: str = Field(..., description="cashable, cost_avoidance or income")
    directorate_id: int
    directorate: str
    project_id: int | None = Field(..., description="The case's project, when in its directorate")
    amount: Money = Field(..., description="The line's saving in the year: its part of the target")
    target_id: int = Field(..., description="The savings target it set (GET .../savings/targets)")
    target_amount: Money = Field(..., description="The target's amount now: its lines' sum")


class CaseBudgetOut(Schema):
    financial_year: str
    kind: Literal[tuple(BudgetKind.values)] = Field(  # type: ignore[valid-type]
        ..., description="fte: staff released; cost: one cost line's money"
    )
    line: str = Field(..., description="The cost line's id (empty for staff)")
    line_name: str
    category: str = Field(..., description="A cost's kind: capital, revenue or unclassified")
    amount: str = Field(
        ...,
        description='An exact decimal string: pounds and pence for a cost ("6150000.00"), FTE '
        'for staff ("249.175")',
    )


class CasePlanOut(Schema):
    version: int | None = Field(..., description="The approved version in force (null: none)")
    option: str = Field(..., description="The option it approved")
    targets: list[CaseTargetOut]
    budgets: list[CaseBudgetOut]


def _target_out(row: CaseTarget) -> dict[str, Any]:
    return {
        "financial_year": year_label(row.financial_year),
        "line": row.line,
        "line_name": row.line_name,
        "kind": row.kind,
        "directorate_id": row.directorate_id,
        "directorate": row.directorate.name,
        "project_id": row.project_id,
        "amount": row.amount,
        "target_id": row.target_id,
        "target_amount": row.target.amount,
    }


def _budget_out(row: CaseBudget) -> dict[str, Any]:
    places = Decimal("0.01") if row.kind == BudgetKind.COST else None
    amount = row.amount.quantize(places) if places else row.amount.normalize()
    return {
        "financial_year": year_label(row.financial_year),
        "kind": row.kind,
        "line": row.line,
        "line_name": row.line_name,
        "category": row.category,
        "amount": f"{amount:f}",
    }


@router.get(
    "/orgs/{org}/cases/{case_id}/targets",
    response={200: CasePlanOut, **ERRORS},
    summary="The targets and budgets an approval set",
)
def case_targets(request: HttpRequest, org: str, case_id: Id) -> Any:
    """The savings targets and budgets the approval in force set: each line's saving in each
    year with the target it is part of (a target is the sum of its lines for a year,
    directorate and kind), then the staff released (FTE) and each cost line by year. A line
    the version in force no longer has, whose target it set to £0, is listed at £0.00."""
    case = case_found(request, org, case_id)
    plan = case_plan(case=case)
    return {
        "version": plan.version.number if plan.version else None,
        "option": plan.version.option if plan.version else "",
        "targets": [_target_out(row) for row in plan.targets],
        "budgets": [_budget_out(row) for row in plan.budgets],
    }

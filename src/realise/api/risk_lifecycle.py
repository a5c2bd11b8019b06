"""API: a risk's lifecycle beyond editing it: close it with a reason, reopen it with one,
escalate it to one of the council's boards, its mitigations (list, add, mark done) and its
history in words. Each write sends the version of the risk (or mitigation) you saw; a newer one
is refused with 409, as for edits. Mounted beside the register's router (``risks.py``)."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.common import EDIT_ERRORS, ERRORS, Body, Id, Page, row_of
from realise.api.risks import RiskOut
from realise.core.concurrency import version_of, versioned
from realise.portfolio.lookups import boards
from realise.risks import services
from realise.risks.models import Risk, RiskMitigation
from realise.risks.timeline import risk_history

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation

router = Router(tags=["risks"])

VERSION = Field(..., description="The version of the risk you saw (from RiskOut.version)")


class CloseIn(Body):
    version: int | None = VERSION
    reason: str = Field(..., min_length=1, max_length=2000, description="Why it is closed")


class ReopenIn(Body):
    version: int | None = VERSION
    reason: str = Field(..., min_length=1, max_length=2000, description="Why it is reopened")


class EscalateIn(Body):
    version: int | None = VERSION
    board_id: Id = Field(..., description="One of the council's boards")


class MitigationIn(Body):
    action: str = Field(..., min_length=1, max_length=300, description="What will be done")
    owner: str = Field("", max_length=200, description="Who will do it")
    due_on: date | None = None


class MitigationOut(Schema):
    id: int
    risk_id: int
    action: str
    owner: str
    due_on: date | None
    done_on: date | None
    version: int | None

    @staticmethod
    def resolve_version(obj: RiskMitigation) -> int | None:
        return version_of(obj)


class DoneIn(Body):
    version: int | None = Field(..., description="The mitigation's version you saw")
    done_on: date | None = Field(None, description="Today when not given; never a later day")


class HistoryOut(Schema):
    at: datetime
    by: str
    changes: list[str] = Field(..., description="What the change did, in words")


def _risk(request: HttpRequest, org: str, risk_id: int) -> "tuple[Organisation, Risk]":
    """The council and its risk (404 for another council's), once the user may manage it."""
    organisation = organisation_for(request.user, org)
    risk = record_in(Risk, organisation, risk_id, versioned(Risk.objects.select_related("project")))
    require(request.user, organisation, Action.MANAGE_RISK, project=risk.project)
    return organisation, risk


@router.post(
    "/orgs/{org}/risks/{risk_id}/close",
    response={200: RiskOut, **EDIT_ERRORS},
    summary="Close a risk",
)
def risk_close(request: HttpRequest, org: str, risk_id: Id, payload: CloseIn) -> Any:
    """Close an open risk, saying why (422 if it is already closed)."""
    _, risk = _risk(request, org, risk_id)
    return services.risk_close(
        risk=risk, reason=payload.reason, seen_version=payload.version, by=request.user
    )


@router.post(
    "/orgs/{org}/risks/{risk_id}/reopen",
    response={200: RiskOut, **EDIT_ERRORS},
    summary="Reopen a risk",
)
def risk_reopen(request: HttpRequest, org: str, risk_id: Id, payload: ReopenIn) -> Any:
    """Reopen a closed risk, saying why (422 if it is open, or naming ``reason`` when there is
    none); the reason is kept with it and in its history, where why it was closed stays too."""
    _, risk = _risk(request, org, risk_id)
    return services.risk_reopen(
        risk=risk, reason=payload.reason, seen_version=payload.version, by=request.user
    )


@router.post(
    "/orgs/{org}/risks/{risk_id}/escalate",
    response={200: RiskOut, **EDIT_ERRORS},
    summary="Escalate a risk to a board",
)
def risk_escalate(request: HttpRequest, org: str, risk_id: Id, payload: EscalateIn) -> Any:
    """Escalate an open risk to one of the council's boards (404 for another council's)."""
    organisation, risk = _risk(request, org, risk_id)
    board = row_of(boards(organisation=organisation), organisation, payload.board_id)
    return services.risk_escalate(
        risk=risk, board=board, seen_version=payload.version, by=request.user
    )


@router.get(
    "/orgs/{org}/risks/{risk_id}/mitigations",
    response={200: list[MitigationOut], **ERRORS},
    summary="List a risk's mitigations",
)
@paginate(Page)
def mitigations_list(request: HttpRequest, org: str, risk_id: Id) -> Any:
    """The actions mitigating a risk, oldest first."""
    organisation = organisation_for(request.user, org)
    risk = record_in(Risk, organisation, risk_id)
    return versioned(RiskMitigation.objects.filter(risk=risk)).order_by("id")


@router.post(
    "/orgs/{org}/risks/{risk_id}/mitigations",
    response={201: MitigationOut, **ERRORS},
    summary="Add a mitigation",
)
def mitigation_add(request: HttpRequest, org: str, risk_id: Id, payload: MitigationIn) -> Any:
    """Add an action that mitigates an open risk: what, who and by when."""
    _, risk = _risk(request, org, risk_id)
    return Status(201, services.mitigation_add(risk=risk, by=request.user, **payload.dict()))


@router.post(
    "/orgs/{org}/risks/{risk_id}/mitigations/{mitigation_id}/done",
    response={200: MitigationOut, **EDIT_ERRORS},
    summary="Mark a mitigation done",
)
def mitigation_done(
    request: HttpRequest, org: str, risk_id: Id, mitigation_id: Id, payload: DoneIn
) -> Any:
    """Mark a mitigation done (422 if it already is, or for a day still to come)."""
    _, risk = _risk(request, org, risk_id)
    found = RiskMitigation.objects.filter(risk=risk, pk=mitigation_id).first()
    if found is None:
        raise RiskMitigation.DoesNotExist(f"No mitigation {mitigation_id} on this risk")
    return services.mitigation_done(
        mitigation=found, seen_version=payload.version, on=payload.done_on, by=request.user
    )


@router.get(
    "/orgs/{org}/risks/{risk_id}/history",
    response={200: list[HistoryOut], **ERRORS},
    summary="A risk's history in words",
)
def risk_history_list(request: HttpRequest, org: str, risk_id: Id) -> Any:
    """Every change to the risk and its mitigations, newest first: when, who and what it did
    ("Closed the risk: …", "Rescored the residual risk from 3 × 4 = 12 to 2 × 4 = 8")."""
    organisation = organisation_for(request.user, org)
    risk = record_in(Risk, organisation, risk_id)
    return list(risk_history(risk=risk))

"""API: carry-forwards of under-delivery (list, carry a shortfall forward, reverse one)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.benefits.routes import router
from realise.api.benefits.schemas import KindName
from realise.api.common import (
    ERRORS,
    Body,
    DecimalIn,
    Id,
    Money,
    Page,
    row_of,
    year_label,
    year_start,
)
from realise.benefits import services
from realise.benefits.models import CarryForward, SavingKind
from realise.portfolio.lookups import projects
from realise.portfolio.selectors import directorate_named


class CarryForwardIn(Body):
    from_year: str = Field(..., description="The year the saving fell short in, e.g. 2022/23")
    to_year: str = Field(..., description="The later year it moves to, e.g. 2023/24")
    amount: DecimalIn = Field(
        ...,
        gt=0,
        max_digits=14,
        decimal_places=2,
        description="No more than the shortfall still to carry forward from from_year",
    )
    reason: str = Field(..., min_length=1)
    kind: KindName = SavingKind.CASHABLE
    project_id: Id | None = Field(None, description="The project whose saving fell short")
    directorate: str | None = Field(
        None, description="The directorate's name, when no project is given"
    )


class ReverseIn(Body):
    reason: str = Field(..., min_length=1, description="Why the carry-forward was wrong")


class CarryForwardOut(Schema):
    id: int
    from_year: str
    to_year: str
    kind: str
    directorate: str | None
    project: str | None
    amount: Money
    reason: str
    reversed_at: datetime | None = Field(
        None, description="When it was reversed (it then counts in no table); null while it stands"
    )
    reversal_reason: str = Field("", description="Why it was reversed")

    @staticmethod
    def resolve_from_year(obj: CarryForward) -> str:
        return year_label(obj.from_year)

    @staticmethod
    def resolve_to_year(obj: CarryForward) -> str:
        return year_label(obj.to_year)

    @staticmethod
    def resolve_directorate(obj: CarryForward) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_project(obj: CarryForward) -> str | None:
        return obj.project.code if obj.project else None


def _year_named(field: str, value: str) -> int:
    """A financial year in a request body, checked here so an error names its field."""
    try:
        start = year_start(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.message_dict["year"]}) from None
    if start is None:
        raise ValidationError({field: "Give a financial year, e.g. 2022/23"})
    return start


@router.get(
    "/orgs/{org}/savings/carry-forwards",
    response={200: list[CarryForwardOut], **ERRORS},
    summary="List carry-forwards",
)
@paginate(Page)
def carry_forwards_list(request: HttpRequest, org: str) -> Any:
    """Under-delivery carried from one year to a later one, with the reason."""
    organisation = organisation_for(request.user, org)
    return (
        CarryForward.objects.filter(organisation=organisation)
        .select_related("directorate", "project")
        .order_by("id")
    )


@router.post(
    "/orgs/{org}/savings/carry-forwards",
    response={201: CarryForwardOut, **ERRORS},
    summary="Carry a shortfall forward to a later year",
)
def carry_forward_create(request: HttpRequest, org: str, payload: CarryForwardIn) -> Any:
    """Carry a project's or a directorate's under-delivery forward to a later year. Refused with
    422 when it names neither, or when the amount is more than the shortfall left in from_year
    (the message gives the shortfall)."""
    organisation = organisation_for(request.user, org)
    project = None
    if payload.project_id is not None:
        project = row_of(projects(organisation=organisation), organisation, payload.project_id)
    directorate = directorate_named(organisation, payload.directorate)
    require(request.user, organisation, Action.RECORD_SAVING, project=project)
    carry = services.savings_carry_forward(
        organisation=organisation,
        from_year=_year_named("from_year", payload.from_year),
        to_year=_year_named("to_year", payload.to_year),
        amount=payload.amount,
        reason=payload.reason,
        kind=payload.kind,
        directorate=directorate,
        project=project,
    )
    return Status(201, carry)


@router.post(
    "/orgs/{org}/savings/carry-forwards/{carry_forward_id}/reverse",
    response={200: CarryForwardOut, **ERRORS},
    summary="Reverse a carry-forward recorded in error",
)
def carry_forward_reverse(
    request: HttpRequest, org: str, carry_forward_id: Id, payload: ReverseIn
) -> Any:
    """Mark a carry-forward reversed, saying why: it is kept (with the reason, who and when) but
    counts in no table from then on, and its shortfall may be carried forward again. Refused
    with 422 when it was already reversed. Allowed to those who may record the saving."""
    organisation = organisation_for(request.user, org)
    carry = record_in(CarryForward, organisation, carry_forward_id)
    require(request.user, organisation, Action.RECORD_SAVING, project=carry.project)
    return services.carry_forward_reverse(
        carry_forward=carry, reason=payload.reason, by=request.user
    )

"""API: measures (non-financial benefits) and their readings."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.benefits.routes import router
from realise.api.common import (
    ERRORS,
    Body,
    DecimalIn,
    DirectorateFilter,
    Id,
    Page,
    TwoPlaces,
)
from realise.benefits import services
from realise.benefits.models import Measure
from realise.portfolio.selectors import directorate_named


class MeasureOut(Schema):
    id: int
    name: str
    unit: str
    project: str | None
    baseline: TwoPlaces | None
    target: TwoPlaces | None
    target_date: date | None

    @staticmethod
    def resolve_project(obj: Measure) -> str | None:
        return obj.project.code if obj.project else None


class ReadingIn(Body):
    taken_on: date
    value: DecimalIn = Field(..., max_digits=14, decimal_places=2)
    note: str = ""


class ReadingOut(Schema):
    id: int
    measure_id: Id
    taken_on: date
    value: TwoPlaces
    note: str


@router.get(
    "/orgs/{org}/measures",
    response={200: list[MeasureOut], **ERRORS},
    summary="List measures (non-financial benefits)",
)
@paginate(Page)
def measures_list(request: HttpRequest, org: str, filters: Query[DirectorateFilter]) -> Any:
    """Non-financial measures, by name; filter by the directorate of their project."""
    organisation = organisation_for(request.user, org)
    measures = Measure.objects.filter(organisation=organisation).select_related("project")
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        measures = measures.filter(project__directorate=directorate)
    return measures.order_by("name", "id")


@router.post(
    "/orgs/{org}/measures/{measure_id}/readings",
    response={201: ReadingOut, **ERRORS},
    summary="Record a reading of a measure",
)
def measure_reading_add(request: HttpRequest, org: str, measure_id: Id, payload: ReadingIn) -> Any:
    """Record a reading of a measure (project leads on their projects' measures)."""
    organisation = organisation_for(request.user, org)
    measure = record_in(Measure, organisation, measure_id)
    require(request.user, organisation, Action.RECORD_MEASURE, project=measure.project)
    reading = services.measure_record_reading(measure=measure, **payload.dict())
    return Status(201, reading)

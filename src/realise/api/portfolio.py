"""API: projects (list, read, create; edit, change status and move stage with the version you saw;
history) and decisions."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for, record_in, require
from realise.api.common import (
    EDIT_ERRORS,
    ERRORS,
    Id,
    Page,
    year_start,
)
from realise.core.concurrency import changes_since, version_of, versioned
from realise.finance.calendar import FinancialYear
from realise.portfolio import services
from realise.portfolio.models import Decision, LifecycleStage, Project, ProjectStatus
from realise.portfolio.selectors import directorate_named

router = Router(tags=["projects and decisions"])

ProjectStatusName = Literal[tuple(ProjectStatus.values)]  # type: ignore[valid-type]


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    summary: str
    status: str
    directorate: str | None
    programme: str | None
    stage: str | None
    planned_start: date | None
    planned_end: date | None
    forecast_end: date | None
    actual_end: date | None
    confidence: str
    lead_officer: str
    lead_user: str | None
    version: int | None = Field(description="Send this back when you edit the project")

    @staticmethod
    def resolve_directorate(obj: Project) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_programme(obj: Project) -> str | None:
        return obj.programme.name if obj.programme else None

    @staticmethod
    def resolve_stage(obj: Project) -> str | None:
        return obj.stage.name if obj.stage else None

    @staticmethod
    def resolve_lead_user(obj: Project) -> str | None:
        return obj.lead_user.get_username() if obj.lead_user else None

    @staticmethod
    def resolve_version(obj: Project) -> int | None:
        return version_of(obj)


class ProjectFilters(Schema):
    status: ProjectStatusName | None = Field(None, description="Only projects with this status")
    directorate: str | None = Field(
        None, description="Only projects of this directorate (its name, e.g. People)"
    )
    year: str | None = Field(
        None, description="Only projects running in this financial year, e.g. 2022/23"
    )


class ProjectIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    summary: str = ""
    planned_start: date | None = None
    planned_end: date | None = None
    lead_officer: str = ""


class ProjectEdit(Schema):
    version: int | None = Field(..., description="The version you saw (from ProjectOut.version)")
    name: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    forecast_end: date | None = None
    confidence: str | None = None
    lead_officer: str | None = Field(None, max_length=200)


class StatusChange(Schema):
    version: int | None = Field(..., description="The version you saw (from ProjectOut.version)")
    status: Literal["proposed", "in_progress", "complete", "stopped"]
    on: date = Field(
        ..., description="The date of the change; for complete or stopped, the actual end date"
    )
    note: str = ""


class StageMove(Schema):
    version: int | None = Field(..., description="The version you saw (from ProjectOut.version)")
    stage: str = Field(
        ..., min_length=1, max_length=100, description="The name of one of the council's stages"
    )
    on: date = Field(..., description="The date of the move")
    note: str = ""


class ChangeOut(Schema):
    field: str
    before: str | None
    after: str | None
    by: str
    at: datetime


class DecisionOut(Schema):
    id: int
    decided_on: date
    board: str
    kind: str
    text: str
    projects: list[str]


def _filtered(org: Any, filters: ProjectFilters) -> Any:
    projects = versioned(Project.objects.filter(organisation=org)).select_related(
        "directorate", "programme", "stage", "lead_user"
    )
    if filters.status:
        projects = projects.filter(status=filters.status)
    directorate = directorate_named(org, filters.directorate)
    if directorate is not None:
        projects = projects.filter(directorate=directorate)
    start = year_start(filters.year)
    if start is not None:
        fy = FinancialYear(start)
        projects = projects.exclude(planned_start__gt=fy.last_day).exclude(
            actual_end__lt=fy.first_day
        )
    return projects.order_by("code")


@router.get(
    "/orgs/{org}/projects", response={200: list[ProjectOut], **ERRORS}, summary="List projects"
)
@paginate(Page)
def projects_list(request: HttpRequest, org: str, filters: Query[ProjectFilters]) -> Any:
    """Projects, by code; filter by status, directorate and financial year."""
    organisation = organisation_for(request.user, org)
    return _filtered(organisation, filters)


@router.post("/orgs/{org}/projects", response={201: ProjectOut, **ERRORS}, summary="Add a project")
def project_create(request: HttpRequest, org: str, payload: ProjectIn) -> Any:
    """Add a project (TMO admins)."""
    organisation = organisation_for(request.user, org, Action.CREATE_PROJECT)
    project = services.project_create(organisation=organisation, by=request.user, **payload.dict())
    return Status(201, project)


@router.get(
    "/orgs/{org}/projects/{project_id}",
    response={200: ProjectOut, **ERRORS},
    summary="Read a project",
)
def project_detail(request: HttpRequest, org: str, project_id: Id) -> Any:
    """One project with its status, stage, dates and lead; keep its ``version`` to edit it."""
    organisation = organisation_for(request.user, org)
    return record_in(Project, organisation, project_id, versioned(Project.objects))


@router.patch(
    "/orgs/{org}/projects/{project_id}",
    response={200: ProjectOut, **EDIT_ERRORS},
    summary="Edit a project",
)
def project_edit(request: HttpRequest, org: str, project_id: Id, payload: ProjectEdit) -> Any:
    """Edit a project you lead (or any, as a TMO admin). Send the ``version`` you saw: if someone
    saved a change since, the edit is refused with 409 and a list of what they changed."""
    _, project = _editable(request, org, project_id)
    changes = payload.dict(exclude_unset=True)
    seen = changes.pop("version")
    updated = services.project_update(
        project=project, seen_version=seen, changes=changes, by=request.user
    )
    return updated


def _editable(request: HttpRequest, org: str, project_id: int) -> tuple[Any, Project]:
    """The organisation and the project read with its version, if the user may edit it."""
    organisation = organisation_for(request.user, org)
    project = record_in(Project, organisation, project_id, versioned(Project.objects))
    require(request.user, organisation, Action.EDIT_PROJECT, project=project)
    return organisation, project


@router.post(
    "/orgs/{org}/projects/{project_id}/status",
    response={200: ProjectOut, **EDIT_ERRORS},
    summary="Change a project's status",
)
def project_status(request: HttpRequest, org: str, project_id: Id, payload: StatusChange) -> Any:
    """Change a project's status (its lead, or a TMO admin); the change is logged with its date.
    Send the ``version`` you saw: if someone saved a change since, 409 lists what they changed.
    The status it already has is refused (422)."""
    _, project = _editable(request, org, project_id)
    return services.project_change_status(
        project=project,
        status=payload.status,
        on=payload.on,
        note=payload.note,
        seen_version=payload.version,
        by=request.user,
    )


@router.post(
    "/orgs/{org}/projects/{project_id}/stage",
    response={200: ProjectOut, **EDIT_ERRORS},
    summary="Move a project to another stage",
)
def project_stage(request: HttpRequest, org: str, project_id: Id, payload: StageMove) -> Any:
    """Move a project to another of the council's lifecycle stages (its lead, or a TMO admin);
    the move is logged with its date. Send the ``version`` you saw, as for a status change. The
    stage it is already at is refused (422)."""
    organisation, project = _editable(request, org, project_id)
    stage = LifecycleStage.objects.filter(organisation=organisation, name=payload.stage).first()
    if stage is None:
        names = ", ".join(
            LifecycleStage.objects.filter(organisation=organisation).values_list("name", flat=True)
        )
        raise ValidationError(
            {"stage": f'"{payload.stage}" is not a stage of {organisation.name}: choose {names}'}
        )
    return services.project_move_stage(
        project=project,
        stage=stage,
        on=payload.on,
        note=payload.note,
        seen_version=payload.version,
        by=request.user,
    )


@router.get(
    "/orgs/{org}/projects/{project_id}/history",
    response={200: list[ChangeOut], **ERRORS},
    summary="A project's change history",
)
def project_history(request: HttpRequest, org: str, project_id: Id) -> Any:
    """Every change to the project: who, when, field, before and after."""
    organisation = organisation_for(request.user, org)
    project = record_in(Project, organisation, project_id, versioned(Project.objects))
    return [
        ChangeOut(
            field=c.field,
            before=None if c.before is None else str(c.before),
            after=None if c.after is None else str(c.after),
            by=c.by,
            at=c.at,
        )
        for c in changes_since(project, None)
    ]


@router.get(
    "/orgs/{org}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="List board decisions",
)
@paginate(Page)
def decisions_list(request: HttpRequest, org: str, year: str | None = None) -> Any:
    """Board decisions, oldest first; filter by financial year."""
    organisation = organisation_for(request.user, org)
    decisions = Decision.objects.filter(organisation=organisation)
    start = year_start(year)
    if start is not None:
        decisions = decisions.filter(decided_on__range=FinancialYear(start).days)
    return [
        DecisionOut(
            id=d.pk,
            decided_on=d.decided_on,
            board=d.board.name,
            kind=d.kind,
            text=d.text,
            projects=[p.name for p in d.projects.all()],
        )
        for d in decisions.select_related("board")
        .prefetch_related("projects")
        .order_by("decided_on", "id")
    ]

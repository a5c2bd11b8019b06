"""API: projects (list, read, create; edit, change status and move stage with the version you saw;
history) and decisions. A project's directorate, programme and priorities are named as the
council names them, and its lead by the email address they sign in with, as the answers give
them; assigning a lead is for TMO admins (``Action.ASSIGN_LEAD``)."""

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
    Body,
    Id,
    Page,
    year_start,
)
from realise.core.concurrency import changes_since, version_of, versioned
from realise.finance.calendar import FinancialYear
from realise.portfolio import services
from realise.portfolio.lookups import (
    directorate_named,
    lead_named,
    priorities_named,
    programme_named,
)
from realise.portfolio.models import Decision, LifecycleStage, Organisation, Project, ProjectStatus

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
    priorities: list[str] = Field(description="The council plan priorities it serves, by name")
    stage: str | None
    planned_start: date | None
    planned_end: date | None
    forecast_end: date | None
    actual_end: date | None
    confidence: str
    lead_officer: str = Field(description="A free-text lead, shown when no lead_user is set")
    lead_user: str | None = Field(
        description="Who leads it: the email address they sign in with (they may edit it)"
    )
    version: int | None = Field(description="Send this back when you edit the project")

    @staticmethod
    def resolve_directorate(obj: Project) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_programme(obj: Project) -> str | None:
        return obj.programme.name if obj.programme else None

    @staticmethod
    def resolve_priorities(obj: Project) -> list[str]:
        return sorted(p.name for p in obj.priorities.all())

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


DIRECTORATE = "The directorate's name, e.g. People; null (or left out) for whole-council work"
PROGRAMME = "The programme's name; null for none"
PRIORITIES = "The names of the council plan priorities it serves"
LEAD = (
    "Who leads it: the email address of someone holding a role in this council (they may then "
    "edit it); null for nobody. TMO admins only"
)


class ProjectIn(Body):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    summary: str = ""
    directorate: str | None = Field(None, max_length=200, description=DIRECTORATE)
    programme: str | None = Field(None, max_length=200, description=PROGRAMME)
    priorities: list[str] = Field([], description=PRIORITIES)
    planned_start: date | None = None
    planned_end: date | None = None
    lead_user: str | None = Field(None, max_length=254, description=LEAD)
    lead_officer: str = Field("", max_length=200)


class ProjectEdit(Body):
    version: int | None = Field(..., description="The version you saw (from ProjectOut.version)")
    name: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = None
    directorate: str | None = Field(None, max_length=200, description=DIRECTORATE)
    programme: str | None = Field(None, max_length=200, description=PROGRAMME)
    priorities: list[str] | None = Field(None, description=f"{PRIORITIES}; [] for none")
    planned_start: date | None = None
    planned_end: date | None = None
    forecast_end: date | None = None
    confidence: str | None = None
    lead_user: str | None = Field(None, max_length=254, description=LEAD)
    lead_officer: str | None = Field(None, max_length=200)


def _records(organisation: Organisation, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the directorate, programme and priorities it names (by name) and its lead
    (by email address) as the council's own records; anything the council does not have is a
    ValidationError (422) naming the field. Another council's records are never found here."""
    found = dict(values)
    if "directorate" in found:
        found["directorate"] = directorate_named(organisation, found["directorate"])
    if found.get("programme") is not None:
        found["programme"] = programme_named(organisation=organisation, name=found["programme"])
    if "priorities" in found:
        names = found["priorities"] or []
        found["priorities"] = priorities_named(organisation=organisation, names=names)
    if found.get("lead_user") is not None:
        found["lead_user"] = lead_named(organisation=organisation, address=found["lead_user"])
    return found


class StatusChange(Body):
    version: int | None = Field(..., description="The version you saw (from ProjectOut.version)")
    status: Literal["proposed", "in_progress", "complete", "stopped"]
    on: date = Field(
        ..., description="The date of the change; for complete or stopped, the actual end date"
    )
    note: str = ""


class StageMove(Body):
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
    projects = (
        versioned(Project.objects.filter(organisation=org))
        .select_related("directorate", "programme", "stage", "lead_user")
        .prefetch_related("priorities")
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
    """Add a project (TMO admins), with its directorate, programme and priorities by name and its
    lead by email address: each must be the council's own (else 422 naming the field)."""
    organisation = organisation_for(request.user, org, Action.CREATE_PROJECT)
    fields = payload.dict()
    if fields["lead_user"] is not None:
        require(request.user, organisation, Action.ASSIGN_LEAD)
    fields = _records(organisation, fields)
    project = services.project_create(organisation=organisation, by=request.user, **fields)
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
    saved a change since, the edit is refused with 409 and a list of what they changed. Only TMO
    admins may change its lead (403 for its own lead). A directorate, programme, priority or lead
    the council does not have is refused with 422 naming the field."""
    organisation, project = _editable(request, org, project_id)
    changes = payload.dict(exclude_unset=True)
    seen = changes.pop("version")
    if "lead_user" in changes:
        require(request.user, organisation, Action.ASSIGN_LEAD, project=project)
    changes = _records(organisation, changes)
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
@paginate(Page)
def project_history(request: HttpRequest, org: str, project_id: Id) -> Any:
    """Every change to the project, oldest first, paged like every list: who, when, field,
    before and after."""
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

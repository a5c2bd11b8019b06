"""Projects: created and edited through the portfolio services, so a stage or status an import
changes is logged (``ProjectChange``) and recorded in the project's history with the importer."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from realise.core.concurrency import LATEST
from realise.imports.context import Context
from realise.imports.kinds.columns import (
    DIRECTORATE,
    Column,
    Kind,
    Values,
    as_day,
    chosen,
    differing,
    named,
    plain,
)
from realise.portfolio import services as portfolio
from realise.portfolio.models import ConfidenceRating, Project, ProjectStatus
from realise.portfolio.naming import name_key

# What ``project_update`` changes; the stage and the status have services of their own, which
# keep a log of each change.
_PROJECT_FIELDS = (
    "name",
    "summary",
    "directorate",
    "programme",
    "planned_start",
    "planned_end",
    "forecast_end",
    "confidence",
    "lead_user",
    "lead_officer",
)


def _address(user: object) -> str:
    """A lead as the export writes them and the import reads them back: the address they sign
    in with."""
    return "" if user is None else str(getattr(user, "email", "") or user.get_username())  # type: ignore[attr-defined]


def _project_stage(ctx: Context, project: Project, values: Values) -> Project:
    stage = values.get("stage")
    if stage is None or stage.pk == project.stage_id:
        return project
    return portfolio.project_move_stage(
        project=project, stage=stage, on=date.today(), seen_version=LATEST, by=ctx.by
    )


def _project_status(ctx: Context, project: Project, values: Values) -> Project:
    status = values.get("status")
    if not status or status == project.status:
        return project
    ended = status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
    if ended and not values.get("actual_end"):
        raise ValidationError(
            {"actual_end": "A complete or stopped project needs its actual end date"}
        )
    on = values.get("actual_end") if ended else values.get("planned_start")
    return portfolio.project_change_status(
        project=project, status=status, on=on or date.today(), seen_version=LATEST, by=ctx.by
    )


def _project_create(ctx: Context, values: Values) -> Project:
    fields = {k: values[k] for k in (*_PROJECT_FIELDS, "stage") if k in values and k != "name"}
    project = portfolio.project_create(
        organisation=ctx.organisation, code=values["code"], name=values["name"], by=ctx.by, **fields
    )
    project = _project_status(ctx, project, values)
    ctx.remember("projects", project.code, project)
    return project


def _project_update(ctx: Context, project: Project, values: Values) -> bool:
    """Each service re-reads the row under a lock and returns it as stored (the sheet applies
    over whatever is stored now); the import's lookups get the project as it ends up."""
    found = project
    changes = differing(project, values, _PROJECT_FIELDS)
    if changes:
        project = portfolio.project_update(
            project=project, seen_version=LATEST, changes=changes, by=ctx.by
        )
    project = _project_status(ctx, _project_stage(ctx, project, values), values)
    ctx.remember("projects", project.code, project)
    return bool(changes) or project.stage_id != found.stage_id or project.status != found.status


PROJECTS = Kind(
    name="projects",
    label="Projects",
    noun="project",
    synonyms=("project list", "portfolio"),
    columns=(
        plain(
            "code",
            "Code",
            required=True,
            synonyms=("project code", "reference", "ref", "project ref", "id"),
            example="P-101",
        ),
        plain(
            "name",
            "Name",
            required=True,
            synonyms=("project", "project name", "title"),
            example="Digital front door",
        ),
        DIRECTORATE,
        named("programme", "Programme", Context.programme, choices="programmes"),
        chosen(
            "status",
            "Status",
            ProjectStatus,
            "project status",
            synonyms=("project status", "state"),
            choices="project_statuses",
            example="In progress",
        ),
        named(
            "stage", "Stage", Context.stage, synonyms=("lifecycle stage", "phase"), choices="stages"
        ),
        plain(
            "planned_start",
            "Planned start",
            as_day,
            synonyms=("start", "start date"),
            example=date(2025, 4, 1),
        ),
        plain("planned_end", "Planned end", as_day, synonyms=("end date",)),
        plain("forecast_end", "Forecast end", as_day),
        plain("actual_end", "Actual end", as_day, synonyms=("completed", "completion date")),
        chosen(
            "confidence",
            "Confidence",
            ConfidenceRating,
            "delivery confidence",
            synonyms=("delivery confidence", "rag", "rag status"),
            choices="confidence",
        ),
        Column(
            "lead_user",
            "Lead email",
            lambda value, ctx: ctx.lead(value),
            lambda project: _address(project.lead_user),
            synonyms=("project lead email", "lead email address", "lead's email"),
            hint="The email address of the person in the council who leads it",
        ),
        plain(
            "lead_officer",
            "Lead officer",
            synonyms=("lead", "project lead", "owner", "project manager"),
        ),
        plain("summary", "Summary", synonyms=("description",)),
    ),
    # Two rows are one project when their codes differ only in letter case or spaces (as the
    # services compare names), never when their punctuation differs: 2024/25-001 is not 2024-25-001.
    key=lambda v: (name_key(v["code"]),),
    find=lambda ctx, v: Project.objects.filter(
        organisation=ctx.organisation, code=v["code"]
    ).first(),
    create=_project_create,
    update=_project_update,
    rows=lambda org: Project.objects.filter(organisation=org).select_related(
        "directorate", "programme", "stage", "lead_user"
    ),
    describe=lambda v: f"{v['code']} {v['name']}",
)

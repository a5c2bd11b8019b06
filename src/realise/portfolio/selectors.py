"""Reads of the portfolio: the project profile by financial year (Table 1) and decisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from realise.finance.calendar import FinancialYear
from realise.portfolio.models import (
    WHOLE_COUNCIL,
    ConfidenceRating,
    Decision,
    Directorate,
    LifecycleStage,
    Milestone,
    MilestoneStatus,
    Organisation,
    Priority,
    Project,
    ProjectChange,
    ProjectStatus,
)
from realise.portfolio.people import lead_shown, names_of


@dataclass(frozen=True)
class ProjectYearProfile:
    """Table 1 for one year: how many projects completed, ran, were projected or were stopped."""

    year: FinancialYear
    completed: int
    in_progress: int
    projected: int
    ended_without_full_delivery: int


def _overlaps(start: date | None, end: date | None, year: FinancialYear) -> bool:
    return (start is None or start <= year.last_day) and (end is None or end >= year.first_day)


PROFILE_DATES = ("planned_start", "planned_end", "forecast_end", "actual_end")


def profile_count(row: dict[str, Any], year: FinancialYear) -> str | None:
    """Which of Table 1's counts a project (its status and dates) falls in for ``year``:
    ``completed`` or ``stopped`` in the year it ended; ``in_progress`` (or ``projected``, while
    proposed) in each year from its planned start to its end (actual, else forecast, else
    planned), open-ended when it has no end; only in its end's year when it has no start. A
    project with no dates at all is in no year: it is not "in progress" in every year."""
    ended_at = row["actual_end"]
    if ended_at and year.first_day <= ended_at <= year.last_day:
        return "completed" if row["status"] == ProjectStatus.COMPLETE else "stopped"
    start = row["planned_start"]
    end = ended_at or row["forecast_end"] or row["planned_end"]
    if start is None and end is None:
        return None
    if start is None:
        start = FinancialYear.containing(end).first_day  # type: ignore[arg-type]
    if not _overlaps(start, end, year):
        return None
    return "projected" if row["status"] == ProjectStatus.PROPOSED else "in_progress"


def project_profile(
    *, organisation: Organisation, years: Sequence[FinancialYear]
) -> tuple[ProjectYearProfile, ...]:
    """Per year: projects completed, stopped, in progress and projected (``profile_count``).
    One query."""
    rows = list(Project.objects.filter(organisation=organisation).values("status", *PROFILE_DATES))
    profile = []
    for year in years:
        counts = {"completed": 0, "in_progress": 0, "projected": 0, "stopped": 0}
        for row in rows:
            key = profile_count(row, year)
            if key is not None:
                counts[key] += 1
        profile.append(
            ProjectYearProfile(
                year=year,
                completed=counts["completed"],
                in_progress=counts["in_progress"],
                projected=counts["projected"],
                ended_without_full_delivery=counts["stopped"],
            )
        )
    return tuple(profile)


def projects_without_dates(*, organisation: Organisation) -> int:
    """How many projects have no planned start and no end date (in no year of Table 1)."""
    return Project.objects.filter(
        organisation=organisation, **{f"{field}__isnull": True for field in PROFILE_DATES}
    ).count()


@dataclass(frozen=True)
class DecisionLine:
    decided_on: date
    board: str
    kind: str
    text: str
    projects: tuple[str, ...]


@dataclass(frozen=True)
class ProjectRow:
    """One line of the projects list."""

    pk: int
    code: str
    name: str
    directorate: str
    programme: str
    stage: str
    stage_order: int
    status: str
    status_label: str
    confidence: str
    confidence_label: str
    lead: str  # its lead by name, else the free-text lead officer, else ""


PROJECT_SORTS = {
    "code": ("code",),
    "name": ("name", "code"),
    "directorate": ("directorate__order", "directorate__name", "code"),
    "programme": ("programme__name", "code"),
    "stage": ("stage__order", "code"),
    "status": ("status", "code"),
    "confidence": ("confidence", "code"),
}
PROJECT_FILTERS = {
    "directorate": "directorate_id",
    "programme": "programme_id",
    "stage": "stage_id",
    "status": "status",
    "confidence": "confidence",
}


def projects_list(
    *,
    organisation: Organisation,
    filters: dict[str, str] | None = None,
    sort: str = "code",
    descending: bool = False,
) -> tuple[ProjectRow, ...]:
    """Projects matching ``filters`` (keys of ``PROJECT_FILTERS``), sorted by one column, each
    with its lead as ``lead_shown`` shows it.

    Two queries: the projects, and the council's names for their leads."""
    projects = Project.objects.filter(organisation=organisation)
    for key, value in (filters or {}).items():
        if key in PROJECT_FILTERS and value:
            projects = projects.filter(**{PROJECT_FILTERS[key]: value})
    order = PROJECT_SORTS.get(sort, PROJECT_SORTS["code"])
    if descending:
        order = tuple(f"-{field}" for field in order)
    status_labels = dict(ProjectStatus.choices)
    confidence_labels = dict(ConfidenceRating.choices)
    rows = projects.order_by(*order).values(
        "pk",
        "code",
        "name",
        "directorate__name",
        "programme__name",
        "stage__name",
        "stage__order",
        "status",
        "confidence",
        "lead_user_id",
        "lead_user__email",
        "lead_user__username",
        "lead_officer",
    )
    rows = list(rows)
    names = names_of(organisation=organisation, user_ids=(r["lead_user_id"] for r in rows))
    for row in rows:  # a lead no longer in the council is shown by their address
        if row["lead_user_id"] is not None and row["lead_user_id"] not in names:
            names[row["lead_user_id"]] = row["lead_user__email"] or row["lead_user__username"]
    return tuple(
        ProjectRow(
            pk=row["pk"],
            code=row["code"],
            name=row["name"],
            directorate=row["directorate__name"] or WHOLE_COUNCIL,
            programme=row["programme__name"] or "",
            stage=row["stage__name"] or "",
            stage_order=row["stage__order"] or 0,
            status=row["status"],
            status_label=status_labels.get(row["status"], row["status"]),
            confidence=row["confidence"],
            confidence_label=confidence_labels.get(row["confidence"], "Not rated"),
            lead=lead_shown(_Lead(row["lead_user_id"], row["lead_officer"]), names),
        )
        for row in rows
    )


@dataclass(frozen=True)
class _Lead:
    lead_user_id: int | None
    lead_officer: str


def project_lead(*, organisation: Organisation, project: Project) -> str:
    """The project's lead as every page shows it (``realise.portfolio.people.lead_shown``):
    by the council's name for them, else the free-text lead officer, else ""."""
    names = names_of(organisation=organisation, user_ids=[project.lead_user_id])
    return lead_shown(project, names)


@dataclass(frozen=True)
class StatusCount:
    label: str
    key: str
    count: int


@dataclass(frozen=True)
class PortfolioCounts:
    """Projects counted by status and by lifecycle stage (stages in the council's order)."""

    by_status: tuple[StatusCount, ...]
    by_stage: tuple[StatusCount, ...]
    total: int


def project_counts(*, organisation: Organisation) -> PortfolioCounts:
    """Two aggregate queries and one for the stage names."""
    projects = Project.objects.filter(organisation=organisation)
    statuses = dict(projects.values_list("status").annotate(n=models.Count("id")))
    stages = dict(projects.values_list("stage_id").annotate(n=models.Count("id")))
    by_stage = [
        StatusCount(label=stage.name, key=str(stage.pk), count=stages.get(stage.pk, 0))
        for stage in LifecycleStage.objects.filter(organisation=organisation)
    ]
    if stages.get(None):
        by_stage.append(StatusCount(label="No stage", key="", count=stages[None]))
    return PortfolioCounts(
        by_status=tuple(
            StatusCount(label=label, key=value, count=statuses.get(value, 0))
            for value, label in ProjectStatus.choices
        ),
        by_stage=tuple(by_stage),
        total=sum(statuses.values()),
    )


@dataclass(frozen=True)
class DueItem:
    """A decision or milestone dated in a window."""

    on: date
    kind: str
    text: str
    detail: str


def due_soon(*, organisation: Organisation, start: date, days: int = 90) -> tuple[DueItem, ...]:
    """Decisions and planned milestones dated from ``start`` to ``days`` later, soonest first."""
    end = start + timedelta(days=days)
    items = [
        DueItem(
            on=m.due_on,
            kind="Milestone",
            text=m.name,
            detail=m.project.name if m.project else (m.programme.name if m.programme else ""),
        )
        for m in Milestone.objects.filter(
            organisation=organisation, due_on__range=(start, end), status=MilestoneStatus.PLANNED
        ).select_related("project", "programme")
    ]
    items += [
        DueItem(on=d.decided_on, kind="Decision", text=d.text, detail=d.board.name)
        for d in Decision.objects.filter(
            organisation=organisation, decided_on__range=(start, end)
        ).select_related("board")
    ]
    return tuple(sorted(items, key=lambda i: (i.on, i.kind, i.text)))


@dataclass(frozen=True)
class ChangeLine:
    changed_on: date
    field: str
    old: str
    new: str
    note: str


def project_changes(*, project: Project) -> tuple[ChangeLine, ...]:
    """The project's stage and status history, oldest first, with status values as labels."""
    labels = dict(ProjectStatus.choices)
    return tuple(
        ChangeLine(
            changed_on=c.changed_on,
            field=c.get_field_display(),
            old=labels.get(c.old_value, c.old_value) if c.field == "status" else c.old_value,
            new=labels.get(c.new_value, c.new_value) if c.field == "status" else c.new_value,
            note=c.note,
        )
        for c in ProjectChange.objects.filter(
            organisation_id=project.organisation_id, project=project
        ).order_by("changed_on", "id")
    )


def project_priorities(*, project: Project) -> tuple[Priority, ...]:
    """The council plan priorities the project serves, by name."""
    return tuple(project.priorities.order_by("name"))


def project_decisions(*, project: Project) -> tuple[DecisionLine, ...]:
    """Board decisions about one project, oldest first."""
    return tuple(
        DecisionLine(
            decided_on=d.decided_on,
            board=d.board.name,
            kind=d.get_kind_display(),
            text=d.text,
            projects=(project.name,),
        )
        for d in project.decisions.select_related("board").order_by("decided_on", "id")
    )


def directorate_named(organisation: Any, name: str | None) -> Any:
    """A ``directorate`` filter as one of the organisation's directorates (None when not given);
    a name it does not have is a ValidationError on ``directorate`` listing the names it has."""
    if name in (None, ""):
        return None
    ours = Directorate.objects.filter(organisation=organisation)
    found = ours.filter(name__iexact=name.strip()).first()
    if found is None:
        names = ", ".join(ours.order_by("order", "name").values_list("name", flat=True))
        choose = f"choose {names}" if names else "it has no directorates yet"
        raise ValidationError(
            {"directorate": f'"{name}" is not a directorate of {organisation.name}: {choose}'}
        )
    return found

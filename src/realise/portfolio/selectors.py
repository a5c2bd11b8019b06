"""Reads of the portfolio: the project profile by financial year (Table 1) and decisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Decision, Organisation, Project, ProjectStatus


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


def project_profile(
    *, organisation: Organisation, years: Sequence[FinancialYear]
) -> tuple[ProjectYearProfile, ...]:
    """Per year: projects completed in it, stopped in it, in progress during it (including those
    that later ended) and projected (proposed projects planned to run during it). One query."""
    rows = list(
        Project.objects.filter(organisation=organisation).values(
            "status", "planned_start", "planned_end", "forecast_end", "actual_end"
        )
    )
    profile = []
    for year in years:
        counts = {"completed": 0, "in_progress": 0, "projected": 0, "stopped": 0}
        for row in rows:
            ended_at = row["actual_end"]
            if ended_at and year.first_day <= ended_at <= year.last_day:
                key = "completed" if row["status"] == ProjectStatus.COMPLETE else "stopped"
                counts[key] += 1
                continue
            end = ended_at or row["forecast_end"] or row["planned_end"]
            if not _overlaps(row["planned_start"], end, year):
                continue
            key = "projected" if row["status"] == ProjectStatus.PROPOSED else "in_progress"
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


@dataclass(frozen=True)
class DecisionLine:
    decided_on: date
    board: str
    kind: str
    text: str
    projects: tuple[str, ...]


def decisions_list(*, organisation: Organisation) -> tuple[DecisionLine, ...]:
    """Board decisions, oldest first, with the projects they concern (two queries)."""
    decisions = (
        Decision.objects.filter(organisation=organisation)
        .select_related("board")
        .prefetch_related("projects")
        .order_by("decided_on", "id")
    )
    return tuple(
        DecisionLine(
            decided_on=d.decided_on,
            board=d.board.name,
            kind=d.get_kind_display(),
            text=d.text,
            projects=tuple(p.name for p in d.projects.all()),
        )
        for d in decisions
    )


@dataclass(frozen=True)
class ProjectLine:
    code: str
    name: str
    directorate: str
    status: str
    ended_on: date | None
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class YearOutcomes:
    """The projects an annual report lists: completed, stopped (with the board decision) and
    continuing into the next year, each in code order."""

    year: FinancialYear
    completed: tuple[ProjectLine, ...]
    stopped: tuple[ProjectLine, ...]
    continuing: tuple[ProjectLine, ...]


def _decision_text(decision: Decision) -> str:
    return f"{decision.board.name}, {decision.decided_on:%-d %B %Y}: {decision.text}"


def project_outcomes(*, organisation: Organisation, year: FinancialYear) -> YearOutcomes:
    """Projects that completed or stopped in ``year``, and those in progress at its end or
    starting in the next year (three queries)."""
    projects = (
        Project.objects.filter(organisation=organisation)
        .select_related("directorate")
        .prefetch_related("decisions__board")
        .order_by("code")
    )
    completed, stopped, continuing = [], [], []
    for project in projects:
        ended = project.actual_end
        line = ProjectLine(
            code=project.code,
            name=project.name,
            directorate=project.directorate.name if project.directorate else "Whole council",
            status=project.get_status_display(),
            ended_on=ended,
            decisions=tuple(_decision_text(d) for d in project.decisions.all()),
        )
        if ended is not None and year.first_day <= ended <= year.last_day:
            (completed if project.status == ProjectStatus.COMPLETE else stopped).append(line)
        elif ended is None and _overlaps(project.planned_start, None, year + 1):
            continuing.append(line)
    return YearOutcomes(
        year=year, completed=tuple(completed), stopped=tuple(stopped), continuing=tuple(continuing)
    )

"""The projects an annual report lists for a year (Table 2's neighbours): completed, stopped with
the board's decision that stopped them, and continuing into the next year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from realise.finance.calendar import FinancialYear
from realise.portfolio.models import (
    WHOLE_COUNCIL,
    Decision,
    DecisionKind,
    Organisation,
    Project,
    ProjectStatus,
)
from realise.portfolio.selectors import _overlaps


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


# The decisions a stopped project's row gives: the board's stop, and any decision of no set kind
# (a board's words about it), not its business case's approval or a bid's decision.
_ABOUT_STOPPING = frozenset({DecisionKind.STOP, DecisionKind.OTHER})


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
            directorate=project.directorate.name if project.directorate else WHOLE_COUNCIL,
            status=project.get_status_display(),
            ended_on=ended,
            decisions=tuple(
                _decision_text(d) for d in project.decisions.all() if d.kind in _ABOUT_STOPPING
            ),
        )
        if ended is not None and year.first_day <= ended <= year.last_day:
            (completed if project.status == ProjectStatus.COMPLETE else stopped).append(line)
        elif ended is None and _overlaps(project.planned_start, None, year + 1):
            continuing.append(line)
    return YearOutcomes(
        year=year, completed=tuple(completed), stopped=tuple(stopped), continuing=tuple(continuing)
    )

"""2. Projects: completed, stopped (with the board's decision) and continuing, and the chart
of projects by status over time (Table 1)."""

from __future__ import annotations

from decimal import Decimal

from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.portfolio.outcomes import ProjectLine, project_outcomes
from realise.portfolio.selectors import project_profile, projects_without_dates
from realise.reports import charts
from realise.reports.annual.common import day
from realise.reports.context import (
    Cell,
    Chart,
    Column,
    Section,
    Table,
    count,
    text,
)


def _project_rows(
    lines: tuple[ProjectLine, ...], with_decision: bool
) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for line in lines:
        row = [text(line.code), text(line.name), text(line.directorate)]
        if with_decision:
            row += [text(day(line.ended_on)), text("; ".join(line.decisions))]
        else:
            row.append(text(day(line.ended_on)) if line.ended_on else text(line.status))
        rows.append(tuple(row))
    return tuple(rows)


def projects_section(organisation: Organisation, year: FinancialYear) -> Section:
    outcomes = project_outcomes(organisation=organisation, year=year)
    basic = (Column("Code"), Column("Project"), Column("Directorate"))
    blocks = [
        Table(
            "projects-completed",
            f"Projects completed in {year.label}",
            (*basic, Column("Completed on")),
            _project_rows(outcomes.completed, False),
        ),
        Table(
            "projects-stopped",
            f"Projects stopped in {year.label}, with the board's decision",
            (*basic, Column("Stopped on"), Column("Decision")),
            _project_rows(outcomes.stopped, True),
        ),
        Table(
            "projects-continuing",
            f"Projects continuing or starting in {(year + 1).label}",
            (*basic, Column("Status")),
            _project_rows(outcomes.continuing, False),
        ),
        _profile_chart(organisation, year),
    ]
    return Section("Projects", tuple(blocks))


def _undated_note(undated: int) -> tuple[str, ...]:
    """Projects with no dates are counted in no year of Table 1: said, so none goes unseen."""
    if not undated:
        return ()
    if undated == 1:
        return ("1 project has no planned start or end date, so it is counted in no year.",)
    return (
        f"{undated} projects have no planned start or end date, so they are counted in no year.",
    )


# Table 1's years: the report's year, the one before and the three after, those of them that are
# the council's plan years.
BEFORE, AFTER = 1, 3


def _profile_chart(organisation: Organisation, year: FinancialYear) -> Chart:
    years = organisation.plan_years.around(year, before=BEFORE, after=AFTER)
    profile = project_profile(organisation=organisation, years=years)
    names = ("Completed", "In progress", "Projected", "Ended without full delivery")
    fields = ("completed", "in_progress", "projected", "ended_without_full_delivery")
    svg = charts.bar_chart(
        chart_id="projects-by-status",
        title="Projects by status over time",
        description="Number of projects completed, in progress, projected and stopped each year.",
        categories=[p.year.label for p in profile],
        series=[
            charts.Series(n, [Decimal(getattr(p, f)) for p in profile])
            for n, f in zip(names, fields, strict=True)
        ],
        unit="Projects",
    )
    undated = projects_without_dates(organisation=organisation)
    table = Table(
        key="table-1-projects-by-status",
        title="Table 1. Projects by status and year",
        columns=(Column("Year"), *(Column(n, numeric=True) for n in names)),
        rows=tuple((text(p.year.label), *(count(getattr(p, f)) for f in fields)) for p in profile),
        notes=_undated_note(undated),
    )
    return Chart("projects-by-status", "Projects by status over time", svg, table)

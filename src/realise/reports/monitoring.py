"""Savings monitoring for a year to date: per directorate and per project, budgeted against
achieved (validated by finance), claimed (awaiting validation), forecast and at risk, rated Red,
Amber or Green by the thresholds the council sets (``benefits.SavingsRag``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from realise.benefits.selectors import MonitoringLine, SavingsMonitoring, savings_monitoring
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.finance.plan_years import check_plan_year
from realise.portfolio.models import Organisation
from realise.reports.context import (
    Cell,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    check_total,
    count,
    pct,
    pounds,
    text,
)

FIGURES = ("budgeted", "validated", "claimed", "forecast", "at_risk")
HEADINGS = (
    "Budgeted (£)",
    "Achieved, validated (£)",
    "Claimed, awaiting validation (£)",
    "Forecast (£)",
    "At risk (£)",
)


def _figures(line: MonitoringLine, *, summed: bool = False) -> tuple[Cell, ...]:
    return tuple(pounds(getattr(line, name), summed=summed) for name in FIGURES)


def _columns(first: tuple[Column, ...]) -> tuple[Column, ...]:
    return (
        *first,
        *(Column(h, numeric=True, unit="£") for h in HEADINGS),
        Column("Achieved or forecast", numeric=True, unit="%"),
        Column("RAG"),
    )


def _check(label: str, lines: tuple[MonitoringLine, ...], total: MonitoringLine) -> None:
    for name in FIGURES[:4]:
        check_total(f"{label} {name}", [getattr(x, name) for x in lines], getattr(total, name))


def _total_row(total: MonitoringLine, blanks: int, summed_risk: bool) -> tuple[Cell, ...]:
    figures = list(_figures(total, summed=True))
    if not summed_risk:  # at risk is floored per line, so it is not always the sum of lines
        figures[-1] = pounds(total.at_risk)
    return (
        Cell("Total", "Total"),
        *(Cell(None, "") for _ in range(blanks)),
        *figures,
        pct(total.percent_expected),
        text(total.rag),
    )


def _risk_adds_up(lines: tuple[MonitoringLine, ...], total: MonitoringLine) -> bool:
    return sum(x.at_risk for x in lines) == total.at_risk


def monitoring_tables(data: SavingsMonitoring) -> tuple[Table, Table]:
    """The savings by directorate and by project, each with its total."""
    _check("By directorate", data.by_directorate, data.total)
    _check("By project", data.by_project, data.total)
    by_directorate = Table(
        key="monitoring-by-directorate",
        title=f"Savings by directorate, {data.year.label} to date",
        columns=_columns((Column("Directorate"),)),
        rows=tuple(
            (text(x.directorate), *_figures(x), pct(x.percent_expected), text(x.rag))
            for x in data.by_directorate
        ),
        total=_total_row(data.total, 0, _risk_adds_up(data.by_directorate, data.total)),
    )
    by_project = Table(
        key="monitoring-by-project",
        title=f"Savings by project, {data.year.label} to date",
        columns=_columns((Column("Directorate"), Column("Project"))),
        rows=tuple(
            (
                text(x.directorate),
                text(x.project),
                *_figures(x),
                pct(x.percent_expected),
                text(x.rag),
            )
            for x in data.by_project
        ),
        total=_total_row(data.total, 1, _risk_adds_up(data.by_project, data.total)),
    )
    return by_directorate, by_project


RATINGS = ("Green", "Amber", "Red", "Not rated")


def rag_summary_table(data: SavingsMonitoring) -> Table:
    """The RAG summary: the projects rated Green, Amber and Red (and any with no budget to rate),
    how many, and their savings. A directorate's savings held outside any project are rated as
    a line of their own: their savings count here, but not as a project."""
    rows = []
    figures: dict[str, list[Decimal]] = {name: [] for name in FIGURES}
    projects: list[int] = []
    for rating in RATINGS:
        lines = [x for x in data.by_project if x.rag == rating]
        if rating == "Not rated" and not lines:
            continue
        projects.append(sum(1 for x in lines if not x.outside))
        for name in FIGURES:
            figures[name].append(sum((getattr(x, name) for x in lines), ZERO))
        rows.append((text(rating), count(projects[-1]), *(pounds(figures[n][-1]) for n in FIGURES)))
    for name in FIGURES[:4]:
        check_total(f"RAG summary {name}", figures[name], getattr(data.total, name))
    return Table(
        key="monitoring-by-rag",
        title=f"Savings by RAG rating, {data.year.label} to date",
        columns=(
            Column("RAG"),
            Column("Projects", numeric=True),
            *(Column(h, numeric=True, unit="£") for h in HEADINGS),
        ),
        rows=tuple(rows),
        total=(
            Cell("Total", "Total"),
            count(sum(projects), summed=True),
            *(pounds(sum(figures[n], ZERO), summed=True) for n in FIGURES),
        ),
    )


def monitoring_report(
    *, organisation: Organisation, year: FinancialYear, as_at: date | None = None
) -> Report:
    """Savings monitoring for one of the council's plan years (else a ``ValueError`` naming
    them)."""
    check_plan_year(year, organisation.plan_years)
    data = savings_monitoring(organisation=organisation, year=year, as_at=as_at)
    rag = data.thresholds
    dated = f"{as_at:%-d %B %Y}" if as_at else f"{year.label}, all entries"
    by_directorate, by_project = monitoring_tables(data)
    explain = Paragraph(
        "Cashable savings. Achieved is what finance has validated; claimed is recorded but not "
        "yet validated; forecast is still expected this year. At risk is the budget not "
        f"achieved, claimed or forecast. Green: achieved or forecast is at least "
        f"{rag.green_from.normalize():f}% of budget; Amber: at least "
        f"{rag.amber_from.normalize():f}%; Red: less. The council sets these thresholds."
    )
    by_rating = Paragraph(
        "The projects under each rating, and their savings. A directorate's savings held outside "
        "any project are rated as a line of their own: their savings count here, not as a project."
    )
    return Report(
        kind="monitoring",
        organisation=organisation.name,
        title=f"Savings monitoring {year.label}",
        subtitle="Budgeted, achieved, claimed, forecast and at-risk savings by directorate "
        "and project",
        dated=dated,
        details=(("Financial year", year.label),),
        sections=(
            Section("By directorate", (explain, by_directorate)),
            Section("By project", (by_project,)),
            Section("By RAG rating", (by_rating, rag_summary_table(data))),
        ),
    )

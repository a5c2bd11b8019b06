"""Savings monitoring for a year to date: per directorate and per project, budgeted against
achieved (validated by finance), claimed (awaiting validation), forecast and at risk, rated Red,
Amber or Green by the thresholds the council sets (``benefits.SavingsRag``); then the same
savings by the projects' own delivery confidence (``realise.reports.confidence_tables``)."""

from __future__ import annotations

from datetime import date

from realise.benefits.selectors import (
    MonitoringLine,
    SavingsMonitoring,
    savings_by_confidence,
    savings_monitoring,
)
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import check_plan_year
from realise.finance.savings import RagThresholds
from realise.portfolio.models import Organisation
from realise.reports.confidence_tables import (
    REPORT,
    confidence_by_directorate_table,
    savings_by_confidence_table,
)
from realise.reports.context import (
    Cell,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    check_total,
    pounds,
    rated_pct,
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
        Column("Savings RAG"),
    )


def _check(label: str, lines: tuple[MonitoringLine, ...], total: MonitoringLine) -> None:
    for name in FIGURES[:4]:
        check_total(f"{label} {name}", [getattr(x, name) for x in lines], getattr(total, name))


def _total_row(
    total: MonitoringLine, blanks: int, summed_risk: bool, rag: RagThresholds
) -> tuple[Cell, ...]:
    figures = list(_figures(total, summed=True))
    if not summed_risk:  # at risk is floored per line, so it is not always the sum of lines
        figures[-1] = pounds(total.at_risk)
    return (
        Cell("Total", "Total"),
        *(Cell(None, "") for _ in range(blanks)),
        *figures,
        rated_pct(total.percent_expected, rag),
        text(total.rag),
    )


def _risk_adds_up(lines: tuple[MonitoringLine, ...], total: MonitoringLine) -> bool:
    return sum(x.at_risk for x in lines) == total.at_risk


def monitoring_tables(data: SavingsMonitoring) -> tuple[Table, Table]:
    """The savings by directorate and by project, each with its total."""
    rag = data.thresholds
    _check("By directorate", data.by_directorate, data.total)
    _check("By project", data.by_project, data.total)
    by_directorate = Table(
        key="monitoring-by-directorate",
        title=f"Savings by directorate, {data.year.label} to date",
        columns=_columns((Column("Directorate"),)),
        rows=tuple(
            (text(x.directorate), *_figures(x), rated_pct(x.percent_expected, rag), text(x.rag))
            for x in data.by_directorate
        ),
        total=_total_row(data.total, 0, _risk_adds_up(data.by_directorate, data.total), rag),
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
                rated_pct(x.percent_expected, rag),
                text(x.rag),
            )
            for x in data.by_project
        ),
        total=_total_row(data.total, 1, _risk_adds_up(data.by_project, data.total), rag),
    )
    return by_directorate, by_project


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
        f"achieved, claimed or forecast. Savings RAG: Green when achieved or forecast is at "
        f"least {rag.green_from.normalize():f}% of budget; Amber: at least "
        f"{rag.amber_from.normalize():f}%; Red: less. The council sets these thresholds. A "
        "percentage is shown to a whole per cent, or to as many places as keep it on its "
        "rating's side of a threshold (79.6% beside Red, never 80%)."
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
            confidence_section(organisation=organisation, data=data),
        ),
    )


def confidence_section(*, organisation: Organisation, data: SavingsMonitoring) -> Section:
    """The year's savings by the projects' own delivery confidence (£ by RAG, and by directorate
    and RAG), to the same date as the monitoring; its totals are the monitoring's."""
    confidence = savings_by_confidence(organisation=organisation, year=data.year, as_at=data.as_at)
    check_total("Delivery confidence budgeted", [confidence.total_budgeted], data.total.budgeted)
    check_total("Delivery confidence achieved", [confidence.total_achieved], data.total.validated)
    return Section(
        "By delivery confidence",
        (
            Paragraph(
                "The same savings totalled by each project's delivery confidence: its own Red, "
                "Amber or Green rating, not the savings RAG above."
            ),
            savings_by_confidence_table(confidence, REPORT),
            confidence_by_directorate_table(confidence, REPORT),
        ),
    )

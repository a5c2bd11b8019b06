"""Savings monitoring for a year to date: per directorate and per project, budgeted against
achieved (validated by finance), claimed (awaiting validation), forecast and at risk, rated Red,
Amber or Green by the thresholds the council sets (``benefits.SavingsRag``). A council that
records in-year pressures and mitigations gets them as a column, at risk net of them, and a
table of each with its reason (ADR 0029); then the same savings by the projects' own delivery
confidence (``realise.reports.confidence_tables``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
from realise.reports.directorate_tables import ADJUSTMENTS

FIGURES = ("budgeted", "validated", "claimed", "forecast", "at_risk")
HEADINGS = (
    "Budgeted (£)",
    "Achieved, validated (£)",
    "Claimed, awaiting validation (£)",
    "Forecast (£)",
    "At risk (£)",
)
# Column C, before at risk (D), for a council that records pressures and mitigations.
WITH_ADJUSTMENTS = (*FIGURES[:4], "adjustments", FIGURES[4])
ADJUSTED_HEADINGS = (*HEADINGS[:4], f"{ADJUSTMENTS} (£)", HEADINGS[4])


def _figures(
    line: MonitoringLine, *, summed: bool = False, names: tuple[str, ...] = FIGURES
) -> tuple[Cell, ...]:
    return tuple(pounds(getattr(line, name), summed=summed) for name in names)


def _columns(first: tuple[Column, ...], headings: tuple[str, ...] = HEADINGS) -> tuple[Column, ...]:
    return (
        *first,
        *(Column(h, numeric=True, unit="£") for h in headings),
        Column("Achieved or forecast", numeric=True, unit="%"),
        Column("Savings RAG"),
    )


def _check(label: str, lines: tuple[MonitoringLine, ...], total: MonitoringLine) -> None:
    for name in WITH_ADJUSTMENTS[:5]:
        check_total(f"{label} {name}", [getattr(x, name) for x in lines], getattr(total, name))


def _total_row(
    total: MonitoringLine,
    blanks: int,
    summed_risk: bool,
    rag: RagThresholds,
    names: tuple[str, ...] = FIGURES,
) -> tuple[Cell, ...]:
    figures = list(_figures(total, summed=True, names=names))
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
    names, headings = (
        (WITH_ADJUSTMENTS, ADJUSTED_HEADINGS) if data.shows_adjustments else (FIGURES, HEADINGS)
    )
    by_directorate = Table(
        key="monitoring-by-directorate",
        title=f"Savings by directorate, {data.year.label} to date",
        columns=_columns((Column("Directorate"),), headings),
        rows=tuple(
            (
                text(x.directorate),
                *_figures(x, names=names),
                rated_pct(x.percent_expected, rag),
                text(x.rag),
            )
            for x in data.by_directorate
        ),
        total=_total_row(data.total, 0, _risk_adds_up(data.by_directorate, data.total), rag, names),
    )
    by_project = Table(
        key="monitoring-by-project",
        title=f"Savings by project, {data.year.label} to date",
        columns=_columns((Column("Directorate"), Column("Project")), headings),
        rows=tuple(
            (
                text(x.directorate),
                text(x.project),
                *_figures(x, names=names),
                rated_pct(x.percent_expected, rag),
                text(x.rag),
            )
            for x in data.by_project
        ),
        total=_total_row(data.total, 1, _risk_adds_up(data.by_project, data.total), rag, names),
    )
    return by_directorate, by_project


def _adjustments(data: SavingsMonitoring) -> Section:
    """Each pressure and mitigation standing in the year, signed, with its reason."""
    total = sum((x.amount for x in data.adjustments), Decimal(0))
    table = Table(
        key="monitoring-pressures-and-mitigations",
        title=f"Pressures and mitigations, {data.year.label} to date",
        columns=(
            Column("Directorate"),
            Column("Project"),
            Column("Pressure or mitigation"),
            Column("Amount (£)", numeric=True, unit="£"),
            Column("Reason"),
        ),
        rows=tuple(
            (text(x.directorate), text(x.project), text(x.what), pounds(x.amount), text(x.reason))
            for x in data.adjustments
        ),
        total=(
            Cell("Total", "Total"),
            Cell(None, ""),
            Cell(None, ""),
            pounds(total, summed=True),
            Cell(None, ""),
        ),
    )
    explain = Paragraph(
        "A pressure is shown negative: it adds to the saving still to be met. A mitigation "
        "reduces it. At risk in the tables above is the budget less what is achieved, claimed "
        "or forecast, less these pressures and mitigations."
    )
    return Section("Pressures and mitigations", (explain, table))


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
    adjustments = (_adjustments(data),) if data.shows_adjustments else ()
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
            *adjustments,
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

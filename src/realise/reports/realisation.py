"""The benefits realisation report (ADR 0040): for each business case with an approved version, its
approved plan against the current forecast and the savings finance has validated, by year and by
benefit line, with the forecast accuracy 6, 12 and 24 months after approval; for one case, or for
the whole portfolio (every case with an approved version) with a summary first. The case's tables
are ``realise.reports.realisation_tables``' (its page shows the same)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from realise.cases.models import Case
from realise.cases.tracking import CaseTracking, case_tracking, cases_tracked
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.portfolio.models import Organisation
from realise.reports.annual.common import day
from realise.reports.context import (
    Block,
    Cell,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    blank,
    check_total,
    in_pounds,
    pounds_column,
    text,
    total_label,
)
from realise.reports.realisation_tables import (
    ACCURACY,
    MEANING,
    TITLE,
    accuracy,
    accuracy_table,
    by_line_table,
    by_year_table,
    case_name,
    reforecasts_table,
    scope_paragraph,
)


def case_blocks(tracked: CaseTracking) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Paragraph(scope_paragraph(tracked)),
        by_year_table(tracked),
        by_line_table(tracked),
        accuracy_table(tracked),
    ]
    if tracked.reforecasts:
        blocks.append(reforecasts_table(tracked))
    return tuple(blocks)


def _summary_row(tracked: CaseTracking) -> tuple[Cell, ...]:
    figures = tracked.tracking
    points = {p.months: p for p in figures.checkpoints}
    decided = tracked.approval.decided_on
    return (
        text(case_name(tracked)),
        text(tracked.approval.option.name),
        text(day(decided) if decided else ""),
        in_pounds(figures.total_planned, symbol=False),
        in_pounds(figures.total_forecast, symbol=False),
        in_pounds(figures.total_actual, symbol=False),
        *(accuracy(points[m]) if m in points else blank() for m in (6, 12, 24)),
    )


def summary_table(cases: list[CaseTracking]) -> Table:
    """One row per case: its plan, forecast and actual over all its years, and its accuracy."""
    totals = [
        sum((getattr(t.tracking, name) for t in cases), ZERO)
        for name in ("total_planned", "total_forecast", "total_actual")
    ]
    return Table(
        key="realisation-cases",
        title="Business cases: planned, forecast and actual over each case's years",
        columns=(
            Column("Business case"),
            Column("Option approved"),
            Column("Approved on"),
            pounds_column("Planned", symbol=False),
            pounds_column("Forecast", symbol=False),
            pounds_column("Actual, validated", symbol=False),
            Column("Accuracy at 6 months", numeric=True, unit="%"),
            Column("At 12 months", numeric=True, unit="%"),
            Column("At 24 months", numeric=True, unit="%"),
        ),
        rows=tuple(_summary_row(t) for t in cases),
        total=(
            total_label(),
            blank(),
            blank(),
            *(in_pounds(amount, symbol=False, summed=True) for amount in totals),
            blank(),
            blank(),
            blank(),
        ),
    )


def portfolio_by_year_table(cases: list[CaseTracking]) -> Table:
    """Every case's plan, forecast and actual added up by financial year."""
    sums: dict[FinancialYear, list[Decimal]] = {}
    for tracked in cases:
        for y in tracked.tracking.by_year:
            row = sums.setdefault(y.year, [ZERO, ZERO, ZERO])
            row[0] += y.planned
            row[1] += y.forecast
            row[2] += y.actual
    years = sorted(sums)
    totals = [sum((sums[y][i] for y in years), ZERO) for i in range(3)]
    for i, name in enumerate(("planned", "forecast", "actual")):
        expected = sum((getattr(t.tracking, f"total_{name}") for t in cases), ZERO)
        check_total(f"Portfolio {name}", [totals[i]], expected)
    return Table(
        key="realisation-by-year",
        title="All approved cases: planned, forecast and actual by year",
        columns=(
            Column("Year"),
            pounds_column("Planned", symbol=False),
            pounds_column("Forecast", symbol=False),
            pounds_column("Actual, validated", symbol=False),
        ),
        rows=tuple((text(y.label), *(in_pounds(v, symbol=False) for v in sums[y])) for y in years),
        total=(total_label(), *(in_pounds(v, symbol=False, summed=True) for v in totals)),
    )


def _portfolio_summary(cases: list[CaseTracking]) -> Section:
    if not cases:
        return Section(
            "Summary",
            (
                Paragraph(
                    "No business case has an approved version yet, so there is no plan to "
                    "track. Record a board's approval on a case's page first."
                ),
            ),
        )
    return Section(
        "Summary",
        (
            Paragraph(MEANING),
            summary_table(cases),
            portfolio_by_year_table(cases),
            Paragraph(ACCURACY),
        ),
    )


def realisation_report(
    *, organisation: Organisation, case: Case | None = None, today: date | None = None
) -> Report:
    """The benefits realisation report of one case (with an approved version, else a
    ``ValueError``) or, without ``case``, of every case of the council with one."""
    on = today or timezone.localdate()
    as_at = day(on)
    if case is not None:
        tracked = case_tracking(case=case, today=on)
        if tracked is None:
            raise ValueError(f"“{case}” has no approved version, so there is nothing to track yet")
        return Report(
            kind="realisation",
            organisation=organisation.name,
            title=f"{TITLE}: {case.title}",
            subtitle=f"Planned, forecast and actual benefits as at {as_at}",
            dated=as_at,
            details=(("Business case", str(case.title)),),
            sections=(
                Section(
                    "Planned, forecast and actual", (Paragraph(MEANING), *case_blocks(tracked))
                ),
            ),
        )
    cases = cases_tracked(organisation=organisation, today=on)
    return Report(
        kind="realisation",
        organisation=organisation.name,
        title=f"{TITLE} report",
        subtitle=f"Every approved business case: planned, forecast and actual benefits as at "
        f"{as_at}",
        dated=as_at,
        details=(("Business cases", f"{len(cases)} with an approved version"),),
        sections=(
            _portfolio_summary(cases),
            *(Section(case_name(t), case_blocks(t)) for t in cases),
        ),
    )

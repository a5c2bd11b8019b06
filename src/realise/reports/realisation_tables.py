"""A business case's benefits realisation laid out once (ADR 0024, ADR 0040): planned, forecast and
actual by year and by benefit line, the forecast accuracy after approval and the officers'
re-forecasts, as table contexts that every surface renders: the benefits realisation report in
each format (``REPORT``) and the case's page through the generic table component (``PAGE``).
The figures are ``realise.cases.tracking``'s, worked out by ``realise.finance.realisation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.cases.tracking import CaseTracking
from realise.finance.money import ZERO
from realise.finance.realisation import PLAN, REFORECAST, VERSION, Checkpoint, LineTrack
from realise.reports.annual.common import day
from realise.reports.context import (
    Cell,
    Column,
    Table,
    blank,
    check_total,
    in_pounds,
    pct,
    pounds_column,
    text,
    total_label,
)

TITLE = "Benefits realisation"
NOT_MATCHED = "Not matched to a line"
NOT_YET = "Not yet"
CASE_LEVEL = "counted for the case as a whole"
TYPES = {
    "cashable": "cashable",
    "cost_avoidance": "cost avoidance",
    "income": "income",
    "non_cashable": "non-cashable",
}

# Said wherever the figures are shown: what each column means.
MEANING = (
    "Planned is the approved option's benefits, as the approved version works them out. Forecast "
    "is the latest word on each line and year: an officers' re-forecast, or the figures of a "
    "version saved since the approval, else the plan. Actual is what finance has validated in "
    "the savings ledger for the case's projects (tactical savings are outside the programme and "
    "not counted)."
)
ACCURACY = (
    "Forecast accuracy is the savings validated by a checkpoint (for the plan's years, recorded "
    "on or before that day) as a percentage of what the plan expected by then. The plan expects "
    "each year's benefit to build up evenly over its days: by 30 September, 183 of the year's "
    "365 days. A checkpoint still to come shows “Not yet”."
)


@dataclass(frozen=True)
class Wording:
    """``symbol`` prints £ in each cell rather than in the heading; ``keys`` marks figures for a
    page's ``data-figure``."""

    symbol: bool
    keys: bool = False


REPORT = Wording(symbol=False)
PAGE = Wording(symbol=True, keys=True)


def _money(amount: Decimal, wording: Wording, *, summed: bool = False, key: str = "") -> Cell:
    return in_pounds(amount, symbol=wording.symbol, summed=summed, key=key if wording.keys else "")


def _none(spoken: str) -> Cell:
    return Cell(None, "–", spoken=spoken)


def case_name(tracked: CaseTracking) -> str:
    return str(tracked.case.title)


def line_label(line: LineTrack) -> str:
    """``Customer (cashable)``, ``Care packages (cost avoidance, Adults)``."""
    parts = [TYPES.get(line.type, line.type)]
    if line.directorate:
        parts.append(line.directorate)
    return f"{line.name} ({', '.join(parts)})"


def _source(source: str, tracked: CaseTracking) -> str:
    if source == VERSION and tracked.plan.newer is not None:
        return f"Version {tracked.plan.newer.number}"
    return {PLAN: "Plan", REFORECAST: "Re-forecast"}.get(source, source)


def by_year_table(tracked: CaseTracking, wording: Wording = REPORT) -> Table:
    """Planned, forecast and actual for each year of the plan, with their totals."""
    rows = tracked.tracking.by_year
    total = tracked.tracking
    check_total("Realisation planned", [y.planned for y in rows], total.total_planned)
    check_total("Realisation forecast", [y.forecast for y in rows], total.total_forecast)
    check_total("Realisation actual", [y.actual for y in rows], total.total_actual)
    return Table(
        key=f"realisation-case-{tracked.case.pk}-by-year",
        title=f"{case_name(tracked)}: planned, forecast and actual by year",
        columns=(
            Column("Year"),
            pounds_column("Planned", symbol=wording.symbol),
            pounds_column("Forecast", symbol=wording.symbol),
            pounds_column("Actual, validated", symbol=wording.symbol),
        ),
        rows=tuple(
            (
                text(y.year.label),
                _money(y.planned, wording, key=f"planned-{y.year.start}"),
                _money(y.forecast, wording, key=f"forecast-{y.year.start}"),
                _money(y.actual, wording, key=f"actual-{y.year.start}"),
            )
            for y in rows
        ),
        total=(
            total_label(),
            _money(total.total_planned, wording, summed=True, key="planned-total"),
            _money(total.total_forecast, wording, summed=True, key="forecast-total"),
            _money(total.total_actual, wording, summed=True, key="actual-total"),
        ),
        notes=_outside(tracked),
    )


def _outside(tracked: CaseTracking) -> tuple[str, ...]:
    outside = tracked.tracking.outside
    if not outside:
        return ()
    first, last = tracked.plan.years[0].label, tracked.plan.years[-1].label
    return (
        f"Savings of {in_pounds(outside, symbol=True).text} validated for years outside the "
        f"case's ({first} to {last}) are not counted.",
    )


def _line_rows(
    tracked: CaseTracking, line: LineTrack, index: int, wording: Wording
) -> list[tuple[Cell, ...]]:
    rows = []
    for at, year in enumerate(tracked.tracking.years):
        key = f"line-{index}-{year.start}"
        actual = (
            _money(line.actual[at], wording, key=f"actual-{key}")
            if line.actual is not None
            else _none(CASE_LEVEL)
        )
        rows.append(
            (
                text(line_label(line)),
                text(year.label),
                _money(line.planned[at], wording, key=f"planned-{key}"),
                _money(line.forecast[at], wording, key=f"forecast-{key}"),
                text(_source(line.sources[at], tracked)),
                actual,
            )
        )
    return rows


def _unmatched_rows(tracked: CaseTracking, wording: Wording) -> list[tuple[Cell, ...]]:
    figures = tracked.tracking
    if figures.lines_told_apart and not figures.total_unmatched:
        return []
    return [
        (
            text(NOT_MATCHED),
            text(year.label),
            blank(),
            blank(),
            blank(),
            _money(amount, wording, key=f"actual-unmatched-{year.start}"),
        )
        for year, amount in zip(figures.years, figures.unmatched, strict=True)
    ]


def matching_note(tracked: CaseTracking) -> str:
    """Whether actuals are shown by line or for the case as a whole, in words."""
    lines = tracked.tracking.lines
    apart = [line for line in lines if line.actual is not None]
    if not lines:
        return "The approved option has no benefit lines."
    rule = (
        "A validated saving counts against the one benefit line of its type that names its "
        "directorate, else the one line of its type that names none."
    )
    if len(apart) == len(lines):
        return f"Actuals are shown by line. {rule} Savings that fit no line are shown as " + (
            f"“{NOT_MATCHED}”."
        )
    if not apart:
        return (
            "Actuals are shown for the case as a whole, not by line: its benefit lines share "
            "a type and directorate, so a saving cannot be told apart between them. They are "
            f"shown as “{NOT_MATCHED}”, and each line's actual as a dash."
        )
    return (
        f"Actuals are shown by line where a line can be told apart. {rule} Lines that share a "
        "type and directorate show a dash, and their savings are shown as "
        f"“{NOT_MATCHED}”."
    )


def by_line_table(tracked: CaseTracking, wording: Wording = REPORT) -> Table:
    """Each benefit line in each year: planned, forecast (and where it comes from) and actual;
    the savings matched to no single line after them. The total is the by-year table's."""
    figures = tracked.tracking
    rows = [
        row
        for index, line in enumerate(figures.lines)
        for row in _line_rows(tracked, line, index, wording)
    ]
    rows += _unmatched_rows(tracked, wording)
    actual_parts = [line.total_actual or ZERO for line in figures.lines]
    check_total("Realisation by line actual", [*actual_parts, figures.total_unmatched],
                figures.total_actual)  # fmt: skip
    check_total("Realisation by line planned", [line.total_planned for line in figures.lines],
                figures.total_planned)  # fmt: skip
    return Table(
        key=f"realisation-case-{tracked.case.pk}-by-line",
        title=f"{case_name(tracked)}: by benefit line and year",
        columns=(
            Column("Benefit line"),
            Column("Year"),
            pounds_column("Planned", symbol=wording.symbol),
            pounds_column("Forecast", symbol=wording.symbol),
            Column("Forecast from"),
            pounds_column("Actual, validated", symbol=wording.symbol),
        ),
        rows=tuple(rows),
        total=(
            total_label(),
            blank(),
            _money(figures.total_planned, wording, summed=True),
            _money(figures.total_forecast, wording, summed=True),
            blank(),
            _money(figures.total_actual, wording, summed=True),
        ),
        notes=(matching_note(tracked),),
    )


def accuracy(point: Checkpoint) -> Cell:
    if not point.passed:
        return Cell(NOT_YET, NOT_YET)
    if point.accuracy is None:
        return _none("nothing was expected by then")
    return pct(point.accuracy, 1)


def _checkpoint_money(amount: Decimal | None, wording: Wording, key: str) -> Cell:
    if amount is None:
        return _none("not yet")
    return _money(amount, wording, key=key)


def accuracy_table(tracked: CaseTracking, wording: Wording = REPORT) -> Table:
    """The forecast accuracy 6, 12 and 24 months after approval."""
    decided = tracked.approval.decided_on
    return Table(
        key=f"realisation-case-{tracked.case.pk}-accuracy",
        title=f"{case_name(tracked)}: forecast accuracy after approval"
        + (f" on {day(decided)}" if decided else ""),
        columns=(
            Column("Checkpoint"),
            Column("Date"),
            pounds_column("Plan expected by then", symbol=wording.symbol),
            pounds_column("Validated by then", symbol=wording.symbol),
            Column("Accuracy", numeric=True, unit="%"),
        ),
        rows=tuple(
            (
                text(point.label),
                text(day(point.on)),
                _checkpoint_money(point.expected, wording, f"expected-{point.months}"),
                _checkpoint_money(point.actual, wording, f"validated-{point.months}"),
                accuracy(point),
            )
            for point in tracked.tracking.checkpoints
        ),
        notes=(ACCURACY,),
    )


def reforecasts_table(tracked: CaseTracking, wording: Wording = REPORT) -> Table:
    """The officers' re-forecasts of the approved version: the figure, why, who and when."""
    return Table(
        key=f"realisation-case-{tracked.case.pk}-reforecasts",
        title=f"{case_name(tracked)}: re-forecasts",
        columns=(
            Column("Benefit line"),
            Column("Year"),
            pounds_column("Forecast", symbol=wording.symbol),
            Column("Why"),
            Column("By"),
            Column("Recorded"),
        ),
        rows=tuple(
            (
                text(r.line_name),
                text(r.year.label),
                _money(r.amount, wording),
                text(r.note if r.applies else f"{r.note} (replaced by a later version)"),
                text(r.by),
                text(day(r.at.date())),
            )
            for r in tracked.reforecasts
        ),
    )


def scope_paragraph(tracked: CaseTracking) -> str:
    approval = tracked.approval
    decided = f" on {day(approval.decided_on)}" if approval.decided_on else ""
    board = f" by {approval.board}" if approval.board else ""
    newer = tracked.plan.newer
    since = f" The forecast uses version {newer.number}, saved since." if newer else ""
    note = f" {tracked.plan.newer_note}" if tracked.plan.newer_note else ""
    return (
        f"Version {approval.version.number}, {approval.option.name}, approved{board}{decided}. "
        f"Actuals are the savings validated for {tracked.scope}.{since}{note}"
    )

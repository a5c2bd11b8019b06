"""Savings monitoring for the year to date: budgeted, validated, claimed and forecast savings
per directorate and per project, rated red, amber or green by the council's thresholds, with
in-year pressures and mitigations where the council records them (ADR 0029)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from realise.benefits.models import (
    EntryStatus,
    SavingKind,
    SavingsEntry,
    SavingsRag,
    SavingsTarget,
)
from realise.benefits.selectors.adjustments import Adjustments, year_adjustments
from realise.benefits.selectors.common import directorate_names, percent
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.finance.savings import RagThresholds, shortfall
from realise.portfolio.models import Organisation, Project

# Ledger statuses by what monitoring makes of them. Tolerant of statuses added later (a claim
# awaiting finance validation, a rejected claim): anything unknown is left out.
VALIDATED_STATUSES = frozenset({EntryStatus.ACHIEVED, "validated"})
CLAIMED_STATUSES = frozenset({"claimed"})
FORECAST_STATUSES = frozenset({EntryStatus.FORECAST})


def savings_rag(*, organisation: Organisation) -> RagThresholds:
    """The council's RAG thresholds for savings monitoring, or the defaults."""
    row = SavingsRag.objects.filter(organisation=organisation).first()
    if row is None:
        return RagThresholds(SavingsRag.DEFAULT_GREEN, SavingsRag.DEFAULT_AMBER)
    return RagThresholds(row.green_from, row.amber_from)


@dataclass(frozen=True)
class MonitoringLine:
    """One directorate, or one project (or a directorate's savings held outside projects)."""

    directorate: str
    project: str
    budgeted: Decimal
    validated: Decimal
    claimed: Decimal
    forecast: Decimal
    expected: Decimal  # validated + claimed + forecast
    at_risk: Decimal  # budget not yet achieved, claimed, forecast or mitigated: D = A - B - C
    percent_expected: Decimal | None
    rag: str
    adjustments: Decimal = ZERO  # in-year pressures (negative) and mitigations, net: C


@dataclass(frozen=True)
class AdjustmentLine:
    """One pressure or mitigation standing in the year, with its reason."""

    directorate: str
    project: str
    what: str  # "Pressure" or "Mitigation"
    amount: Decimal  # signed: a pressure negative
    reason: str


@dataclass(frozen=True)
class SavingsMonitoring:
    year: FinancialYear
    as_at: date | None
    thresholds: RagThresholds
    by_directorate: tuple[MonitoringLine, ...]
    by_project: tuple[MonitoringLine, ...]
    total: MonitoringLine
    # Whether the council records pressures and mitigations (the report shows them only then),
    # and the year's that stand, each with its reason.
    shows_adjustments: bool = False
    adjustments: tuple[AdjustmentLine, ...] = ()


Key = tuple[int | None, int | None]
_BUCKETS = ("budgeted", "validated", "claimed", "forecast", "adjustments")


def _bucket(status: str) -> str | None:
    if status in VALIDATED_STATUSES:
        return "validated"
    if status in CLAIMED_STATUSES:
        return "claimed"
    return "forecast" if status in FORECAST_STATUSES else None


def _monitoring_sums(
    organisation: Organisation,
    year: FinancialYear,
    kind: str,
    as_at: date | None,
    adjusting: Adjustments,
) -> dict[Key, dict[str, Decimal]]:
    sums: dict[Key, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(_BUCKETS, ZERO))
    scope = Q(organisation=organisation, kind=kind, financial_year=year.start)
    for row in (
        SavingsTarget.objects.filter(scope)
        .values("directorate", "project")
        .annotate(total=MoneySum("amount"))
    ):
        sums[(row["directorate"], row["project"])]["budgeted"] += row["total"]
    entries = SavingsEntry.objects.filter(scope)
    if as_at is not None:
        entries = entries.filter(recorded_on__lte=as_at)
    for row in entries.values("directorate", "project", "status").annotate(
        total=MoneySum("amount")
    ):
        bucket = _bucket(row["status"])
        if bucket is not None:
            sums[(row["directorate"], row["project"])][bucket] += row["total"]
    for line in adjusting.lines:
        sums[(line.directorate_id, line.project_id)]["adjustments"] += line.amount
    return sums


def _line(
    directorate: str, project: str, s: dict[str, Decimal], rag: RagThresholds
) -> MonitoringLine:
    expected = s["validated"] + s["claimed"] + s["forecast"]
    share = percent(expected, s["budgeted"])
    return MonitoringLine(
        directorate=directorate,
        project=project,
        budgeted=s["budgeted"],
        validated=s["validated"],
        claimed=s["claimed"],
        forecast=s["forecast"],
        expected=expected,
        at_risk=shortfall(s["budgeted"], expected, s["adjustments"]),
        percent_expected=share,
        rag=rag.rate(share),
        adjustments=s["adjustments"],
    )


def _add(into: dict[str, Decimal], more: dict[str, Decimal]) -> None:
    for key in _BUCKETS:
        into[key] += more[key]


def savings_monitoring(
    *,
    organisation: Organisation,
    year: FinancialYear,
    as_at: date | None = None,
    kind: str = SavingKind.CASHABLE,
) -> SavingsMonitoring:
    """Budgeted, validated, claimed and forecast savings for ``year`` (entries recorded on or
    before ``as_at``), per directorate and per project, rated by the council's thresholds; with
    the pressures and mitigations, which at risk is net of (D = A - B - C)."""
    rag = savings_rag(organisation=organisation)
    names = directorate_names(organisation)
    projects = dict(Project.objects.filter(organisation=organisation).values_list("pk", "name"))
    adjusting = year_adjustments(organisation=organisation, year=year, kind=kind, as_at=as_at)
    sums = _monitoring_sums(organisation, year, kind, as_at, adjusting)
    by_dir: dict[int | None, dict[str, Decimal]] = defaultdict(
        lambda: dict.fromkeys(_BUCKETS, ZERO)
    )
    total = dict.fromkeys(_BUCKETS, ZERO)
    project_lines = []
    order = list(names)
    for (directorate, project), s in sorted(
        sums.items(), key=lambda kv: (order.index(kv[0][0]), projects.get(kv[0][1], ""))
    ):
        _add(by_dir[directorate], s)
        _add(total, s)
        label = projects[project] if project else "Outside projects"
        project_lines.append(_line(names[directorate], label, s, rag))
    return SavingsMonitoring(
        year=year,
        as_at=as_at,
        thresholds=rag,
        by_directorate=tuple(_line(names[pk], "", by_dir[pk], rag) for pk in order if pk in by_dir),
        by_project=tuple(project_lines),
        total=_line("Total", "", total, rag),
        shows_adjustments=adjusting.shown,
        adjustments=tuple(
            AdjustmentLine(
                directorate=names[x.directorate_id],
                project=projects[x.project_id] if x.project_id else "Outside projects",
                what=x.label,
                amount=x.amount,
                reason=x.reason,
            )
            for x in adjusting.lines
            if x.standing
        ),
    )

"""Reads of savings, shaped like the tables of a transformation annual report.

Every selector takes the organisation explicitly, runs a fixed number of aggregate queries and
returns frozen dataclasses, so the CLI, the web pages and the reports print the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from realise.benefits.models import (
    CarryForward,
    EntryStatus,
    SavingKind,
    SavingsEntry,
    SavingsTarget,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO, format_money
from realise.portfolio.models import Directorate, Organisation

WHOLE_COUNCIL = "Whole council"
HUNDRED = Decimal(100)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to 2 places, or None when ``whole`` is nothing."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class YearSavings:
    """One column of Table 2: a year's budget against what was achieved."""

    year: FinancialYear
    budgeted: Decimal
    achieved: Decimal
    forecast: Decimal
    has_actuals: bool
    percent_achieved: Decimal | None
    cumulative_budgeted: Decimal
    cumulative_achieved: Decimal
    cumulative_percent: Decimal | None


@dataclass(frozen=True)
class SavingsByYear:
    """Table 2: savings budgeted against achieved, year by year, with totals."""

    kind: str
    years: tuple[YearSavings, ...]
    total_budgeted: Decimal
    total_achieved: Decimal


def savings_by_year(
    *, organisation: Organisation, kind: str = SavingKind.CASHABLE
) -> SavingsByYear:
    """Budgeted against achieved per financial year; cumulative % over the years with actuals."""
    budgets = {
        row["financial_year"]: row["total"]
        for row in SavingsTarget.objects.filter(organisation=organisation, kind=kind)
        .values("financial_year")
        .annotate(total=Sum("amount"))
    }
    actuals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    forecasts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    with_actuals: set[int] = set()
    for row in (
        SavingsEntry.objects.filter(organisation=organisation, kind=kind)
        .values("financial_year", "status")
        .annotate(total=Sum("amount"), lines=Count("id"))
    ):
        if row["status"] == EntryStatus.ACHIEVED:
            actuals[row["financial_year"]] += row["total"]
            with_actuals.add(row["financial_year"])
        else:
            forecasts[row["financial_year"]] += row["total"]
    years: list[YearSavings] = []
    cum_budget = cum_achieved = ZERO
    for start in sorted(set(budgets) | set(actuals) | set(forecasts)):
        budget = budgets.get(start, ZERO)
        achieved = actuals[start]
        has_actuals = start in with_actuals
        if has_actuals:
            cum_budget += budget
            cum_achieved += achieved
        years.append(
            YearSavings(
                year=FinancialYear(start),
                budgeted=budget,
                achieved=achieved,
                forecast=forecasts[start],
                has_actuals=has_actuals,
                percent_achieved=percent(achieved, budget) if has_actuals else None,
                cumulative_budgeted=cum_budget,
                cumulative_achieved=cum_achieved,
                cumulative_percent=percent(cum_achieved, cum_budget) if has_actuals else None,
            )
        )
    return SavingsByYear(
        kind=kind,
        years=tuple(years),
        total_budgeted=sum((y.budgeted for y in years), ZERO),
        total_achieved=sum((y.achieved for y in years), ZERO),
    )


@dataclass(frozen=True)
class DirectorateSavings:
    """One row of Table 3."""

    directorate: str
    projected: Decimal
    carried_in: Decimal
    achieved: Decimal
    underachieved: Decimal
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DirectorateSavingsTable:
    """Table 3: a year's savings by directorate, with what fell short and why."""

    year: FinancialYear
    rows: tuple[DirectorateSavings, ...]
    total_projected: Decimal
    total_achieved: Decimal
    total_underachieved: Decimal


def _directorate_names(organisation: Organisation) -> dict[int | None, str]:
    names: dict[int | None, str] = {
        pk: name
        for pk, name in Directorate.objects.filter(organisation=organisation).values_list(
            "pk", "name"
        )
    }
    names[None] = WHOLE_COUNCIL
    return names


def _sum_by_directorate(rows: object) -> dict[int | None, Decimal]:
    totals: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:  # type: ignore[attr-defined]
        totals[row["directorate"]] += row["total"]
    return totals


def _carry_reason(carry: dict[str, object], year: FinancialYear) -> str:
    amount = format_money(carry["amount"])  # type: ignore[arg-type]
    source = FinancialYear(carry["from_year"])  # type: ignore[arg-type]
    target = FinancialYear(carry["to_year"])  # type: ignore[arg-type]
    if source == year:
        return f"{amount} carried forward to {target.label}: {carry['reason']}"
    return f"{amount} deferred from {source.label} to {target.label}: {carry['reason']}"


def savings_by_directorate(
    *, organisation: Organisation, year: FinancialYear, kind: str = SavingKind.CASHABLE
) -> DirectorateSavingsTable:
    """Projected (budgeted), achieved and under-achieved per directorate for one year.

    Under-achieved is the budget plus savings carried into or through the year from earlier
    years, less what was achieved. Reasons come from the targets' variance reasons and from the
    carry-forwards that leave or pass through the year.
    """
    names = _directorate_names(organisation)
    in_year = Q(organisation=organisation, kind=kind, financial_year=year.start)
    projected = _sum_by_directorate(
        SavingsTarget.objects.filter(in_year).values("directorate").annotate(total=Sum("amount"))
    )
    achieved = _sum_by_directorate(
        SavingsEntry.objects.filter(in_year, status=EntryStatus.ACHIEVED)
        .values("directorate")
        .annotate(total=Sum("amount"))
    )
    reasons: dict[int | None, list[str]] = defaultdict(list)
    for directorate, reason in (
        SavingsTarget.objects.filter(in_year)
        .exclude(variance_reason="")
        .values_list("directorate", "variance_reason")
    ):
        reasons[directorate].append(reason)
    carried_in: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for carry in CarryForward.objects.filter(
        organisation=organisation, kind=kind, from_year__lte=year.start, to_year__gte=year.start
    ).values("directorate", "amount", "from_year", "to_year", "reason"):
        if carry["from_year"] < year.start:
            carried_in[carry["directorate"]] += carry["amount"]
        if carry["to_year"] > year.start:
            reasons[carry["directorate"]].append(_carry_reason(carry, year))
    rows = []
    for pk, name in names.items():
        if pk not in projected and pk not in achieved and pk not in carried_in:
            continue
        due = projected[pk] + carried_in[pk]
        rows.append(
            DirectorateSavings(
                directorate=name,
                projected=projected[pk],
                carried_in=carried_in[pk],
                achieved=achieved[pk],
                underachieved=max(due - achieved[pk], ZERO),
                reasons=tuple(reasons[pk]),
            )
        )
    return DirectorateSavingsTable(
        year=year,
        rows=tuple(rows),
        total_projected=sum((r.projected for r in rows), ZERO),
        total_achieved=sum((r.achieved for r in rows), ZERO),
        total_underachieved=sum((r.underachieved for r in rows), ZERO),
    )


@dataclass(frozen=True)
class CarriedForward:
    amount: Decimal
    from_year: FinancialYear
    reason: str


@dataclass(frozen=True)
class DirectorateProjection:
    """One row of Table 4."""

    directorate: str
    projected: Decimal
    carried_forward: tuple[CarriedForward, ...]


@dataclass(frozen=True)
class ProjectedSavingsTable:
    """Table 4: a year's projected savings by directorate, carry-forwards marked separately."""

    year: FinancialYear
    rows: tuple[DirectorateProjection, ...]
    total_projected: Decimal
    total_carried_forward: Decimal


def savings_projected(
    *, organisation: Organisation, year: FinancialYear, kind: str = SavingKind.CASHABLE
) -> ProjectedSavingsTable:
    """The budget per directorate for ``year`` and the savings carried forward into it."""
    names = _directorate_names(organisation)
    projected = _sum_by_directorate(
        SavingsTarget.objects.filter(
            organisation=organisation, kind=kind, financial_year=year.start
        )
        .values("directorate")
        .annotate(total=Sum("amount"))
    )
    carries: dict[int | None, list[CarriedForward]] = defaultdict(list)
    for carry in CarryForward.objects.filter(
        organisation=organisation, kind=kind, to_year=year.start
    ).values("directorate", "amount", "from_year", "reason"):
        carries[carry["directorate"]].append(
            CarriedForward(
                amount=carry["amount"],
                from_year=FinancialYear(carry["from_year"]),
                reason=carry["reason"],
            )
        )
    rows = tuple(
        DirectorateProjection(
            directorate=name, projected=projected[pk], carried_forward=tuple(carries[pk])
        )
        for pk, name in names.items()
        if pk in projected or pk in carries
    )
    return ProjectedSavingsTable(
        year=year,
        rows=rows,
        total_projected=sum((r.projected for r in rows), ZERO),
        total_carried_forward=sum((c.amount for r in rows for c in r.carried_forward), ZERO),
    )


@dataclass(frozen=True)
class SavingsOutlook:
    """Savings delivered up to a year, and those still expected after it."""

    as_at: FinancialYear
    delivered: Decimal
    projected: Decimal

    @property
    def total(self) -> Decimal:
        return self.delivered + self.projected


def savings_outlook(
    *, organisation: Organisation, as_at: FinancialYear, kind: str = SavingKind.CASHABLE
) -> SavingsOutlook:
    """Achieved up to and including ``as_at``; projected is the budgets of later years plus
    earlier under-delivery carried forward into them."""
    delivered = SavingsEntry.objects.filter(
        organisation=organisation,
        kind=kind,
        status=EntryStatus.ACHIEVED,
        financial_year__lte=as_at.start,
    ).aggregate(total=Sum("amount"))["total"]
    budgets = SavingsTarget.objects.filter(
        organisation=organisation, kind=kind, financial_year__gt=as_at.start
    ).aggregate(total=Sum("amount"))["total"]
    carried = CarryForward.objects.filter(
        organisation=organisation, kind=kind, from_year__lte=as_at.start, to_year__gt=as_at.start
    ).aggregate(total=Sum("amount"))["total"]
    return SavingsOutlook(
        as_at=as_at,
        delivered=delivered or ZERO,
        projected=(budgets or ZERO) + (carried or ZERO),
    )


# --- Savings monitoring (year to date) --------------------------------------------------------
# Ledger statuses by what monitoring makes of them. Tolerant of statuses added later (a claim
# awaiting finance validation, a rejected claim): anything unknown is left out.
VALIDATED_STATUSES = frozenset({EntryStatus.ACHIEVED, "validated"})
CLAIMED_STATUSES = frozenset({"claimed"})
FORECAST_STATUSES = frozenset({EntryStatus.FORECAST})


@dataclass(frozen=True)
class RagThresholds:
    green_from: Decimal
    amber_from: Decimal

    def rate(self, percent_expected: Decimal | None) -> str:
        if percent_expected is None:
            return "Not rated"
        if percent_expected >= self.green_from:
            return "Green"
        return "Amber" if percent_expected >= self.amber_from else "Red"


def savings_rag(*, organisation: Organisation) -> RagThresholds:
    """The council's RAG thresholds for savings monitoring, or the defaults."""
    from realise.benefits.models import SavingsRag

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
    at_risk: Decimal  # budget not yet achieved, claimed or forecast
    percent_expected: Decimal | None
    rag: str


@dataclass(frozen=True)
class SavingsMonitoring:
    year: FinancialYear
    as_at: date | None
    thresholds: RagThresholds
    by_directorate: tuple[MonitoringLine, ...]
    by_project: tuple[MonitoringLine, ...]
    total: MonitoringLine


Key = tuple[int | None, int | None]
_BUCKETS = ("budgeted", "validated", "claimed", "forecast")


def _bucket(status: str) -> str | None:
    if status in VALIDATED_STATUSES:
        return "validated"
    if status in CLAIMED_STATUSES:
        return "claimed"
    return "forecast" if status in FORECAST_STATUSES else None


def _monitoring_sums(
    organisation: Organisation, year: FinancialYear, kind: str, as_at: date | None
) -> dict[Key, dict[str, Decimal]]:
    sums: dict[Key, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(_BUCKETS, ZERO))
    scope = Q(organisation=organisation, kind=kind, financial_year=year.start)
    for row in (
        SavingsTarget.objects.filter(scope)
        .values("directorate", "project")
        .annotate(total=Sum("amount"))
    ):
        sums[(row["directorate"], row["project"])]["budgeted"] += row["total"]
    entries = SavingsEntry.objects.filter(scope)
    if as_at is not None:
        entries = entries.filter(recorded_on__lte=as_at)
    for row in entries.values("directorate", "project", "status").annotate(total=Sum("amount")):
        bucket = _bucket(row["status"])
        if bucket is not None:
            sums[(row["directorate"], row["project"])][bucket] += row["total"]
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
        at_risk=max(s["budgeted"] - expected, ZERO),
        percent_expected=share,
        rag=rag.rate(share),
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
    before ``as_at``), per directorate and per project, rated by the council's thresholds."""
    from realise.portfolio.models import Project

    rag = savings_rag(organisation=organisation)
    names = _directorate_names(organisation)
    projects = dict(Project.objects.filter(organisation=organisation).values_list("pk", "name"))
    sums = _monitoring_sums(organisation, year, kind, as_at)
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
    )

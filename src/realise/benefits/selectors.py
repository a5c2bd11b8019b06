"""Reads of savings, shaped like the tables of a transformation annual report.

Every selector takes the organisation explicitly, runs a fixed number of aggregate queries and
returns frozen dataclasses, so the CLI, the web pages and the reports print the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum

from realise.benefits.models import (
    CarryForward,
    EntryStatus,
    Measure,
    MeasureReading,
    SavingKind,
    SavingsEntry,
    SavingsTarget,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO, format_money
from realise.portfolio.models import Directorate, Organisation, Project

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
    claimed: Decimal = ZERO  # recorded by project leads, awaiting finance: not in ``achieved``


@dataclass(frozen=True)
class SavingsByYear:
    """Table 2: savings budgeted against achieved, year by year, with totals."""

    kind: str
    years: tuple[YearSavings, ...]
    total_budgeted: Decimal
    total_achieved: Decimal
    total_claimed: Decimal = ZERO


def savings_by_year(
    *, organisation: Organisation, kind: str = SavingKind.CASHABLE
) -> SavingsByYear:
    """Budgeted against achieved (validated by finance) per financial year; cumulative % over the
    years with actuals. Claims awaiting finance are shown apart and never count as achieved."""
    budgets = {
        row["financial_year"]: row["total"]
        for row in SavingsTarget.objects.filter(organisation=organisation, kind=kind)
        .values("financial_year")
        .annotate(total=Sum("amount"))
    }
    actuals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    forecasts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claims: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_status = {EntryStatus.FORECAST: forecasts, EntryStatus.CLAIMED: claims}
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
            by_status[row["status"]][row["financial_year"]] += row["total"]
    years: list[YearSavings] = []
    cum_budget = cum_achieved = ZERO
    for start in sorted(set(budgets) | set(actuals) | set(forecasts) | set(claims)):
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
                claimed=claims[start],
            )
        )
    return SavingsByYear(
        kind=kind,
        years=tuple(years),
        total_budgeted=sum((y.budgeted for y in years), ZERO),
        total_achieved=sum((y.achieved for y in years), ZERO),
        total_claimed=sum((y.claimed for y in years), ZERO),
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
    claimed: Decimal = ZERO  # awaiting finance; not in ``achieved``


@dataclass(frozen=True)
class DirectorateSavingsTable:
    """Table 3: a year's savings by directorate, with what fell short and why."""

    year: FinancialYear
    rows: tuple[DirectorateSavings, ...]
    total_projected: Decimal
    total_achieved: Decimal
    total_underachieved: Decimal
    total_claimed: Decimal = ZERO


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
    """Projected (budgeted), achieved (validated) and under-achieved per directorate for one
    year, with claims awaiting finance shown apart.

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
    claimed = _sum_by_directorate(
        SavingsEntry.objects.filter(in_year, status=EntryStatus.CLAIMED)
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
        if not any(pk in figures for figures in (projected, achieved, carried_in, claimed)):
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
                claimed=claimed[pk],
            )
        )
    return DirectorateSavingsTable(
        year=year,
        rows=tuple(rows),
        total_projected=sum((r.projected for r in rows), ZERO),
        total_achieved=sum((r.achieved for r in rows), ZERO),
        total_underachieved=sum((r.underachieved for r in rows), ZERO),
        total_claimed=sum((r.claimed for r in rows), ZERO),
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


@dataclass(frozen=True)
class ProjectYear:
    """A project's savings for one year: the target against the ledger."""

    year: FinancialYear
    target: Decimal
    achieved: Decimal
    forecast: Decimal
    percent_achieved: Decimal | None
    claimed: Decimal = ZERO


@dataclass(frozen=True)
class LedgerLine:
    pk: int
    year: FinancialYear
    status: str
    kind: str
    amount: Decimal
    recorded_on: date
    note: str
    reverses: int | None
    reversed: bool


def project_savings(*, project: Project) -> tuple[tuple[ProjectYear, ...], tuple[LedgerLine, ...]]:
    """Targets against achieved and forecast by year (all kinds), and the project's ledger lines.
    Two queries."""
    targets = dict(
        SavingsTarget.objects.filter(organisation_id=project.organisation_id, project=project)
        .values_list("financial_year")
        .annotate(total=Sum("amount"))
    )
    entries = list(
        SavingsEntry.objects.filter(organisation_id=project.organisation_id, project=project)
        .order_by("financial_year", "recorded_on", "id")
        .values(
            "pk", "financial_year", "status", "kind", "amount", "recorded_on", "note", "reverses_id"
        )
    )
    reversed_ids = {e["reverses_id"] for e in entries if e["reverses_id"]}
    achieved: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claimed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    forecast: dict[int, Decimal] = defaultdict(lambda: ZERO)
    buckets = {EntryStatus.ACHIEVED: achieved, EntryStatus.CLAIMED: claimed}
    for entry in entries:
        bucket = buckets.get(entry["status"], forecast)
        bucket[entry["financial_year"]] += entry["amount"]
    years = tuple(
        ProjectYear(
            year=FinancialYear(start),
            target=targets.get(start, ZERO),
            achieved=achieved[start],
            forecast=forecast[start],
            percent_achieved=percent(achieved[start], targets.get(start, ZERO)),
            claimed=claimed[start],
        )
        for start in sorted(set(targets) | set(achieved) | set(claimed) | set(forecast))
    )
    kinds = dict(SavingKind.choices)
    statuses = dict(EntryStatus.choices)
    lines = tuple(
        LedgerLine(
            pk=e["pk"],
            year=FinancialYear(e["financial_year"]),
            status=statuses[e["status"]],
            kind=kinds[e["kind"]],
            amount=e["amount"],
            recorded_on=e["recorded_on"],
            note=e["note"],
            reverses=e["reverses_id"],
            reversed=e["pk"] in reversed_ids,
        )
        for e in entries
    )
    return years, lines


@dataclass(frozen=True)
class MeasureLine:
    """A non-financial benefit with its latest reading and the change from its baseline."""

    pk: int
    name: str
    unit: str
    project: str
    baseline: Decimal | None
    target: Decimal | None
    target_date: date | None
    latest: Decimal | None
    latest_on: date | None

    @property
    def change_from_baseline(self) -> Decimal | None:
        if self.baseline is None or self.latest is None:
            return None
        return self.latest - self.baseline


def measures_latest(*, organisation: Organisation) -> tuple[MeasureLine, ...]:
    """Every measure of the organisation with its latest reading, by name (two queries)."""
    return tuple(sorted(measures_list(organisation=organisation), key=lambda m: m.name))


def measures_list(
    *, organisation: Organisation, project: Project | None = None
) -> tuple[MeasureLine, ...]:
    """Measures (of one project, if given) with their latest reading. Two queries."""
    measures = Measure.objects.filter(organisation=organisation).select_related("project")
    if project is not None:
        measures = measures.filter(project=project)
    latest: dict[int, tuple[date, Decimal]] = {}
    for measure_id, taken_on, value in (
        MeasureReading.objects.filter(organisation=organisation, measure__in=measures)
        .order_by("measure_id", "taken_on", "id")
        .values_list("measure_id", "taken_on", "value")
    ):
        latest[measure_id] = (taken_on, value)
    return tuple(
        MeasureLine(
            pk=m.pk,
            name=m.name,
            unit=m.unit,
            project=m.project.name if m.project else "",
            baseline=m.baseline,
            target=m.target,
            target_date=m.target_date,
            latest=latest[m.pk][1] if m.pk in latest else None,
            latest_on=latest[m.pk][0] if m.pk in latest else None,
        )
        for m in measures
    )


@dataclass(frozen=True)
class LedgerEvent:
    """One step in the life of a saving: recorded, claimed, validated, rejected or reversed."""

    entry_id: int
    action: str
    status: str
    amount: Decimal
    recorded_on: date
    recorded_at: datetime
    by: str
    note: str


def _event_action(entry: SavingsEntry, root: SavingsEntry) -> str:
    if entry.pk == root.pk:
        return "claimed" if entry.status == EntryStatus.CLAIMED else "recorded"
    if entry.validates_id is not None:
        return "validated"
    if root.status == EntryStatus.CLAIMED and not hasattr(root, "validation"):
        return "rejected"
    return "closed" if root.status == EntryStatus.CLAIMED else "reversed"


def saving_history(*, organisation: Organisation, entry: SavingsEntry) -> tuple[LedgerEvent, ...]:
    """The history of a ledger entry: the entry, then whatever reversed or validated it, by
    when recorded. The ledger never changes a row, so this chain is the whole audit trail."""
    root = entry.reverses or entry.validates or entry
    related = SavingsEntry.objects.filter(
        Q(pk=root.pk) | Q(reverses=root) | Q(validates=root), organisation=organisation
    ).select_related("recorded_by", "validates")
    root = next((e for e in related if e.pk == root.pk), root)
    return tuple(
        LedgerEvent(
            entry_id=e.pk,
            action=_event_action(e, root),
            status=e.status,
            amount=e.amount,
            recorded_on=e.recorded_on,
            recorded_at=e.recorded_at,
            by=str(e.recorded_by) if e.recorded_by else "",
            note=e.note,
        )
        for e in sorted(related, key=lambda e: (e.recorded_at, e.pk))
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

"""The annual report's savings tables: budgeted against achieved by year (Table 2), by
directorate for one year (Table 3), projected with carry-forwards (Table 4), and the outlook."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from realise.benefits.models import (
    CarryForward,
    EntryStatus,
    SavingKind,
    SavingsEntry,
    SavingsTarget,
)
from realise.benefits.selectors.adjustments import year_adjustments
from realise.benefits.selectors.common import directorate_names, percent, sum_by_directorate
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO, format_money
from realise.finance.plan_years import PlanYears
from realise.finance.savings import Carry, ScopeYear
from realise.portfolio.models import Organisation


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
    held: bool = True  # whether anything is budgeted or recorded in the year, even £0


@dataclass(frozen=True)
class SavingsByYear:
    """Table 2: savings budgeted against achieved, one row for each of the council's plan years
    (``plan``), with totals."""

    kind: str
    years: tuple[YearSavings, ...]
    total_budgeted: Decimal
    total_achieved: Decimal
    total_claimed: Decimal = ZERO
    plan: PlanYears | None = None  # None only for a table made by hand (tests)

    def number(self, year: FinancialYear, position: int) -> int:
        """``year``'s number in the plan ("Year 1" is the first plan year); ``position`` in
        the table when it was made without a plan."""
        return position if self.plan is None else self.plan.number(year)

    def reporting_year(self, today: date) -> FinancialYear:
        """The latest year with data, which pages and reports show unless asked for another:
        the latest year with achieved savings; else the latest, up to the year ``today`` falls
        in, that holds any budget or saving (claimed or forecast); else the year we are in (the
        nearest plan year when that is outside the council's plan years)."""
        with_actuals = [y.year for y in self.years if y.has_actuals]
        if with_actuals:
            return with_actuals[-1]
        now = FinancialYear.containing(today)
        held = [y.year for y in self.years if y.held and y.year <= now]
        if held:
            return held[-1]
        if self.plan is None or now in self.plan:
            return now
        return self.plan.first if now < self.plan.first else self.plan.last


def savings_by_year(
    *, organisation: Organisation, kind: str = SavingKind.CASHABLE
) -> SavingsByYear:
    """Budgeted against achieved (validated by finance) for each of the council's plan years, in
    order, whether or not anything is recorded in it: the years of the plan, never the years that
    happen to hold data. Cumulative % over the years with actuals. Claims awaiting finance are
    shown apart and never count as achieved."""
    plan = organisation.plan_years
    scope = Q(
        organisation=organisation,
        kind=kind,
        financial_year__range=(plan.first.start, plan.last.start),
    )
    budgets = {
        row["financial_year"]: row["total"]
        for row in SavingsTarget.objects.filter(scope)
        .values("financial_year")
        .annotate(total=MoneySum("amount"))
    }
    actuals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    forecasts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claims: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_status = {EntryStatus.FORECAST: forecasts, EntryStatus.CLAIMED: claims}
    with_actuals: set[int] = set()
    held = set(budgets)
    for row in (
        SavingsEntry.objects.filter(scope)
        .values("financial_year", "status")
        .annotate(total=MoneySum("amount"), lines=Count("id"))
    ):
        held.add(row["financial_year"])
        if row["status"] == EntryStatus.ACHIEVED:
            actuals[row["financial_year"]] += row["total"]
            with_actuals.add(row["financial_year"])
        elif row["status"] in by_status:  # pressures and mitigations are in Table 3
            by_status[row["status"]][row["financial_year"]] += row["total"]
    years: list[YearSavings] = []
    cum_budget = cum_achieved = ZERO
    for start in (year.start for year in plan.years):
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
                held=start in held,
            )
        )
    return SavingsByYear(
        kind=kind,
        years=tuple(years),
        total_budgeted=sum((y.budgeted for y in years), ZERO),
        total_achieved=sum((y.achieved for y in years), ZERO),
        total_claimed=sum((y.claimed for y in years), ZERO),
        plan=plan,
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
    # The under-achievement not yet carried forward: the most a carry-forward from this
    # directorate may move (the same rule the carry-forward form applies, finance/savings.py).
    left_to_carry: Decimal = ZERO
    # In-year pressures (negative) and mitigations, net: C, already taken from ``underachieved``
    # (D = A - B - C, ADR 0029).
    adjustments: Decimal = ZERO


@dataclass(frozen=True)
class DirectorateSavingsTable:
    """Table 3: a year's savings by directorate, with what fell short and why."""

    year: FinancialYear
    rows: tuple[DirectorateSavings, ...]
    total_projected: Decimal
    total_achieved: Decimal
    total_underachieved: Decimal
    total_claimed: Decimal = ZERO
    total_carried_in: Decimal = ZERO
    total_adjustments: Decimal = ZERO
    # Whether the council records pressures and mitigations: the table shows them only then.
    shows_adjustments: bool = False


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
    years, less what was achieved, less in-year pressures (which add to it) and mitigations
    (ADR 0029). Reasons come from the targets' variance reasons, the pressures and mitigations,
    and the carry-forwards that leave or pass through the year.
    """
    names = directorate_names(organisation)
    in_year = Q(organisation=organisation, kind=kind, financial_year=year.start)
    projected = sum_by_directorate(
        SavingsTarget.objects.filter(in_year)
        .values("directorate")
        .annotate(total=MoneySum("amount"))
    )
    achieved = sum_by_directorate(
        SavingsEntry.objects.filter(in_year, status=EntryStatus.ACHIEVED)
        .values("directorate")
        .annotate(total=MoneySum("amount"))
    )
    claimed = sum_by_directorate(
        SavingsEntry.objects.filter(in_year, status=EntryStatus.CLAIMED)
        .values("directorate")
        .annotate(total=MoneySum("amount"))
    )
    reasons: dict[int | None, list[str]] = defaultdict(list)
    for directorate, reason in (
        SavingsTarget.objects.filter(in_year)
        .exclude(variance_reason="")
        .values_list("directorate", "variance_reason")
    ):
        reasons[directorate].append(reason)
    adjusting = year_adjustments(organisation=organisation, year=year, kind=kind)
    adjustments: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for line in adjusting.lines:
        adjustments[line.directorate_id] += line.amount
        if line.standing:
            reasons[line.directorate_id].append(line.described)
    carries: dict[int | None, list[Carry]] = defaultdict(list)
    for carry in CarryForward.objects.filter(
        organisation=organisation,
        kind=kind,
        from_year__lte=year.start,
        to_year__gte=year.start,
        reversed_at__isnull=True,
    ).values("directorate", "amount", "from_year", "to_year", "reason"):
        carries[carry["directorate"]].append(
            Carry(carry["from_year"], carry["to_year"], carry["amount"])
        )
        if carry["to_year"] > year.start:
            reasons[carry["directorate"]].append(_carry_reason(carry, year))
    rows = []
    for pk, name in names.items():
        # before the defaults below
        held = pk in projected or pk in achieved or pk in claimed or pk in adjustments
        scope = ScopeYear.of(
            year=year.start,
            budgeted=projected[pk],
            achieved=achieved[pk],
            carries=carries[pk],
            adjustments=adjustments[pk],
        )
        if not (held or scope.carried_in):
            continue
        rows.append(
            DirectorateSavings(
                directorate=name,
                projected=scope.budgeted,
                carried_in=scope.carried_in,
                achieved=scope.achieved,
                underachieved=scope.underachieved,
                reasons=tuple(reasons[pk]),
                claimed=claimed[pk],
                left_to_carry=scope.left_to_carry,
                adjustments=scope.adjustments,
            )
        )
    return DirectorateSavingsTable(
        year=year,
        rows=tuple(rows),
        total_projected=sum((r.projected for r in rows), ZERO),
        total_achieved=sum((r.achieved for r in rows), ZERO),
        total_underachieved=sum((r.underachieved for r in rows), ZERO),
        total_claimed=sum((r.claimed for r in rows), ZERO),
        total_carried_in=sum((r.carried_in for r in rows), ZERO),
        total_adjustments=sum((r.adjustments for r in rows), ZERO),
        shows_adjustments=adjusting.shown,
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
    names = directorate_names(organisation)
    projected = sum_by_directorate(
        SavingsTarget.objects.filter(
            organisation=organisation, kind=kind, financial_year=year.start
        )
        .values("directorate")
        .annotate(total=MoneySum("amount"))
    )
    carries: dict[int | None, list[CarriedForward]] = defaultdict(list)
    for carry in CarryForward.objects.filter(
        organisation=organisation, kind=kind, to_year=year.start, reversed_at__isnull=True
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
    ).aggregate(total=MoneySum("amount"))["total"]
    budgets = SavingsTarget.objects.filter(
        organisation=organisation, kind=kind, financial_year__gt=as_at.start
    ).aggregate(total=MoneySum("amount"))["total"]
    carried = CarryForward.objects.filter(
        organisation=organisation,
        kind=kind,
        from_year__lte=as_at.start,
        to_year__gt=as_at.start,
        reversed_at__isnull=True,
    ).aggregate(total=MoneySum("amount"))["total"]
    return SavingsOutlook(
        as_at=as_at,
        delivered=delivered or ZERO,
        projected=(budgets or ZERO) + (carried or ZERO),
    )

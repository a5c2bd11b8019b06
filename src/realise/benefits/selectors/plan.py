"""The years a council's savings are in, for the rule that plan years may not leave any out."""

from __future__ import annotations

from django.db.models import Q

from realise.benefits.models import CarryForward, SavingsEntry, SavingsTarget
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import PlanYears
from realise.portfolio.models import Organisation


def savings_years_outside(
    *, organisation: Organisation, plan: PlanYears
) -> tuple[FinancialYear, ...]:
    """The years outside ``plan`` that hold any of the council's figures: a budget, or ledger
    entries of a kind and status that do not add up to £0, or a carry-forward (not reversed)
    from or to the year. A year whose entries were all reversed and whose budgets are £0 holds
    none, so a year recorded by mistake can be corrected and then left out of the plan. Three
    queries."""
    first, last = plan.first.start, plan.last.start
    years: set[int] = set()
    for model, groups in (
        (SavingsTarget, ("financial_year", "kind")),
        (SavingsEntry, ("financial_year", "kind", "status")),
    ):
        rows = (
            model.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
            .exclude(financial_year__range=(first, last))
            .values(*groups)
            .annotate(total=MoneySum("amount"))
        )
        years |= {row["financial_year"] for row in rows if row["total"]}
    outside = Q(from_year__lt=first) | Q(from_year__gt=last) | Q(to_year__lt=first)
    outside |= Q(to_year__gt=last)
    for from_year, to_year in CarryForward.objects.filter(
        outside, organisation=organisation, reversed_at__isnull=True
    ).values_list("from_year", "to_year"):
        years |= {y for y in (from_year, to_year) if not first <= y <= last}
    return tuple(FinancialYear(y) for y in sorted(years))

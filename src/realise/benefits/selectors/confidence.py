"""Savings by the projects' own delivery confidence: a year's budgeted and validated savings
totalled by each project's Red/Amber/Green rating, for the council and for each directorate.

Delivery confidence is what a project's lead or the TMO says of the project (Green to Red, on
the council's five- or three-point scale, ``portfolio.choices``), as last set. It is a different
measure from the savings RAG of the monitoring report, which Realise works out from the figures
(achieved or forecast against budget, ``SavingsRag``). Savings held outside projects (a
directorate's, the whole council's) have no delivery confidence and are totalled apart, so the
totals are the year's whole budget, as in Table 3 and the monitoring report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from realise.benefits.models import SavingKind, SavingsEntry, SavingsTarget
from realise.benefits.selectors.common import directorate_names
from realise.benefits.selectors.monitoring import VALIDATED_STATUSES
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.portfolio.choices import FIVE_POINT_RATINGS, RAG_RATINGS, ConfidenceRating
from realise.portfolio.models import Organisation, Project

NOT_RATED = "not_rated"
OUTSIDE = "outside"
LABELS = {
    **dict(ConfidenceRating.choices),
    NOT_RATED: "Not rated",
    OUTSIDE: "Not in a project",
}


@dataclass(frozen=True)
class ConfidenceLine:
    """One delivery-confidence rating: ``key`` is the rating (``green`` ... ``red``), ``not_rated``
    for projects without one, or ``outside`` for savings held outside projects."""

    key: str
    label: str
    projects: int
    budgeted: Decimal
    achieved: Decimal  # validated by finance


@dataclass(frozen=True)
class DirectorateConfidence:
    """One directorate's budgeted savings for the year, one figure for each rating of
    ``SavingsByConfidence.by_rating``, in the same order."""

    directorate: str
    budgeted: tuple[Decimal, ...]
    total: Decimal


@dataclass(frozen=True)
class SavingsByConfidence:
    year: FinancialYear
    as_at: date | None
    by_rating: tuple[ConfidenceLine, ...]
    by_directorate: tuple[DirectorateConfidence, ...]
    total_projects: int
    total_budgeted: Decimal
    total_achieved: Decimal


def _key(project: int | None, confidence: str | None) -> str:
    if project is None:
        return OUTSIDE
    return confidence or NOT_RATED


def _ratings(organisation: Organisation) -> tuple[str, ...]:
    """Green, Amber and Red always; Amber/Green and Amber/Red when one of the council's projects
    is rated so (on the five-point scale)."""
    used = set(
        Project.objects.filter(organisation=organisation)
        .exclude(confidence__in=RAG_RATINGS)
        .exclude(confidence="")
        .values_list("confidence", flat=True)
        .distinct()
    )
    return tuple(r for r in FIVE_POINT_RATINGS if r in RAG_RATINGS or r in used)


def savings_by_confidence(
    *,
    organisation: Organisation,
    year: FinancialYear,
    as_at: date | None = None,
    kind: str = SavingKind.CASHABLE,
) -> SavingsByConfidence:
    """``year``'s budgeted and validated savings (entries recorded on or before ``as_at``) by the
    delivery confidence of the project they belong to, and the budget by directorate and
    rating. Every rating of the council's scale is a line, even at £0; "Not rated" and "Not in
    a project" only when they hold savings. Four queries."""
    names = directorate_names(organisation)
    scope = Q(organisation=organisation, kind=kind, financial_year=year.start)
    budgeted: dict[tuple[int | None, str], Decimal] = defaultdict(lambda: ZERO)
    achieved: dict[str, Decimal] = defaultdict(lambda: ZERO)
    projects: dict[str, set[int]] = defaultdict(set)
    for row in (
        SavingsTarget.objects.filter(scope)
        .values("directorate", "project", "project__confidence")
        .annotate(total=MoneySum("amount"))
    ):
        key = _key(row["project"], row["project__confidence"])
        budgeted[(row["directorate"], key)] += row["total"]
        if row["project"] is not None:
            projects[key].add(row["project"])
    entries = SavingsEntry.objects.filter(scope, status__in=VALIDATED_STATUSES)
    if as_at is not None:
        entries = entries.filter(recorded_on__lte=as_at)
    for row in entries.values("project", "project__confidence").annotate(total=MoneySum("amount")):
        key = _key(row["project"], row["project__confidence"])
        achieved[key] += row["total"]
        if row["project"] is not None:
            projects[key].add(row["project"])
    by_key: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (_, key), amount in budgeted.items():
        by_key[key] += amount
    keys = _ratings(organisation) + tuple(
        k for k in (NOT_RATED, OUTSIDE) if by_key[k] or achieved[k] or projects[k]
    )
    lines = tuple(
        ConfidenceLine(
            key=k,
            label=LABELS[k],
            projects=len(projects[k]),
            budgeted=by_key[k],
            achieved=achieved[k],
        )
        for k in keys
    )
    held = {pk for pk, _ in budgeted}
    rows = []
    for pk, name in names.items():
        if pk in held:
            figures = tuple(budgeted.get((pk, k), ZERO) for k in keys)
            rows.append(DirectorateConfidence(name, figures, sum(figures, ZERO)))
    return SavingsByConfidence(
        year=year,
        as_at=as_at,
        by_rating=lines,
        by_directorate=tuple(rows),
        total_projects=sum(line.projects for line in lines),
        total_budgeted=sum((line.budgeted for line in lines), ZERO),
        total_achieved=sum((line.achieved for line in lines), ZERO),
    )

"""Claimed savings and finance's decisions on them: the claims still waiting for finance (the
finance claims queue, its filters, the dashboard's count) and what became of each claim
(validated or rejected, by whom, when, why), for the queue's messages and a project's page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Q

from realise.benefits.models import SavingKind, SavingsEntry
from realise.benefits.selectors.common import WHOLE_COUNCIL
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.portfolio.models import Organisation

# The claims the queue shows a page: a year end's few hundred in pages a finance officer can read.
QUEUE_PAGE_SIZE = 50
# The queue's filters, as the query string names them: each an id, or a year's start.
CLAIM_FILTERS = ("directorate", "project", "year", "claimed_by")
_FILTER_FIELDS = {
    "directorate": "directorate_id",
    "project": "project_id",
    "year": "financial_year",
    "claimed_by": "recorded_by_id",
}
_LINE_FIELDS = (
    "pk",
    "financial_year",
    "kind",
    "amount",
    "recorded_on",
    "recorded_at",
    "note",
    "project__code",
    "project__name",
    "directorate__name",
    "recorded_by__username",
)


@dataclass(frozen=True)
class ClaimLine:
    """One claim waiting for finance, as the queue shows it."""

    pk: int
    year: FinancialYear
    project_code: str
    project_name: str
    directorate: str
    kind: str
    amount: Decimal
    claimed_by: str
    claimed_at: datetime
    recorded_on: date
    note: str

    @property
    def scope(self) -> str:
        """What the claim is for: its project, else its directorate, else the whole council."""
        if self.project_code:
            return f"{self.project_code} {self.project_name}"
        return self.directorate


def _line(row: Mapping[str, Any], kinds: Mapping[str, str]) -> ClaimLine:
    return ClaimLine(
        pk=row["pk"],
        year=FinancialYear(row["financial_year"]),
        project_code=row["project__code"] or "",
        project_name=row["project__name"] or "",
        directorate=row["directorate__name"] or WHOLE_COUNCIL,
        kind=kinds.get(row["kind"], row["kind"]),
        amount=row["amount"],
        claimed_by=row["recorded_by__username"] or "Not recorded",
        claimed_at=row["recorded_at"],
        recorded_on=row["recorded_on"],
        note=row["note"],
    )


def _waiting(organisation: Organisation) -> Any:
    return SavingsEntry.objects.filter(organisation=organisation).claims_waiting()


def _filtered(organisation: Organisation, filters: Mapping[str, str] | None) -> Any:
    found = _waiting(organisation)
    for name, value in (filters or {}).items():
        if value and name in _FILTER_FIELDS:
            found = found.filter(**{_FILTER_FIELDS[name]: int(value)})
    return found


def claims_waiting(
    *, organisation: Organisation, filters: Mapping[str, str] | None = None
) -> tuple[ClaimLine, ...]:
    """The council's claims finance has still to validate or reject, oldest claim first, narrowed
    by ``filters`` (``CLAIM_FILTERS``: ids and a year's start; empty means any). One query."""
    kinds = dict(SavingKind.choices)
    rows = _filtered(organisation, filters).order_by("recorded_at", "pk").values(*_LINE_FIELDS)
    return tuple(_line(row, kinds) for row in rows)


@dataclass(frozen=True)
class ClaimsPage:
    """A page of the claims queue: its lines, the Django ``Page`` (for the pagination), and how
    many claims wait in all under the filters, with their total."""

    lines: tuple[ClaimLine, ...]
    page: Page[Any]
    count: int
    total: Decimal


def claims_waiting_page(
    *,
    organisation: Organisation,
    filters: Mapping[str, str] | None = None,
    page: object = None,
    per_page: int = QUEUE_PAGE_SIZE,
) -> ClaimsPage:
    """Page ``page`` of ``claims_waiting`` (a number past the end gives the last page; one that
    is not a number, the first), with the count and total of every claim the filters leave.
    Three queries however many claims wait."""
    found = _filtered(organisation, filters)
    summed = found.aggregate(count=Count("pk"), total=MoneySum("amount"))
    rows = found.order_by("recorded_at", "pk").values(*_LINE_FIELDS)
    paginator = Paginator(rows, per_page)
    paginator.count = summed["count"]  # known already: spares the paginator its own count
    shown = paginator.get_page(page)
    kinds = dict(SavingKind.choices)
    return ClaimsPage(
        lines=tuple(_line(row, kinds) for row in shown.object_list),
        page=shown,
        count=summed["count"],
        total=summed["total"] or ZERO,
    )


def claims_chosen(*, organisation: Organisation, ids: Iterable[int]) -> tuple[ClaimLine, ...]:
    """Those of the claims ``ids`` that are the council's and still waiting, oldest first: what a
    bulk validation would validate. One query."""
    kinds = dict(SavingKind.choices)
    rows = _waiting(organisation).filter(pk__in=list(ids)).order_by("recorded_at", "pk")
    return tuple(_line(row, kinds) for row in rows.values(*_LINE_FIELDS))


def claim_entries(*, organisation: Organisation, ids: Iterable[int]) -> list[SavingsEntry]:
    """The council's ledger entries ``ids`` (waiting or not), for the service that decides them;
    another council's are left out."""
    return list(SavingsEntry.objects.filter(organisation=organisation, pk__in=list(ids)))


@dataclass(frozen=True)
class ClaimsSummary:
    """How many claims wait for finance, their total and when the oldest was claimed."""

    count: int
    total: Decimal
    oldest: datetime | None


def claims_summary(*, organisation: Organisation) -> ClaimsSummary:
    """The dashboard's line for finance: one aggregate query."""
    found = _waiting(organisation).aggregate(
        count=Count("pk"), total=MoneySum("amount"), oldest=Min("recorded_at")
    )
    return ClaimsSummary(count=found["count"], total=found["total"] or ZERO, oldest=found["oldest"])


def claim_filter_choices(*, organisation: Organisation) -> dict[str, list[tuple[str, str]]]:
    """What the queue may be filtered by, taken from the claims waiting (so no choice finds
    nothing): directorates, projects, years and the people who claimed. One query."""
    rows = (
        _waiting(organisation)
        .values_list(
            "directorate_id",
            "directorate__name",
            "project_id",
            "project__code",
            "project__name",
            "financial_year",
            "recorded_by_id",
            "recorded_by__username",
        )
        .distinct()
    )
    seen: dict[str, dict[str, str]] = {name: {} for name in CLAIM_FILTERS}
    for d_id, d_name, p_id, code, name, year, u_id, username in rows:
        if d_id is not None:
            seen["directorate"][str(d_id)] = d_name
        if p_id is not None:
            seen["project"][str(p_id)] = f"{code} {name}"
        seen["year"][str(year)] = FinancialYear(year).label
        if u_id is not None:
            seen["claimed_by"][str(u_id)] = username
    return {
        name: sorted(choices.items(), key=lambda pair: pair[1].casefold())
        for name, choices in seen.items()
    }


# What became of a claim -------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimDecision:
    """Finance's decision on a claim, or its correction: ``outcome`` is validated, rejected, or
    corrected (closed by a correction, such as the claimant's own); ``reason`` is the note given
    with it."""

    claim: int
    outcome: str
    by: str
    at: datetime
    on: date
    reason: str


def decisions_of(rows: Iterable[Mapping[str, Any]]) -> dict[int, ClaimDecision]:
    """Each claim's decision, from ledger rows of plain values (``pk``, ``reverses_id``,
    ``validates_id``, ``rejects``, ``by``, ``recorded_at``, ``recorded_on``, ``note``): an
    achieved entry that validates a claim is its validation; an entry that closes a claim marked
    ``rejects`` is its rejection; one closing it otherwise, with no validation, corrected it.
    Rows that are neither leave their claim undecided (absent). No query."""
    rows = list(rows)
    validated = {r["validates_id"]: r for r in rows if r.get("validates_id")}
    decided: dict[int, ClaimDecision] = {
        claim: _decision(claim, "validated", row) for claim, row in validated.items()
    }
    for row in rows:
        claim = row.get("reverses_id")
        if claim is None or claim in validated:
            continue
        if row["rejects"] or row.get("closes_claim"):
            decided[claim] = _decision(claim, "rejected" if row["rejects"] else "corrected", row)
    return decided


def _decision(claim: int, outcome: str, row: Mapping[str, Any]) -> ClaimDecision:
    return ClaimDecision(
        claim=claim,
        outcome=outcome,
        by=row["by"] or "Not recorded",
        at=row["recorded_at"],
        on=row["recorded_on"],
        reason=row["note"],
    )


def claim_decisions(*, organisation: Organisation, ids: Iterable[int]) -> dict[int, ClaimDecision]:
    """What finance decided on each of the claims ``ids`` that has been decided. One query."""
    ids = list(ids)
    rows = SavingsEntry.objects.filter(
        Q(reverses_id__in=ids) | Q(validates_id__in=ids), organisation=organisation
    ).values(*_DECISION_FIELDS)
    return decisions_of(decision_row(r) for r in rows)


_DECISION_FIELDS = (
    "pk",
    "reverses_id",
    "validates_id",
    "rejects",
    "recorded_by__username",
    "recorded_at",
    "recorded_on",
    "note",
    "reverses__status",
)


def decision_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A ledger row read with ``recorded_by__username`` and ``reverses__status``, with the two
    values ``decisions_of`` needs: who (``by``) and whether it closes a claim."""
    return {
        **row,
        "by": row["recorded_by__username"],
        "closes_claim": row["reverses__status"] == "claimed",
    }

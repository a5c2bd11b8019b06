"""The ledger of one project or one saving: a project's targets against its entries, the history
of an entry (recorded, claimed, validated, rejected, reversed), and the cashable savings of a set
of projects (what a fund's awards returned)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q

from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry, SavingsTarget
from realise.benefits.selectors.common import percent
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.portfolio.models import Organisation, Project


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
        .annotate(total=MoneySum("amount"))
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


@dataclass(frozen=True)
class ProjectSavingsTotal:
    """One project's cashable savings over every year: validated as achieved, and budgeted."""

    delivered: Decimal = ZERO
    planned: Decimal = ZERO


def project_savings_totals(
    *, organisation: Organisation, project_ids: set[int]
) -> dict[int, ProjectSavingsTotal]:
    """Each project's cashable savings achieved (validated by finance) and budgeted, every year
    together; a project with neither is left out. Two queries."""
    if not project_ids:
        return {}
    delivered = dict(
        SavingsEntry.objects.filter(
            organisation=organisation,
            project_id__in=project_ids,
            kind=SavingKind.CASHABLE,
            status=EntryStatus.ACHIEVED,
        )
        .values_list("project_id")
        .annotate(total=MoneySum("amount"))
        .order_by()
    )
    planned = dict(
        SavingsTarget.objects.filter(
            organisation=organisation, project_id__in=project_ids, kind=SavingKind.CASHABLE
        )
        .values_list("project_id")
        .annotate(total=MoneySum("amount"))
        .order_by()
    )
    return {
        pk: ProjectSavingsTotal(
            delivered=delivered.get(pk) or ZERO, planned=planned.get(pk) or ZERO
        )
        for pk in sorted(set(delivered) | set(planned))
    }

"""The ledger of one project or one saving: a project's targets against its entries, the history
of an entry (recorded, claimed, validated, rejected, reversed), the cashable savings of a set
of projects (what a fund's awards returned) and the validated savings of a business case's
projects (its benefits realisation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q

from realise.benefits.models import EntryStatus, SavingKind, SavingsEntry, SavingsTarget
from realise.benefits.selectors.claims import (
    ClaimDecision,
    decision_row,
    decisions_of,
)
from realise.benefits.selectors.common import percent
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.finance.realisation import Validated
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
    """One ledger entry of a project. ``what`` says what the entry is in words (a claim, finance's
    validation or rejection of one, a correction); a claim carries finance's ``decision`` on it,
    None while it waits for finance."""

    pk: int
    year: FinancialYear
    status: str
    kind: str
    amount: Decimal
    recorded_on: date
    note: str
    reverses: int | None
    reversed: bool
    what: str = ""
    by: str = ""
    claim: bool = False
    decision: ClaimDecision | None = None

    def correctable(self, *, may_record: bool, may_validate: bool) -> bool:
        """Whether someone may correct this entry: once only (not a correction itself, nor one
        already corrected), by someone who may record the project's savings, and a validated
        (achieved) entry by finance alone. ``saving_correct`` holds to the same rule."""
        if not may_record or self.reverses or self.reversed:
            return False
        return may_validate or self.status != EntryStatus.ACHIEVED.label


def project_savings(*, project: Project) -> tuple[tuple[ProjectYear, ...], tuple[LedgerLine, ...]]:
    """Targets against achieved and forecast by year (all kinds), and the project's ledger lines.
    Two queries."""
    targets = dict(
        SavingsTarget.objects.filter(organisation_id=project.organisation_id, project=project)
        .values_list("financial_year")
        .annotate(total=MoneySum("amount"))
    )
    entries = [
        decision_row(e)
        for e in SavingsEntry.objects.filter(
            organisation_id=project.organisation_id, project=project
        )
        .order_by("financial_year", "recorded_on", "id")
        .values(*_LINE_FIELDS)
    ]
    reversed_ids = {e["reverses_id"] for e in entries if e["reverses_id"]}
    decisions = decisions_of(entries)
    achieved: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claimed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    forecast: dict[int, Decimal] = defaultdict(lambda: ZERO)
    buckets = {
        EntryStatus.ACHIEVED: achieved,
        EntryStatus.CLAIMED: claimed,
        EntryStatus.FORECAST: forecast,
    }
    for entry in entries:
        bucket = buckets.get(entry["status"])  # pressures and mitigations are no savings
        if bucket is not None:
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
            what=_what(e, statuses[e["status"]], kinds[e["kind"]].lower(), decisions),
            by=e["by"] or "",
            claim=_is_claim(e),
            decision=decisions.get(e["pk"]),
        )
        for e in entries
    )
    return years, lines


_LINE_FIELDS = (
    "pk",
    "financial_year",
    "status",
    "kind",
    "amount",
    "recorded_on",
    "recorded_at",
    "note",
    "reverses_id",
    "reverses__status",
    "validates_id",
    "rejects",
    "recorded_by__username",
)


def _is_claim(entry: dict[str, object]) -> bool:
    return entry["status"] == EntryStatus.CLAIMED and entry["reverses_id"] is None


def _what(
    entry: dict[str, Any], status: str, kind: str, decisions: dict[int, ClaimDecision]
) -> str:
    """A project's ledger entry in words, for its page."""
    if entry["validates_id"]:
        return f"{status} ({kind}): finance validated the claim"
    if entry["rejects"]:
        return f"Claim closed ({kind}): finance rejected it"
    closed = decisions.get(entry["reverses_id"]) if entry["closes_claim"] else None
    if closed is not None and closed.outcome == "validated":
        return f"Claim closed ({kind}): finance validated it"
    return f"{status} ({kind}){': correction' if entry['reverses_id'] else ''}"


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
    if entry.rejects:
        return "rejected"
    return "closed" if hasattr(root, "validation") else "reversed"


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


def project_ledger_events(*, project: Project) -> tuple[LedgerEvent, ...]:
    """Every step in the life of a project's savings, newest first: each saving recorded or
    claimed, each claim finance validated or rejected, each correction; who did it and when.
    For the project's history page. One query."""
    rows = list(
        SavingsEntry.objects.filter(organisation_id=project.organisation_id, project=project)
        .order_by("-recorded_at", "-pk")
        .values(*_LINE_FIELDS)
    )
    validated = {r["validates_id"] for r in rows if r["validates_id"]}
    return tuple(
        LedgerEvent(
            entry_id=r["pk"],
            action=_row_action(r, validated),
            status=r["status"],
            amount=r["amount"],
            recorded_on=r["recorded_on"],
            recorded_at=r["recorded_at"],
            by=r["recorded_by__username"] or "",
            note=r["note"],
        )
        for r in rows
    )


def _row_action(row: dict[str, Any], validated: set[int]) -> str:
    """``_event_action`` for a row of plain values, with the ids of the claims validated."""
    if row["validates_id"]:
        return "validated"
    if row["rejects"]:
        return "rejected"
    if row["reverses_id"]:
        return "closed" if row["reverses_id"] in validated else "reversed"
    return "claimed" if row["status"] == EntryStatus.CLAIMED else "recorded"


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


def validated_savings(
    *, organisation: Organisation, project_ids: Iterable[int]
) -> tuple[Validated, ...]:
    """The savings finance has validated for these projects (achieved entries, corrections netted
    off), summed by year, type, directorate and the day recorded: what a business case's benefits
    realisation counts as actual (``realise.finance.realisation``). Tactical savings are outside
    the programme and left out. One query."""
    ids = set(project_ids)
    if not ids:
        return ()
    rows = (
        SavingsEntry.objects.filter(
            organisation=organisation, project_id__in=ids, status=EntryStatus.ACHIEVED
        )
        .exclude(kind=SavingKind.TACTICAL)
        .values_list("financial_year", "kind", "directorate__name", "recorded_on")
        .annotate(total=MoneySum("amount"))
        .order_by("financial_year", "recorded_on", "kind", "directorate__name")
    )
    return tuple(
        Validated(FinancialYear(year), kind, directorate or "", total, recorded_on)
        for year, kind, directorate, recorded_on, total in rows
        if total
    )

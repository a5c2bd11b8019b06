"""In-year pressures and mitigations: column C of a council's savings monitoring (ADR 0029).

A pressure or a mitigation is a ledger entry of its own status, recorded over £0 with its reason;
it counts with its sign (``ADJUSTMENT_SIGNS``: a pressure negative), so the shortfall carried or
still to be met is D = A - B - C (``finance.savings.shortfall``). The tables show C and D only
for a council that records any pressure or mitigation, so a council that records none (Dorset)
keeps its tables exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from realise.benefits.models import ADJUSTMENT_SIGNS, EntryStatus, SavingKind, SavingsEntry
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.portfolio.models import Organisation


@dataclass(frozen=True)
class Adjustment:
    """One pressure or mitigation entry of a year (or the correction of one)."""

    directorate_id: int | None
    project_id: int | None
    status: str
    amount: Decimal  # signed: a pressure negative, a mitigation positive
    reason: str
    recorded_on: date
    standing: bool  # neither a correction nor corrected: it and its reason still count

    @property
    def label(self) -> str:
        return "Pressure" if self.status == EntryStatus.PRESSURE else "Mitigation"

    @property
    def described(self) -> str:
        """The entry as a reason for under-delivery: "Pressure −£20,000: more placements"."""
        return f"{self.label} {format_money(self.amount)}: {self.reason}"


@dataclass(frozen=True)
class Adjustments:
    """A year's pressures and mitigations, and whether the council records any at all."""

    shown: bool  # any pressure or mitigation of this kind, in any year: the tables show C and D
    lines: tuple[Adjustment, ...]  # the year's entries, corrections included, so they sum to C


def year_adjustments(
    *,
    organisation: Organisation,
    year: FinancialYear,
    kind: str = SavingKind.CASHABLE,
    as_at: date | None = None,
) -> Adjustments:
    """The pressures and mitigations of ``year`` (recorded on or before ``as_at``), signed, with
    whether the council has recorded any in any year. One query."""
    rows = SavingsEntry.objects.filter(
        organisation=organisation, kind=kind, status__in=tuple(ADJUSTMENT_SIGNS)
    ).values(
        "financial_year",
        "directorate",
        "project",
        "status",
        "amount",
        "note",
        "recorded_on",
        "reverses",
        "reversed_by__recorded_on",
    )
    lines = []
    shown = False
    for row in rows.order_by("recorded_on", "id"):
        shown = True
        if row["financial_year"] != year.start or (as_at and row["recorded_on"] > as_at):
            continue
        corrected = row["reversed_by__recorded_on"]
        if corrected is not None and as_at is not None and corrected > as_at:
            corrected = None  # corrected only after the date the figures are as at
        lines.append(
            Adjustment(
                directorate_id=row["directorate"],
                project_id=row["project"],
                status=row["status"],
                amount=ADJUSTMENT_SIGNS[row["status"]] * row["amount"],
                reason=row["note"],
                recorded_on=row["recorded_on"],
                standing=row["reverses"] is None and corrected is None,
            )
        )
    return Adjustments(shown=shown, lines=tuple(lines))

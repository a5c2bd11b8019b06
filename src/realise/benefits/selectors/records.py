"""One savings entry, carry-forward or measure of a council, and the council's carry-forwards,
for the pages that act on them (ADR 0021)."""

from __future__ import annotations

from typing import Any

from realise.benefits.models import CarryForward, Measure, SavingsEntry
from realise.portfolio.models import Organisation


def savings_entry(*, organisation: Organisation, pk: object) -> SavingsEntry | None:
    """The council's ledger entry ``pk`` with its project, or None (also another council's)."""
    found = SavingsEntry.objects.select_related("project")
    return found.filter(organisation=organisation, pk=pk).first()


def measure_in(*, organisation: Organisation, pk: object) -> Measure | None:
    """The council's measure ``pk`` with its project, or None (also another council's)."""
    return (
        Measure.objects.select_related("project").filter(organisation=organisation, pk=pk).first()
    )


def carry_forwards(*, organisation: Organisation) -> Any:
    """The council's carry-forwards, reversed ones too, by the year they come from (a QuerySet)."""
    return (
        CarryForward.objects.filter(organisation=organisation)
        .select_related("directorate", "project", "reversed_by")
        .order_by("from_year", "to_year", "pk")
    )


def carry_forward_in(*, organisation: Organisation, pk: object) -> CarryForward | None:
    """The council's carry-forward ``pk`` with its scope, or None (also another council's)."""
    return carry_forwards(organisation=organisation).filter(pk=pk).first()

"""One savings entry or measure of a council, for the pages that act on it (ADR 0021)."""

from __future__ import annotations

from realise.benefits.models import Measure, SavingsEntry
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

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.benefits.models import (
    CarryForward,
    Measure,
    MeasureReading,
    SavingsEntry,
    SavingsRag,
    SavingsTarget,
)
from realise.core.admin import ChangeOnlyHereAdmin, ReadOnlyAdmin, RelatedInList


@admin.register(SavingsTarget)
class SavingsTargetAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Budgeted savings are set by imports and cases' approvals and edited (amount, variance
    reason) on the Savings pages (``benefits.services.targets``), never here."""

    list_display = ["financial_year", "organisation", "directorate", "project", "kind", "amount"]
    list_filter = ["organisation", "financial_year", "kind", "directorate"]


@admin.register(SavingsEntry)
class SavingsEntryAdmin(RelatedInList, ReadOnlyAdmin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The ledger is append-only: readable here, written only through the services (a correction
    is a reversing entry)."""

    list_display = [
        "financial_year",
        "organisation",
        "directorate",
        "project",
        "kind",
        "status",
        "amount",
        "reverses",
    ]
    list_filter = ["organisation", "financial_year", "kind", "status"]


@admin.register(CarryForward)
class CarryForwardAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Carry-forwards are recorded through ``savings_carry_forward`` (the web, the API), which
    holds each to the shortfall it carries, and reversed through ``carry_forward_reverse``."""

    list_display = ["organisation", "from_year", "to_year", "directorate", "project", "amount"]
    list_filter = ["organisation"]


class ReadingInline(ReadOnlyAdmin, admin.TabularInline):  # type: ignore[type-arg]
    model = MeasureReading
    extra = 0


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Measures are created and edited on the web, the API and imports (``services.measures``)."""

    inlines = [ReadingInline]
    list_display = ["name", "organisation", "unit", "baseline", "target", "project"]
    list_filter = ["organisation"]


@admin.register(MeasureReading)
class MeasureReadingAdmin(ChangeOnlyHereAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    """Readings are recorded through ``measure_record_reading`` (the API, imports); correcting a
    reading's date, value or note can be done only here for now (no service edits a reading)."""

    changeable_here = ("taken_on", "value", "note")
    list_display = ["measure", "taken_on", "value"]
    list_filter = ["organisation"]


@admin.register(SavingsRag)
class SavingsRagAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Each council's Red/Amber/Green thresholds for savings monitoring, set through the API and
    ``realise setup savings-rag`` (``savings_rag_set``)."""

    list_display = ["organisation", "green_from", "amber_from"]

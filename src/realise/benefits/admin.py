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
from realise.core.admin import ReadOnlyAdmin, RelatedInList


@admin.register(SavingsTarget)
class SavingsTargetAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
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
class CarryForwardAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["organisation", "from_year", "to_year", "directorate", "project", "amount"]
    list_filter = ["organisation"]


class ReadingInline(admin.TabularInline):  # type: ignore[type-arg]
    model = MeasureReading
    extra = 0


@admin.register(Measure)
class MeasureAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    inlines = [ReadingInline]
    list_display = ["name", "organisation", "unit", "baseline", "target", "project"]
    list_filter = ["organisation"]


@admin.register(MeasureReading)
class MeasureReadingAdmin(RelatedInList, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["measure", "taken_on", "value"]
    list_filter = ["organisation"]


@admin.register(SavingsRag)
class SavingsRagAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Each council's Red/Amber/Green thresholds for savings monitoring."""

    list_display = ["organisation", "green_from", "amber_from"]

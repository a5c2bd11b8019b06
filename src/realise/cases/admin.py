from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.cases.models import (
    Case,
    CaseBudget,
    CaseDraft,
    CaseReforecast,
    CaseTarget,
    CaseVersion,
)
from realise.core.admin import ReadOnlyAdmin, RelatedInList


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Cases are written by their services only (``realise.cases.services``)."""

    list_display = ["title", "organisation", "programme", "project", "superseded_on"]
    list_filter = ["organisation"]
    search_fields = ["title"]


@admin.register(CaseVersion)
class CaseVersionAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """A version never changes once saved; its status moves only through the services."""

    list_display = ["case", "number", "organisation", "status", "created_by", "created_at"]
    list_filter = ["organisation", "status"]


@admin.register(CaseDraft)
class CaseDraftAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """A person's case being written in the web editor: written by its services only."""

    list_display = ["title", "organisation", "case", "created_by", "updated_at"]


@admin.register(CaseReforecast)
class CaseReforecastAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Re-forecasts are recorded through ``services.case_reforecast`` only."""

    list_display = ["version", "line_name", "financial_year", "amount", "recorded_by"]
    list_filter = ["organisation"]


@admin.register(CaseTarget)
class CaseTargetAdmin(ReadOnlyAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[misc]
    """Written once by an approval (``services.case_approve``)."""

    list_display = ["case", "option", "line_name", "financial_year", "kind", "amount"]
    list_filter = ["organisation", "kind"]


@admin.register(CaseBudget)
class CaseBudgetAdmin(ReadOnlyAdmin, RelatedInList, admin.ModelAdmin):  # type: ignore[misc]
    """Written once by an approval (``services.case_approve``)."""

    list_display = ["case", "option", "kind", "line_name", "financial_year", "amount"]
    list_filter = ["organisation", "kind"]

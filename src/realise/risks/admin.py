from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import ChangeOnlyHereAdmin, ReadOnlyAdmin, RelatedInList
from realise.risks.models import Risk, RiskBand, RiskMitigation, RiskSettings


@admin.register(RiskBand)
class RiskBandAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Risk bands are set in Settings, the API and ``realise setup`` (``risks.services``)."""

    list_display = ["name", "organisation", "min_score", "action"]
    list_filter = ["organisation"]


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Risks are raised, edited, rescored, escalated, closed and reopened through the services
    only (the Risks pages, the API, imports)."""

    list_display = ["title", "organisation", "likelihood", "impact", "status", "escalated"]
    list_filter = ["organisation", "status", "escalated"]
    search_fields = ["title"]


@admin.register(RiskMitigation)
class RiskMitigationAdmin(ChangeOnlyHereAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Mitigations are added and marked done through the services; correcting a mitigation's
    action, owner or due date can be done only here for now (no service edits a mitigation)."""

    changeable_here = ("action", "owner", "due_on")
    list_display = ["action", "risk", "organisation", "due_on", "done_on"]
    list_filter = ["organisation"]
    search_fields = ["action"]


@admin.register(RiskSettings)
class RiskSettingsAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """The heat map's rows are set in Settings and the API (``risks.services``)."""

    list_display = ["organisation", "heat_map_rows"]

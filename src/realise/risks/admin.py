from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import RelatedInList
from realise.risks.models import Risk, RiskBand, RiskMitigation, RiskSettings


@admin.register(RiskBand)
class RiskBandAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name", "organisation", "min_score", "action"]
    list_filter = ["organisation"]


@admin.register(Risk)
class RiskAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "organisation", "likelihood", "impact", "status", "escalated"]
    list_filter = ["organisation", "status", "escalated"]
    search_fields = ["title"]


@admin.register(RiskMitigation)
class RiskMitigationAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["action", "risk", "organisation", "due_on", "done_on"]
    list_filter = ["organisation"]
    search_fields = ["action"]


@admin.register(RiskSettings)
class RiskSettingsAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["organisation", "heat_map_rows"]

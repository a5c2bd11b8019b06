from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import RelatedInList
from realise.reconciliation.models import PublishedFigure, PublishedPaper


@admin.register(PublishedPaper)
class PublishedPaperAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "organisation", "committee", "published_on"]
    list_filter = ["organisation"]


@admin.register(PublishedFigure)
class PublishedFigureAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["paper", "table", "financial_year", "row", "column", "value", "unit"]
    list_filter = ["organisation", "table"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import ReadOnlyAdmin, RelatedInList
from realise.reconciliation.models import PublishedFigure, PublishedPaper


@admin.register(PublishedPaper)
class PublishedPaperAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Papers are added, edited and deleted on the Reconciliation pages, the API and
    ``realise reconcile`` (``realise.reconciliation.services``), never here."""

    list_display = ["title", "organisation", "committee", "published_on"]
    list_filter = ["organisation"]


@admin.register(PublishedFigure)
class PublishedFigureAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """A paper's figures are set and removed through the services only."""

    list_display = ["paper", "table", "financial_year", "row", "column", "value", "unit"]
    list_filter = ["organisation", "table"]

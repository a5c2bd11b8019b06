from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import ReadOnlyAdmin, RelatedInList
from realise.funding.models import Bid, Fund, Grant


@admin.register(Fund)
class FundAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Funds are set up, edited (name, kind, pot, who decides), closed and reopened on the
    Funding pages, the API and imports (``realise.funding.services``), never here."""

    list_display = ["name", "organisation", "kind", "pot"]
    list_filter = ["organisation", "kind"]


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Bids are submitted, edited, decided and drawn down through the services only."""

    list_display = ["title", "fund", "amount", "status", "decided_on"]
    list_filter = ["organisation", "fund", "status"]


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin, RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    """Grants are recorded and edited through the services only."""

    list_display = ["funder", "scheme", "amount", "awarded_on", "project"]
    list_filter = ["organisation"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from realise.core.admin import RelatedInList
from realise.funding.models import Bid, Fund, Grant


@admin.register(Fund)
class FundAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name", "organisation", "kind", "pot"]
    list_filter = ["organisation", "kind"]


@admin.register(Bid)
class BidAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "fund", "amount", "status", "decided_on"]
    list_filter = ["organisation", "fund", "status"]


@admin.register(Grant)
class GrantAdmin(RelatedInList, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["funder", "scheme", "amount", "awarded_on", "project"]
    list_filter = ["organisation"]

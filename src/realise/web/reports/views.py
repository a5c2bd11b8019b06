"""The reports room: one page that gathers what a council takes out of Realise, and brings in:
committee reports (annual, savings monitoring, risk, benefits realisation), exports, imports,
the change log and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from realise.accounts.access import Action, can
from realise.benefits.selectors import savings_by_year
from realise.finance.calendar import FinancialYear
from realise.reports.formats import LIST_FORMATS, REPORT_FORMATS, in_words
from realise.web.figures import shown_year
from realise.web.pages import org_view, page

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def _downloads(
    name: str, organisation: Organisation, year: FinancialYear | None = None
) -> list[dict[str, str]]:
    """A link per format to report ``name`` (of ``year``, for a report of a year)."""
    args = [organisation.slug]
    if year is not None:
        args.append(year.label.replace("/", "-"))
    return [
        {"text": fmt.label, "href": reverse(f"reports:{name}", args=[*args, fmt.value])}
        for fmt in REPORT_FORMATS
    ]


@org_view(Action.VIEW)
def reports_and_data(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    by_year = savings_by_year(organisation=organisation)
    year = shown_year(request, by_year)
    held = any(y.year == year and y.held for y in by_year.years)
    user = request.user
    return page(
        request,
        organisation,
        "web/reports/reports.html",
        year=year,
        years=[y.year for y in by_year.years],  # the plan years
        # The annual report is of savings: a year that holds none has none (the risk report
        # needs no savings).
        annual=_downloads("annual", organisation, year) if held else [],
        risk=_downloads("risk", organisation),
        realisation=_downloads("realisation", organisation),
        monitoring=_downloads("monitoring", organisation, year),
        list_formats=in_words(f.label for f in LIST_FORMATS),
        may_import=can(user, organisation, Action.MANAGE_SETTINGS),
        may_see_changes=can(user, organisation, Action.VIEW_CHANGE_LOG),
    )

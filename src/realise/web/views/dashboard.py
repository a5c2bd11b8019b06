"""Sign-in, the organisation picker and the dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from realise.accounts.permissions import organisations, roles
from realise.benefits.selectors import SavingsByYear, savings_by_directorate, savings_by_year
from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import due_soon, project_counts
from realise.portfolio.versions import data_version
from realise.reports.charts import Series, bar_chart
from realise.reports.savings_table import PAGE, savings_by_year_table
from realise.risks.selectors import risk_heat_map
from realise.web.access import org_view
from realise.web.views.common import asked_year, chosen_year, page, today

MILLION = Decimal(1_000_000)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the dashboard for a user of one council; a list for several."""
    mine = organisations(request.user)
    if len(mine) == 1:
        return redirect("web:dashboard", mine[0].slug)
    return render(request, "web/home.html", {"organisations": mine})


def health(request: HttpRequest) -> HttpResponse:
    """A trivial page for load balancers and for the benchmark's baseline: no database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm (so a link cannot sign anyone out); POST signs out."""
    if request.method == "POST":
        logout(request)
        return redirect("web:sign_in")
    return render(request, "web/sign_out.html")


def reporting_year(savings: SavingsByYear, on: date | None = None) -> FinancialYear:
    """The latest year with achieved savings, else the year we are in."""
    with_actuals = [y.year for y in savings.years if y.has_actuals]
    return with_actuals[-1] if with_actuals else FinancialYear.containing(on or today())


def savings_chart(savings: SavingsByYear) -> str:
    years = savings.years
    return bar_chart(
        chart_id="savings-by-year",
        title="Savings budgeted and achieved by financial year",
        description="Bars in pounds million for each year: budgeted (solid) and achieved "
        "(hatched). The table below gives the figures.",
        categories=[y.year.label for y in years],
        series=[
            Series("Budgeted", [y.budgeted / MILLION for y in years]),
            Series("Achieved", [y.achieved / MILLION for y in years]),
        ],
    )


# How long a rendered dashboard stays in a process's cache. The key changes with every committed
# change to the organisation's data; this only bounds a bump lost to a crash just after a commit
# (ADR 0011).
DASHBOARD_CACHE_SECONDS = 5 * 60
# Decisions and milestones due within this many days of today are listed on the dashboard.
DUE_DAYS = 90


@org_view()
def dashboard(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The figures are rendered once per (organisation, data version, year asked for, day) and
    then served from the cache. The whole page is cached too, per the viewer's roles (they decide
    the navigation and links), except when a message is waiting to be shown."""
    token = data_version(organisation)  # before any figure is read
    on = today()
    asked = asked_year(request)
    year = asked.start if asked else "latest"
    key = f"realise:dashboard:{organisation.pk}:{token}:{on.isoformat()}:{year}"
    # What the page shows the viewer (the Settings link, buttons) follows ``may``, which without a
    # project depends on the viewer's roles alone: the whole page is cached per set of roles.
    page_key = f"{key}:page:{'+'.join(sorted(roles(request.user, organisation)))}"
    waiting = len(messages.get_messages(request))  # counting does not mark them shown
    if not waiting and (html := cache.get(page_key)) is not None:
        return HttpResponse(html)
    content = cache.get(key)
    if content is None:
        content = mark_safe(
            get_template("web/dashboard_content.html").render(
                dashboard_context(request, organisation, on)
            )
        )
        cache.set(key, content, DASHBOARD_CACHE_SECONDS)
    response = page(request, organisation, "web/dashboard.html", content=content)
    if not waiting:
        cache.set(page_key, response.content, DASHBOARD_CACHE_SECONDS)
    return response


def dashboard_context(
    request: HttpRequest, organisation: Organisation, on: date
) -> dict[str, object]:
    """Everything the figures show. Only the organisation's data, the year asked for and the
    date may go in: the result is shared by every viewer."""
    savings = savings_by_year(organisation=organisation)
    year = chosen_year(request, reporting_year(savings, on))
    return {
        "organisation": organisation,
        "savings_table": savings_by_year_table(savings, PAGE),
        "chart": mark_safe(savings_chart(savings)),
        "year": year,
        "directorates": savings_by_directorate(organisation=organisation, year=year),
        "counts": project_counts(organisation=organisation),
        "heat": heat_rows(organisation),
        "due": due_soon(organisation=organisation, start=on, days=DUE_DAYS),
        "due_from": on,
        "due_to": on + timedelta(days=DUE_DAYS),
        "due_days": DUE_DAYS,
    }


def heat_rows(organisation: Organisation) -> dict[str, object] | None:
    """The heat map as rows of cells, impact 5 at the top; None when no bands are set."""
    from realise.risks.models import RiskBand

    try:
        heat = risk_heat_map(organisation=organisation)
    except RiskBand.DoesNotExist:
        return None
    rows = [heat.cells[i : i + 5] for i in range(0, 25, 5)]
    return {"map": heat, "rows": rows}

"""Sign-in, the organisation picker and the dashboard."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from realise.accounts.permissions import organisations
from realise.benefits.selectors import SavingsByYear, savings_by_directorate, savings_by_year
from realise.finance.calendar import FinancialYear
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import due_soon, project_counts
from realise.reports.charts import Series, bar_chart
from realise.risks.selectors import risk_heat_map
from realise.web.access import org_view
from realise.web.views.common import chosen_year, page, today

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


def reporting_year(savings: SavingsByYear) -> FinancialYear:
    """The latest year with achieved savings, else the year we are in."""
    with_actuals = [y.year for y in savings.years if y.has_actuals]
    return with_actuals[-1] if with_actuals else FinancialYear.containing(today())


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


@org_view()
def dashboard(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    savings = savings_by_year(organisation=organisation)
    year = chosen_year(request, reporting_year(savings))
    return page(
        request,
        organisation,
        "web/dashboard.html",
        savings=savings,
        chart=mark_safe(savings_chart(savings)),
        year=year,
        directorates=savings_by_directorate(organisation=organisation, year=year),
        counts=project_counts(organisation=organisation),
        heat=heat_rows(organisation),
        due=due_soon(organisation=organisation, start=today()),
        due_from=today(),
    )


def heat_rows(organisation: Organisation) -> dict[str, object] | None:
    """The heat map as rows of cells, impact 5 at the top; None when no bands are set."""
    from realise.risks.models import RiskBand

    try:
        heat = risk_heat_map(organisation=organisation)
    except RiskBand.DoesNotExist:
        return None
    rows = [heat.cells[i : i + 5] for i in range(0, 25, 5)]
    return {"map": heat, "rows": rows}

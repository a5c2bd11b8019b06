"""The core room: the organisation picker, signing out, the health check, the dashboard and the
page for a form whose CSRF check failed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from realise.accounts.access import Action, can, organisations, roles
from realise.benefits.selectors import (
    SavingsByYear,
    claims_summary,
    savings_by_confidence,
    savings_by_directorate,
    savings_by_year,
)
from realise.portfolio.selectors import due_soon, project_counts
from realise.portfolio.versions import data_version
from realise.reports.charts import Series, bar_chart
from realise.reports.confidence_tables import PAGE as CONFIDENCE_PAGE
from realise.reports.confidence_tables import (
    confidence_by_directorate_table,
    savings_by_confidence_table,
)
from realise.reports.directorate_tables import DASHBOARD, savings_by_directorate_table
from realise.reports.savings_table import PAGE, savings_by_year_table
from realise.web.figures import heat_rows, shown_year
from realise.web.pages import asked_year, org_view, page, today

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

MILLION = Decimal(1_000_000)

# A form whose CSRF check fails: it happens to people, not only to attackers (a page left open
# while they signed out and in again in another tab carries a token that no longer matches).
CSRF_MESSAGE = (
    "Your form could not be sent. This can happen when the page was open for a long time or you "
    "signed out in another tab. Go back, reload the page and try again."
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the dashboard for a user of one council; a list for several."""
    mine = organisations(request.user)
    if len(mine) == 1:
        return redirect("web:dashboard", mine[0].slug)
    return render(request, "web/core/home.html", {"organisations": mine})


def health(request: HttpRequest) -> HttpResponse:
    """A trivial page for load balancers and for the benchmark's baseline: no database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm (so a link cannot sign anyone out); POST signs out."""
    if request.method == "POST":
        logout(request)
        return redirect("web:sign_in")
    return render(request, "web/core/sign_out.html")


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
    the navigation and links, and whether the claims waiting for finance are shown), except when
    a message is waiting to be shown."""
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
            get_template("web/core/dashboard_content.html").render(
                dashboard_context(request, organisation, on)
            )
        )
        cache.set(key, content, DASHBOARD_CACHE_SECONDS)
    response = page(
        request,
        organisation,
        "web/core/dashboard.html",
        content=content,
        # Claims waiting, for those who see the claims queue: the data version keys the page's
        # cache, so the count is never older than the figures.
        claims=(
            claims_summary(organisation=organisation)
            if can(request.user, organisation, Action.REVIEW_CLAIMS)
            else None
        ),
    )
    if not waiting:
        cache.set(page_key, response.content, DASHBOARD_CACHE_SECONDS)
    return response


def dashboard_context(
    request: HttpRequest, organisation: Organisation, on: date
) -> dict[str, object]:
    """Everything the figures show. Only the organisation's data, the year asked for and the
    date may go in: the result is shared by every viewer."""
    savings = savings_by_year(organisation=organisation)
    year = shown_year(request, savings, on)
    confidence = savings_by_confidence(organisation=organisation, year=year)
    return {
        "organisation": organisation,
        "savings_table": savings_by_year_table(savings, PAGE),
        "chart": mark_safe(savings_chart(savings)),
        "year": year,
        "directorates": savings_by_directorate_table(
            savings_by_directorate(organisation=organisation, year=year), DASHBOARD
        ),
        "confidence": savings_by_confidence_table(confidence, CONFIDENCE_PAGE),
        "confidence_directorates": confidence_by_directorate_table(confidence, CONFIDENCE_PAGE),
        "counts": project_counts(organisation=organisation),
        "heat": heat_rows(organisation),
        "due": due_soon(organisation=organisation, start=on, days=DUE_DAYS),
        "due_from": on,
        "due_to": on + timedelta(days=DUE_DAYS),
        "due_days": DUE_DAYS,
    }


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Realise's page for a failed CSRF check (``CSRF_FAILURE_VIEW``), instead of Django's
    unbranded one: 403 with the page in plain words; under /api/, the API's JSON error with the
    same words. Django's ``reason`` is for developers and is not shown."""
    if request.path.startswith("/api/"):
        from realise.config.problems import problem_response

        return problem_response(request, 403, CSRF_MESSAGE, kind="csrf")
    return render(request, "web/core/csrf_failure.html", status=403)

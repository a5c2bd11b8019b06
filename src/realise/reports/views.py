"""Report downloads: each report in each format, for members of the organisation only.

Anyone who may not view the organisation (anonymous, or a member of another council) gets 404,
so the address does not reveal whether the organisation exists.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from realise.accounts.access import organisation_for
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.reports.context import Report
from realise.reports.formats import Format, Rendered, render


def _year(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except YearLabelError:
        raise Http404(f'"{text}" is not a financial year such as 2022-23') from None


def _format(text: str) -> Format:
    try:
        return Format(text)
    except ValueError:
        raise Http404(f'"{text}" is not a report format') from None


# An HTML report is one self-contained page: its stylesheet inline, no script, nothing fetched.
# Its policy allows exactly that, and replaces the site's (which forbids inline styles).
REPORT_PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def report_response(rendered: Rendered, stem: str) -> HttpResponse:
    """A rendered report: HTML shown in the browser under ``REPORT_PAGE_POLICY``, every other
    format downloaded as ``stem`` with its extension."""
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    html = rendered.extension == "html"
    disposition = "inline" if html else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{rendered.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    if html:
        response["Content-Security-Policy"] = REPORT_PAGE_POLICY
    return response


def _respond(report: Report, fmt: Format, stem: str) -> HttpResponse:
    return report_response(render(report, fmt), stem)


@require_GET
def annual(request: HttpRequest, slug: str, year: str, fmt: str) -> HttpResponse:
    from realise.reports.annual import annual_report

    organisation = organisation_for(request.user, slug)  # 404 also when not signed in
    financial_year, output = _year(year), _format(fmt)
    try:
        report = annual_report(organisation=organisation, year=financial_year)
    except ValueError as exc:
        raise Http404(str(exc)) from None
    stem = f"{organisation.slug}-annual-report-{financial_year.label.replace('/', '-')}"
    return _respond(report, output, stem)


@require_GET
def monitoring(request: HttpRequest, slug: str, year: str, fmt: str) -> HttpResponse:
    from realise.reports.monitoring import monitoring_report

    organisation = organisation_for(request.user, slug)  # 404 also when not signed in
    financial_year, output = _year(year), _format(fmt)
    as_at = None
    if request.GET.get("as_at"):
        try:
            as_at = date.fromisoformat(request.GET["as_at"])
        except ValueError:
            return HttpResponseBadRequest("as_at must be a date such as 2023-03-31")
    try:
        report = monitoring_report(organisation=organisation, year=financial_year, as_at=as_at)
    except ValueError as exc:  # a year outside the council's plan years
        raise Http404(str(exc)) from None
    stem = f"{organisation.slug}-savings-monitoring-{financial_year.label.replace('/', '-')}"
    return _respond(report, output, stem)


@require_GET
def risk(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The risk report as it stands today: for any council, with or without savings."""
    from realise.reports.risk import risk_report

    organisation = organisation_for(request.user, slug)  # 404 also when not signed in
    output = _format(fmt)
    stem = f"{organisation.slug}-risk-report"
    return _respond(risk_report(organisation=organisation), output, stem)


@require_GET
def realisation(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The benefits realisation report of every case with an approved version, as it stands."""
    from realise.reports.realisation import realisation_report

    organisation = organisation_for(request.user, slug)  # 404 also when not signed in
    output = _format(fmt)
    stem = f"{organisation.slug}-benefits-realisation"
    return _respond(realisation_report(organisation=organisation), output, stem)


@require_GET
def realisation_case(request: HttpRequest, slug: str, case: int, fmt: str) -> HttpResponse:
    """One case's benefits realisation report (404 for a case with no approved version)."""
    from realise.cases.selectors import case_in
    from realise.reports.realisation import realisation_report

    organisation = organisation_for(request.user, slug)  # 404 also when not signed in
    output = _format(fmt)
    found = case_in(organisation=organisation, pk=case)
    if found is None:
        raise Http404("No such business case")
    try:
        report = realisation_report(organisation=organisation, case=found)
    except ValueError as exc:  # no approved version yet
        raise Http404(str(exc)) from None
    stem = f"{organisation.slug}-benefits-realisation-case-{found.pk}"
    return _respond(report, output, stem)

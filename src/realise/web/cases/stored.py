"""The council's stored business cases: the list, one case's page (where it stands, its benefits
realisation once a version is approved, its versions with who saved each, when and why, what
happened to it, and what the viewer may do next), one version shown with the same analysis as a
checked file, its file as saved, and two versions compared side by side. The forms that change a
case are in ``decisions.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify

from realise.accounts.access import Action, can, may_somewhere
from realise.cases.models import BudgetKind, Case, CaseStatus, CaseVersion
from realise.cases.plans import case_plan, kind_name
from realise.cases.selectors import (
    case_events,
    case_in,
    case_versions,
    cases_list,
    people_named,
    saved_by,
    version_document,
    version_in,
    versions_compared,
)
from realise.cases.tracking import case_tracking
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError
from realise.finance.money import format_money
from realise.finance.tables import fte_text
from realise.reports.formats import REPORT_FORMATS
from realise.reports.realisation_tables import (
    MEANING,
    PAGE,
    accuracy_table,
    by_line_table,
    by_year_table,
    reforecasts_table,
    scope_paragraph,
)
from realise.web.cases.views import analyse
from realise.web.pages import org_view, page, query_filters

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def found_case(organisation: Organisation, pk: int) -> Case:
    """The council's case ``pk``, or 404 (also for another council's)."""
    case = case_in(organisation=organisation, pk=pk)
    if case is None:
        raise Http404("No such business case")
    return case


def found_version(case: Case, number: object) -> CaseVersion:
    version = version_in(case=case, number=number)
    if version is None:
        raise Http404("No such version of this business case")
    return version


def shown_status(case: Case, latest: CaseVersion | None) -> str:
    """Where the case stands, in words: its latest version's status."""
    if case.is_superseded:
        return CaseStatus.SUPERSEDED.label
    return latest.get_status_display() if latest is not None else "No version yet"


@org_view()
def business_cases(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rows = list(cases_list(organisation=organisation))
    for row in rows:
        row.shown_status = (
            CaseStatus.SUPERSEDED.label
            if row.is_superseded
            else CaseStatus(row.latest_status).label
            if row.latest_status
            else "No version yet"
        )
    return page(
        request,
        organisation,
        "web/cases/cases.html",
        cases=rows,
        may_store=may_somewhere(request.user, organisation, Action.EDIT_CASE),
    )


def realisation(case: Case, organisation: Organisation, *, may_edit: bool) -> dict[str, Any]:
    """The case page's benefits realisation: planned, forecast and actual by year and by line,
    the forecast accuracy after approval, the re-forecasts and the report's downloads; or why
    there is none."""
    try:
        tracked = case_tracking(case=case)
    except CaseFileError as error:
        return {"tracking_problems": error.problems}
    if tracked is None:
        return {"tracked": None}
    links = [
        {
            "text": fmt.label,
            "href": reverse("reports:realisation_case", args=[organisation.slug, case.pk, fmt]),
        }
        for fmt in REPORT_FORMATS
    ]
    return {
        "tracked": tracked,
        "realisation_scope": scope_paragraph(tracked),
        "realisation_meaning": MEANING,
        "realisation_by_year": by_year_table(tracked, PAGE),
        "realisation_by_line": by_line_table(tracked, PAGE),
        "realisation_accuracy": accuracy_table(tracked, PAGE),
        "realisation_reforecasts": reforecasts_table(tracked, PAGE)
        if tracked.reforecasts
        else None,
        "realisation_downloads": links,
        "may_reforecast": may_edit,
    }


@org_view()
def business_case_stored(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    case = found_case(organisation, pk)
    versions = case_versions(case=case)
    names = people_named(organisation=organisation)
    latest = versions[0] if versions else None
    open_case = not case.is_superseded
    may_edit = open_case and can(request.user, organisation, Action.EDIT_CASE, project=case.project)
    may_decide = open_case and can(request.user, organisation, Action.DECIDE_CASE)
    return page(
        request,
        organisation,
        "web/cases/case.html",
        **realisation(case, organisation, may_edit=may_edit),
        case=case,
        versions=[(v, saved_by(v, names)) for v in versions],
        latest=latest,
        status=shown_status(case, latest),
        in_force=next((v for v in versions if v.status == CaseStatus.APPROVED), None),
        events=case_events(case=case),
        **_plan_shown(case),
        may_edit=may_edit,
        may_submit=may_edit and latest is not None and latest.status == CaseStatus.DRAFT,
        may_decide=may_decide and latest is not None and latest.status == CaseStatus.SUBMITTED,
        may_supersede=may_decide,
    )


def _plan_shown(case: Case) -> dict[str, Any]:
    """What the approval in force set, as the case's page lists it: each line's saving in each
    year with the target it is part of (its year links to the savings tables of that year), and
    the staff and cost budgets by year."""
    plan = case_plan(case=case)
    targets = [
        {
            "year": FinancialYear(link.financial_year).label,
            "year_start": link.financial_year,
            "line": link.line_name,
            "directorate": link.directorate.name,
            "project": link.project,
            "kind": kind_name(link.kind),
            "amount": format_money(link.amount, places=2),
            "target": format_money(link.target.amount, places=2),
        }
        for link in plan.targets
    ]
    budgets = [
        {
            "year": FinancialYear(b.financial_year).label,
            "what": b.line_name,
            "amount": (
                fte_text(b.amount) if b.kind == BudgetKind.FTE else format_money(b.amount, places=2)
            ),
        }
        for b in plan.budgets
    ]
    return {"plan_version": plan.version, "plan_targets": targets, "plan_budgets": budgets}


@org_view()
def business_case_version(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """One stored version shown as a checked file is: scenarios, profiles, the audit."""
    case = found_case(organisation, pk)
    version = found_version(case, number)
    context: dict[str, Any] = {"case_record": case, "version": version}
    try:
        context |= analyse(version_document(version=version).case)
    except CaseFileError as error:
        context["problems"] = error.problems
    return page(request, organisation, "web/cases/version.html", **context)


@org_view()
def business_case_version_file(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """The version's file exactly as it was saved."""
    case = found_case(organisation, pk)
    version = found_version(case, number)
    response = HttpResponse(version.document, content_type="application/yaml; charset=utf-8")
    name = f"{slugify(case.title) or 'business-case'}-version-{version.number}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@org_view()
def business_case_version_workbook(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """The version as format 2's workbook of live formulas (a format 1 file upgraded, every
    figure kept), which the editor and the import page read back."""
    from realise.reports.case_files import version_workbook
    from realise.web.cases.views import workbook_response

    case = found_case(organisation, pk)
    version = found_version(case, number)
    name = f"{slugify(case.title) or 'business-case'}-version-{version.number}.xlsx"
    return workbook_response(version_workbook(version=version), name)


def _chosen(request: HttpRequest, versions: list[CaseVersion]) -> tuple[int, int]:
    """The two versions asked for (``?old=1&new=2``); by default the latest and the one before."""
    asked = query_filters(request, ("old", "new"), numbers=("old", "new"))
    latest = versions[0].number if versions else 1
    old = int(asked["old"]) if asked["old"] else max(latest - 1, 1)
    new = int(asked["new"]) if asked["new"] else latest
    return old, new


@org_view()
def business_case_compare(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Two versions side by side: every changed figure, line and assumption."""
    case = found_case(organisation, pk)
    versions = case_versions(case=case)
    old_number, new_number = _chosen(request, versions)
    context: dict[str, Any] = {
        "case": case,
        "numbers": [v.number for v in versions],
        "old_number": old_number,
        "new_number": new_number,
    }
    old = version_in(case=case, number=old_number)
    new = version_in(case=case, number=new_number)
    if old is None or new is None:
        context["missing"] = old_number if old is None else new_number
    else:
        try:
            context["comparison"] = versions_compared(old=old, new=new)
        except CaseFileError as error:
            context["problems"] = error.problems
    response = page(request, organisation, "web/cases/compare.html", **context)
    if "missing" in context:
        response.status_code = 404
    return response

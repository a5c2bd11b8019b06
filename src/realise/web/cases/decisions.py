"""The forms that change a stored business case, one service each: store a new case with its first
version, save a new version, submit the latest for a decision, record a board's approval or
rejection, supersede a case, and re-forecast a benefit line of the approved version (as those who
store the case may). Each answers 404 for another council's case and 403 unless the
user may do it on this case: finance and TMO admins store and submit any case, a project lead
those of their own projects; only a TMO admin records a decision or supersedes a case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action, can, permitted_projects, require
from realise.cases import services
from realise.cases.models import Case, CaseVersion
from realise.cases.selectors import case_versions, cases_list, version_document
from realise.cases.tracking import case_plan
from realise.finance.casefile import CaseFileError
from realise.web.cases.forms import (
    ApproveForm,
    CaseForm,
    ReforecastForm,
    RejectForm,
    SubmitForm,
    SupersedeForm,
    VersionForm,
)
from realise.web.cases.stored import found_case
from realise.web.pages import form_page, org_view, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


@org_view(Action.EDIT_CASE)
def business_case_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request.user, organisation, Action.EDIT_CASE)
    form = CaseForm(
        request.POST or None, request.FILES or None, organisation=organisation, projects=projects
    )
    if not can(request.user, organisation, Action.EDIT_CASE):
        del form.fields["programme"]  # a project lead stores cases of their own projects only
        form.fields["project"].required = True

    def save(data: dict[str, Any]) -> Case:
        require(request.user, organisation, Action.EDIT_CASE, project=data["project"])
        text, name = data["file"]
        return services.case_create(
            organisation=organisation,
            title=data["title"],
            project=data["project"],
            programme=data.get("programme"),
            document=text,
            source=name,
            note=data["note"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Store a business case",
        intro="The file is checked first: a file with problems is not stored, and each problem "
        "is listed with its line. Each later change is saved as a new version.",
        submit="Store the case",
        success="Business case stored as version 1, a draft",
        done=lambda case: url_for("business_case_stored", organisation, case.pk),
        back=url_for("business_cases", organisation),
    )


def _editable(request: HttpRequest, organisation: Organisation, pk: int, action: Action) -> Case:
    """The council's case ``pk`` (404 otherwise), if the user may do ``action`` on it (403)."""
    case = found_case(organisation, pk)
    require(request.user, organisation, action, project=case.project)
    return case


def _latest(case: Case) -> CaseVersion | None:
    versions = case_versions(case=case)
    return versions[0] if versions else None


def _case_form(
    request: HttpRequest,
    organisation: Organisation,
    case: Case,
    form: Any,
    save: Any,
    **options: Any,
) -> HttpResponse:
    """A form about ``case``: back to its page, and there once saved."""
    here = url_for("business_case_stored", organisation, case.pk)
    return form_page(
        request,
        organisation,
        form,
        save,
        caption=case.title,
        back=here,
        done=lambda _: here,
        **options,
    )


@org_view(Action.EDIT_CASE)
def business_case_version_new(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    case = _editable(request, organisation, pk, Action.EDIT_CASE)
    latest = _latest(case)
    initial = {"latest": latest.number if latest else None}
    form = VersionForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data: dict[str, Any]) -> CaseVersion:
        text, name = data["file"]
        return services.case_version_save(
            case=case,
            document=text,
            source=name,
            note=data["note"],
            seen=data["latest"],
            by=request.user,
        )

    number = (latest.number if latest else 0) + 1
    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title="Save a new version",
        intro=f"The file becomes version {number}, a draft; the versions before it are kept as "
        "they were. A version approved before stays in force until this one is approved.",
        submit=f"Save as version {number}",
        success=f"Saved as version {number}, a draft",
    )


@org_view(Action.EDIT_CASE)
def business_case_submit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    case = _editable(request, organisation, pk, Action.EDIT_CASE)
    latest = _latest(case)
    form = SubmitForm(request.POST or None, initial={"latest": latest.number if latest else None})

    def save(data: dict[str, Any]) -> CaseVersion:
        return services.case_submit(case=case, seen=data["latest"], by=request.user)

    number = latest.number if latest else 0
    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title=f"Submit version {number} for a decision",
        intro=f"Version {number} goes to a board for a decision. A change after this is a new "
        "version, which must be submitted again.",
        submit=f"Submit version {number}",
        success=f"Version {number} submitted for a decision",
    )


def _options(latest: CaseVersion | None) -> list[tuple[str, str]]:
    """The options (scenarios) of the submitted version, to choose the one approved."""
    if latest is None:
        return []
    try:
        found = version_document(version=latest).options
    except CaseFileError:
        return []
    return [(o.id, f"{o.name}: {o.description}" if o.description else o.name) for o in found]


@org_view(Action.DECIDE_CASE)
def business_case_approve(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    case = _editable(request, organisation, pk, Action.DECIDE_CASE)
    latest = _latest(case)
    form = ApproveForm(
        request.POST or None,
        organisation=organisation,
        options=_options(latest),
        initial={"latest": latest.number if latest else None},
    )

    def save(data: dict[str, Any]) -> CaseVersion:
        return services.case_approve(
            case=case,
            option=data["option"],
            board=data["board"],
            decided_on=data["decided_on"],
            text=data["text"],
            seen=data["latest"],
            by=request.user,
        )

    number = latest.number if latest else 0
    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title=f"Record the approval of version {number}",
        intro="The board's decision is recorded with the option it approved. The version "
        "approved before, if any, is then superseded.",
        submit="Record the approval",
        success=f"Version {number} recorded as approved",
    )


@org_view(Action.DECIDE_CASE)
def business_case_reject(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    case = _editable(request, organisation, pk, Action.DECIDE_CASE)
    latest = _latest(case)
    form = RejectForm(
        request.POST or None,
        organisation=organisation,
        initial={"latest": latest.number if latest else None},
    )

    def save(data: dict[str, Any]) -> CaseVersion:
        return services.case_reject(
            case=case,
            reason=data["reason"],
            board=data["board"],
            decided_on=data["decided_on"],
            seen=data["latest"],
            by=request.user,
        )

    number = latest.number if latest else 0
    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title=f"Record the rejection of version {number}",
        intro="A version approved before, if any, stays in force.",
        submit="Record the rejection",
        success=f"Version {number} recorded as rejected",
    )


@org_view(Action.DECIDE_CASE)
def business_case_supersede(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    case = _editable(request, organisation, pk, Action.DECIDE_CASE)
    others = [
        (c.pk, c.title)
        for c in cases_list(organisation=organisation)
        if c.pk != case.pk and not c.is_superseded
    ]
    form = SupersedeForm(request.POST or None, others=others)

    def save(data: dict[str, Any]) -> Case:
        replaced_by = found_case(organisation, data["replaced_by"]) if data["replaced_by"] else None
        return services.case_supersede(
            case=case, reason=data["reason"], replaced_by=replaced_by, by=request.user
        )

    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title="Supersede the case",
        intro="Its approved, draft and submitted versions are superseded, and it takes no more "
        "versions or decisions. Its versions and history are kept.",
        submit="Supersede the case",
        success="Business case superseded",
    )


@org_view(Action.EDIT_CASE)
def business_case_reforecast(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Re-forecast one benefit line of the approved version in one of the case's years."""
    case = _editable(request, organisation, pk, Action.EDIT_CASE)
    try:
        plan = case_plan(case=case)
    except CaseFileError:
        plan = None
    if plan is None:
        raise Http404("This business case has no approved version to re-forecast")
    form = ReforecastForm(
        request.POST or None,
        lines=list(plan.line_names.items()),
        years=list(plan.years),
        initial={"line": request.GET.get("line", ""), "year": request.GET.get("year", "")},
    )

    def save(data: dict[str, Any]) -> Any:
        return services.case_reforecast(
            case=case,
            line=data["line"],
            year=data["year"],
            amount=data["amount"],
            note=data["note"],
            by=request.user,
        )

    version = plan.version
    return _case_form(
        request,
        organisation,
        case,
        form,
        save,
        title="Re-forecast a benefit",
        intro=f"The approved plan (version {version.number}, {version.option_name}) stays as "
        "approved: the new figure becomes the forecast for that line and year, beside the plan "
        "and the savings finance has validated. The earlier figure is kept in the case's history.",
        submit="Save the re-forecast",
        success="Re-forecast saved",
    )

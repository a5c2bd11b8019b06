"""The portfolio room: the filtered, sortable projects list; a project's page; adding, editing,
moving stage and changing status; the decision log and recording a board decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action, can, require
from realise.benefits.selectors import measures_list, project_savings
from realise.core.concurrency import version_of
from realise.funding.selectors import bids_list, project_grants
from realise.portfolio import services
from realise.portfolio.decision_log import decision_log
from realise.portfolio.lookups import project_filter_choices, project_to_change
from realise.portfolio.models import ConfidenceRating, Organisation, Project, ProjectStatus
from realise.portfolio.selectors import (
    PROJECT_FILTERS,
    PROJECT_SORTS,
    project_changes,
    project_decisions,
    project_lead,
    project_priorities,
    projects_list,
)
from realise.risks.selectors import NoRiskBands, risks_list
from realise.web.pages import form_page, org_view, page, query_filters, started_from, url_for
from realise.web.portfolio.forms import DecisionForm, ProjectForm, StageForm, StatusForm

COLUMNS = (
    ("code", "Code"),
    ("name", "Project"),
    ("directorate", "Directorate"),
    ("programme", "Programme"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("confidence", "Delivery confidence"),
)
STATUS_TAGS = {
    "proposed": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "complete": "govuk-tag--green",
    "stopped": "govuk-tag--red",
}


def _filter_options(organisation: Organisation) -> list[dict[str, Any]]:
    named = project_filter_choices(organisation=organisation)
    return [
        {"name": "directorate", "label": "Directorate", "options": named["directorate"]},
        {"name": "programme", "label": "Programme", "options": named["programme"]},
        {"name": "status", "label": "Status", "options": list(ProjectStatus.choices)},
        {"name": "stage", "label": "Stage", "options": named["stage"]},
        {
            "name": "confidence",
            "label": "Delivery confidence",
            "options": list(ConfidenceRating.choices),
        },
    ]


def _headers(request: HttpRequest, sort: str, descending: bool) -> list[dict[str, Any]]:
    headers = []
    for key, label in COLUMNS:
        params = request.GET.copy()
        params["sort"] = key
        params["order"] = "asc" if key != sort or descending else "desc"
        state = "none"
        if key == sort:
            state = "descending" if descending else "ascending"
        headers.append(
            {"key": key, "label": label, "href": f"?{params.urlencode()}", "aria": state}
        )
    return headers


@org_view()
def project_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters = query_filters(request, PROJECT_FILTERS, numbers=("directorate", "programme", "stage"))
    sort = request.GET.get("sort", "code")
    sort = sort if sort in PROJECT_SORTS else "code"
    descending = request.GET.get("order") == "desc"
    options = _filter_options(organisation)
    for item in options:
        item["value"] = filters[item["name"]]
    rows = projects_list(
        organisation=organisation, filters=filters, sort=sort, descending=descending
    )
    return page(
        request,
        organisation,
        "web/portfolio/projects.html",
        projects=rows,
        filters=options,
        headers=_headers(request, sort, descending),
        tags=STATUS_TAGS,
        sort=sort,
        order="desc" if descending else "asc",
        filtered=any(filters.values()),
    )


def _project(organisation: Organisation, code: str) -> Project:
    """The project with the version it was read at (one snapshot), for forms that edit it."""
    project = project_to_change(organisation=organisation, code=code)
    if project is None:
        raise Http404("No such project")
    return project


def _risks(organisation: Organisation, project: Project) -> tuple[Any, ...]:
    try:
        return risks_list(organisation=organisation, filters={"project": str(project.pk)})
    except NoRiskBands:
        return ()


@org_view()
def project_detail(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    project = _project(organisation, code)
    years, ledger = project_savings(project=project)
    may_here = {
        a: can(request.user, organisation, Action(a), project=project)
        for a in ("edit_project", "record_saving", "manage_risk", "record_measure")
    }
    may_validate = can(request.user, organisation, Action.VALIDATE_SAVING)
    correctable = {
        e.pk
        for e in ledger
        if e.correctable(may_record=may_here["record_saving"], may_validate=may_validate)
    }
    return page(
        request,
        organisation,
        "web/portfolio/project.html",
        project=project,
        lead=project_lead(organisation=organisation, project=project),
        yours=project.lead_user_id is not None and project.lead_user_id == request.user.pk,
        priorities=project_priorities(project=project),
        tag=STATUS_TAGS.get(project.status, ""),
        changes=project_changes(project=project),
        years=years,
        ledger=ledger,
        bids=bids_list(organisation=organisation, project=project),
        grants=project_grants(project=project),
        risks=_risks(organisation, project),
        measures=measures_list(organisation=organisation, project=project),
        decisions=project_decisions(project=project),
        correctable=correctable,
        may_validate=may_validate,
        may_here=may_here,
        risk_projects={project.pk} if may_here["manage_risk"] else set(),
    )


# What the project form sets (the lead only when the form offers it: see ``_lead_choice``).
PROJECT_FIELDS = (
    "name",
    "summary",
    "directorate",
    "programme",
    "priorities",
    "lead_user",
    "confidence",
    "lead_officer",
    "planned_start",
    "planned_end",
)


def _project_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in PROJECT_FIELDS if name in data}


def _lead_choice(request: HttpRequest, organisation: Organisation, form: ProjectForm) -> None:
    """Only someone who may assign leads (TMO admins) is offered the choice of lead; a project
    lead edits the rest of their project, and whatever is posted for the lead is ignored."""
    if not can(request.user, organisation, Action.ASSIGN_LEAD):
        form.without_lead()


@org_view(Action.CREATE_PROJECT)
def project_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ProjectForm(request.POST or None, organisation=organisation)
    _lead_choice(request, organisation, form)

    def save(data: dict[str, Any]) -> Project:
        return services.project_create(
            organisation=organisation, code=data["code"], by=request.user, **_project_fields(data)
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a project",
        success="Project added",
        done=lambda p: url_for("project", organisation, p.code),
        back=url_for("projects", organisation),
    )


@org_view(Action.EDIT_PROJECT)
def project_edit(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    project = _project(organisation, code)
    require(request.user, organisation, Action.EDIT_PROJECT, project=project)
    initial = {
        f: getattr(project, f)
        for f in (
            "code",
            "name",
            "summary",
            "confidence",
            "lead_officer",
            "planned_start",
            "planned_end",
        )
    }
    initial |= {
        "directorate": project.directorate_id,
        "programme": project.programme_id,
        "priorities": [p.pk for p in project_priorities(project=project)],
        "lead_user": project.lead_user_id,
        "version": version_of(project),
    }
    form = ProjectForm(request.POST or None, organisation=organisation, initial=initial)
    _lead_choice(request, organisation, form)
    # The code is the project's stable key (imports, reports, links): shown, not edited here.
    form.fields["code"].disabled = True
    form.fields["code"].help_text = "The project code cannot be changed once the project exists"

    def save(data: dict[str, Any]) -> Project:
        return services.project_update(
            project=project,
            seen_version=data["version"],
            changes=_project_fields(data),
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title=f"Edit {project.name}",
        caption=project.code,
        success="Project saved",
        done=lambda p: url_for("project", organisation, p.code),
        back=url_for("project", organisation, project.code),
    )


def _logged_change(
    request: HttpRequest,
    organisation: Organisation,
    project: Project,
    form: StageForm | StatusForm,
    change: Callable[..., Project],
    *,
    field: str,
    title: str,
    intro: str,
    success: str,
) -> HttpResponse:
    """A page that changes the project's ``field`` (stage or status) through ``change``, a service
    that logs the change with its date and note and checks the version the user saw."""

    def save(data: dict[str, Any]) -> Project:
        return change(
            project=project,
            on=data["on"],
            note=data["note"],
            seen_version=data["version"],
            by=request.user,
            **{field: data[field]},
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title=title,
        caption=f"{project.code} {project.name}",
        intro=intro,
        success=success,
        back=url_for("project", organisation, project.code),
    )


@org_view(Action.EDIT_PROJECT)
def project_stage(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    project = _project(organisation, code)
    require(request.user, organisation, Action.EDIT_PROJECT, project=project)
    form = StageForm(
        request.POST or None, organisation=organisation, initial={"version": version_of(project)}
    )
    return _logged_change(
        request,
        organisation,
        project,
        form,
        services.project_move_stage,
        field="stage",
        title="Move to another stage",
        intro=f"Current stage: {project.stage or 'not set'}.",
        success="Stage changed",
    )


@org_view(Action.EDIT_PROJECT)
def project_status(request: HttpRequest, organisation: Organisation, code: str) -> HttpResponse:
    project = _project(organisation, code)
    require(request.user, organisation, Action.EDIT_PROJECT, project=project)
    form = StatusForm(request.POST or None, initial={"version": version_of(project)})
    return _logged_change(
        request,
        organisation,
        project,
        form,
        services.project_change_status,
        field="status",
        title="Change the status",
        intro=f"Current status: {project.get_status_display()}.",
        success="Status changed",
    )


@org_view()
def decision_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """The decision log: every board decision on record, oldest first."""
    return page(
        request,
        organisation,
        "web/portfolio/decisions.html",
        decisions=decision_log(organisation=organisation),
    )


@org_view(Action.RECORD_DECISION)
def decision_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    # Started from a project's page: go back there, where its decisions are listed.
    origin = started_from(request, organisation)
    initial = {"projects": [origin.pk]} if origin is not None else {}
    form = DecisionForm(request.POST or None, organisation=organisation, initial=initial)
    back = (
        url_for("project", organisation, origin.code)
        if origin is not None
        else url_for("dashboard", organisation)
    )

    def save(data: dict[str, Any]) -> Any:
        return services.decision_record(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Record a board decision",
        success="Decision recorded",
        back=back,
    )

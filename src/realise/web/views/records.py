"""Savings, funding, risks and decisions: the report pages and the forms that write to them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from realise.accounts.permissions import Action, can
from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, Measure, SavingsEntry
from realise.benefits.selectors import (
    savings_by_directorate,
    savings_by_year,
    savings_projected,
)
from realise.core.concurrency import version_of, versioned
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.funding import services as funding
from realise.funding.selectors import bids_list, fund_usage, grants_list, invest_to_save_return
from realise.portfolio import services as portfolio
from realise.portfolio.models import Organisation, Programme, Project
from realise.reports.savings_table import PAGE, savings_by_year_table
from realise.risks import services as risks
from realise.risks.models import Risk, RiskBand
from realise.risks.selectors import risks_list
from realise.web.access import org_view, permitted_projects, require
from realise.web.forms import (
    BidForm,
    CarryForwardForm,
    CorrectionForm,
    DecisionForm,
    GrantForm,
    ReadingForm,
    RescoreForm,
    RiskForm,
    SavingForm,
)
from realise.web.views.common import chosen_year, form_page, page, query_filters
from realise.web.views.dashboard import heat_rows, reporting_year


def _url(name: str, organisation: Organisation, *args: Any) -> str:
    return reverse(f"web:{name}", args=[organisation.slug, *args])


def _initial_project(request: HttpRequest) -> dict[str, Any]:
    """The form's project chosen from ``?project=<id>`` (the form's own choices check it)."""
    value = query_filters(request, ["project"], numbers=["project"])["project"]
    return {"project": value} if value else {}


def _started_from(request: HttpRequest, organisation: Organisation) -> Project | None:
    """The project whose page the form was opened from (``?project=<id>``), if it is one of this
    council's: the form goes back there, where what was added is listed."""
    value = _initial_project(request).get("project")
    return Project.objects.filter(organisation=organisation, pk=value).first() if value else None


def _check_project(
    request: HttpRequest, organisation: Organisation, action: Action, project: Project | None
) -> None:
    """A project lead may only write on their projects; others need the organisation-wide grant."""
    require(request, organisation, action, project=project)


# Savings ---------------------------------------------------------------------------------------


@org_view()
def savings(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    by_year = savings_by_year(organisation=organisation)
    year = chosen_year(request, reporting_year(by_year))
    years = sorted({y.year.start for y in by_year.years} | {year.start})
    return page(
        request,
        organisation,
        "web/savings.html",
        savings_table=savings_by_year_table(by_year, PAGE),
        year=year,
        next_year=year + 1,
        years=[FinancialYear(y) for y in years],
        table3=savings_by_directorate(organisation=organisation, year=year),
        table4=savings_projected(organisation=organisation, year=year + 1),
        # A project lead records and carries forward savings on the projects they lead.
        may_record_some=permitted_projects(request, organisation, Action.RECORD_SAVING).exists(),
    )


def _recorded_status(request: HttpRequest, organisation: Organisation, status: str) -> str:
    """An achieved saving from someone who may not validate savings is kept as claimed until
    finance validates it (ADR 0005), as the API keeps it."""
    if status == EntryStatus.ACHIEVED and not can(
        request.user, organisation, Action.VALIDATE_SAVING
    ):
        return EntryStatus.CLAIMED
    return status


@org_view(Action.RECORD_SAVING)
def saving_record(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request, organisation, Action.RECORD_SAVING)
    form = SavingForm(
        request.POST or None,
        organisation=organisation,
        projects=projects,
        initial=_initial_project(request) | {"status": "achieved"},
    )

    def save(data: dict[str, Any]) -> SavingsEntry:
        _check_project(request, organisation, Action.RECORD_SAVING, data["project"])
        return benefits.saving_record(
            organisation=organisation,
            year=data["year"].start,
            amount=data["amount"],
            status=_recorded_status(request, organisation, data["status"]),
            kind=data["kind"],
            directorate=data["directorate"],
            project=data["project"],
            recorded_on=data["recorded_on"],
            note=data["note"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Record a saving",
        success=(
            "Saving recorded"
            if can(request.user, organisation, Action.VALIDATE_SAVING)
            else "Saving recorded: an achieved saving is kept as claimed until finance validates it"
        ),
        done=lambda e: (
            _url("project", organisation, e.project.code)
            if e.project
            else _url("savings", organisation)
        ),
        back=_url("savings", organisation),
    )


@org_view(Action.RECORD_SAVING)
def saving_correct(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        SavingsEntry.objects.select_related("project"), organisation=organisation, pk=pk
    )
    _check_project(request, organisation, Action.RECORD_SAVING, entry.project)
    if entry.status == EntryStatus.ACHIEVED:
        # An achieved entry is a validated saving: undoing it is finance's decision.
        require(request, organisation, Action.VALIDATE_SAVING)
    form = CorrectionForm(request.POST or None)

    def save(data: dict[str, Any]) -> SavingsEntry:
        return benefits.saving_reverse(
            entry=entry, reason=data["reason"], recorded_on=data["recorded_on"], by=request.user
        )

    back = (
        _url("project", organisation, entry.project.code)
        if entry.project
        else _url("savings", organisation)
    )
    return form_page(
        request,
        organisation,
        form,
        save,
        title="Correct a savings entry",
        intro=f"This cancels the {entry.get_status_display().lower()} entry of "
        f"{format_money(entry.amount, places=2)} for {entry.year.label}. "
        "Record the right figure afterwards.",
        success="Entry reversed",
        back=back,
        submit="Reverse the entry",
    )


@org_view(Action.RECORD_SAVING)
def carry_forward(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request, organisation, Action.RECORD_SAVING)
    form = CarryForwardForm(request.POST or None, organisation=organisation, projects=projects)

    def save(data: dict[str, Any]) -> Any:
        _check_project(request, organisation, Action.RECORD_SAVING, data["project"])
        return benefits.savings_carry_forward(
            organisation=organisation,
            from_year=data["from_year"].start,
            to_year=data["to_year"].start,
            amount=data["amount"],
            reason=data["reason"],
            directorate=data["directorate"],
            project=data["project"],
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Carry an under-delivered saving forward",
        success="Saving carried forward",
        back=_url("savings", organisation),
    )


# Funding ---------------------------------------------------------------------------------------


@org_view()
def funding_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    as_at = chosen_year(request, reporting_year(savings_by_year(organisation=organisation)))
    return page(
        request,
        organisation,
        "web/funding.html",
        funds=fund_usage(organisation=organisation),
        bids=bids_list(organisation=organisation),
        grants=grants_list(organisation=organisation),
        roi=invest_to_save_return(organisation=organisation, as_at=as_at),
    )


@org_view(Action.MANAGE_FUNDING)
def bid_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = BidForm(request.POST or None, organisation=organisation)

    def save(data: dict[str, Any]) -> Any:
        return funding.bid_submit(
            fund=data["fund"],
            title=data["title"],
            amount=data["amount"],
            purpose=data["purpose"],
            project=data["project"],
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a bid",
        success="Bid added",
        back=_url("funding", organisation),
    )


@org_view(Action.MANAGE_FUNDING)
def grant_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = GrantForm(request.POST or None, organisation=organisation)

    def save(data: dict[str, Any]) -> Any:
        return funding.grant_record(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a grant",
        success="Grant added",
        back=_url("funding", organisation),
    )


# Risks -----------------------------------------------------------------------------------------

RISK_QUERY = ("likelihood", "impact", "band", "status", "programme", "escalated")


@org_view()
def risk_register(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters = query_filters(request, RISK_QUERY, numbers=("likelihood", "impact", "programme"))
    try:
        register = risks_list(organisation=organisation, filters=filters)
        bands = list(RiskBand.objects.filter(organisation=organisation).order_by("min_score"))
    except RiskBand.DoesNotExist:
        register, bands = (), []
    return page(
        request,
        organisation,
        "web/risks.html",
        risks=register,
        heat=heat_rows(organisation),
        filters=filters,
        bands=bands,
        programmes=Programme.objects.filter(organisation=organisation),
        filtered=any(filters.values()),
        risk_projects=_risk_projects(request, organisation),
    )


def _risk_projects(request: HttpRequest, organisation: Organisation) -> set[int]:
    """The projects whose risks the user may add and rescore without an organisation-wide grant
    (a project lead's own), so the register offers them Add a risk and Rescore there."""
    if can(request.user, organisation, Action.MANAGE_RISK):
        return set()  # ``may.manage_risk`` covers every risk
    return set(
        permitted_projects(request, organisation, Action.MANAGE_RISK).values_list("pk", flat=True)
    )


@org_view(Action.MANAGE_RISK)
def risk_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request, organisation, Action.MANAGE_RISK)
    form = RiskForm(
        request.POST or None,
        organisation=organisation,
        projects=projects,
        initial=_initial_project(request),
    )
    # Started from a project's page: go back there, where its risks are listed.
    started_from = _started_from(request, organisation)

    def save(data: dict[str, Any]) -> Risk:
        _check_project(request, organisation, Action.MANAGE_RISK, data["project"])
        return risks.risk_create(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a risk",
        success="Risk added",
        done=lambda r: (
            _url("project", organisation, started_from.code)
            if started_from is not None
            else _url("risks", organisation) + f"?likelihood={r.likelihood}&impact={r.impact}"
        ),
        back=(
            _url("project", organisation, started_from.code)
            if started_from is not None
            else _url("risks", organisation)
        ),
    )


@org_view(Action.MANAGE_RISK)
def risk_rescore(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = get_object_or_404(
        versioned(Risk.objects.select_related("project")), organisation=organisation, pk=pk
    )
    _check_project(request, organisation, Action.MANAGE_RISK, risk.project)
    form = RescoreForm(
        request.POST or None,
        initial={
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "version": version_of(risk),
        },
    )

    def save(data: dict[str, Any]) -> Risk:
        return risks.risk_rescore(
            risk=risk,
            likelihood=data["likelihood"],
            impact=data["impact"],
            seen_version=data["version"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Rescore a risk",
        caption=risk.title,
        intro=f"Now likelihood {risk.likelihood} and impact {risk.impact}: score {risk.score}.",
        success="Risk rescored",
        back=_url("risks", organisation),
    )


# Decisions and measures ------------------------------------------------------------------------


@org_view(Action.RECORD_DECISION)
def decision_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    # Started from a project's page: go back there, where its decisions are listed.
    started_from = _started_from(request, organisation)
    initial = {"projects": [started_from.pk]} if started_from is not None else {}
    form = DecisionForm(request.POST or None, organisation=organisation, initial=initial)
    back = (
        _url("project", organisation, started_from.code)
        if started_from is not None
        else _url("dashboard", organisation)
    )

    def save(data: dict[str, Any]) -> Any:
        return portfolio.decision_record(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Record a board decision",
        success="Decision recorded",
        back=back,
    )


@org_view(Action.RECORD_MEASURE)
def reading_create(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.select_related("project"), organisation=organisation, pk=pk
    )
    if measure.project is not None or not can(request.user, organisation, Action.RECORD_MEASURE):
        require(request, organisation, Action.RECORD_MEASURE, project=measure.project)
    form = ReadingForm(request.POST or None)
    back = (
        _url("project", organisation, measure.project.code)
        if measure.project
        else _url("dashboard", organisation)
    )

    def save(data: dict[str, Any]) -> Any:
        return benefits.measure_record_reading(measure=measure, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a measure reading",
        caption=f"{measure.name} ({measure.unit})",
        success="Reading added",
        back=back,
    )

"""The benefits room: the savings tables, recording, correcting and carrying forward a saving,
and a measure's readings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action, can, permitted_projects, require
from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.benefits.selectors import (
    measure_in,
    savings_by_confidence,
    savings_by_directorate,
    savings_by_year,
    savings_entry,
    savings_projected,
)
from realise.finance.money import format_money
from realise.reports.confidence_tables import PAGE as CONFIDENCE_PAGE
from realise.reports.confidence_tables import (
    confidence_by_directorate_table,
    savings_by_confidence_table,
)
from realise.reports.directorate_tables import PAGE as PAGE_WORDING
from realise.reports.directorate_tables import savings_by_directorate_table, savings_projected_table
from realise.reports.savings_table import PAGE, savings_by_year_table
from realise.web.benefits.forms import CarryForwardForm, CorrectionForm, ReadingForm, SavingForm
from realise.web.figures import shown_year
from realise.web.pages import form_page, initial_project, org_view, page, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

# Savings ---------------------------------------------------------------------------------------

CLAIM_INTRO = (
    "Finance validates the savings you record as achieved: each is kept as a claim until "
    "finance validates or rejects it, and the project's page shows their decision. Put in the "
    "note what shows the saving was made (an invoice, a budget line), for finance to check."
)


@org_view()
def savings(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    by_year = savings_by_year(organisation=organisation)
    year = shown_year(request, by_year)
    confidence = savings_by_confidence(organisation=organisation, year=year)
    return page(
        request,
        organisation,
        "web/benefits/savings.html",
        savings_table=savings_by_year_table(by_year, PAGE),
        year=year,
        next_year=year + 1,
        years=[y.year for y in by_year.years],  # the plan years
        table3=savings_by_directorate_table(
            savings_by_directorate(organisation=organisation, year=year), PAGE_WORDING
        ),
        table4=savings_projected_table(
            savings_projected(organisation=organisation, year=year + 1), PAGE_WORDING
        ),
        confidence=savings_by_confidence_table(confidence, CONFIDENCE_PAGE),
        confidence_directorates=confidence_by_directorate_table(confidence, CONFIDENCE_PAGE),
        # A project lead records and carries forward savings on the projects they lead.
        may_record_some=permitted_projects(
            request.user, organisation, Action.RECORD_SAVING
        ).exists(),
    )


@org_view(Action.RECORD_SAVING)
def saving_record(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request.user, organisation, Action.RECORD_SAVING)
    statuses = benefits.recordable_statuses(organisation=organisation, by=request.user)
    claims = statuses[0] == EntryStatus.CLAIMED
    form = SavingForm(
        request.POST or None,
        organisation=organisation,
        projects=projects,
        statuses=statuses,
        initial=initial_project(request),
    )

    def save(data: dict[str, Any]) -> SavingsEntry:
        require(request.user, organisation, Action.RECORD_SAVING, project=data["project"])
        return benefits.saving_record(
            organisation=organisation,
            year=data["year"].start,
            amount=data["amount"],
            status=data["status"],
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
        intro=CLAIM_INTRO if claims else "",
        success=_recorded(request, claims),
        done=lambda e: (
            url_for("project", organisation, e.project.code)
            if e.project
            else url_for("savings", organisation)
        ),
        back=url_for("savings", organisation),
    )


def _recorded(request: HttpRequest, claims: bool) -> str:
    """What the person is told once their entry is in the ledger."""
    status = request.POST.get("status")
    if status == EntryStatus.PRESSURE:
        return "Pressure recorded"
    if status == EntryStatus.MITIGATION:
        return "Mitigation recorded"
    if claims and status == EntryStatus.CLAIMED:
        return "Saving recorded: finance will validate the claim before it counts as achieved"
    return "Saving recorded"


@org_view(Action.RECORD_SAVING)
def saving_correct(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    entry = savings_entry(organisation=organisation, pk=pk)
    if entry is None:
        raise Http404("No such savings entry")
    require(request.user, organisation, Action.RECORD_SAVING, project=entry.project)
    if not benefits.may_correct(entry=entry, by=request.user):
        raise PermissionDenied("Only someone with the finance role can correct a validated saving")
    form = CorrectionForm(request.POST or None)

    def save(data: dict[str, Any]) -> SavingsEntry:
        return benefits.saving_reverse(
            entry=entry, reason=data["reason"], recorded_on=data["recorded_on"], by=request.user
        )

    back = (
        url_for("project", organisation, entry.project.code)
        if entry.project
        else url_for("savings", organisation)
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
    projects = permitted_projects(request.user, organisation, Action.RECORD_SAVING)
    form = CarryForwardForm(request.POST or None, organisation=organisation, projects=projects)

    def save(data: dict[str, Any]) -> Any:
        require(request.user, organisation, Action.RECORD_SAVING, project=data["project"])
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
        back=url_for("savings", organisation),
    )


# Measures ------------------------------------------------------------------------


@org_view(Action.RECORD_MEASURE)
def reading_create(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    measure = measure_in(organisation=organisation, pk=pk)
    if measure is None:
        raise Http404("No such measure")
    if measure.project is not None or not can(request.user, organisation, Action.RECORD_MEASURE):
        require(request.user, organisation, Action.RECORD_MEASURE, project=measure.project)
    form = ReadingForm(request.POST or None)
    back = (
        url_for("project", organisation, measure.project.code)
        if measure.project
        else url_for("dashboard", organisation)
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

"""The settings room: the transformation office's plan years, directorates, programmes, lifecycle
stages and risk bands (Settings → People is the people room)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.benefits.services import plan_years_set
from realise.portfolio import services as portfolio
from realise.portfolio.lookups import (
    directorates,
    lifecycle_stages,
    next_directorate_order,
    next_stage_order,
    programmes,
)
from realise.portfolio.models import Organisation
from realise.risks.selectors import bands_list
from realise.risks.services import risk_bands_set
from realise.web.pages import form_page, org_view, page, url_for
from realise.web.settings.forms import BandsForm, NameForm, PlanYearsForm


@org_view(Action.MANAGE_SETTINGS)
def settings_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return page(
        request,
        organisation,
        "web/settings/settings.html",
        plan=organisation.plan_years,
        directorates=directorates(organisation=organisation),
        programmes=programmes(organisation=organisation, with_directorate=True),
        stages=lifecycle_stages(organisation=organisation),
        bands=bands_list(organisation=organisation),
    )


ADDERS = {
    "directorate": (
        "Add a directorate",
        lambda org, name: portfolio.directorate_create(
            organisation=org, name=name, order=next_directorate_order(organisation=org)
        ),
    ),
    "programme": (
        "Add a programme",
        lambda org, name: portfolio.programme_create(organisation=org, name=name),
    ),
    "stage": (
        "Add a lifecycle stage",
        lambda org, name: portfolio.lifecycle_stage_create(
            organisation=org, name=name, order=next_stage_order(organisation=org)
        ),
    ),
}


@org_view(Action.MANAGE_SETTINGS)
def settings_add(request: HttpRequest, organisation: Organisation, what: str) -> HttpResponse:
    if what not in ADDERS:
        raise Http404("No such kind of setting")
    title, add = ADDERS[what]
    back = url_for("settings", organisation)
    return form_page(
        request,
        organisation,
        NameForm(request.POST or None),
        lambda data: add(organisation, data["name"]),
        title=title,
        success=f"{title[6:].capitalize()} added",
        back=back,
    )


@org_view(Action.MANAGE_SETTINGS)
def settings_bands(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    current = bands_list(organisation=organisation)
    initial = {"bands": "\n".join(f"{b.name} {b.min_score}" for b in current)}
    back = url_for("settings", organisation)
    return form_page(
        request,
        organisation,
        BandsForm(request.POST or None, initial=initial),
        lambda data: risk_bands_set(organisation=organisation, bands=data["bands"]),
        title="Set the risk bands",
        success="Risk bands saved",
        back=back,
    )


@org_view(Action.MANAGE_SETTINGS)
def settings_plan_years(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    plan = organisation.plan_years
    initial = {"first_year": plan.first.label, "last_year": plan.last.label}
    back = url_for("settings", organisation)
    return form_page(
        request,
        organisation,
        PlanYearsForm(request.POST or None, initial=initial),
        lambda data: plan_years_set(
            organisation=organisation,
            first_year=data["first_year"],
            last_year=data["last_year"],
            by=request.user,
        ),
        title="Change the plan years",
        intro=(
            "Savings are budgeted, recorded and reported in these financial years only: Table 2, "
            "the savings chart and the annual report show each of them, and a year outside them "
            "is refused. A year that already holds savings must stay in."
        ),
        success="Plan years saved",
        back=back,
    )

"""The settings room: the transformation office's plan years, directorates, programmes, lifecycle
stages, priorities, boards, risk bands and the heat map's layout: add, rename, put in order,
retire and restore (Settings → People is the people room). Every change is one service of
``realise.portfolio.reference``, ``realise.risks.services`` or ``realise.benefits.services`` (the
plan years); only those who may manage settings (TMO admins) reach these pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.benefits.services import plan_years_set
from realise.portfolio.lookups import reference_in, reference_items
from realise.portfolio.reference import KINDS, Kind, reference_add, reference_change
from realise.risks.selectors import HeatMapRows, band_in, bands_list, heat_map_rows
from realise.risks.services import heat_map_rows_set, risk_band_change, risk_bands_set
from realise.web.pages import form_page, org_view, page, url_for
from realise.web.settings.forms import (
    IN_USE,
    RETIRED,
    BandForm,
    BandsForm,
    HeatMapForm,
    NameForm,
    PlanYearsForm,
    ReferenceForm,
)

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

# What the page says about each kind, under its heading.
ABOUT = {
    "directorate": "Savings, projects and reports are grouped by directorate.",
    "programme": "The programmes projects belong to.",
    "stage": "The stages a project moves through, in order.",
    "priority": "The council plan priorities a project serves.",
    "board": "The boards whose decisions are recorded.",
}


@org_view(Action.MANAGE_SETTINGS)
def settings_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    kinds = [
        {
            "kind": kind,
            "about": ABOUT[kind.key],
            "items": reference_items(organisation=organisation, kind=kind),
        }
        for kind in KINDS.values()
    ]
    return page(
        request,
        organisation,
        "web/settings/settings.html",
        plan=organisation.plan_years,
        kinds=kinds,
        bands=bands_list(organisation=organisation, with_retired=True),
        heat_map=HeatMapRows(heat_map_rows(organisation=organisation)).label,
    )


def _kind(what: str) -> Kind:
    if what not in KINDS:
        raise Http404("No such kind of setting")
    return KINDS[what]


@org_view(Action.MANAGE_SETTINGS)
def settings_add(request: HttpRequest, organisation: Organisation, what: str) -> HttpResponse:
    kind = _kind(what)
    return form_page(
        request,
        organisation,
        NameForm(request.POST or None),
        lambda data: reference_add(
            kind=kind, organisation=organisation, name=data["name"], by=request.user
        ),
        title=f"Add a {kind.singular}",
        success=f"{kind.singular.capitalize()} added",
        back=url_for("settings", organisation),
        intro="It goes at the end of the list: change it afterwards to move it.",
    )


@org_view(Action.MANAGE_SETTINGS)
def settings_change(
    request: HttpRequest, organisation: Organisation, what: str, pk: str
) -> HttpResponse:
    kind = _kind(what)
    listed = reference_in(organisation=organisation, kind=kind, pk=int(pk))
    if listed is None:
        raise Http404(f"No such {kind.singular}")
    item = listed.item
    initial = {
        "name": item.name,
        "position": str(listed.position),
        "retired": RETIRED if item.retired else IN_USE,
    }
    form = ReferenceForm(request.POST or None, initial=initial, places=listed.of)

    def save(data: dict[str, Any]) -> Any:
        return reference_change(
            item=item,
            name=data["name"],
            position=data["position"],
            retired=data["retired"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title=f"Change {item.name}",
        caption=kind.singular.capitalize(),
        success=f"{kind.singular.capitalize()} saved",
        back=url_for("settings", organisation),
        intro=_RETIRING,
    )


_RETIRING = (
    "Nothing is deleted. A retired one stays on every record that has it and in reports, and "
    "such a record can still be edited; it is no longer offered for new records, and can be "
    "restored at any time."
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
        lambda data: risk_bands_set(
            organisation=organisation, bands=data["bands"], by=request.user
        ),
        title="Set the risk bands",
        success="Risk bands saved",
        back=back,
    )


@org_view(Action.MANAGE_SETTINGS)
def settings_band(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    band = band_in(organisation=organisation, pk=pk)
    if band is None:
        raise Http404("No such risk band")
    initial = {
        "name": band.name,
        "min_score": band.min_score,
        "action": band.action,
        "retired": RETIRED if band.retired else IN_USE,
    }
    form = BandForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return risk_band_change(
            band=band,
            name=data["name"],
            min_score=data["min_score"],
            action=data["action"],
            retired=data["retired"],
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        form,
        save,
        title=f"Change the risk band {band.name}",
        caption="Risk band",
        success="Risk band saved",
        back=url_for("settings", organisation),
        intro="A retired band bands no risk: a score in its range falls in the band in use "
        "below it. It can be restored at any time.",
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


@org_view(Action.MANAGE_SETTINGS)
def settings_heat_map(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    initial = {"heat_map_rows": heat_map_rows(organisation=organisation)}
    return form_page(
        request,
        organisation,
        HeatMapForm(request.POST or None, initial=initial),
        lambda data: heat_map_rows_set(
            organisation=organisation, rows=data["heat_map_rows"], by=request.user
        ),
        title="Change the heat map's layout",
        intro=(
            "The heat map counts open risks by likelihood and impact. Choose the rating that runs "
            "down its side, as your council prints it: the dashboard, the risk register and the "
            "annual and risk reports all follow it."
        ),
        success="Heat map layout saved",
        back=url_for("settings", organisation),
    )

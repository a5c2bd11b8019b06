"""Settings for the transformation office: directorates, programmes, stages and risk bands."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from realise.accounts.access import Action
from realise.portfolio import services as portfolio
from realise.portfolio.models import Directorate, LifecycleStage, Organisation, Programme
from realise.risks.models import RiskBand
from realise.risks.services import risk_bands_set
from realise.web.forms import BandsForm, NameForm
from realise.web.views.common import form_page, org_view, page


@org_view(Action.MANAGE_SETTINGS)
def settings_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return page(
        request,
        organisation,
        "web/settings.html",
        directorates=Directorate.objects.filter(organisation=organisation),
        programmes=Programme.objects.filter(organisation=organisation).select_related(
            "directorate"
        ),
        stages=LifecycleStage.objects.filter(organisation=organisation),
        bands=RiskBand.objects.filter(organisation=organisation).order_by("min_score"),
    )


def _next_order(model: Any, organisation: Organisation) -> int:
    top = model.objects.filter(organisation=organisation).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


ADDERS = {
    "directorate": (
        "Add a directorate",
        lambda org, name: portfolio.directorate_create(
            organisation=org, name=name, order=_next_order(Directorate, org)
        ),
    ),
    "programme": (
        "Add a programme",
        lambda org, name: portfolio.programme_create(organisation=org, name=name),
    ),
    "stage": (
        "Add a lifecycle stage",
        lambda org, name: portfolio.lifecycle_stage_create(
            organisation=org, name=name, order=_next_order(LifecycleStage, org)
        ),
    ),
}


@org_view(Action.MANAGE_SETTINGS)
def settings_add(request: HttpRequest, organisation: Organisation, what: str) -> HttpResponse:
    if what not in ADDERS:
        raise Http404("No such kind of setting")
    title, add = ADDERS[what]
    back = reverse("web:settings", args=[organisation.slug])
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
    current = RiskBand.objects.filter(organisation=organisation).order_by("min_score")
    initial = {"bands": "\n".join(f"{b.name} {b.min_score}" for b in current)}
    back = reverse("web:settings", args=[organisation.slug])
    return form_page(
        request,
        organisation,
        BandsForm(request.POST or None, initial=initial),
        lambda data: risk_bands_set(organisation=organisation, bands=data["bands"]),
        title="Set the risk bands",
        success="Risk bands saved",
        back=back,
    )

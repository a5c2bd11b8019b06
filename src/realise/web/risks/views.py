"""The risks room: the register with its heat map and filters, adding a risk and rescoring one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import (
    Action,
    can,
    permitted_project_ids,
    permitted_projects,
    require,
)
from realise.core.concurrency import version_of
from realise.portfolio.lookups import programmes
from realise.risks import services as risks
from realise.risks.models import Risk
from realise.risks.selectors import NoRiskBands, bands_list, risk_to_change, risks_list
from realise.web.figures import heat_rows
from realise.web.pages import (
    form_page,
    initial_project,
    org_view,
    page,
    query_filters,
    started_from,
    url_for,
)
from realise.web.risks.forms import RescoreForm, RiskForm

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

RISK_QUERY = ("likelihood", "impact", "band", "status", "programme", "escalated")


@org_view()
def risk_register(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters = query_filters(request, RISK_QUERY, numbers=("likelihood", "impact", "programme"))
    try:
        register = risks_list(organisation=organisation, filters=filters)
        bands = list(bands_list(organisation=organisation))
    except NoRiskBands:
        register, bands = (), []
    return page(
        request,
        organisation,
        "web/risks/risks.html",
        risks=register,
        heat=heat_rows(organisation),
        filters=filters,
        bands=bands,
        programmes=programmes(organisation=organisation),
        filtered=any(filters.values()),
        risk_projects=_risk_projects(request, organisation),
    )


def _risk_projects(request: HttpRequest, organisation: Organisation) -> set[int]:
    """The projects whose risks the user may add and rescore without an organisation-wide grant
    (a project lead's own), so the register offers them Add a risk and Rescore there."""
    if can(request.user, organisation, Action.MANAGE_RISK):
        return set()  # ``may.manage_risk`` covers every risk
    return permitted_project_ids(request.user, organisation, Action.MANAGE_RISK)


@org_view(Action.MANAGE_RISK)
def risk_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    projects = permitted_projects(request.user, organisation, Action.MANAGE_RISK)
    form = RiskForm(
        request.POST or None,
        organisation=organisation,
        projects=projects,
        initial=initial_project(request),
    )
    # Started from a project's page: go back there, where its risks are listed.
    origin = started_from(request, organisation)

    def save(data: dict[str, Any]) -> Risk:
        require(request.user, organisation, Action.MANAGE_RISK, project=data["project"])
        return risks.risk_create(organisation=organisation, **data)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a risk",
        success="Risk added",
        done=lambda r: (
            url_for("project", organisation, origin.code)
            if origin is not None
            else url_for("risks", organisation) + f"?likelihood={r.likelihood}&impact={r.impact}"
        ),
        back=(
            url_for("project", organisation, origin.code)
            if origin is not None
            else url_for("risks", organisation)
        ),
    )


@org_view(Action.MANAGE_RISK)
def risk_rescore(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = risk_to_change(organisation=organisation, pk=pk)
    if risk is None:
        raise Http404("No such risk")
    require(request.user, organisation, Action.MANAGE_RISK, project=risk.project)
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
        back=url_for("risks", organisation),
    )

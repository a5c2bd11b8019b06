"""The risks room: the register with its heat map (current or residual scores) and filters, one
risk's page (scores, owner, review, mitigations, history in words) and adding a risk. The risk's
lifecycle forms (edit, rescore, close, reopen, escalate, mitigations) are in ``lifecycle.py``."""

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
from realise.accounts.selectors import person_in
from realise.portfolio.lookups import programmes
from realise.risks import services as risks
from realise.risks.models import Risk
from realise.risks.selectors import (
    RESIDUAL,
    NoRiskBands,
    bands_list,
    risk_to_change,
    risk_view,
    risks_list,
)
from realise.risks.timeline import risk_history
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
from realise.web.risks.forms import RiskForm

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

RISK_QUERY = (
    "likelihood",
    "impact",
    "band",
    "status",
    "programme",
    "escalated",
    "review",
    "scores",
)


@org_view()
def risk_register(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    filters = query_filters(request, RISK_QUERY, numbers=("likelihood", "impact", "programme"))
    if filters["scores"] != RESIDUAL:
        filters["scores"] = ""  # current scores, the default: not shown in links
    try:
        register = risks_list(organisation=organisation, filters=filters)
        bands = list(bands_list(organisation=organisation))
    except NoRiskBands:
        register, bands = (), []
    residual = filters["scores"] == RESIDUAL
    return page(
        request,
        organisation,
        "web/risks/risks.html",
        risks=register,
        heat=heat_rows(organisation, filters["scores"] or "current"),
        residual=residual,
        filters=filters,
        bands=bands,
        programmes=programmes(organisation=organisation),
        filtered=any(v for k, v in filters.items() if k != "scores"),
        risk_projects=_risk_projects(request, organisation),
    )


def _risk_projects(request: HttpRequest, organisation: Organisation) -> set[int]:
    """The projects whose risks the user may add and rescore without an organisation-wide grant
    (a project lead's own), so the register offers them Add a risk and Rescore there."""
    if can(request.user, organisation, Action.MANAGE_RISK):
        return set()  # ``may.manage_risk`` covers every risk
    return permitted_project_ids(request.user, organisation, Action.MANAGE_RISK)


def found_risk(organisation: Organisation, pk: int) -> Risk:
    """The council's risk ``pk`` with its version, or 404 (also for another council's)."""
    risk = risk_to_change(organisation=organisation, pk=pk)
    if risk is None:
        raise Http404("No such risk")
    return risk


@org_view()
def risk_detail(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = found_risk(organisation, pk)
    return page(
        request,
        organisation,
        "web/risks/risk.html",
        view=risk_view(risk=risk),
        risk=risk,
        history=risk_history(risk=risk),
        may_manage=can(request.user, organisation, Action.MANAGE_RISK, project=risk.project),
    )


def owner_user(organisation: Organisation, user_id: int | None) -> Any:
    """The account chosen as a risk's owner (the form offers only the council's people)."""
    return None if user_id is None else person_in(organisation=organisation, user_id=user_id)


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
        data["owner_user"] = owner_user(organisation, data["owner_user"])
        return risks.risk_create(organisation=organisation, by=request.user, **data)

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
            else url_for("risk", organisation, r.pk)
        ),
        back=(
            url_for("project", organisation, origin.code)
            if origin is not None
            else url_for("risks", organisation)
        ),
    )

"""The risks room's lifecycle forms, one service each: edit a risk (owner, review date), rescore
it (current and residual), close it with a reason, reopen it with one, escalate it to a board, add a
mitigation and mark one done. Each answers 404 for another council's risk and 403 unless the user
may manage this risk (a TMO admin, or the lead of its project); each carries the version the user
saw, so a save over someone else's newer change is refused with what they changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from realise.accounts.access import Action, require
from realise.core.concurrency import version_of
from realise.risks import services as risks
from realise.risks.models import Risk
from realise.risks.selectors import mitigation_to_change
from realise.web.pages import form_page, org_view, url_for
from realise.web.risks.forms import (
    CloseForm,
    EscalateForm,
    MitigationDoneForm,
    MitigationForm,
    ReopenForm,
    RescoreForm,
    RiskEditForm,
)
from realise.web.risks.views import found_risk, owner_user

EDITED = ("title", "cause", "effect", "owner", "review_on", "mitigations")

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def _managed(request: HttpRequest, organisation: Organisation, pk: int) -> Risk:
    """The council's risk ``pk`` (404 otherwise), if the user may manage it (403 otherwise)."""
    risk = found_risk(organisation, pk)
    require(request.user, organisation, Action.MANAGE_RISK, project=risk.project)
    return risk


def _risk_form(
    request: HttpRequest,
    organisation: Organisation,
    risk: Risk,
    form: Any,
    save: Any,
    **options: Any,
) -> HttpResponse:
    """A lifecycle form of ``risk``: back to the risk's page, and there once saved."""
    here = url_for("risk", organisation, risk.pk)
    return form_page(request, organisation, form, save, caption=risk.title, back=here, **options)


@org_view(Action.MANAGE_RISK)
def risk_edit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    initial = {name: getattr(risk, name) for name in EDITED}
    initial |= {"owner_user": risk.owner_user_id, "version": version_of(risk)}
    form = RiskEditForm(request.POST or None, organisation=organisation, initial=initial)

    def save(data: dict[str, Any]) -> Risk:
        changes = {name: data[name] for name in EDITED}
        changes["owner_user"] = owner_user(organisation, data["owner_user"])
        return risks.risk_update(
            risk=risk, seen_version=data["version"], changes=changes, by=request.user
        )

    return _risk_form(
        request, organisation, risk, form, save, title="Edit the risk", success="Risk saved"
    )


@org_view(Action.MANAGE_RISK)
def risk_rescore(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    form = RescoreForm(
        request.POST or None,
        initial={
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "target_likelihood": risk.target_likelihood,
            "target_impact": risk.target_impact,
            "version": version_of(risk),
        },
    )

    def save(data: dict[str, Any]) -> Risk:
        return risks.risk_rescore(
            risk=risk,
            likelihood=data["likelihood"],
            impact=data["impact"],
            target_likelihood=data["target_likelihood"],
            target_impact=data["target_impact"],
            seen_version=data["version"],
            by=request.user,
        )

    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Rescore a risk",
        intro=(
            f"Now likelihood {risk.likelihood} and impact {risk.impact}: score {risk.score}. "
            f"Once mitigated (residual): likelihood {risk.target_likelihood} and impact "
            f"{risk.target_impact}: score {risk.target_score}."
        ),
        success="Risk rescored",
    )


@org_view(Action.MANAGE_RISK)
def risk_close(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    form = CloseForm(request.POST or None, initial={"version": version_of(risk)})

    def save(data: dict[str, Any]) -> Risk:
        return risks.risk_close(
            risk=risk, reason=data["reason"], seen_version=data["version"], by=request.user
        )

    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Close the risk",
        intro="A closed risk leaves the heat map; you can reopen it later.",
        submit="Close the risk",
        success="Risk closed",
    )


@org_view(Action.MANAGE_RISK)
def risk_reopen(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    form = ReopenForm(request.POST or None, initial={"version": version_of(risk)})

    def save(data: dict[str, Any]) -> Risk:
        return risks.risk_reopen(
            risk=risk, reason=data["reason"], seen_version=data["version"], by=request.user
        )

    reason = f"It was closed because: {risk.closed_reason} " if risk.closed_reason else ""
    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Reopen the risk",
        intro=f"{reason}Reopened, it counts in the heat map again with its last scores.",
        submit="Reopen the risk",
        success="Risk reopened",
    )


@org_view(Action.MANAGE_RISK)
def risk_escalate(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    initial = {"version": version_of(risk)}
    form = EscalateForm(request.POST or None, organisation=organisation, initial=initial)

    def save(data: dict[str, Any]) -> Risk:
        return risks.risk_escalate(
            risk=risk, board=data["board"], seen_version=data["version"], by=request.user
        )

    now = f"It is escalated to {risk.escalated_to}. " if risk.escalated_to else ""
    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Escalate the risk to a board",
        intro=f"{now}The board is named on the risk and in the register.",
        submit="Escalate the risk",
        success="Risk escalated",
    )


@org_view(Action.MANAGE_RISK)
def mitigation_add(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    form = MitigationForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return risks.mitigation_add(risk=risk, by=request.user, **data)

    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Add a mitigation",
        submit="Add the mitigation",
        success="Mitigation added",
    )


@org_view(Action.MANAGE_RISK)
def mitigation_done(
    request: HttpRequest, organisation: Organisation, pk: int, action_pk: int
) -> HttpResponse:
    risk = _managed(request, organisation, pk)
    action = mitigation_to_change(risk=risk, pk=action_pk)
    if action is None:
        raise Http404("No such mitigation")
    form = MitigationDoneForm(request.POST or None, initial={"version": version_of(action)})

    def save(data: dict[str, Any]) -> Any:
        return risks.mitigation_done(
            mitigation=action, seen_version=data["version"], by=request.user
        )

    return _risk_form(
        request,
        organisation,
        risk,
        form,
        save,
        title="Mark the mitigation done",
        intro=f"“{action.action}” will be recorded as done today.",
        submit="Mark it done",
        success="Mitigation marked done",
    )

"""Recording a board's approval of a stored case, in two steps: the form (the option, where each
line the case places in no directorate of the council lands, the board, the date), then a check
page with the savings targets the approval will set by year and directorate, to the penny, what
each target of the version in force becomes, the lines that make no target and the staff and
cost budgets; the approval is recorded only from there (one service, ``case_approve``). TMO
admins only; 404 for another council's case."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from realise.accounts.access import Action, require
from realise.cases import services
from realise.cases.documents import Document
from realise.cases.models import Case, CaseVersion
from realise.cases.plans import (
    ApprovalPlan,
    TargetChange,
    approval_plan,
    kind_name,
    lines_to_place,
)
from realise.cases.selectors import case_versions, version_document
from realise.finance.appraisal.plan import CHANGED, NEW, REMOVED, STAFF
from realise.finance.casefile import CaseFileError
from realise.finance.money import format_money
from realise.finance.tables import fte_text
from realise.web.cases.forms import ApproveForm
from realise.web.cases.stored import found_case
from realise.web.forms import apply_errors
from realise.web.pages import org_view, page, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

PREVIEW, CONFIRM, CHANGE = "preview", "confirm", "change"
INTRO = (
    "The board's decision is recorded with the option it approved, and the option becomes the "
    "plan: its savings targets by financial year and directorate, and its staff and cost "
    "budgets. The version approved before, if any, is superseded and its targets re-baselined. "
    "Next you can check the targets before you record the approval."
)


def _money(amount: Decimal) -> str:
    return format_money(amount, places=2)


def _read(latest: CaseVersion | None) -> Document | None:
    if latest is None:
        return None
    try:
        return version_document(version=latest)
    except CaseFileError:
        return None


def _options(document: Document | None) -> list[tuple[str, str]]:
    """The options (scenarios) of the submitted version, to choose the one approved."""
    if document is None:
        return []
    return [
        (o.id, f"{o.name}: {o.description}" if o.description else o.name) for o in document.options
    ]


def _where(change: TargetChange) -> str:
    if change.project is not None:
        return f"{change.project.code} {change.project.name} ({change.directorate.name})"
    return change.directorate.name


def _what(change: TargetChange) -> str:
    before = _money(change.before or Decimal(0))
    if change.action == NEW:
        return "New target"
    if change.action == CHANGED:
        return f"Re-baselined from {before}"
    if change.action == REMOVED:
        return f"Set to £0.00 from {before}: the new version has no such saving"
    return "Unchanged"


HOW = {
    "chosen": "Chosen for this approval",
    "named in the case": "Named in the case",
    "the project's": "The project's directorate",
    "the programme's": "The programme's directorate",
}


def preview(plan: ApprovalPlan) -> dict[str, Any]:
    """The check page's tables: the targets by year and directorate (with a total per year),
    each line's saving per year, the lines that make no target, and the budgets by year."""
    years = [row.year for row in plan.result.years]
    targets: list[dict[str, Any]] = []
    totals: dict[str, Decimal] = {}
    for change in sorted(plan.changes, key=lambda c: c.year):
        label = change.year.label
        totals[label] = totals.get(label, Decimal(0)) + change.after
        targets.append(
            {
                "year": label,
                "where": _where(change),
                "kind": kind_name(change.kind),
                "amount": _money(change.after),
                "what": _what(change),
            }
        )
    lines = [
        {
            "name": placed.line.name,
            "where": placed.directorate.name if placed.directorate else "",
            "how": HOW.get(placed.how, ""),
            "amounts": [_money(a) for a in placed.line.amounts],
        }
        for placed in plan.placed
    ]
    budgets = []
    for year in years:
        staff = cost = Decimal(0)
        for budget in plan.budgets:
            if budget.year == year and budget.kind == STAFF:
                staff += budget.amount
            elif budget.year == year:
                cost += budget.amount
        budgets.append({"year": year.label, "fte": fte_text(staff), "cost": _money(cost)})
    return {
        "targets": targets,
        "totals": [{"year": y, "amount": _money(a)} for y, a in totals.items()],
        "years": [y.label for y in years],
        "lines": lines,
        "untargeted": [line.name for line in plan.untargeted],
        "budgets": budgets,
        "rebaselines": plan.in_force is not None,
    }


def _form_page(
    request: HttpRequest,
    organisation: Organisation,
    form: ApproveForm,
    number: int,
    case: Case,
    *,
    refused: bool = True,
) -> HttpResponse:
    """The form; 400 when a POST was refused (200 when shown again to change it)."""
    response = page(
        request,
        organisation,
        "web/form_page.html",
        form=form,
        title=f"Record the approval of version {number}",
        caption=case.title,
        back=url_for("business_case_stored", organisation, case.pk),
        submit="Continue",
        intro=INTRO,
        stale=None,
    )
    response.status_code = 400 if request.method == "POST" and refused else 200
    return response


@org_view(Action.DECIDE_CASE)
def business_case_approve(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    case = found_case(organisation, pk)
    require(request.user, organisation, Action.DECIDE_CASE, project=case.project)
    versions = case_versions(case=case)
    latest = versions[0] if versions else None
    document = _read(latest)
    places = lines_to_place(case=case, document=document) if document is not None else ()
    form = ApproveForm(
        request.POST or None,
        organisation=organisation,
        options=_options(document),
        places=places,
        initial={"latest": latest.number if latest else None},
    )
    here = url_for("business_case_stored", organisation, case.pk)
    number = latest.number if latest else 0
    step = request.POST.get("step", PREVIEW)
    # Back from the check page ("Change"), the form is shown as it was filled in.
    if request.method != "POST" or step == CHANGE or not form.is_valid():
        return _form_page(request, organisation, form, number, case, refused=step != CHANGE)
    data = form.cleaned_data
    chosen = form.directorates(data["option"])
    try:
        if step == CONFIRM:
            services.case_approve(
                case=case,
                option=data["option"],
                board=data["board"],
                decided_on=data["decided_on"],
                text=data["text"],
                directorates=chosen,
                seen=data["latest"],
                by=request.user,
            )
            messages.success(request, f"Version {number} recorded as approved")
            return redirect(here)
        version = services.case_to_approve(case=case, seen=data["latest"])
        plan = approval_plan(
            case=case,
            version=version,
            document=document or version_document(version=version),
            option=data["option"],
            directorates=chosen,
        )
        plan.refuse()
    except ValidationError as error:
        apply_errors(form, error)
        return _form_page(request, organisation, form, number, case)
    posted = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "step")
        for value in values
    ]
    return page(
        request,
        organisation,
        "web/cases/approve_check.html",
        case=case,
        number=number,
        option=plan.option_name,
        board=data["board"],
        decided_on=data["decided_on"],
        text=data["text"],
        posted=posted,
        back=here,
        **preview(plan),
    )

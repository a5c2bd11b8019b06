"""What the business-case editor's pages share: the person's own draft found (or 404) with their
right to change its case checked, the draft read as a case, the address of a draft's page, a
form page that changes the draft through ``draft_services.draft_change`` with each problem the
rules find shown on its field (or said with where it is), a confirmation page, and the words for
a case's parts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from realise.accounts.access import Action, require
from realise.cases import draft_services
from realise.cases.models import CaseDraft
from realise.cases.selectors import (
    draft_appraisal,
    draft_in,
)
from realise.finance.appraisal import edit
from realise.finance.appraisal.engine import (
    compare,
    run_appraisal,
)
from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    DiscountSchedule,
    PercentOf,
    Phased,
    Ramp,
    Staged,
)
from realise.finance.casefile import CaseFileError
from realise.finance.model import Problem
from realise.finance.money import format_money
from realise.web.cases.editor_forms import (
    EditorForm,
    percent_text,
)
from realise.web.forms import apply_errors
from realise.web.pages import form_page, page, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

GROUP_TITLES = {"costs": "Costs", "offsets": "Budgets released", "benefits": "Benefits"}
GROUP_ONE = {"costs": "cost", "offsets": "budget released", "benefits": "benefit"}
MILLION, THOUSAND = Decimal(1_000_000), Decimal(1000)


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button does it."""


def confirm_form(request: HttpRequest) -> ConfirmForm:
    return ConfirmForm(request.POST if request.method == "POST" else None)


# Finding the draft, and who may edit it.


def the_draft(request: HttpRequest, organisation: Organisation, pk: int) -> CaseDraft:
    """The user's own draft ``pk`` (404 otherwise), if they may still edit its case (403)."""
    draft = draft_in(organisation=organisation, user=request.user, pk=pk)
    if draft is None:
        raise Http404("No such draft")
    if draft.case is not None:
        require(request.user, organisation, Action.EDIT_CASE, project=draft.case.project)
    return draft


def opened(draft: CaseDraft) -> Appraisal:
    try:
        return draft_appraisal(draft=draft)
    except CaseFileError:  # a draft this installation can no longer read
        raise Http404("This draft can no longer be read: discard it and start again") from None


def index_of(number: int, items: tuple[Any, ...]) -> int:
    """The index of item ``number`` (counted from 1, as the addresses count), or 404."""
    if not 1 <= number <= len(items):
        raise Http404("No such item")
    return number - 1


def group_of(group: str) -> str:
    if group not in edit.GROUPS:
        raise Http404("No such part of an option")
    return group


def draft_url(organisation: Organisation, draft: CaseDraft, *parts: Any) -> str:
    """The address of a page of the draft: ``draft_url(o, d)`` its overview, ``draft_url(o, d, 2)``
    option 2's page."""
    if not parts:
        return url_for("case_draft", organisation, draft.pk)
    return url_for("case_draft_option", organisation, draft.pk, parts[0])


# Problems found by the rules, shown where they belong.


def show_problems(
    form: EditorForm, case: Appraisal, problems: list[Problem], prefix: tuple[Any, ...]
) -> None:
    """Each problem on the field that shows it, or on the form as a whole, saying where."""
    for problem in problems:
        path = tuple(problem.path)
        message = problem.message[:1].upper() + problem.message[1:]
        name = form.field_for(path[len(prefix) :]) if path[: len(prefix)] == prefix else None
        if name is not None and name in form.fields:
            form.add_error(name, message)
            if len(path) == len(prefix) + 1:  # about a whole row of years, not one of them
                form.wide.add(message)
            continue
        where = edit.place(case, path)
        form.add_error(None, f"{where}: {problem.message}" if where else message)


def placed(case: Appraisal, refused: draft_services.DraftRefused) -> ValidationError:
    """A refusal as messages saying where each problem is, for a form with no fields."""
    said = []
    for problem in refused.problems:
        where = edit.place(case, problem.path)
        said.append(f"{where}: {problem.message}" if where else problem.message)
    return ValidationError(said)


def edit_page(
    request: HttpRequest,
    organisation: Organisation,
    draft: CaseDraft,
    form: EditorForm,
    change: Callable[[dict[str, Any]], Appraisal],
    *,
    prefix: tuple[Any, ...],
    title: str,
    back: str,
    success: str,
    caption: str = "",
    submit: str = "Save and continue",
    intro: str = "",
) -> HttpResponse:
    """GET shows ``form``; a valid POST makes the draft ``change(cleaned_data)`` through the
    draft service and goes back with ``success``; a refusal shows each problem on its field
    (``prefix`` is where in the case the form's part is), with the error summary (400)."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changed = change(form.cleaned_data)
            try:
                draft_services.draft_change(draft=draft, appraisal=changed, by=request.user)
            except draft_services.DraftRefused as refused:
                show_problems(form, changed, refused.problems, prefix)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, success)
                return redirect(back)
    response = page(
        request,
        organisation,
        "web/cases/editor/form.html",
        form=form,
        draft=draft,
        title=title,
        caption=caption or draft.title,
        back=back,
        submit=submit,
        intro=intro,
    )
    response.status_code = status
    return response


def confirm_page(
    request: HttpRequest,
    organisation: Organisation,
    draft: CaseDraft,
    case: Appraisal,
    changed: Appraisal,
    *,
    title: str,
    intro: str,
    submit: str,
    success: str,
    back: str,
    done: str,
) -> HttpResponse:
    """A removal: a button to confirm, then the draft changed (or why it cannot be)."""

    def save(_: dict[str, Any]) -> None:
        try:
            draft_services.draft_change(draft=draft, appraisal=changed, by=request.user)
        except draft_services.DraftRefused as refused:
            raise placed(case, refused) from None

    return form_page(
        request,
        organisation,
        confirm_form(request),
        save,
        title=title,
        intro=intro,
        submit=submit,
        success=success,
        caption=draft.title,
        back=back,
        done=lambda _: done,
    )


# The draft's pages.


def money_text(value: Decimal) -> str:
    return format_money(value)


def profile_text(profile: Any, case: Appraisal) -> str:
    """How a line's money falls across the years, in words: ``£300,000 in 2026/27; £120,000 in
    2027/28``, ``£85,000 a year from 2027/28``, ``£150,000 a year in full: 33.33% in 2027/28,
    66.67% in 2028/29, 100% in 2029/30``."""
    if isinstance(profile, Amounts):
        parts = [f"{money_text(v)} in {y.label}" for y, v in sorted(profile.by_year.items())]
        return "; ".join(parts) or "No amounts yet"
    if isinstance(profile, Annual):
        until = f" to {profile.last.label}" if profile.last else ""
        return f"{money_text(profile.amount)} a year from {profile.first.label}{until}"
    shares = ", ".join(
        f"{percent_text(s)}% in {y.label}" for y, s in sorted(profile.shares.items())
    )
    if isinstance(profile, Phased):
        return f"{money_text(profile.total)} in all: {shares}"
    value = profile.full_value
    if isinstance(value, PercentOf):
        names = {b.id: b.name for b in case.baselines}
        kept = f", {percent_text(value.retention)}% kept" if value.retention != 1 else ""
        full = (
            f"{percent_text(value.percent)}% of {names.get(value.baseline, value.baseline)}{kept}"
        )
    else:
        full = f"{money_text(value)} a year"
    how = "earned" if isinstance(profile, Ramp) else "starting"
    assert isinstance(profile, Ramp | Staged)
    return f"{full} in full; share {how}: {shares}"


def rate_text(case: Appraisal) -> str:
    if isinstance(case.discount_rate, DiscountSchedule):
        return "The Green Book rate: 3.5% a year, 3% a year after 30 years"
    return f"{percent_text(case.discount_rate)}% a year"


def bias_text(costs: Decimal, benefits: Decimal) -> str:
    if not costs and not benefits:
        return "None"
    return f"Costs raised by {percent_text(costs)}%, benefits reduced by {percent_text(benefits)}%"


def role_text(option: Any) -> str:
    if option.preferred:
        return "Preferred option"
    return "Do nothing" if option.do_nothing else "Option"


def summaries(case: Appraisal) -> list[dict[str, Any]]:
    results = run_appraisal(case)
    versus = {c.option.option.id: c.npv for c in compare(case, results)}
    return [
        {
            "number": index + 1,
            "option": result.option,
            "role": role_text(result.option),
            "result": result,
            "net_cost": result.total_cost - result.total_offsets,
            "versus": versus.get(result.option.id),
        }
        for index, result in enumerate(results)
    ]

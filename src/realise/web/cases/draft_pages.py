"""The editor's pages of a draft: its overview (settings, baselines and the options side by side),
the case's settings, a baseline, an option and its costs, budgets released and benefits, each
added, changed or removed through the draft service (``editing.edit_page``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse

from realise.accounts.access import Action
from realise.cases.selectors import draft_audit
from realise.finance.appraisal import edit
from realise.finance.appraisal.engine import (
    BENEFIT,
    COST,
    OFFSET,
    run_appraisal,
)
from realise.finance.appraisal.model import (
    Appraisal,
)
from realise.finance.appraisal.tables import CATEGORY_LABELS
from realise.web.cases.editing import (
    GROUP_ONE,
    GROUP_TITLES,
    bias_text,
    confirm_page,
    draft_url,
    edit_page,
    group_of,
    index_of,
    opened,
    profile_text,
    rate_text,
    role_text,
    summaries,
    the_draft,
)
from realise.web.cases.editor_forms import (
    BaselineForm,
    OptionForm,
    SettingsForm,
    taken_ids,
)
from realise.web.cases.line_forms import LINE_FORMS
from realise.web.pages import org_view, page

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


@org_view(Action.EDIT_CASE)
def case_draft(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    return page(
        request,
        organisation,
        "web/cases/editor/draft.html",
        draft=draft,
        case=case,
        rate=rate_text(case),
        bias=bias_text(case.optimism_bias.costs, case.optimism_bias.benefits),
        summaries=summaries(case),
        has_do_nothing=case.do_nothing is not None,
        carried=bool(case.layers or case.levels or case.published),
        audit=draft_audit(case=case),
    )


@org_view(Action.EDIT_CASE)
def case_draft_settings(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    form = SettingsForm(request.POST or None, initial=SettingsForm.initial_for(case))
    return edit_page(
        request,
        organisation,
        draft,
        form,
        lambda _: form.applied(case),
        prefix=(),
        title="The case's settings",
        back=draft_url(organisation, draft),
        success="Settings saved",
    )


@org_view(Action.EDIT_CASE)
def case_draft_baseline(
    request: HttpRequest, organisation: Organisation, pk: int, number: int | None = None
) -> HttpResponse:
    """Add a baseline (no ``number``) or change baseline ``number``."""
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = None if number is None else index_of(number, case.baselines)
    current = None if index is None else case.baselines[index]
    initial = BaselineForm.initial_for(current) if current else {}
    form = BaselineForm(request.POST or None, initial=initial)

    def change(data: dict[str, Any]) -> Appraisal:
        baseline_id = (
            current.id if current else edit.new_id(data["name"], taken_ids(case.baselines))
        )
        return edit.put_baseline(case, form.baseline(baseline_id), index)

    at = len(case.baselines) if index is None else index
    return edit_page(
        request,
        organisation,
        draft,
        form,
        change,
        prefix=("baselines", at),
        title="Add a baseline" if current is None else f"Change the baseline “{current.name}”",
        intro="A baseline is a spend or budget a benefit can be a percentage of, such as the "
        "addressable third-party spend.",
        back=draft_url(organisation, draft),
        success="Baseline saved",
    )


@org_view(Action.EDIT_CASE)
def case_draft_baseline_remove(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = index_of(number, case.baselines)
    name = case.baselines[index].name
    here = draft_url(organisation, draft)
    return confirm_page(
        request,
        organisation,
        draft,
        case,
        edit.drop_baseline(case, index),
        title=f"Remove the baseline “{name}”?",
        intro="A benefit that is a percentage of it must be changed first.",
        submit="Remove the baseline",
        success=f"Baseline “{name}” removed",
        back=here,
        done=here,
    )


@org_view(Action.EDIT_CASE)
def case_draft_option_details(
    request: HttpRequest, organisation: Organisation, pk: int, number: int | None = None
) -> HttpResponse:
    """Add an option (no ``number``) or change option ``number``'s name, kind and bias."""
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = None if number is None else index_of(number, case.options)
    current = None if index is None else case.options[index]
    form = OptionForm(request.POST or None, initial=OptionForm.initial_for(current))

    def change(data: dict[str, Any]) -> Appraisal:
        from realise.finance.appraisal.model import Option

        option = current or Option(id=edit.new_id(data["name"], taken_ids(case.options)), name="")
        return edit.put_option(case, form.option(option), index)

    at = len(case.options) if index is None else index
    back = (
        draft_url(organisation, draft) if index is None else draft_url(organisation, draft, at + 1)
    )
    return edit_page(
        request,
        organisation,
        draft,
        form,
        change,
        prefix=("options", at),
        title="Add an option" if current is None else f"Change “{current.name}”",
        back=back,
        success="Option saved",
    )


@org_view(Action.EDIT_CASE)
def case_draft_option_remove(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = index_of(number, case.options)
    name = case.options[index].name
    return confirm_page(
        request,
        organisation,
        draft,
        case,
        edit.drop_option(case, index),
        title=f"Remove “{name}”?",
        intro="Its costs, budgets released and benefits are removed with it.",
        submit="Remove the option",
        success=f"“{name}” removed",
        back=draft_url(organisation, draft, number),
        done=draft_url(organisation, draft),
    )


@org_view(Action.EDIT_CASE)
def case_draft_option(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """An option: what it is, and its costs, budgets released and benefits."""
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = index_of(number, case.options)
    option = case.options[index]
    result = run_appraisal(case)[index]
    # Each line's total as written, before optimism bias (the figures page shows the bias).
    totals = {(line.group, line.id): sum(line.written, Decimal(0)) for line in result.lines}
    groups = []
    for group, kind in zip(edit.GROUPS, (COST, OFFSET, BENEFIT), strict=True):
        rows = []
        for line_number, line in enumerate(edit.lines(case, index, group), start=1):
            rows.append(
                {
                    "number": line_number,
                    "line": line,
                    "what": _line_kind(line),
                    "profile": profile_text(line.profile, case),
                    "total": totals.get((kind, line.id)),
                }
            )
        groups.append(
            {"key": group, "title": GROUP_TITLES[group], "one": GROUP_ONE[group], "rows": rows}
        )
    bias = option.optimism_bias
    return page(
        request,
        organisation,
        "web/cases/editor/option.html",
        draft=draft,
        case=case,
        number=number,
        option=option,
        role=role_text(option),
        bias=bias_text(bias.costs, bias.benefits) if bias else "The case's",
        groups=groups,
        released=[lid for lid in option.releases],
    )


def _line_kind(line: Any) -> str:
    kind = getattr(line, "kind", None)
    if kind is not None:
        recurrence = "recurring" if line.recurrence.value == "recurring" else "one-off"
        return f"{CATEGORY_LABELS[kind.value]}, {recurrence}"
    benefit = getattr(line, "type", None)
    if benefit is not None:
        said = CATEGORY_LABELS[benefit.value]
        return f"{said}, {line.directorate}" if line.directorate else said
    return "Budget released"


@org_view(Action.EDIT_CASE)
def case_draft_line(
    request: HttpRequest,
    organisation: Organisation,
    pk: int,
    number: int,
    group: str,
    line: int | None = None,
) -> HttpResponse:
    """Add a line to option ``number``'s ``group`` (no ``line``) or change line ``line``."""
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    option = index_of(number, case.options)
    group = group_of(group)
    existing = edit.lines(case, option, group)
    index = None if line is None else index_of(line, existing)
    current = None if index is None else existing[index]
    form_class = LINE_FORMS[group]
    form = form_class(
        request.POST or None,
        initial=form_class.initial_for(current),  # type: ignore[attr-defined]
        years=case.years,
        baselines=case.baselines,
    )

    def change(data: dict[str, Any]) -> Appraisal:
        line_id = current.id if current else edit.new_id(data["name"], taken_ids(existing))
        return edit.put_line(case, option, group, form.line(line_id), index)  # type: ignore[attr-defined]

    at = len(existing) if index is None else index
    one = GROUP_ONE[group]
    return edit_page(
        request,
        organisation,
        draft,
        form,
        change,
        prefix=("options", option, group, at),
        title=f"Add a {one}" if current is None else f"Change the {one} “{current.name}”",
        caption=case.options[option].name,
        back=draft_url(organisation, draft, number),
        success=f"{one[:1].upper()}{one[1:]} saved",
        intro=_line_intro(group),
    )


def _line_intro(group: str) -> str:
    return {
        "costs": "Type amounts in pounds. A cost is never negative: money an option saves from an "
        "existing budget is a budget released.",
        "offsets": "An existing budget the option releases, such as the licence of a system it "
        "replaces: it reduces the option's net cost.",
        "benefits": "Type amounts in pounds. A benefit can be a percentage of a baseline, such as "
        "10% of the addressable spend.",
    }[group]


@org_view(Action.EDIT_CASE)
def case_draft_line_remove(
    request: HttpRequest, organisation: Organisation, pk: int, number: int, group: str, line: int
) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    option = index_of(number, case.options)
    group = group_of(group)
    index = index_of(line, edit.lines(case, option, group))
    name = edit.lines(case, option, group)[index].name
    here = draft_url(organisation, draft, number)
    return confirm_page(
        request,
        organisation,
        draft,
        case,
        edit.drop_line(case, option, group, index),
        title=f"Remove the {GROUP_ONE[group]} “{name}”?",
        intro=f"It is removed from {case.options[option].name}.",
        submit=f"Remove the {GROUP_ONE[group]}",
        success=f"“{name}” removed",
        back=here,
        done=here,
    )

"""The business-case editor: write a case in forms, no spreadsheet skills needed.

A person starts a draft (blank, from an example, from an uploaded file of either format, or from
a stored case's latest version), then edits it page by page: the case's settings, its baselines,
its options and each option's costs, budgets released and benefits. Every change is checked by
the rules of a case (``realise.finance.appraisal.rules``, through ``services.draft_change``) and
a refused one comes back with an error summary linking to the field. Each option's figures (the
yearly table, category totals, the cumulative net J-curve with its table, NPV and payback, and
the comparison with doing nothing) are worked out from the draft as it stands. The draft can be
downloaded as a file and is saved as a version with a note; until then it is its writer's alone.

Who may: whoever may store and change business cases (``Action.EDIT_CASE``); a project lead
on their own projects' cases."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from realise.accounts.access import Action, can, permitted_projects, require
from realise.cases import services
from realise.cases.drafts import STARTERS, blank_text, starter
from realise.cases.models import Case, CaseDraft
from realise.cases.selectors import (
    case_versions,
    draft_appraisal,
    draft_for_case,
    draft_in,
    drafts_of,
    version_document,
)
from realise.finance.appraisal import edit
from realise.finance.appraisal.engine import (
    BENEFIT,
    COST,
    OFFSET,
    OptionResult,
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
from realise.finance.appraisal.tables import CATEGORY_LABELS, category_totals, option_rows
from realise.finance.appraisal.upgrade import to_format_1
from realise.finance.audit import audit_case
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError
from realise.finance.model import Problem
from realise.finance.money import format_money
from realise.portfolio.lookups import programmes
from realise.reports.charts import Series, line_chart
from realise.web.cases.editor_forms import (
    LINE_FORMS,
    BaselineForm,
    EditorForm,
    OptionForm,
    SettingsForm,
    percent_text,
    taken_ids,
)
from realise.web.cases.forms import CaseFileField
from realise.web.cases.stored import found_case
from realise.web.forms import OrganisationForm, apply_errors, model_choice
from realise.web.pages import form_page, org_view, page, today, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

GROUP_TITLES = {"costs": "Costs", "offsets": "Budgets released", "benefits": "Benefits"}
GROUP_ONE = {"costs": "cost", "offsets": "budget released", "benefits": "benefit"}
MILLION, THOUSAND = Decimal(1_000_000), Decimal(1000)


# Forms of this page that are not about the case's content.


class StartForm(forms.Form):
    start = forms.ChoiceField(
        label="How do you want to start?",
        widget=forms.RadioSelect,
        choices=[("blank", "A blank case")] + [(s.id, s.name) for s in STARTERS],
        error_messages={"required": "Choose how to start"},
    )


class UploadForm(forms.Form):
    service_fields: ClassVar[dict[str, str]] = {"document": "file"}
    file = CaseFileField(
        label="Upload a business-case file (YAML)",
        help_text="A Realise business-case file of either format, up to 512 KB",
    )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button does it."""


def _confirm(request: HttpRequest) -> ConfirmForm:
    return ConfirmForm(request.POST if request.method == "POST" else None)


class SaveForm(OrganisationForm):
    service_fields: ClassVar[dict[str, str]] = {"seen": "note", "document": "note"}
    project = model_choice("Project", help_text="The project the case is for")
    programme = model_choice("Programme", help_text="Or the programme, for a programme's case")
    note = forms.CharField(
        label="What this version is, or what changed and why",
        max_length=2000,
        widget=forms.Textarea,
        help_text="For example: costs revised after the supplier's quote",
        error_messages={"required": "Say what this version is, or what changed and why"},
    )

    def __init__(
        self, *args: Any, new_case: bool, projects: Any, offer_programmes: bool, **kw: Any
    ):
        super().__init__(*args, **kw)
        if not new_case:
            del self.fields["project"], self.fields["programme"]
            return
        self.choose("project", projects, empty="No project")
        if offer_programmes:
            self.choose(
                "programme",
                programmes(organisation=self.organisation, offered=True),
                empty="No programme",
            )
        else:
            del self.fields["programme"]  # a project lead stores cases of their own projects
            self.fields["project"].required = True


# Finding the draft, and who may edit it.


def _draft(request: HttpRequest, organisation: Organisation, pk: int) -> CaseDraft:
    """The user's own draft ``pk`` (404 otherwise), if they may still edit its case (403)."""
    draft = draft_in(organisation=organisation, user=request.user, pk=pk)
    if draft is None:
        raise Http404("No such draft")
    if draft.case is not None:
        require(request.user, organisation, Action.EDIT_CASE, project=draft.case.project)
    return draft


def _open(draft: CaseDraft) -> Appraisal:
    try:
        return draft_appraisal(draft=draft)
    except CaseFileError:  # a draft this installation can no longer read
        raise Http404("This draft can no longer be read: discard it and start again") from None


def _index(number: int, items: tuple[Any, ...]) -> int:
    """The index of item ``number`` (counted from 1, as the addresses count), or 404."""
    if not 1 <= number <= len(items):
        raise Http404("No such item")
    return number - 1


def _group(group: str) -> str:
    if group not in edit.GROUPS:
        raise Http404("No such part of an option")
    return group


def _here(organisation: Organisation, draft: CaseDraft, *parts: Any) -> str:
    """The address of a page of the draft: ``_here(o, d)`` its overview, ``_here(o, d, 2)``
    option 2's page."""
    if not parts:
        return url_for("case_draft", organisation, draft.pk)
    return url_for("case_draft_option", organisation, draft.pk, parts[0])


# Problems found by the rules, shown where they belong.


def _show_problems(
    form: EditorForm, case: Appraisal, problems: list[Problem], prefix: tuple[Any, ...]
) -> None:
    """Each problem on the field that shows it, or on the form as a whole, saying where."""
    for problem in problems:
        path = tuple(problem.path)
        name = form.field_for(path[len(prefix) :]) if path[: len(prefix)] == prefix else None
        if name is not None and name in form.fields:
            form.add_error(name, problem.message)
            continue
        where = edit.place(case, path)
        message = problem.message[:1].upper() + problem.message[1:]
        form.add_error(None, f"{where}: {problem.message}" if where else message)


def _placed(case: Appraisal, refused: services.DraftRefused) -> ValidationError:
    """A refusal as messages saying where each problem is, for a form with no fields."""
    said = []
    for problem in refused.problems:
        where = edit.place(case, problem.path)
        said.append(f"{where}: {problem.message}" if where else problem.message)
    return ValidationError(said)


def _edit_page(
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
                services.draft_change(draft=draft, appraisal=changed, by=request.user)
            except services.DraftRefused as refused:
                _show_problems(form, changed, refused.problems, prefix)
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


def _confirm_page(
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
            services.draft_change(draft=draft, appraisal=changed, by=request.user)
        except services.DraftRefused as refused:
            raise _placed(case, refused) from None

    return form_page(
        request,
        organisation,
        _confirm(request),
        save,
        title=title,
        intro=intro,
        submit=submit,
        success=success,
        caption=draft.title,
        back=back,
        done=lambda _: done,
    )


# Starting a draft.


@org_view(Action.EDIT_CASE)
def editor_start(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Your drafts, and a new one: blank, from an example, or from a file."""
    form = StartForm(request.POST or None)
    upload = UploadForm()
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["start"]
        if chosen == "blank":
            text = blank_text(edit.blank(organisation.name, FinancialYear.containing(today())))
            started = "a blank case"
        else:
            example = starter(chosen)
            assert example is not None  # the form's choices are the starters
            text, started = example.text, f"the example “{example.name}”"
        return _started(request, organisation, text, started, source=f"{chosen}.yaml")
    return _start_page(request, organisation, form, upload)


def _start_page(
    request: HttpRequest, organisation: Organisation, form: StartForm, upload: UploadForm
) -> HttpResponse:
    response = page(
        request,
        organisation,
        "web/cases/editor/start.html",
        form=form,
        upload=upload,
        errors_of=[f for f in (form, upload) if f.errors],
        drafts=drafts_of(organisation=organisation, user=request.user),
        starters=STARTERS,
    )
    if request.method == "POST":
        response.status_code = 400
    return response


def _started(
    request: HttpRequest,
    organisation: Organisation,
    text: str,
    started: str,
    *,
    source: str,
    case: Case | None = None,
) -> HttpResponse:
    draft = services.draft_start(
        organisation=organisation,
        document=text,
        source=source,
        started_from=started,
        case=case,
        by=request.user,
    )
    messages.success(request, f"Draft started from {started}")
    return redirect(_here(organisation, draft))


@org_view(Action.EDIT_CASE)
def editor_upload(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """A draft from a file of either format (a format 1 file is upgraded, nothing lost)."""
    upload = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        text, name = upload.cleaned_data["file"]
        try:
            return _started(request, organisation, text, f"the file {name}", source=name)
        except ValidationError as error:
            apply_errors(upload, error)
    return _start_page(request, organisation, StartForm(), upload)


@org_view(Action.EDIT_CASE)
def editor_from_case(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Edit a stored case: its latest version as a draft (or the draft already started)."""
    case = found_case(organisation, pk)
    require(request.user, organisation, Action.EDIT_CASE, project=case.project)
    started = draft_for_case(case=case, user=request.user)
    if started is not None:
        return redirect(_here(organisation, started))
    versions = case_versions(case=case)
    latest = versions[0] if versions else None
    if latest is None:
        raise Http404("This case has no version to edit")

    def start(_: dict[str, Any]) -> CaseDraft:
        text = version_document(version=latest).text
        return services.draft_start(
            organisation=organisation,
            document=text,
            source=latest.source or f"version {latest.number}",
            started_from=f"version {latest.number}",
            case=case,
            by=request.user,
        )

    return form_page(
        request,
        organisation,
        _confirm(request),
        start,
        title=f"Edit version {latest.number} in the editor",
        caption=case.title,
        intro=f"A draft is made from version {latest.number}, for you alone. Change it page by "
        "page, see its figures, then save it as the next version with a note. Until then the "
        "case and its versions stay as they are.",
        submit="Start editing",
        success=f"Draft started from version {latest.number}",
        back=url_for("business_case_stored", organisation, case.pk),
        done=lambda draft: _here(organisation, draft),
    )


# The draft's pages.


def _money(value: Decimal) -> str:
    return format_money(value)


def profile_text(profile: Any, case: Appraisal) -> str:
    """How a line's money falls across the years, in words: ``£300,000 in 2026/27; £120,000 in
    2027/28``, ``£85,000 a year from 2027/28``, ``£150,000 a year in full: 33.33% in 2027/28,
    66.67% in 2028/29, 100% in 2029/30``."""
    if isinstance(profile, Amounts):
        parts = [f"{_money(v)} in {y.label}" for y, v in sorted(profile.by_year.items())]
        return "; ".join(parts) or "No amounts yet"
    if isinstance(profile, Annual):
        until = f" to {profile.last.label}" if profile.last else ""
        return f"{_money(profile.amount)} a year from {profile.first.label}{until}"
    shares = ", ".join(
        f"{percent_text(s)}% in {y.label}" for y, s in sorted(profile.shares.items())
    )
    if isinstance(profile, Phased):
        return f"{_money(profile.total)} in all: {shares}"
    value = profile.full_value
    if isinstance(value, PercentOf):
        names = {b.id: b.name for b in case.baselines}
        kept = f", {percent_text(value.retention)}% kept" if value.retention != 1 else ""
        full = (
            f"{percent_text(value.percent)}% of {names.get(value.baseline, value.baseline)}{kept}"
        )
    else:
        full = f"{_money(value)} a year"
    how = "earned" if isinstance(profile, Ramp) else "starting"
    assert isinstance(profile, Ramp | Staged)
    return f"{full} in full; share {how}: {shares}"


def _rate_text(case: Appraisal) -> str:
    if isinstance(case.discount_rate, DiscountSchedule):
        return "The Green Book rate: 3.5% a year, 3% a year after 30 years"
    return f"{percent_text(case.discount_rate)}% a year"


def _bias_text(costs: Decimal, benefits: Decimal) -> str:
    if not costs and not benefits:
        return "None"
    return f"Costs raised by {percent_text(costs)}%, benefits reduced by {percent_text(benefits)}%"


def _role(option: Any) -> str:
    if option.preferred:
        return "Preferred option"
    return "Do nothing" if option.do_nothing else "Option"


def _summaries(case: Appraisal) -> list[dict[str, Any]]:
    results = run_appraisal(case)
    versus = {c.option.option.id: c.npv for c in compare(case, results)}
    return [
        {
            "number": index + 1,
            "option": result.option,
            "role": _role(result.option),
            "result": result,
            "net_cost": result.total_cost - result.total_offsets,
            "versus": versus.get(result.option.id),
        }
        for index, result in enumerate(results)
    ]


@org_view(Action.EDIT_CASE)
def case_draft(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    as_format_1 = to_format_1(case)
    published = as_format_1 is not None and bool(
        as_format_1.published or as_format_1.published_sums
    )
    return page(
        request,
        organisation,
        "web/cases/editor/draft.html",
        draft=draft,
        case=case,
        rate=_rate_text(case),
        bias=_bias_text(case.optimism_bias.costs, case.optimism_bias.benefits),
        summaries=_summaries(case),
        has_do_nothing=case.do_nothing is not None,
        carried=bool(case.layers or case.levels or case.published),
        xlsx=as_format_1 is not None,
        audit=audit_case(as_format_1) if published else None,
    )


@org_view(Action.EDIT_CASE)
def case_draft_settings(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    form = SettingsForm(request.POST or None, initial=SettingsForm.initial_for(case))
    return _edit_page(
        request,
        organisation,
        draft,
        form,
        lambda _: form.applied(case),
        prefix=(),
        title="The case's settings",
        back=_here(organisation, draft),
        success="Settings saved",
    )


@org_view(Action.EDIT_CASE)
def case_draft_baseline(
    request: HttpRequest, organisation: Organisation, pk: int, number: int | None = None
) -> HttpResponse:
    """Add a baseline (no ``number``) or change baseline ``number``."""
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = None if number is None else _index(number, case.baselines)
    current = None if index is None else case.baselines[index]
    initial = BaselineForm.initial_for(current) if current else {}
    form = BaselineForm(request.POST or None, initial=initial)

    def change(data: dict[str, Any]) -> Appraisal:
        baseline_id = (
            current.id if current else edit.new_id(data["name"], taken_ids(case.baselines))
        )
        return edit.put_baseline(case, form.baseline(baseline_id), index)

    at = len(case.baselines) if index is None else index
    return _edit_page(
        request,
        organisation,
        draft,
        form,
        change,
        prefix=("baselines", at),
        title="Add a baseline" if current is None else f"Change the baseline “{current.name}”",
        intro="A baseline is a spend or budget a benefit can be a percentage of, such as the "
        "addressable third-party spend.",
        back=_here(organisation, draft),
        success="Baseline saved",
    )


@org_view(Action.EDIT_CASE)
def case_draft_baseline_remove(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = _index(number, case.baselines)
    name = case.baselines[index].name
    here = _here(organisation, draft)
    return _confirm_page(
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
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = None if number is None else _index(number, case.options)
    current = None if index is None else case.options[index]
    form = OptionForm(request.POST or None, initial=OptionForm.initial_for(current))

    def change(data: dict[str, Any]) -> Appraisal:
        from realise.finance.appraisal.model import Option

        option = current or Option(id=edit.new_id(data["name"], taken_ids(case.options)), name="")
        return edit.put_option(case, form.option(option), index)

    at = len(case.options) if index is None else index
    back = _here(organisation, draft) if index is None else _here(organisation, draft, at + 1)
    return _edit_page(
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
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = _index(number, case.options)
    name = case.options[index].name
    return _confirm_page(
        request,
        organisation,
        draft,
        case,
        edit.drop_option(case, index),
        title=f"Remove “{name}”?",
        intro="Its costs, budgets released and benefits are removed with it.",
        submit="Remove the option",
        success=f"“{name}” removed",
        back=_here(organisation, draft, number),
        done=_here(organisation, draft),
    )


@org_view(Action.EDIT_CASE)
def case_draft_option(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """An option: what it is, and its costs, budgets released and benefits."""
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = _index(number, case.options)
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
        role=_role(option),
        bias=_bias_text(bias.costs, bias.benefits) if bias else "The case's",
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
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    option = _index(number, case.options)
    group = _group(group)
    existing = edit.lines(case, option, group)
    index = None if line is None else _index(line, existing)
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
    return _edit_page(
        request,
        organisation,
        draft,
        form,
        change,
        prefix=("options", option, group, at),
        title=f"Add a {one}" if current is None else f"Change the {one} “{current.name}”",
        caption=case.options[option].name,
        back=_here(organisation, draft, number),
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
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    option = _index(number, case.options)
    group = _group(group)
    index = _index(line, edit.lines(case, option, group))
    name = edit.lines(case, option, group)[index].name
    here = _here(organisation, draft, number)
    return _confirm_page(
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


# Figures.


def _j_curve(result: OptionResult, slug: str) -> str:
    years = result.years
    values = [y.cumulative_net for y in years]
    big = max((abs(v) for v in values), default=Decimal(0)) >= MILLION
    unit, scale = ("£m", MILLION) if big else ("£k", THOUSAND)
    paid = result.payback.year
    highlight = next((i for i, y in enumerate(years) if y.year == paid), None)
    said = f"it {result.payback.phrase}"
    return line_chart(
        chart_id=f"jcurve-{slug}",
        title=f"Cumulative net: {result.option.name}",
        description=f"Cumulative benefits less cumulative net cost by year, in {unit}; {said}. "
        "The table after the chart gives the figures.",
        categories=[y.year.label for y in years],
        series=[Series("Cumulative net", [v / scale for v in values])],
        unit=unit,
        highlight=highlight,
        highlight_label=f"Payback {paid.label}" if paid else "",
    )


@org_view(Action.EDIT_CASE)
def case_draft_figures(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """An option's figures: totals, NPV, payback, the J-curve, and the table by year."""
    draft = _draft(request, organisation, pk)
    case = _open(draft)
    index = _index(number, case.options)
    results = run_appraisal(case)
    result = results[index]
    versus = next((c for c in compare(case, results) if c.option is result), None)
    rows = [
        {
            "label": row.label,
            "values": row.values,
            "total": row.total,
            "level": row.level,
            "kind": row.kind,
        }
        for row in option_rows(result)
    ]
    return page(
        request,
        organisation,
        "web/cases/editor/figures.html",
        draft=draft,
        case=case,
        number=number,
        result=result,
        years=case.years,
        rows=rows,
        categories=category_totals(result),
        chart=mark_safe(_j_curve(result, slugify(result.option.id) or "option")),
        versus=versus,
        versus_rows=list(zip(case.years, versus.net_by_year, strict=True)) if versus else [],
        cash_differs=result.cash_npv != result.npv,
    )


# The file, the workbook, saving and discarding.


@org_view(Action.EDIT_CASE)
def case_draft_file(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = _draft(request, organisation, pk)
    response = HttpResponse(draft.document, content_type="application/yaml; charset=utf-8")
    name = f"{slugify(draft.title) or 'business-case'}-draft.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@org_view(Action.EDIT_CASE)
def case_draft_workbook(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    from realise.web.cases.views import workbook

    draft = _draft(request, organisation, pk)
    # The case workbook is written for format 1: a draft that says only what format 1 can.
    case = to_format_1(_open(draft))
    if case is None:
        raise Http404("This case uses what the workbook cannot show yet")
    return workbook(case, f"{slugify(draft.title) or 'business-case'}-draft.xlsx")


@org_view(Action.EDIT_CASE)
def case_draft_save(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = _draft(request, organisation, pk)
    new_case = draft.case is None
    form = SaveForm(
        request.POST or None,
        organisation=organisation,
        new_case=new_case,
        projects=permitted_projects(request.user, organisation, Action.EDIT_CASE),
        offer_programmes=can(request.user, organisation, Action.EDIT_CASE),
    )

    def save(data: dict[str, Any]) -> Case:
        if new_case:
            require(request.user, organisation, Action.EDIT_CASE, project=data.get("project"))
        return services.draft_save(
            draft=draft,
            note=data["note"],
            project=data.get("project"),
            programme=data.get("programme"),
            by=request.user,
        )

    if new_case:
        title, intro = (
            "Save as a new business case",
            "The case is stored with this draft as version 1, a draft version for the case's "
            "board to consider once submitted.",
        )
    else:
        title, intro = (
            "Save as a new version",
            f"The draft becomes the next version of “{draft.case}”, a draft version; the "
            "versions before it are kept as they were.",
        )
    return form_page(
        request,
        organisation,
        form,
        save,
        title=title,
        intro=intro,
        caption=draft.title,
        submit="Save the version",
        success="Saved as a new version" if not new_case else "Business case stored",
        back=_here(organisation, draft),
        done=lambda case: url_for("business_case_stored", organisation, case.pk),
    )


@org_view(Action.EDIT_CASE)
def case_draft_discard(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = _draft(request, organisation, pk)

    def discard(_: dict[str, Any]) -> None:
        services.draft_discard(draft=draft, by=request.user)

    return form_page(
        request,
        organisation,
        _confirm(request),
        discard,
        title="Discard the draft?",
        intro="Everything in it since it was started is lost. The stored case and its versions "
        "stay as they are.",
        caption=draft.title,
        submit="Discard the draft",
        success="Draft discarded",
        back=_here(organisation, draft),
        done=lambda _: url_for("case_editor", organisation),
    )

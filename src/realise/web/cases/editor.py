"""The business-case editor: write a case in forms, no spreadsheet skills needed. This module
starts a draft and finishes it; the draft's own pages are ``draft_pages`` and ``draft_figures``.

A person starts a draft (blank, from an example, from an uploaded file of either format, or from
a stored case's latest version), then edits it page by page: the case's settings, its baselines,
its options and each option's costs, budgets released and benefits. Every change is checked by
the rules of a case (``realise.finance.appraisal.rules``, through
``draft_services.draft_change``) and a refused one comes back with an error summary linking to
the field. Each option's figures (the yearly table, category totals, the cumulative net J-curve
with its table, NPV and payback, and the comparison with doing nothing) are worked out from the
draft as it stands. The draft can be downloaded as a file (and, when it says only what format 1
can, as the case workbook) and is saved as a version with a note; until then it is its writer's
alone.

Who may: whoever may store and change business cases (``Action.EDIT_CASE``); a project lead
on their own projects' cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

from realise.accounts.access import Action, can, permitted_projects, require
from realise.cases import draft_services
from realise.cases.drafts import STARTERS, blank_text, starter
from realise.cases.models import Case, CaseDraft
from realise.cases.selectors import (
    case_versions,
    draft_for_case,
    drafts_of,
)
from realise.finance.appraisal import edit
from realise.finance.calendar import FinancialYear
from realise.portfolio.lookups import programmes
from realise.web.cases.editing import (
    confirm_form,
    draft_url,
    the_draft,
)
from realise.web.cases.forms import CaseFileField
from realise.web.cases.stored import found_case
from realise.web.forms import OrganisationForm, apply_errors, model_choice
from realise.web.pages import form_page, org_view, page, today, url_for

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

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
        label="Upload a business-case file or workbook",
        help_text="A Realise business-case file of either format (YAML, up to 512 KB), or the "
        "workbook (.xlsx or .ods) Realise exports of a case",
    )


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
    draft = draft_services.draft_start(
        organisation=organisation,
        document=text,
        source=source,
        started_from=started,
        case=case,
        by=request.user,
    )
    messages.success(request, f"Draft started from {started}")
    return redirect(draft_url(organisation, draft))


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
        return redirect(draft_url(organisation, started))
    versions = case_versions(case=case)
    latest = versions[0] if versions else None
    if latest is None:
        raise Http404("This case has no version to edit")

    def start(_: dict[str, Any]) -> CaseDraft:
        return draft_services.draft_from_case(case=case, by=request.user)

    return form_page(
        request,
        organisation,
        confirm_form(request),
        start,
        title=f"Edit version {latest.number} in the editor",
        caption=case.title,
        intro=f"A draft is made from version {latest.number}, for you alone. Change it page by "
        "page, see its figures, then save it as the next version with a note. Until then the "
        "case and its versions stay as they are.",
        submit="Start editing",
        success=f"Draft started from version {latest.number}",
        back=url_for("business_case_stored", organisation, case.pk),
        done=lambda draft: draft_url(organisation, draft),
    )


# The file, the workbook, saving and discarding.


@org_view(Action.EDIT_CASE)
def case_draft_file(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
    response = HttpResponse(draft.document, content_type="application/yaml; charset=utf-8")
    name = f"{slugify(draft.title) or 'business-case'}-draft.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@org_view(Action.EDIT_CASE)
def case_draft_workbook(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """The draft as the format 2 workbook of live formulas, which the editor reads back."""
    from realise.reports.case_files import draft_workbook
    from realise.web.cases.views import workbook_response

    draft = the_draft(request, organisation, pk)
    name = f"{slugify(draft.title) or 'business-case'}-draft.xlsx"
    return workbook_response(draft_workbook(draft=draft), name)


@org_view(Action.EDIT_CASE)
def case_draft_save(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = the_draft(request, organisation, pk)
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
        return draft_services.draft_save(
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
        back=draft_url(organisation, draft),
        done=lambda case: url_for("business_case_stored", organisation, case.pk),
    )


@org_view(Action.EDIT_CASE)
def case_draft_discard(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    draft = the_draft(request, organisation, pk)

    def discard(_: dict[str, Any]) -> None:
        draft_services.draft_discard(draft=draft, by=request.user)

    return form_page(
        request,
        organisation,
        confirm_form(request),
        discard,
        title="Discard the draft?",
        intro="Everything in it since it was started is lost. The stored case and its versions "
        "stay as they are.",
        caption=draft.title,
        submit="Discard the draft",
        success="Draft discarded",
        back=draft_url(organisation, draft),
        done=lambda _: url_for("case_editor", organisation),
    )

"""Forms for the web pages. They validate what people type and hand clean values to one service;
the service's own ``ValidationError`` (e.g. "more than the £5,000 left in the fund") is put back
on the matching field so the error summary can link to it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from realise.benefits.models import EntryStatus, SavingKind
from realise.funding.models import Fund
from realise.portfolio.models import (
    Board,
    ConfidenceRating,
    DecisionKind,
    Directorate,
    LifecycleStage,
    Organisation,
    Programme,
    Project,
    ProjectStatus,
)
from realise.risks.selectors import IMPACT_NAMES, LIKELIHOOD_NAMES
from realise.web.widgets import GovukDateField, MoneyField, NumberField, YearField

LIKELIHOODS = [("", "Choose a likelihood")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(LIKELIHOOD_NAMES, start=1)
]
IMPACTS = [("", "Choose an impact")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(IMPACT_NAMES, start=1)
]


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form's fields (or the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class OrganisationForm(forms.Form):
    """A form whose choices come from one organisation only."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def choose(self, name: str, queryset: Any, *, empty: str, projects: Any = None) -> None:
        field = self.fields[name]
        field.queryset = queryset if projects is None else projects  # type: ignore[attr-defined]
        field.empty_label = empty  # type: ignore[attr-defined]


def _model_choice(label: str, *, required: bool = False, help_text: str = "") -> Any:
    return forms.ModelChoiceField(
        queryset=Directorate.objects.none(),
        label=label,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Choose the {label.lower()}",
            "invalid_choice": f"Choose a {label.lower()} from the list",
        },
    )


class VersionedForm(forms.Form):
    """A form that edits a record: it carries the version of the record the user opened, so a
    save over someone else's newer change is refused (docs/adr/0006-concurrent-edits.md)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProjectForm(OrganisationForm, VersionedForm):
    code = forms.CharField(
        label="Project code",
        max_length=40,
        help_text="A short reference, for example AH-04",
        error_messages={"required": "Enter a project code"},
    )
    name = forms.CharField(
        label="Project name", max_length=200, error_messages={"required": "Enter a project name"}
    )
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea)
    directorate = _model_choice("Directorate", help_text="Leave empty for whole-council work")
    programme = _model_choice("Programme")
    confidence = forms.ChoiceField(
        label="Delivery confidence",
        required=False,
        choices=[("", "Not rated"), *ConfidenceRating.choices],
    )
    lead_officer = forms.CharField(label="Lead officer", max_length=200, required=False)
    planned_start = GovukDateField(
        label="Planned start", required=False, label_text="planned start"
    )
    planned_end = GovukDateField(label="Planned end", required=False, label_text="planned end")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        self.choose("directorate", Directorate.objects.filter(organisation=org), empty="None")
        self.choose("programme", Programme.objects.filter(organisation=org), empty="None")


class StageForm(OrganisationForm, VersionedForm):
    stage = _model_choice("New stage", required=True)
    on = GovukDateField(label="Date of the move", label_text="date of the move")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stages = LifecycleStage.objects.filter(organisation=self.organisation)
        self.choose("stage", stages, empty="Choose a stage")
        self.fields["on"].required = True
        self.fields["on"].error_messages["required"] = "Enter the date of the move"


class StatusForm(VersionedForm):
    status = forms.ChoiceField(
        label="New status",
        choices=ProjectStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the new status"},
    )
    on = GovukDateField(
        label="Date of the change",
        label_text="date of the change",
        help_text="For a complete or stopped project this is its actual end date",
        error_messages={"required": "Enter the date of the change"},
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)


class SavingForm(OrganisationForm):
    project = _model_choice(
        "Project", help_text="Leave empty for a saving that belongs to no single project"
    )
    directorate = _model_choice(
        "Directorate", help_text="Only for a saving with no project: a project's own is used"
    )
    year = YearField(
        label="Financial year", error_messages={"required": "Choose the financial year"}
    )
    status = forms.ChoiceField(
        label="Achieved or forecast",
        choices=EntryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the saving is achieved or forecast"},
    )
    kind = forms.ChoiceField(label="Kind of saving", choices=SavingKind.choices)
    amount = MoneyField(
        label="Amount in pounds",
        help_text="For example 12,500 or 12,500.50",
        error_messages={"required": "Enter the amount saved"},
    )
    recorded_on = GovukDateField(
        label="Date recorded",
        label_text="date recorded",
        help_text="For example 31 3 2023",
        error_messages={"required": "Enter the date the saving is recorded as of"},
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        self.choose("project", projects, empty="No single project")
        self.choose("directorate", Directorate.objects.filter(organisation=org), empty="None")


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Why is this entry wrong?",
        widget=forms.Textarea,
        help_text="The entry is cancelled by a reversing entry; record the right figure anew",
        error_messages={"required": "Say why the entry is reversed"},
    )
    recorded_on = GovukDateField(
        label="Date of the correction",
        label_text="date of the correction",
        error_messages={"required": "Enter the date of the correction"},
    )


class CarryForwardForm(OrganisationForm):
    project = _model_choice("Project", help_text="Leave empty for a directorate's saving")
    directorate = _model_choice("Directorate", help_text="Needed when no project is chosen")
    from_year = YearField(
        label="Year it fell short in",
        error_messages={"required": "Choose the year it fell short in"},
    )
    to_year = YearField(
        label="Year it moves to", error_messages={"required": "Choose the year it moves to"}
    )
    amount = MoneyField(
        label="Amount in pounds",
        help_text="No more than what is still to carry forward from that year: its budget and "
        "what was carried into it, less what was achieved, less what has already been carried "
        "forward (Table 3 shows each directorate's under-achievement)",
        error_messages={"required": "Enter the amount carried forward"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        error_messages={"required": "Say why the saving is carried forward"},
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("project", projects, empty="No single project")
        self.choose(
            "directorate", Directorate.objects.filter(organisation=self.organisation), empty="None"
        )


class RiskForm(OrganisationForm):
    title = forms.CharField(
        label="Risk", max_length=200, error_messages={"required": "Enter the risk"}
    )
    project = _model_choice("Project", help_text="Leave empty for a programme risk")
    programme = _model_choice("Programme", help_text="Needed when the risk has no project")
    likelihood = forms.TypedChoiceField(
        label="Likelihood",
        choices=LIKELIHOODS,
        coerce=int,
        error_messages={"required": "Choose the likelihood"},
    )
    impact = forms.TypedChoiceField(
        label="Impact",
        choices=IMPACTS,
        coerce=int,
        error_messages={"required": "Choose the impact"},
    )
    owner = forms.CharField(label="Owner", max_length=200, required=False)
    mitigations = forms.CharField(label="Mitigations", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("project", projects, empty="No project")
        self.choose(
            "programme", Programme.objects.filter(organisation=self.organisation), empty="None"
        )


class RescoreForm(VersionedForm):
    likelihood = RiskForm.base_fields["likelihood"]
    impact = RiskForm.base_fields["impact"]


class DecisionForm(OrganisationForm):
    board = _model_choice("Board", required=True)
    decided_on = GovukDateField(
        label="Date of the decision",
        label_text="date of the decision",
        error_messages={"required": "Enter the date of the decision"},
    )
    kind = forms.ChoiceField(label="Kind of decision", choices=DecisionKind.choices)
    text = forms.CharField(
        label="What was decided",
        widget=forms.Textarea,
        error_messages={"required": "Say what was decided"},
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=Project.objects.none(),
        label="Projects it concerns",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose(
            "board", Board.objects.filter(organisation=self.organisation), empty="Choose a board"
        )
        self.fields["projects"].queryset = Project.objects.filter(organisation=self.organisation)  # type: ignore[attr-defined]


class BidForm(OrganisationForm):
    fund = _model_choice("Fund", required=True)
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the bid"}
    )
    project = _model_choice("Project")
    amount = MoneyField(
        label="Amount asked for, in pounds",
        error_messages={"required": "Enter the amount asked for"},
    )
    purpose = forms.CharField(label="Purpose", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        self.choose("fund", Fund.objects.filter(organisation=org), empty="Choose a fund")
        self.choose("project", Project.objects.filter(organisation=org), empty="No project")


class GrantForm(OrganisationForm):
    funder = forms.CharField(
        label="Funder", max_length=200, error_messages={"required": "Enter the funder"}
    )
    scheme = forms.CharField(label="Scheme", max_length=200, required=False)
    amount = MoneyField(
        label="Amount in pounds", error_messages={"required": "Enter the amount of the grant"}
    )
    awarded_on = GovukDateField(label="Date awarded", label_text="date awarded", required=False)
    project = _model_choice("Project")
    purpose = forms.CharField(label="Purpose", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose(
            "project", Project.objects.filter(organisation=self.organisation), empty="No project"
        )


class ReadingForm(forms.Form):
    taken_on = GovukDateField(
        label="Date of the reading",
        label_text="date of the reading",
        error_messages={"required": "Enter the date of the reading"},
    )
    value = NumberField(
        label="Value",
        max_digits=14,
        decimal_places=2,
        error_messages={"required": "Enter the value", "invalid": "Enter a number, like 87.5"},
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)


class NameForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name"}
    )


class BandsForm(forms.Form):
    bands = forms.CharField(
        label="Risk bands",
        widget=forms.Textarea,
        help_text="One band a line: its name and the score it starts at, for example "
        "“high 15”. The lowest band starts at 1.",
        error_messages={"required": "Enter at least one band"},
    )

    def clean_bands(self) -> dict[str, int]:
        bands: dict[str, int] = {}
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _, start = line.strip().rpartition(" ")
            if not name or not start.isdigit():
                raise ValidationError(
                    f"Line {number}: write the band's name then its starting score, like “high 15”"
                )
            if name.strip() in bands:
                raise ValidationError(
                    f"Line {number}: two risk bands have the same name, “{name.strip()}”"
                )
            bands[name.strip()] = int(start)
        return bands


class CaseUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a business-case file",
        required=False,
        help_text="A YAML file in the Realise business-case format, up to 512 KB",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,text/yaml"}),
    )

    govuk_kind = "file"

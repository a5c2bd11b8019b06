"""The benefits room's forms: recording, correcting and carrying forward a saving, and a
measure's reading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms

from realise.benefits.models import EntryStatus, SavingKind
from realise.portfolio.lookups import directorates
from realise.web.forms import OrganisationForm, model_choice
from realise.web.widgets import GovukDateField, MoneyField, NumberField, YearField

# What each status is called where a saving is recorded: a claim is an achieved saving that
# finance has still to validate; a pressure or a mitigation is column C of the council's
# monitoring (ADR 0029).
STATUS_LABELS = {
    EntryStatus.ACHIEVED: "Achieved (validated)",
    EntryStatus.CLAIMED: "Achieved: claimed, for finance to validate",
    EntryStatus.FORECAST: "Forecast",
    EntryStatus.PRESSURE: "In-year pressure: adds to the saving still to be met",
    EntryStatus.MITIGATION: "Mitigation: reduces the saving still to be met",
}


class SavingForm(OrganisationForm):
    # The savings services' name for the year.
    service_fields: ClassVar[dict[str, str]] = {"financial_year": "year"}

    project = model_choice(
        "Project", help_text="Leave empty for a saving that belongs to no single project"
    )
    directorate = model_choice(
        "Directorate", help_text="Only for a saving with no project: a project's own is used"
    )
    year = YearField(
        label="Financial year", error_messages={"required": "Choose the financial year"}
    )
    status = forms.ChoiceField(
        label="Achieved, forecast, pressure or mitigation",
        choices=EntryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether the saving is achieved or forecast, or a pressure or "
            "mitigation",
            "invalid_choice": "Choose one of the options shown: you cannot record a saving as "
            "validated, so record it as claimed and finance will validate it",
        },
    )
    kind = forms.ChoiceField(label="Kind of saving", choices=SavingKind.choices)
    amount = MoneyField(
        label="Amount in pounds",
        help_text="For example 12,500 or 12,500.50. Enter a pressure as an amount over £0 too: "
        "Realise shows it as negative",
        error_messages={"required": "Enter the amount saved"},
    )
    recorded_on = GovukDateField(
        label="Date recorded",
        label_text="date recorded",
        help_text="For example 31 3 2023",
        error_messages={"required": "Enter the date the saving is recorded as of"},
    )
    note = forms.CharField(
        label="Note or reason",
        required=False,
        widget=forms.Textarea,
        help_text="For a pressure or a mitigation, say why it arose: the savings tables give it "
        "as a reason for under-delivery",
    )

    def __init__(self, *args: Any, projects: Any, statuses: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        # Only the statuses this person may record (asked of the services, which ask the gateway).
        self.fields["status"].choices = [(s, STATUS_LABELS[s]) for s in statuses]  # type: ignore[attr-defined]
        self.fields["status"].initial = statuses[0]
        self.choose("project", projects, empty="No single project")
        self.choose("directorate", directorates(organisation=org, offered=True), empty="None")
        self.offer_plan_years("year")


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
    project = model_choice("Project", help_text="Leave empty for a directorate's saving")
    directorate = model_choice("Directorate", help_text="Needed when no project is chosen")
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
        "what was carried into it, less what was achieved, less its pressures and mitigations, "
        "less what has already been carried forward (Table 3 shows each directorate's "
        "under-achievement)",
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
        offered = directorates(organisation=self.organisation, offered=True)
        self.choose("directorate", offered, empty="None")
        self.offer_plan_years("from_year", "to_year")


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


class ClaimFilterForm(forms.Form):
    """The claims queue's filters (GET): each offers only what the claims waiting have."""

    directorate = forms.ChoiceField(label="Directorate", required=False)
    project = forms.ChoiceField(label="Project", required=False)
    year = forms.ChoiceField(label="Financial year", required=False)
    claimed_by = forms.ChoiceField(label="Claimed by", required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.choices = [("", "All"), *choices.get(name, [])]  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why is the claim rejected?",
        widget=forms.Textarea,
        help_text="The person who claimed it sees this on the project's page, for example "
        "\u201cNo invoice for the contract saving: attach it and claim again\u201d",
        error_messages={"required": "Say why the claim is rejected"},
    )

    def __init__(self, *args: Any, several: bool = False, **kwargs: Any) -> None:
        """``several``: one reason for several claims, and the form says so."""
        super().__init__(*args, **kwargs)
        if several:
            reason = self.fields["reason"]
            reason.label = "Why are these claims rejected?"
            reason.help_text = "Each person who claimed one sees this reason on the project's page"
            reason.error_messages["required"] = "Say why the claims are rejected"

"""The portfolio room's forms: a project, its stage and status, and a board decision."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.portfolio.lookups import (
    boards,
    directorates,
    lifecycle_stages,
    people,
    priorities,
    programmes,
    projects,
)
from realise.portfolio.models import ConfidenceRating, DecisionKind, ProjectStatus
from realise.web.forms import OrganisationForm, VersionedForm, model_choice
from realise.web.widgets import GovukDateField


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
    directorate = model_choice(
        "Directorate", help_text="Choose Whole council for work across the whole council"
    )
    programme = model_choice("Programme")
    priorities = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Council plan priorities",
        help_text="The priorities this project serves",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose priorities from the list"},
    )
    lead_user = model_choice(
        "Project lead",
        help_text="The person who may edit the project and record its savings: someone with "
        "access to this council (a TMO admin adds people in Settings)",
    )
    lead_officer = forms.CharField(
        label="Lead officer's name",
        max_length=200,
        required=False,
        help_text="Shown as the lead only when no project lead is chosen, for example someone "
        "who does not use Realise",
    )
    confidence = forms.ChoiceField(
        label="Delivery confidence",
        required=False,
        choices=[("", "Not rated"), *ConfidenceRating.choices],
    )
    planned_start = GovukDateField(
        label="Planned start", required=False, label_text="planned start"
    )
    planned_end = GovukDateField(label="Planned end", required=False, label_text="planned end")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        # What is in use, and what the project already has (kept even if since retired).
        held = {f: self.initial.get(f) for f in ("directorate", "programme")}
        self.choose(
            "directorate",
            directorates(organisation=org, offered=True, keeping=held["directorate"]),
            empty="Whole council",
        )
        self.choose(
            "programme",
            programmes(organisation=org, offered=True, keeping=held["programme"]),
            empty="Not in a programme",
        )
        self.fields["priorities"].queryset = priorities(  # type: ignore[attr-defined]
            organisation=org, offered=True, keeping=_pks(self.initial.get("priorities"))
        )
        self.choose("lead_user", people(organisation=org), empty="Not chosen")
        self.fields["lead_user"].label_from_instance = _person  # type: ignore[attr-defined]

    def without_lead(self) -> None:
        """For someone who may edit the project but not choose who leads it."""
        del self.fields["lead_user"]


def _pks(held: Any) -> list[object]:
    """The ids of the priorities a project has, however the form was given them."""
    return [getattr(item, "pk", item) for item in (held or ())]


def _person(user: Any) -> str:
    """A person as the lead choices show them: the council's name for them and their address."""
    address = user.email or user.get_username()
    return address if user.shown_name == address else f"{user.shown_name} ({address})"


class StageForm(OrganisationForm, VersionedForm):
    stage = model_choice("New stage", required=True)
    on = GovukDateField(label="Date of the move", label_text="date of the move")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stages = lifecycle_stages(organisation=self.organisation, offered=True)
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


class DecisionForm(OrganisationForm):
    board = model_choice("Board", required=True)
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
        queryset=None,
        label="Projects it concerns",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = boards(organisation=self.organisation, offered=True)
        self.choose("board", offered, empty="Choose a board")
        self.fields["projects"].queryset = projects(organisation=self.organisation)  # type: ignore[attr-defined]

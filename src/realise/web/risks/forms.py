"""The risks room's forms: a new risk, an edit, a rescore (current and residual), closing,
reopening and escalating one, and a mitigation."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.portfolio.lookups import boards, programmes
from realise.risks.selectors import IMPACT_NAMES, LIKELIHOOD_NAMES, people_to_choose
from realise.web.forms import OrganisationForm, VersionedForm, model_choice
from realise.web.widgets import GovukDateField

LIKELIHOODS = [("", "Choose a likelihood")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(LIKELIHOOD_NAMES, start=1)
]
IMPACTS = [("", "Choose an impact")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(IMPACT_NAMES, start=1)
]


def _rating(label: str, choices: list[tuple[str, str]], *, required: bool = True) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={"required": f"Choose the {label.lower()}"},
    )


def _owner_user() -> Any:
    return forms.TypedChoiceField(
        label="Owner in Realise",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Someone with a role in the council, who can see the risk here",
        error_messages={"invalid_choice": "Choose the owner from the list"},
    )


def _review_on() -> Any:
    return GovukDateField(
        label="Review date",
        label_text="review date",
        required=False,
        help_text="When the risk is next to be reviewed, for example 30 6 2023",
    )


class OwnerChoice(OrganisationForm):
    """A form offering the council's people as the risk's owner in Realise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_to_choose(organisation=self.organisation)
        self.fields["owner_user"].choices = [("", "Nobody")] + [  # type: ignore[attr-defined]
            (str(pk), name) for pk, name in people
        ]


class RiskForm(OwnerChoice):
    title = forms.CharField(
        label="Risk", max_length=200, error_messages={"required": "Enter the risk"}
    )
    project = model_choice("Project", help_text="Leave empty for a programme risk")
    programme = model_choice("Programme", help_text="Needed when the risk has no project")
    likelihood = _rating("Likelihood", LIKELIHOODS)
    impact = _rating("Impact", IMPACTS)
    target_likelihood = _rating("Residual likelihood", LIKELIHOODS, required=False)
    target_impact = _rating("Residual impact", IMPACTS, required=False)
    owner = forms.CharField(
        label="Owner", max_length=200, required=False, help_text="A name or a post"
    )
    owner_user = _owner_user()
    review_on = _review_on()
    mitigations = forms.CharField(label="Mitigations", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("project", projects, empty="No project")
        offered = programmes(organisation=self.organisation, offered=True)
        self.choose("programme", offered, empty="None")
        for name, choices in (("target_likelihood", LIKELIHOODS), ("target_impact", IMPACTS)):
            field: Any = self.fields[name]
            field.help_text = "Once mitigated; the same as now if left empty"
            field.choices = [("", "Same as now"), *choices[1:]]


class RiskEditForm(OwnerChoice, VersionedForm):
    title = RiskForm.base_fields["title"]
    cause = forms.CharField(label="Cause", required=False, widget=forms.Textarea)
    effect = forms.CharField(label="Effect", required=False, widget=forms.Textarea)
    owner = RiskForm.base_fields["owner"]
    owner_user = _owner_user()
    review_on = _review_on()
    mitigations = forms.CharField(
        label="Mitigation summary",
        required=False,
        widget=forms.Textarea,
        help_text="The actions, each with an owner and due date, are listed on the risk's page",
    )


KEEP = ("", "Leave as it is")


class RescoreForm(VersionedForm):
    likelihood = _rating("Likelihood", LIKELIHOODS)
    impact = _rating("Impact", IMPACTS)
    target_likelihood = _rating("Residual likelihood", [KEEP, *LIKELIHOODS[1:]], required=False)
    target_impact = _rating("Residual impact", [KEEP, *IMPACTS[1:]], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_likelihood"].help_text = "Once the mitigations are in place"


class CloseForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the risk being closed?",
        max_length=2000,
        widget=forms.Textarea,
        help_text="For example: the contract was signed, so the supplier can no longer withdraw",
        error_messages={"required": "Say why the risk is being closed"},
    )


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the risk being reopened?",
        max_length=2000,
        widget=forms.Textarea,
        help_text="For example: the supplier has given notice, so the risk is live again",
        error_messages={"required": "Say why the risk is being reopened"},
    )


class EscalateForm(OrganisationForm, VersionedForm):
    board = model_choice("Board", required=True, help_text="Who should now oversee the risk")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("board", boards(organisation=self.organisation), empty="Choose a board")


class MitigationForm(forms.Form):
    action = forms.CharField(
        label="Action",
        max_length=300,
        help_text="What will be done to make the risk less likely or less harmful",
        error_messages={"required": "Say what will be done to mitigate the risk"},
    )
    owner = forms.CharField(
        label="Owner", max_length=200, required=False, help_text="Who will do it"
    )
    due_on = GovukDateField(
        label="Due date",
        label_text="due date",
        required=False,
        help_text="For example 30 6 2023",
    )


class MitigationDoneForm(VersionedForm):
    """Nothing to fill in: the button marks the mitigation done today."""

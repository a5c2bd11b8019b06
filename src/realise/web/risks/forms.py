"""The risks room's forms: a new risk and a rescore."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.portfolio.lookups import programmes
from realise.risks.selectors import IMPACT_NAMES, LIKELIHOOD_NAMES
from realise.web.forms import OrganisationForm, VersionedForm, model_choice

LIKELIHOODS = [("", "Choose a likelihood")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(LIKELIHOOD_NAMES, start=1)
]
IMPACTS = [("", "Choose an impact")] + [
    (str(n), f"{n} – {name}") for n, name in enumerate(IMPACT_NAMES, start=1)
]


class RiskForm(OrganisationForm):
    title = forms.CharField(
        label="Risk", max_length=200, error_messages={"required": "Enter the risk"}
    )
    project = model_choice("Project", help_text="Leave empty for a programme risk")
    programme = model_choice("Programme", help_text="Needed when the risk has no project")
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
        offered = programmes(organisation=self.organisation, offered=True)
        self.choose("programme", offered, empty="None")


class RescoreForm(VersionedForm):
    likelihood = RiskForm.base_fields["likelihood"]
    impact = RiskForm.base_fields["impact"]

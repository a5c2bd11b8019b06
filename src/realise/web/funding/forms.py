"""The funding room's forms: a bid and a grant."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.funding.selectors import funds
from realise.portfolio.lookups import projects
from realise.web.forms import OrganisationForm, model_choice
from realise.web.widgets import GovukDateField, MoneyField


class BidForm(OrganisationForm):
    fund = model_choice("Fund", required=True)
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the bid"}
    )
    project = model_choice("Project")
    amount = MoneyField(
        label="Amount asked for, in pounds",
        error_messages={"required": "Enter the amount asked for"},
    )
    purpose = forms.CharField(label="Purpose", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.organisation
        self.choose("fund", funds(organisation=org), empty="Choose a fund")
        self.choose("project", projects(organisation=org), empty="No project")


class GrantForm(OrganisationForm):
    funder = forms.CharField(
        label="Funder", max_length=200, error_messages={"required": "Enter the funder"}
    )
    scheme = forms.CharField(label="Scheme", max_length=200, required=False)
    amount = MoneyField(
        label="Amount in pounds", error_messages={"required": "Enter the amount of the grant"}
    )
    awarded_on = GovukDateField(label="Date awarded", label_text="date awarded", required=False)
    project = model_choice("Project")
    purpose = forms.CharField(label="Purpose", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("project", projects(organisation=self.organisation), empty="No project")

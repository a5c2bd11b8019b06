"""The funding room's forms: a fund (set up or edited), closing or reopening it, a bid, its
decision, what has been paid out of it, and a grant. The rules (what a fund has left, when a
reason is needed) are the services'; their messages come back onto these fields."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.finance.money import format_money
from realise.funding.models import FundKind
from realise.funding.selectors import open_funds
from realise.portfolio.lookups import boards, projects
from realise.web.forms import OrganisationForm, VersionedForm, model_choice
from realise.web.widgets import GovukDateField, MoneyField


class FundForm(VersionedForm):
    name = forms.CharField(
        label="Name of the fund", max_length=200, error_messages={"required": "Enter a name"}
    )
    kind = forms.ChoiceField(
        label="Kind of fund",
        choices=FundKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of fund"},
    )
    pot = MoneyField(
        label="Pot, in pounds",
        help_text="The most the fund can commit to bids",
        error_messages={"required": "Enter the pot"},
    )
    decided_by = forms.CharField(
        label="Who decides its bids",
        help_text="For example DARTboard, or a corporate director",
        max_length=200,
        required=False,
    )


class FundCloseForm(VersionedForm):
    closed_on = GovukDateField(
        label="Date the fund closed",
        label_text="date the fund closed",
        error_messages={"required": "Enter the date the fund closed"},
    )


class ConfirmForm(VersionedForm):
    """Nothing to fill in but the version the user saw: a button that confirms."""


class BidForm(OrganisationForm):
    fund = model_choice("Fund", required=True, help_text="Closed funds take no bids")
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
        self.choose("fund", open_funds(organisation=org), empty="Choose a fund")
        self.choose("project", projects(organisation=org), empty="No project")


APPROVE, PART_FUND, REJECT = "approve", "part_fund", "reject"


class BidDecisionForm(OrganisationForm, VersionedForm):
    outcome = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve in full, approve a lower amount or reject"},
    )
    amount = MoneyField(
        label="Amount awarded, in pounds",
        help_text="Only when approving a lower amount than the bid asked for",
        required=False,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed to approve a lower amount or to reject",
        required=False,
        widget=forms.Textarea,
    )
    board = model_choice("Board", help_text="The board that decided, if a board did")
    decided_by = forms.CharField(
        label="Decided by, if not a board",
        help_text="For example the corporate director the board delegated to",
        max_length=200,
        required=False,
    )
    decided_on = GovukDateField(
        label="Date of the decision",
        label_text="date of the decision",
        error_messages={"required": "Enter the date of the decision"},
    )

    def __init__(self, *args: Any, asked: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (APPROVE, f"Approve in full ({format_money(asked)})"),
            (PART_FUND, "Approve a lower amount (part-fund)"),
            (REJECT, "Reject"),
        ]
        self.choose("board", boards(organisation=self.organisation), empty="No board")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == PART_FUND and not data.get("amount"):
            self.add_error("amount", "Enter the lower amount to award")
        return data


class DrawnForm(VersionedForm):
    drawn = MoneyField(
        label="Paid out so far, in pounds",
        help_text="Everything paid out of the award to date, not just the latest payment",
        allow_negative=True,
        error_messages={"required": "Enter the amount paid out so far"},
    )


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

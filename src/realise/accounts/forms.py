"""Forms for sign-in, API tokens and the change-log filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm

from realise.accounts import throttle
from realise.accounts.addresses import client_address


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with a plain message when the attempt is locked out."""

    def clean(self) -> dict[str, Any]:
        # A plain message for a locked-out name or address (the backend refuses it anyway, and is
        # what holds under concurrency: see realise.accounts.throttle).
        address = client_address(self.request)
        if throttle.is_locked(self.data.get("username"), address):
            raise forms.ValidationError(throttle.locked_message(), code="locked")
        return super().clean()


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Say what the token is for, for example: Power BI dashboard",
        error_messages={"required": "Enter a name for the token"},
    )


# A date as people write it in the UK, or as a computer does.
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def _date_field(label: str, which: str) -> forms.DateField:
    return forms.DateField(
        required=False,
        label=label,
        help_text="For example, 1/4/2023",
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": f"Enter the {which} date as day/month/year, for example 1/4/2023",
        },
    )


class ChangeLogFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Changed by",
        empty_label="Anyone",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    since = _date_field("From", "start")
    until = _date_field("To", "end")

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from realise.accounts.models import Membership

        # Everyone who holds or has held a role here: a person removed from the council keeps
        # their changes in the log.
        users = get_user_model().objects
        held = Membership.history.filter(organisation_id=organisation.pk).values("user_id")
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            (users.filter(memberships__organisation=organisation) | users.filter(pk__in=held))
            .distinct()
            .order_by("username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date is before the start date")
        return data

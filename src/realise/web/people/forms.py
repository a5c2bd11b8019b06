"""Forms for Settings → People and the set-password page. They check what people type; the
rules (who may be removed, the last TMO admin) live in ``realise.accounts.services``, whose
``ValidationError`` goes back on the matching field."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from realise.accounts.models import Role

ROLE_HINTS = {
    Role.VIEWER: "reads everything in the council, changes nothing",
    Role.PROJECT_LEAD: "edits the projects they lead and records their savings, risks and measures",
    Role.FINANCE: "validates savings, manages funds, bids and grants, records savings",
    Role.TMO_ADMIN: "everything in the council, including people and settings, except "
    "validating savings",
}


class PersonAddForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=150,
        help_text="They sign in with this address",
        error_messages={"required": "Enter their email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="How they are named in this council",
        error_messages={"required": "Enter their full name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role"},
    )


class PersonRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Choose at least one role, or remove the person instead"},
    )


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    """Django's set-password form with plain labels and GOV.UK-style messages."""

    error_messages: ClassVar[dict[str, str]] = {
        "password_mismatch": "The passwords do not match: type the same password twice",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "New password"
        first.help_text = " ".join(password_validation.password_validators_help_texts())
        first.error_messages["required"] = "Enter a new password"
        second.label = "Type the new password again"
        second.help_text = ""
        second.error_messages["required"] = "Type the new password again"


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Say what the token is for, for example: Power BI dashboard",
        error_messages={"required": "Enter a name for the token"},
    )

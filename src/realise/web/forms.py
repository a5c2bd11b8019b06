"""The form bases every room shares. Forms validate what people type and hand clean values to
one service; the service's own ``ValidationError`` (e.g. "more than the £5,000 left in the fund")
is put back on the matching field (``apply_errors``) so the error summary can link to it. The
rooms' own forms are in ``realise/web/<room>/forms.py``; the fields that render as GOV.UK
components are in ``widgets.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form's fields (or the form as a whole). A form
    whose field has another name than the service's (``year`` for ``financial_year``) says so in
    ``service_fields``."""
    aliases: dict[str, str] = getattr(form, "service_fields", {})
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            named = aliases.get(field, field)
            target = named if named in form.fields else None
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

    def offer_plan_years(self, *names: str) -> None:
        """List the organisation's plan years in the year fields ``names``."""
        for name in names:
            self.fields[name].offer(self.organisation.plan_years.years)  # type: ignore[attr-defined]

    def choose(self, name: str, queryset: Any, *, empty: str, projects: Any = None) -> None:
        field = self.fields[name]
        field.queryset = queryset if projects is None else projects  # type: ignore[attr-defined]
        field.empty_label = empty  # type: ignore[attr-defined]


def model_choice(label: str, *, required: bool = False, help_text: str = "") -> Any:
    """A choice of one of the organisation's records; ``OrganisationForm.choose`` gives it the
    records to choose from."""
    return forms.ModelChoiceField(
        queryset=None,
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

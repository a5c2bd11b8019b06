"""The change log's filters: who made the change, and between which dates."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.accounts.selectors import people_ever_in

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
        queryset=None,
        required=False,
        label="Changed by",
        empty_label="Anyone",
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    since = _date_field("From", "start")
    until = _date_field("To", "end")

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_ever_in(organisation=organisation)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date is before the start date")
        return data

"""The settings room's forms: a named setting (directorate, programme, stage), the plan years
and the risk bands."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class NameForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name"}
    )


class PlanYearsForm(forms.Form):
    """The council's plan years, typed as people write them ("2021/22"): the savings service
    reads and checks them, and its refusal is shown next to the field it is about."""

    first_year = forms.CharField(
        label="First plan year",
        max_length=20,
        help_text="The first financial year of the savings plan, for example 2021/22",
        error_messages={"required": "Enter the first plan year, like 2021/22"},
    )
    last_year = forms.CharField(
        label="Last plan year",
        max_length=20,
        help_text="The last financial year of the savings plan, for example 2025/26",
        error_messages={"required": "Enter the last plan year, like 2025/26"},
    )


class BandsForm(forms.Form):
    bands = forms.CharField(
        label="Risk bands",
        widget=forms.Textarea,
        help_text="One band a line: its name and the score it starts at, for example "
        "“high 15”. The lowest band starts at 1.",
        error_messages={"required": "Enter at least one band"},
    )

    def clean_bands(self) -> dict[str, int]:
        bands: dict[str, int] = {}
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _, start = line.strip().rpartition(" ")
            if not name or not start.isdigit():
                raise ValidationError(
                    f"Line {number}: write the band's name then its starting score, like “high 15”"
                )
            if name.strip() in bands:
                raise ValidationError(
                    f"Line {number}: two risk bands have the same name, “{name.strip()}”"
                )
            bands[name.strip()] = int(start)
        return bands

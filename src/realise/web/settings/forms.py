"""The settings room's forms: the plan years, a named setting (directorate, programme, stage,
priority, board), changing one (its name, its place in lists, in use or retired), the risk bands
and the heat map's layout."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from realise.risks.selectors import HeatMapRows
from realise.web.widgets import NumberField


class NameForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name"}
    )


IN_USE = "in_use"
RETIRED = "retired"


def _status(what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Is it still in use?",
        choices=[
            (IN_USE, f"In use: offered when adding or changing {what}"),
            (RETIRED, "Retired: kept on the records that have it and in reports, not offered"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is in use or retired"},
    )


class ReferenceForm(forms.Form):
    """Change one directorate, programme, stage, priority or board."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="A new name shows everywhere the old one did, past years' reports too; the "
        "change log keeps the old name",
        error_messages={"required": "Enter a name"},
    )
    position = forms.TypedChoiceField(
        label="Place in lists",
        coerce=int,
        help_text="Where it comes in lists, drop-downs and reports; the others keep their order",
        error_messages={"invalid_choice": "Choose a place from the list"},
    )
    retired = _status("records")

    def __init__(self, *args: Any, places: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), str(n)) for n in range(1, places + 1)]
        if places > 1:
            choices[0] = ("1", "1 (first)")
            choices[-1] = (str(places), f"{places} (last)")
        self.fields["position"].choices = choices  # type: ignore[attr-defined]

    def clean_retired(self) -> bool:
        return bool(self.cleaned_data["retired"] == RETIRED)


class BandForm(forms.Form):
    """Change one risk band."""

    name = forms.CharField(label="Name", max_length=40, error_messages={"required": "Enter a name"})
    min_score = NumberField(
        label="Starts at score",
        min_value=1,
        max_value=25,
        decimal_places=0,
        help_text="From 1 to 25: a risk's score (likelihood times impact) falls in the band in use "
        "with the highest start at or below it. The lowest band in use starts at 1.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the score the band starts at",
            "invalid": "Enter the score as a whole number from 1 to 25",
            "max_decimal_places": "Enter the score as a whole number from 1 to 25",
            "min_value": "The score must be from 1 to 25",
            "max_value": "The score must be from 1 to 25",
        },
    )
    action = forms.CharField(
        label="What to do about a risk in this band",
        max_length=200,
        required=False,
        help_text="For example: Plan for change",
    )
    retired = _status("the bands")

    def clean_min_score(self) -> int:
        return int(self.cleaned_data["min_score"])

    def clean_retired(self) -> bool:
        return bool(self.cleaned_data["retired"] == RETIRED)


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
        "“high 15”. The lowest band starts at 1. A band you leave out is retired, not deleted.",
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


class HeatMapForm(forms.Form):
    """Which rating runs down the side of the heat map, on the pages and in the reports."""

    heat_map_rows = forms.ChoiceField(
        label="How should the heat map be laid out?",
        choices=HeatMapRows.choices,
        widget=forms.RadioSelect,
        help_text="The highest scores stay at the top right either way",
        error_messages={"required": "Choose how to lay out the heat map"},
    )

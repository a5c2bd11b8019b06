"""The upload form of the import page: which file, and (when Realise should not work it out from
the headings) what it holds. Rendered with the web's GOV.UK components (``{% govuk_field %}``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from realise.core.limits import size_text
from realise.imports.kinds import KINDS
from realise.imports.readers import FORMATS


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        required=False,
        allow_empty_file=True,  # an empty file is the import's to explain
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
    )
    kind = forms.ChoiceField(
        label="What the file holds",
        required=False,
        help_text='Leave as "Work it out from the headings" unless Realise guesses wrong.',
        error_messages={"invalid_choice": "Choose what the file holds from the list"},
    )

    def __init__(self, *args: Any, limit: int, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="%s", **kwargs)  # ids "file" and "kind", as linked
        self.limit = limit
        self.fields[
            "file"
        ].help_text = f"An .xlsx, .ods or .csv file, smaller than {size_text(limit)}"
        choices = [("", "Work it out from the headings")]
        self.fields["kind"].choices = choices + [(k.name, k.label) for k in KINDS.values()]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data.get("file")
        if not uploaded:
            raise ValidationError("Select a spreadsheet to import")
        if Path(uploaded.name or "").suffix.lower().lstrip(".") not in FORMATS:
            raise ValidationError("The selected file must be an .xlsx, .ods or .csv spreadsheet")
        if uploaded.size is not None and uploaded.size > self.limit:
            raise ValidationError(f"The selected file must be smaller than {size_text(self.limit)}")
        return uploaded

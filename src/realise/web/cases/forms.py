"""The business-case room's form: the uploaded case file."""

from __future__ import annotations

from django import forms


class CaseUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a business-case file",
        required=False,
        help_text="A YAML file in the Realise business-case format, up to 512 KB",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,text/yaml"}),
    )

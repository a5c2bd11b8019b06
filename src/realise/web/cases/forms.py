"""The business-case room's forms: a case file to check (never stored), and for stored cases a new
case, a new version, submitting one, a board's approval or rejection, superseding a case,
choosing two versions to compare and re-forecasting a benefit line of the approved version."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms

from realise.cases.plans import LineToPlace
from realise.core.limits import case_limits, workbook_limits
from realise.finance.bounds import too_large
from realise.finance.casefile import CaseFileError, FileProblem
from realise.imports.case_workbook import case_text_from_upload, is_workbook
from realise.portfolio.lookups import boards, directorates, programmes
from realise.web.forms import OrganisationForm, model_choice
from realise.web.widgets import GovukDateField, MoneyField, YearField

FILE_HINT = (
    "A YAML file in the Realise business-case format, up to 512 KB, or the workbook (.xlsx or "
    ".ods) Realise exports of a case"
)
ACCEPT = ".yaml,.yml,.xlsx,.ods,text/yaml"


class CaseUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a business-case file",
        required=False,
        help_text="A YAML file in the Realise business-case format, up to 512 KB",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,text/yaml"}),
    )


def read_upload(upload: Any, *, workbooks: bool = False) -> tuple[str, str]:
    """An uploaded case file's text and name, read no further than the size limit; else a
    ``CaseFileError`` saying what is wrong (too large, not UTF-8 text, no file). With
    ``workbooks``, a case's workbook (.xlsx, .ods) is read back as the format 2 text of its
    case, every problem named by sheet, row and column."""
    if upload is None:
        raise CaseFileError([FileProblem("upload", None, (), "choose a file to upload")])
    if workbooks and is_workbook(upload.name):
        data = upload.read(workbook_limits().max_file + 1)  # more is refused as too large
        return case_text_from_upload(data, upload.name), upload.name
    limits = case_limits()
    if upload.size > limits.max_bytes:
        raise CaseFileError([FileProblem(upload.name, None, (), too_large(upload.size, limits))])
    try:
        return upload.read(limits.max_bytes + 1).decode("utf-8"), upload.name
    except UnicodeDecodeError:
        raise CaseFileError(
            [FileProblem(upload.name, None, (), "the file is not UTF-8 text")]
        ) from None


class CaseFileField(forms.FileField):
    """A case file, or a case's workbook, cleaned to ``(text, file name)`` (a workbook: the
    format 2 text of its case); its content is checked by the service."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Business-case file (YAML or workbook)")
        kwargs.setdefault("help_text", FILE_HINT)
        kwargs.setdefault("error_messages", {"required": "Choose the business-case file"})
        widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})
        super().__init__(widget=widget, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> tuple[str, str] | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return read_upload(upload, workbooks=True)
        except CaseFileError as error:
            raise forms.ValidationError([str(p) for p in error.problems]) from None


def _note(label: str, hint: str, *, required: bool = False) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea,
        help_text=hint,
        error_messages={"required": f"Enter {label.lower()}"},
    )


class CaseForm(OrganisationForm):
    """A new stored case: its title, what it is for and its first version's file."""

    service_fields: ClassVar[dict[str, str]] = {"document": "file"}

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the case's title"}
    )
    project = model_choice("Project", help_text="The project the case is for")
    programme = model_choice("Programme", help_text="Or the programme, for a programme's case")
    file = CaseFileField()
    note = _note("Note", "What this first version is, for example: draft for the programme board")

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose("project", projects, empty="No project")
        self.choose(
            "programme",
            programmes(organisation=self.organisation, offered=True),
            empty="No programme",
        )


class VersionForm(forms.Form):
    """A new version of a stored case: its file, why, and the latest version the person saw."""

    service_fields: ClassVar[dict[str, str]] = {"document": "file"}

    file = CaseFileField(label="The new version's file (YAML or workbook)")
    note = _note("What changed, and why", "For example: costs revised after the supplier's quote")
    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SubmitForm(forms.Form):
    """Nothing to fill in: the button submits the latest version."""

    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _board(form: OrganisationForm, *, required: bool) -> None:
    form.choose(
        "board",
        boards(organisation=form.organisation, offered=True),
        empty=("Choose a board" if required else "No board"),
    )


class ApproveForm(OrganisationForm):
    """A board's approval: the option, where each line the case places nowhere lands (one
    directorate choice per line, ``place_<n>``), the board, the date and what it said."""

    option = forms.ChoiceField(
        label="Which option was approved?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the option the board approved"},
    )
    board = model_choice("Board", required=True, help_text="The board that approved the case")
    decided_on = GovukDateField(
        label="Date of the decision",
        label_text="date of the decision",
        help_text="For example 12 2 2025",
        error_messages={"required": "Enter the date of the decision"},
    )
    text = _note("What the decision said", "Optional: conditions or anything else it recorded")
    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        options: list[tuple[str, str]],
        places: Sequence[LineToPlace] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = options  # type: ignore[attr-defined]
        _board(self, required=True)
        names = {oid: label.split(":")[0] for oid, label in options}
        # One query for every choice of directorate, however many lines need one.
        self.offered = {d.pk: d for d in directorates(organisation=self.organisation, offered=True)}
        choices = [("", "Choose a directorate")] + [(pk, d.name) for pk, d in self.offered.items()]
        self.places: dict[str, LineToPlace] = {}
        self.service_fields: dict[str, str] = {}
        for n, line in enumerate(places):
            name = f"place_{n}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"Directorate for {line.label}",
                help_text=_place_hint(line, names),
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": "Choose a directorate from the list"},
            )
            if line.default is not None:
                self.initial.setdefault(name, line.default.pk)
            self.places[name] = line
            self.service_fields[f"directorates.{line.id}"] = name
        self.order_fields(["option", *self.places])

    def directorates(self, option: str) -> dict[str, Any]:
        """The directorates chosen for the lines of ``option`` (line id → directorate)."""
        return {
            line.id: self.offered[self.cleaned_data[name]]
            for name, line in self.places.items()
            if option in line.options and self.cleaned_data.get(name) is not None
        }


def _place_hint(line: LineToPlace, options: dict[str, str]) -> str:
    said = (
        f"the case names ‘{line.named}’, which is not one of the council's directorates"
        if line.named
        else "the case names none"
    )
    where = ""
    if set(line.options) != set(options):
        where = f" Only in {_listed([options.get(o, o) for o in line.options])}."
    return f"Its savings targets are set in this directorate: {said}.{where}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class RejectForm(OrganisationForm):
    reason = _note("Why was it rejected?", "What the board said", required=True)
    board = model_choice("Board", help_text="Optional: the board whose decision this was")
    decided_on = GovukDateField(
        label="Date of the decision",
        label_text="date of the decision",
        required=False,
        help_text="Needed with a board, for example 12 2 2025",
    )
    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _board(self, required=False)


class SupersedeForm(forms.Form):
    reason = _note(
        "Why is the case superseded?",
        "For example: replaced by the full business case",
        required=True,
    )
    replaced_by = forms.TypedChoiceField(
        label="Replaced by",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Optional: the council's case that replaces it",
    )

    def __init__(self, *args: Any, others: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].choices = [("", "No other case")] + [  # type: ignore[attr-defined]
            (str(pk), title) for pk, title in others
        ]


class ReforecastForm(forms.Form):
    """The officers' re-forecast of one benefit line in one of the case's years, and why."""

    line = forms.ChoiceField(
        label="Benefit line",
        error_messages={"required": "Choose the benefit line to re-forecast"},
    )
    year = YearField(
        label="Financial year", error_messages={"required": "Choose the financial year"}
    )
    amount = MoneyField(
        label="Benefit now expected in the year, in pounds",
        allow_negative=True,  # £0 or more: the service's rule, and its message
        help_text="For example 1,250,000 or 1,250,000.50. Enter 0 if none is now expected",
        error_messages={"required": "Enter the benefit now expected"},
    )
    note = _note(
        "Why has the forecast changed?",
        "For example: go-live moved from September to January",
        required=True,
    )

    def __init__(
        self, *args: Any, lines: list[tuple[str, str]], years: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [("", "Choose a line"), *lines]  # type: ignore[attr-defined]
        self.fields["year"].offer(years)  # type: ignore[attr-defined]

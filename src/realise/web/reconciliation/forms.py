"""The reconciliation room's forms: a paper, which of Realise's tables its figures are from, the
figures themselves (several a time: the row, the column and the figure as printed), and a file
of figures. What is allowed (the tables, columns, years, rows and units) is the service's rule:
its refusals come back onto the lines they are about."""

from __future__ import annotations

from typing import Any

from django import forms

from realise.reconciliation.choices import MONEY_UNITS, Unit
from realise.reconciliation.services import FigureIn, FiguresRefused
from realise.reconciliation.tables import MONEY, SOURCES, Source
from realise.web.forms import OrganisationForm, VersionedForm
from realise.web.widgets import GovukDateField, YearField

LINES = 8  # figures a time on the form; a file takes any number


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title of the paper",
        max_length=200,
        help_text="As the paper is titled, e.g. Transformation Programme annual report 2023/24",
        error_messages={"required": "Enter the title of the paper"},
    )
    committee = forms.CharField(
        label="Committee (optional)",
        max_length=200,
        required=False,
        help_text="e.g. Cabinet, or Audit and Governance Committee",
    )
    published_on = GovukDateField(
        label="Date of the meeting or of the paper",
        label_text="date of the paper",
        help_text="For example, 18 7 2024",
        error_messages={"required": "Enter the date of the paper"},
    )
    url = forms.URLField(
        label="Web address of the paper (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.gov.uk/paper"},
    )


class PaperEditForm(VersionedForm, PaperForm):
    """A paper's details as they stand, with the version the user opened."""


class TableForm(forms.Form):
    """Which of Realise's tables the figures are from (asked before the figures)."""

    table = forms.ChoiceField(
        label="Which table of Realise are the figures from?",
        widget=forms.RadioSelect,
        choices=[(s.key, s.name) for s in SOURCES],
        error_messages={"required": "Choose the table the figures are from"},
    )


class FiguresForm(OrganisationForm):
    """The figures of one table (of one year, for a table of one year): up to ``LINES`` of them,
    each a row, a column and the figure as printed. Empty lines are left out."""

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        if source.by_year:
            self.fields["year"] = YearField(
                label="Financial year of the table",
                error_messages={"required": "Choose the financial year of the table"},
            )
            self.offer_plan_years("year")
        if any(c.kind == MONEY for c in source.columns):
            self.fields["unit"] = forms.ChoiceField(
                label="The paper prints pounds in",
                choices=[(u.value, u.label) for u in MONEY_UNITS],
                initial=Unit.POUNDS,
                widget=forms.RadioSelect,
            )
        self.fields["where"] = forms.CharField(
            label="Where the paper prints them (optional)",
            help_text="e.g. page 12, Table 3",
            max_length=100,
            required=False,
        )
        columns = [("", "Choose a column")] + [(c.key, c.heading) for c in source.columns]
        for n in range(1, LINES + 1):
            self.fields[f"line-{n}-row"] = forms.CharField(
                label="Row", required=False, max_length=120
            )
            self.fields[f"line-{n}-column"] = forms.ChoiceField(
                label="Column", choices=columns, required=False
            )
            self.fields[f"line-{n}-printed"] = forms.CharField(
                label="Figure as printed", required=False, max_length=40
            )

    def lines(self) -> list[list[Any]]:
        """The fields of each line, for the template: [row, column, printed]."""
        return [
            [self[f"line-{n}-{part}"] for part in ("row", "column", "printed")]
            for n in range(1, LINES + 1)
        ]

    def header_fields(self) -> list[Any]:
        return [self[name] for name in ("year", "unit", "where") if name in self.fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.filled():
            self.add_error("line-1-row", "Enter at least one figure: its row, column and figure")
        return data

    def filled(self) -> list[int]:
        """The numbers of the lines with anything in them."""
        data = getattr(self, "cleaned_data", {})
        return [
            n
            for n in range(1, LINES + 1)
            if any(data.get(f"line-{n}-{part}") for part in ("row", "column", "printed"))
        ]

    def figures(self) -> list[FigureIn]:
        """The lines filled in; the unit chosen for pounds goes with the figures in pounds."""
        data = self.cleaned_data
        year = data.get("year")
        money = {c.key for c in self.source.columns if c.kind == MONEY}
        return [
            FigureIn(
                table=self.source.key,
                row=data[f"line-{n}-row"],
                column=data[f"line-{n}-column"],
                printed=data[f"line-{n}-printed"],
                year=year.start if year is not None else None,
                unit=data.get("unit", "") if data[f"line-{n}-column"] in money else "",
                where=data.get("where", ""),
            )
            for n in self.filled()
        ]

    def refuse(self, refused: FiguresRefused) -> None:
        """Put the service's refusals on the lines (and fields) they are about."""
        lines = self.filled()
        part = {"printed": "printed", "row": "row", "column": "column"}
        for problem in refused.problems:
            n = lines[problem.index]
            if problem.field in part:
                name = f"line-{n}-{part[problem.field]}"
            else:
                name = problem.field if problem.field in self.fields else f"line-{n}-row"
            message = f"Figure {n}: {problem.message}"
            if message not in self.errors.get(name, []):
                self.add_error(name, message)


class FileForm(forms.Form):
    file = forms.FileField(
        label="A CSV file or spreadsheet of figures",
        help_text="A heading row, then one figure a line, with the columns Table, Year, Row, "
        "Column, Amount, Unit and Where",
        error_messages={"required": "Choose a file", "empty": "The file is empty"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )

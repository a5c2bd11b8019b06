"""Downloadable XLSX templates: one sheet per kind with its headings, one example row, and
drop-down lists (directorates, statuses, years...) kept on a hidden "Lists" sheet. The council's
names are written as text, never as formulas (``realise.core.spreadsheet_text``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from realise.benefits.models import EntryStatus, SavingKind
from realise.core.spreadsheet_text import keep_as_text
from realise.funding.models import BidStatus, Fund
from realise.imports.kinds import Column, Kind
from realise.portfolio.models import (
    Board,
    ConfidenceRating,
    DecisionKind,
    Directorate,
    LifecycleStage,
    Organisation,
    Programme,
    Project,
    ProjectStatus,
)
from realise.risks.models import RiskStatus

# Rows of the data sheet that carry drop-downs.
VALIDATED_ROWS = 5000


def _labels(choices: Any) -> Callable[[Organisation], list[str]]:
    return lambda org: [str(label) for _, label in choices.choices]


def _names(model: Any, attr: str = "name") -> Callable[[Organisation], list[str]]:
    return lambda org: [
        str(v) for v in model.objects.filter(organisation=org).values_list(attr, flat=True)
    ]


def _years(org: Organisation) -> list[str]:
    """The council's plan years: the only years a savings row may be in."""
    return [y.label for y in org.plan_years.years]


LISTS: dict[str, Callable[[Organisation], list[str]]] = {
    "directorates": _names(Directorate),
    "programmes": _names(Programme),
    "stages": _names(LifecycleStage),
    "projects": _names(Project, "code"),
    "funds": _names(Fund),
    "boards": _names(Board),
    "years": _years,
    "saving_kinds": _labels(SavingKind),
    "entry_statuses": _labels(EntryStatus),
    "project_statuses": _labels(ProjectStatus),
    "confidence": _labels(ConfidenceRating),
    "bid_statuses": _labels(BidStatus),
    "risk_statuses": _labels(RiskStatus),
    "decision_kinds": _labels(DecisionKind),
    "ratings": lambda org: ["1", "2", "3", "4", "5"],
    "yes_no": lambda org: ["Yes", "No"],
}


def template_xlsx(kind: Kind, organisation: Organisation) -> bytes:
    """A workbook for ``kind``: headings, one example row, drop-downs from ``organisation``."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = kind.label
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    sheet.append([c.heading for c in kind.columns])
    values = {name: LISTS[name](organisation) for name in {c.choices for c in kind.columns} if name}
    sheet.append([_example(c, values) for c in kind.columns])
    for cells in sheet.iter_rows():
        for cell in cells:
            keep_as_text(cell)
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True)
        note = ("Required. " if column.required else "Optional. ") + (column.hint or "")
        head.comment = Comment(note.strip(), "Realise")
        sheet.column_dimensions[letter].width = max(14, len(column.heading) + 4)
        if column.choices and values[column.choices]:
            _drop_down(sheet, lists, letter, index, column, values[column.choices])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _example(column: Column, values: dict[str, list[str]]) -> Any:
    if column.example is not None:
        return column.example
    if column.choices and values.get(column.choices):
        return values[column.choices][0]
    return None


def _drop_down(sheet: Any, lists: Any, letter: str, index: int, column: Column, items: list[str]):
    from openpyxl.worksheet.datavalidation import DataValidation

    for row, item in enumerate(items, start=1):
        keep_as_text(lists.cell(row=row, column=index, value=item))
    source = f"Lists!${letter}$1:${letter}${len(items)}"
    check = DataValidation(
        type="list",
        formula1=source,
        allow_blank=not column.required,
        showErrorMessage=True,
        errorTitle=column.heading,
        error=f"Choose a {column.heading.lower()} from the list",
    )
    sheet.add_data_validation(check)
    check.add(f"{letter}2:{letter}{VALIDATED_ROWS}")

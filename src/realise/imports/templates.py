"""Downloadable XLSX templates: one sheet per kind with its headings, one example row, and
drop-down lists (directorates, statuses, years...) kept on a hidden "Lists" sheet. The shared
spreadsheet writer (``realise.reports.spreadsheets``) lays it out, so the council's names are
written as text, never as formulas, as in every other file Realise writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from realise.benefits.models import EntryStatus, SavingKind
from realise.finance.calendar import FinancialYear
from realise.funding.models import BidStatus, Fund
from realise.imports.exports import list_table
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
from realise.reports.spreadsheets.layout import Book, Pick, Sheet
from realise.reports.spreadsheets.xlsx import write_xlsx
from realise.risks.models import RiskStatus

# Rows of the data sheet that carry drop-downs.
OFFERED_ROWS = 5000


def _labels(choices: Any) -> Callable[[Organisation], list[str]]:
    return lambda org: [str(label) for _, label in choices.choices]


def _names(model: Any, attr: str = "name") -> Callable[[Organisation], list[str]]:
    """The council's names (or codes) of ``model``, without retired ones: a template's drop-down
    offers what a new row may use."""

    def names(org: Organisation) -> list[str]:
        rows = model.objects.filter(organisation=org)
        if any(field.name == "retired" for field in model._meta.fields):
            rows = rows.filter(retired=False)
        return [str(v) for v in rows.values_list(attr, flat=True)]

    return names


def _years(org: Organisation) -> list[str]:
    """The council's plan years: the only years a savings row may be in."""
    return [y.label for y in org.plan_years.years]


def _year_example(org: Organisation) -> str:
    """The year an example savings row is in: this financial year when it is one of the plan
    years, else the first of them, so the example imports."""
    years = org.plan_years.years
    now = FinancialYear.containing(date.today())
    return (now if now in years else years[0]).label


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
    """A workbook for ``kind``: headings with a note on each, one example row, and drop-downs
    from ``organisation``, written by the shared XLSX writer."""
    values = {name: LISTS[name](organisation) for name in {c.choices for c in kind.columns} if name}
    example = [_example(c, values, organisation) for c in kind.columns]
    sheet = Sheet(
        kind.label,
        list_table([c.heading for c in kind.columns], [example], kind.label),
        widths=tuple(max(14, len(c.heading) + 4) for c in kind.columns),
        hints=tuple(_hint(c) for c in kind.columns),
        picks=tuple(_pick(c, values) for c in kind.columns),
        offered_rows=OFFERED_ROWS,
    )
    return write_xlsx(Book((sheet,), kind.label, "Realise"))


def _hint(column: Column) -> str:
    return (("Required. " if column.required else "Optional. ") + (column.hint or "")).strip()


def _pick(column: Column, values: dict[str, list[str]]) -> Pick | None:
    if not column.choices or not values[column.choices]:
        return None
    return Pick(
        tuple(values[column.choices]),
        required=column.required,
        error=f"Choose a {column.heading.lower()} from the list",
    )


def _example(column: Column, values: dict[str, list[str]], organisation: Organisation) -> Any:
    """What the example row has in ``column``: the column's own example, else (for a year) a plan
    year, else the first of its drop-down's names, so the row imports into this council."""
    if column.example is not None:
        return column.example
    if column.choices == "years":
        return _year_example(organisation)
    if column.choices and values.get(column.choices):
        return values[column.choices][0]
    return None

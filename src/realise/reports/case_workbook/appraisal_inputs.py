"""The Inputs sheet of a format 2 case: settings, years, baselines, options and lines, laid out as
``realise.finance.casefile.workbook_layout`` says, so that the reader can bring it back.

Returns where each input sits (``Places``): the option sheets' formulas point at those cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    BenefitLine,
    CostLine,
    DiscountSchedule,
    Offset,
    PercentOf,
    Phased,
    Ramp,
    Staged,
)
from realise.finance.casefile import workbook_layout as L
from realise.reports.case_workbook.cells import (
    FTE,
    MONEY,
    PERCENT,
    _header,
    _input,
    _put,
    _Sheet,
    _Text,
    _widths,
)

_SETTINGS_FIRST = 5
_SHARE = PERCENT
AnyLine = CostLine | Offset | BenefitLine


@dataclass
class Places:
    """Where the inputs sit on the Inputs sheet (rows are 1-based)."""

    settings: dict[str, int] = field(default_factory=dict)  # document key -> row (column B)
    years_row: int = 0
    baselines: tuple[int, int] = (0, -1)  # first and last row (empty when last < first)
    options: dict[str, int] = field(default_factory=dict)  # option id -> row
    lines: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (option, group, id)


def year_letter(index: int) -> str:
    """The column letter of the case's year ``index`` (0 for the first) on the Inputs sheet."""
    return get_column_letter(L.YEAR_COLUMN + index)


def write_inputs(ws: _Sheet, case: Appraisal) -> Places:
    places = Places()
    _put(ws, 1, 1, _Text(f"Inputs: {case.title}"), kind="title")
    _put(
        ws,
        2,
        1,
        "Shaded cells are inputs: change them and every option recalculates. Money is in pounds; "
        "a share is a percentage. Save the workbook and upload it to Realise to keep a change.",
        kind="note",
    )
    _put(ws, L.MARKER_ROW, 1, L.MARKER_LABEL, kind="bold")
    _put(ws, L.MARKER_ROW, 2, L.WORKBOOK_FORMAT)
    row = _SETTINGS_FIRST
    for label, key in L.SETTINGS:
        value, number_format = _setting(case, key)
        _put(ws, row, 1, label, kind="bold")
        _input(ws, row, 2, value, number_format)
        places.settings[key] = row
        row += 1
    row += 1
    places.years_row = row
    _put(ws, row, 1, L.YEARS_LABEL, kind="bold")
    for index, year in enumerate(case.years):
        _header(ws, row, L.YEAR_COLUMN + index, _Text(year.label))
    row = _baselines(ws, case, row + 2, places)
    row = _options(ws, case, row + 1, places)
    _lines(ws, case, row + 1, places)
    _widths(ws, [(1, 26), (2, 24), (3, 16), (4, 24)])
    _widths(ws, [(col, 14) for col in range(5, L.YEAR_COLUMN + case.year_count)])
    ws.freeze(places.years_row + 1, 2)
    return places


def _setting(case: Appraisal, key: str) -> tuple[object, str | None]:
    if key == "organisation":
        return _Text(case.organisation), None
    if key == "title":
        return _Text(case.title), None
    if key == "start_year":
        return _Text(case.first_year.label), None
    if key == "years":
        return case.year_count, "0"
    if key == "discount_rate":
        if isinstance(case.discount_rate, DiscountSchedule):
            return L.GREEN_BOOK_TEXT, None
        return case.discount_rate, PERCENT
    bias = case.optimism_bias
    return (bias.costs if key.endswith("costs") else bias.benefits), PERCENT


def _table(ws: _Sheet, row: int, title: str, columns: tuple[tuple[str, str], ...]) -> int:
    _put(ws, row, 1, title, kind="section")
    for col, (heading, _) in enumerate(columns, start=1):
        _header(ws, row + 1, col, heading)
    return row + 2


def _baselines(ws: _Sheet, case: Appraisal, row: int, places: Places) -> int:
    first = row = _table(ws, row, L.BASELINES, L.BASELINE_COLUMNS)
    for baseline in case.baselines:
        _cells(
            ws,
            row,
            [
                (_Text(baseline.id), None),
                (_Text(baseline.name), None),
                (baseline.amount, MONEY),
                (baseline.fte, FTE),
                (_Text(baseline.directorate), None),
            ],
        )
        row += 1
    places.baselines = (first, row - 1)
    return row


def _options(ws: _Sheet, case: Appraisal, row: int, places: Places) -> int:
    row = _table(ws, row, L.OPTIONS, L.OPTION_COLUMNS)
    for option in case.options:
        bias = option.optimism_bias
        _cells(
            ws,
            row,
            [
                (_Text(option.id), None),
                (_Text(option.name), None),
                (_Text(option.description), None),
                (L.YES if option.preferred else None, None),
                (L.YES if option.do_nothing else None, None),
                (bias.costs if bias else None, PERCENT),
                (bias.benefits if bias else None, PERCENT),
            ],
        )
        places.options[option.id] = row
        row += 1
    return row


def _lines(ws: _Sheet, case: Appraisal, row: int, places: Places) -> int:
    row = _table(ws, row, L.LINES, L.LINE_COLUMNS)
    for index, year in enumerate(case.years):
        _header(ws, row - 1, L.YEAR_COLUMN + index, _Text(year.label))
    for option in case.options:
        groups: list[tuple[str, tuple[AnyLine, ...]]] = [
            ("cost", option.costs),
            ("offset", option.offsets),
            ("benefit", option.benefits),
        ]
        for group, lines in groups:
            for line in lines:
                _line(ws, case, row, option.id, group, line)
                places.lines[(option.id, group, line.id)] = row
                row += 1
    return row


def _line(ws: _Sheet, case: Appraisal, row: int, option: str, group: str, line: AnyLine) -> None:
    values: dict[str, tuple[object, str | None]] = {
        "option": (_Text(option), None),
        "group": (group, None),
        "id": (_Text(line.id), None),
        "name": (_Text(line.name), None),
    }
    if isinstance(line, CostLine):
        values["kind"] = (line.kind.value, None)
        values["recurrence"] = (line.recurrence.value, None)
    if isinstance(line, BenefitLine):
        values["kind"] = (line.type.value, None)
        values["directorate"] = (_Text(line.directorate), None)
    values |= _profile(line.profile)
    cells = [values.get(key, (None, None)) for _, key in L.LINE_COLUMNS]
    by_year = _by_year(line.profile)
    for year in case.years:
        cells.append((by_year.get(year), _year_format(line.profile)))
    _cells(ws, row, cells)


def _profile(profile: object) -> dict[str, tuple[object, str | None]]:
    if isinstance(profile, Amounts):
        return {"profile": ("amounts", None)}
    if isinstance(profile, Annual):
        values: dict[str, tuple[object, str | None]] = {
            "profile": ("annual", None),
            "amount": (profile.amount, MONEY),
            "from": (_Text(profile.first.label), None),
        }
        if profile.last is not None:
            values["to"] = (_Text(profile.last.label), None)
        return values
    if isinstance(profile, Phased):
        return {"profile": ("phased", None), "amount": (profile.total, MONEY)}
    assert isinstance(profile, Ramp | Staged)
    name = "ramp" if isinstance(profile, Ramp) else "staged"
    value = profile.full_value
    if isinstance(value, PercentOf):
        return {
            "profile": (name, None),
            "baseline": (_Text(value.baseline), None),
            "percent": (value.percent, PERCENT),
            "retention": (value.retention, PERCENT),
        }
    return {"profile": (name, None), "amount": (value, MONEY)}


def _by_year(profile: object) -> Mapping[Any, Decimal]:
    if isinstance(profile, Amounts):
        return profile.by_year
    if isinstance(profile, Phased | Ramp | Staged):
        return profile.shares
    return {}


def _year_format(profile: object) -> str:
    return MONEY if isinstance(profile, Amounts) else _SHARE


def _cells(ws: _Sheet, row: int, cells: list[tuple[object, str | None]]) -> None:
    for col, (value, number_format) in enumerate(cells, start=1):
        _input(ws, row, col, value, number_format)

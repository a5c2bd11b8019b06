"""A business case as an Excel workbook whose figures are live formulas over an Inputs sheet.

A finance officer can audit every figure (click a cell, read its formula) and change an input
(a saving, a release date, a share, a cost, the discount rate) and see the case recalculate.
The formulas reproduce ``realise.finance.scenario.run_scenario`` to the penny, including its
rounding: tranche values allocated by cumulative share and rounded to pence, part-year effects
rounded to pence, NPV rounded once at the end. See docs/formats/case-workbook.md.

One limit no formula can lift: a spreadsheet number keeps about 15 significant digits, the engine
keeps every digit of a share. Where a share has more digits than that (a third as 0.333...) and
an amount falls within a hair of a half penny, the spreadsheet may round it the other way; the
sheet then says so, with Realise's values (``pennies.py``).

Sheets: ``Summary`` (scenarios side by side), ``Inputs`` (every number the case rests on) and
one sheet per scenario (year-by-year results on top, one row per release tranche below).
Only functions that Excel and LibreOffice share are used: DATE, YEAR, MONTH, DAY, EOMONTH, IF,
ROUND, SUM, SUMIFS, COUNTIF, INDEX and MATCH.

The package: ``cells.py`` (the write-only workbook, its named styles, the cell helpers and the
number formats, money from ``realise.reports.spreadsheets.numbers``), ``layout.py`` (where
rows and columns sit), ``inputs.py``, ``scenario.py`` and ``summary.py`` (one per kind of sheet)
and ``pennies.py`` (the half-penny caution).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from openpyxl import Workbook

from realise.finance.model import BusinessCase, Scenario
from realise.reports.case_workbook.cells import MONEY, NO_PAYBACK, _Book
from realise.reports.case_workbook.inputs import _write_inputs
from realise.reports.case_workbook.layout import _ScenarioInputs
from realise.reports.case_workbook.scenario import _write_scenario
from realise.reports.case_workbook.summary import _write_summary
from realise.reports.spreadsheets.names import sheet_name

__all__ = ["MONEY", "NO_PAYBACK", "write_case_workbook"]


def write_case_workbook(
    case: BusinessCase, path_or_stream: Any, *, scenario_ids: Sequence[str] | None = None
) -> None:
    """Write ``case`` as an ``.xlsx`` workbook of live formulas to a path or binary stream.

    ``scenario_ids`` picks and orders the scenarios (default: all, in the case's order). The case
    should be valid (``realise.finance.model.validate``).
    """
    if not case.layers:
        raise ValueError("the case has no layers: there is nothing to put in a workbook")
    scenarios = _chosen(case, scenario_ids)
    book = _Book()
    summary = book.sheet("Summary")
    inputs = book.sheet("Inputs")
    blocks = _write_inputs(book.workbook, inputs, case, scenarios)
    inputs.write()
    named = []
    used_names = {"summary", "inputs"}
    for block in blocks:
        sheet_name = _sheet_name(block, used_names)
        ws = book.sheet(sheet_name)
        _write_scenario(ws, case, block)
        ws.write()
        named.append(_with_sheet(block, sheet_name))
    _write_summary(summary, case, named)
    summary.write()
    book.workbook.calculation.fullCalcOnLoad = True
    _save(book.workbook, path_or_stream)


def _save(workbook: Workbook, path_or_stream: str | IO[bytes] | Any) -> None:
    workbook.save(path_or_stream)


def _chosen(case: BusinessCase, scenario_ids: Sequence[str] | None) -> list[Scenario]:
    if scenario_ids is None:
        return list(case.scenarios)
    return [case.scenario(scenario_id) for scenario_id in scenario_ids]


def _with_sheet(block: _ScenarioInputs, sheet: str) -> _ScenarioInputs:
    return _ScenarioInputs(
        block.index,
        block.scenario,
        block.level_cell,
        block.level_name,
        block.cost_rows,
        block.tranche_rows,
        sheet,
    )


def _sheet_name(block: _ScenarioInputs, used: set[str]) -> str:
    name = sheet_name(f"{block.index + 1}. {block.scenario.name}", used)
    used.add(name.lower())
    return name

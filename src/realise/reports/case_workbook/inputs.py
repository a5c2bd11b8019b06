"""The Inputs sheet: every number the case rests on, shaded as a value you may change."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from realise.finance.model import BusinessCase, Scenario
from realise.reports.case_workbook.cells import (
    DATE,
    FTE,
    MONEY,
    PERCENT,
    _abs,
    _header,
    _input,
    _name,
    _put,
    _Sheet,
    _Text,
    _widths,
)
from realise.reports.case_workbook.layout import (
    _LEVEL_COL,
    _ROW_LAYER_HEADER,
    _ROW_LEVEL_IDS,
    _ROW_ORG,
    _ROW_RATE,
    _ROW_TITLE,
    _ROW_YEAR_FIRST,
    _ROW_YEAR_LABEL,
    _ROW_YEAR_LAST,
    _ScenarioInputs,
)


def _write_inputs(
    workbook: Workbook, ws: _Sheet, case: BusinessCase, scenarios: list[Scenario]
) -> list[_ScenarioInputs]:
    _put(ws, 1, 1, _Text(f"Inputs: {case.title}"), kind="title")
    _put(
        ws,
        2,
        1,
        "Shaded cells are inputs: change them and every other sheet recalculates. "
        "Money is in pounds; shares are of the layer's saving.",
        kind="note",
    )
    _put(ws, _ROW_ORG, 1, "Organisation", kind="bold")
    _input(ws, _ROW_ORG, 2, _Text(case.organisation), None)
    _put(ws, _ROW_TITLE, 1, "Business case", kind="bold")
    _input(ws, _ROW_TITLE, 2, _Text(case.title), None)
    _put(ws, _ROW_RATE, 1, "Discount rate", kind="bold")
    _input(ws, _ROW_RATE, 2, case.discount_rate, "0.00%")
    _name(workbook, "DiscountRate", "Inputs", _abs(2, _ROW_RATE))
    _write_years(ws, case)
    next_row = _write_layers(workbook, ws, case, scenarios)
    blocks = []
    for index, scenario in enumerate(scenarios):
        block, next_row = _write_scenario_inputs(workbook, ws, case, index, scenario, next_row)
        blocks.append(block)
    _widths(ws, [(1, 30), (2, 16), (3, 16), (4, 14)])
    _widths(
        ws,
        [
            (col, 16)
            for col in range(5, max(_LEVEL_COL + 2 * len(case.levels), 2 + case.year_count) + 1)
        ],
    )
    ws.freeze(_ROW_YEAR_LAST + 1, 2)
    return blocks


def _write_years(ws: _Sheet, case: BusinessCase) -> None:
    _header(ws, _ROW_YEAR_LABEL, 1, "Financial year")
    _put(ws, _ROW_YEAR_FIRST, 1, "First day", kind="bold")
    _put(ws, _ROW_YEAR_LAST, 1, "Last day", kind="bold")
    for index in range(case.year_count):
        col = 2 + index
        letter = get_column_letter(col)
        first = f"{letter}{_ROW_YEAR_FIRST}"
        if index == 0:
            _input(ws, _ROW_YEAR_FIRST, col, case.first_year.first_day, DATE)
        else:
            prev = f"{get_column_letter(col - 1)}{_ROW_YEAR_FIRST}"
            _put(ws, _ROW_YEAR_FIRST, col, f"=DATE(YEAR({prev})+1,4,1)", DATE)
        _put(ws, _ROW_YEAR_LAST, col, f"=DATE(YEAR({first})+1,3,31)", DATE)
        _header(ws, _ROW_YEAR_LABEL, col, f'=YEAR({first})&"/"&RIGHT(YEAR({first})+1,2)')


def _write_layers(
    workbook: Workbook, ws: _Sheet, case: BusinessCase, scenarios: list[Scenario]
) -> int:
    _put(ws, _ROW_LEVEL_IDS - 1, 1, "Layers and savings levels", kind="section")
    _put(ws, _ROW_LEVEL_IDS, 1, "Savings level id", kind="bold")
    for col, title in enumerate(("Layer", "Name", "Baseline cost", "Baseline FTE"), start=1):
        _header(ws, _ROW_LAYER_HEADER, col, title)
    for k, level in enumerate(case.levels):
        col = _LEVEL_COL + 2 * k
        for offset, suffix in ((0, "saving"), (1, "FTE")):
            _put(ws, _ROW_LEVEL_IDS, col + offset, _Text(level.id), kind="bold")
            _header(ws, _ROW_LAYER_HEADER, col + offset, _Text(f"{level.name} {suffix}"))
    first = _ROW_LAYER_HEADER + 1
    for offset, layer in enumerate(case.layers):
        row = first + offset
        _input(ws, row, 1, _Text(layer.id), None)
        _input(ws, row, 2, _Text(layer.name), None)
        _input(ws, row, 3, layer.baseline_cost, MONEY)
        _input(ws, row, 4, layer.baseline_fte, FTE)
        for k, level in enumerate(case.levels):
            saving = level.savings.get(layer.id)
            amount = saving.amount if saving else Decimal(0)
            fte = saving.fte if saving else Decimal(0)
            _input(ws, row, _LEVEL_COL + 2 * k, amount, MONEY)
            _input(ws, row, _LEVEL_COL + 2 * k + 1, fte, FTE)
    last = first + len(case.layers) - 1
    last_level_col = _LEVEL_COL + 2 * max(len(case.levels), 1) - 1
    _name(workbook, "LayerIds", "Inputs", f"{_abs(1, first)}:{_abs(1, last)}")
    level_ids = f"{_abs(_LEVEL_COL, _ROW_LEVEL_IDS)}:{_abs(last_level_col, _ROW_LEVEL_IDS)}"
    _name(workbook, "LevelIds", "Inputs", level_ids)
    _name(
        workbook, "LevelValues", "Inputs", f"{_abs(_LEVEL_COL, first)}:{_abs(last_level_col, last)}"
    )
    return last + 2


def _write_scenario_inputs(
    workbook: Workbook,
    ws: _Sheet,
    case: BusinessCase,
    index: int,
    scenario: Scenario,
    row: int,
) -> tuple[_ScenarioInputs, int]:
    _put(
        ws, row, 1, _Text(f"Scenario {index + 1}: {scenario.name} ({scenario.id})"), kind="section"
    )
    _put(ws, row + 1, 1, "Savings level", kind="bold")
    _input(ws, row + 1, 2, _Text(scenario.level), None)
    level_name = f"Scenario{index + 1}Level"
    _name(workbook, level_name, "Inputs", _abs(2, row + 1))
    level_cell = f"Inputs!{_abs(2, row + 1)}"
    row += 3
    _header(ws, row, 1, "Cost category")
    for y in range(case.year_count):
        _header(ws, row, 2 + y, f"={get_column_letter(2 + y)}${_ROW_YEAR_LABEL}")
    cost_rows = []
    for category, by_year in scenario.costs.items():
        row += 1
        cost_rows.append(row)
        _input(ws, row, 1, _Text(category), None)
        for y, year in enumerate(case.years):
            _input(ws, row, 2 + y, by_year.get(year, Decimal(0)), MONEY)
    row += 2
    for col, title in enumerate(("Layer", "Release date", "Share"), start=1):
        _header(ws, row, col, title)
    tranche_rows = []
    for layer_id, tranches in scenario.releases.items():
        for tranche in tranches:
            row += 1
            tranche_rows.append((layer_id, row))
            _input(ws, row, 1, _Text(layer_id), None)
            _input(ws, row, 2, tranche.released_on, DATE)
            _input(ws, row, 3, tranche.share, PERCENT)
    block = _ScenarioInputs(
        index, scenario, level_cell, level_name, tuple(cost_rows), tuple(tranche_rows)
    )
    return block, row + 2

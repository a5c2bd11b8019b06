"""A business case as an Excel workbook whose figures are live formulas over an Inputs sheet.

A finance officer can audit every figure (click a cell, read its formula) and change an input
(a saving, a release date, a share, a cost, the discount rate) and see the case recalculate.
The formulas reproduce ``realise.finance.scenario.run_scenario`` to the penny, including its
rounding: tranche values allocated by cumulative share and rounded to pence, part-year effects
rounded to pence, NPV rounded once at the end. See docs/formats/case-workbook.md.

One limit no formula can lift: a spreadsheet number keeps about 15 significant digits, the engine
keeps every digit of a share. Where a share has more digits than that (a third as 0.333...) and
an amount falls within a hair of a half penny, the spreadsheet may round it the other way; the
sheet then says so, with Realise's values (``_penny_cautions``).

Sheets: ``Summary`` (scenarios side by side), ``Inputs`` (every number the case rests on) and
one sheet per scenario (year-by-year results on top, one row per release tranche below).
Only functions that Excel and LibreOffice share are used: DATE, YEAR, MONTH, DAY, EOMONTH, IF,
ROUND, SUM, SUMIFS, COUNTIF, INDEX and MATCH.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from realise.core.spreadsheet_text import keep_as_text
from realise.finance.model import BusinessCase, Scenario
from realise.finance.money import format_money
from realise.finance.profile import ratio, round_half_up, to_pence
from realise.reports.spreadsheets import numbers

MONEY = numbers.MONEY.code  # "£"#,##0.00;"−£"#,##0.00, as the exports and reports (ADR 0024)
DATE = "d mmm yyyy"
PERCENT = "0.00%"
FTE = "#,##0.00"
FACTOR = "0.000000"

NO_PAYBACK = "Not within the case"

_FONT = Font(name="Arial", size=10)
_BOLD = Font(name="Arial", size=10, bold=True)
_TITLE = Font(name="Arial", size=14, bold=True)
_SECTION = Font(name="Arial", size=12, bold=True)
_NOTE = Font(name="Arial", size=10, italic=True, color="505A5F")
_HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")  # GOV.UK light grey
_INPUT_FILL = PatternFill("solid", fgColor="E8F1F8")  # pale blue: a value you may change
_RULE = Border(bottom=Side(style="thin", color="0B0C0C"))
_TOTAL = Border(top=Side(style="thin", color="0B0C0C"))
_WRAP = Alignment(wrap_text=True, vertical="top")

# The kinds of cell, as (font, fill, border, alignment). A cell's look is its kind and its number
# format, registered once as a named style ("Realise input money"): a large case has millions of
# cells, and setting a font, fill and border on each costs openpyxl a lookup of each per cell.
_KINDS: dict[str, tuple[Font, PatternFill | None, Border | None, Alignment | None]] = {
    "plain": (_FONT, None, None, None),
    "bold": (_BOLD, None, None, None),
    "title": (_TITLE, None, None, None),
    "section": (_SECTION, None, None, None),
    "note": (_NOTE, None, None, None),
    "input": (_FONT, _INPUT_FILL, None, None),  # a value you may change
    "header": (_BOLD, _HEADER_FILL, _RULE, _WRAP),
    "total": (_BOLD, None, _TOTAL, None),
}
_FORMAT_NAMES = {
    None: "",
    MONEY: " money",
    DATE: " date",
    PERCENT: " percent",
    FTE: " FTE",
    FACTOR: " factor",
    "0": " whole number",
    "0.0000": " fraction",
    "@": " text",
}

# Inputs sheet: fixed rows at the top, then layers, then one block per scenario.
_ROW_ORG, _ROW_TITLE, _ROW_RATE = 4, 5, 6
_ROW_YEAR_LABEL, _ROW_YEAR_FIRST, _ROW_YEAR_LAST = 8, 9, 10
_ROW_LEVEL_IDS, _ROW_LAYER_HEADER = 13, 14
_LEVEL_COL = 5  # column E: first savings-level column in the layers table

# Scenario sheets: year results on rows 5-21 in columns B.., tranches from row 25.
_S_HEADER = 4
_S_ROWS = {
    "first": 5,
    "last": 6,
    "t": 7,
    "fye": 8,
    "pye": 9,
    "cum_pye": 10,
    "cost": 11,
    "cum_cost": 12,
    "cum_net": 13,
    "paid_back": 14,
    "fte": 15,
    "cum_fte": 16,
    "factor": 17,
    "pv": 18,
    "npv": 20,
    "payback": 21,
}
_S_LABELS = {
    "first": ("Year starts", DATE),
    "last": ("Year ends", DATE),
    "t": ("Discount year (t)", "0"),
    "fye": ("Full-year effect", MONEY),
    "pye": ("Part-year effect", MONEY),
    "cum_pye": ("Cumulative part-year effect", MONEY),
    "cost": ("Cost in year", MONEY),
    "cum_cost": ("Cumulative cost", MONEY),
    "cum_net": ("Cumulative net", MONEY),
    "paid_back": ("Paid back by year end (1 = yes)", "0"),
    "fte": ("FTE released", FTE),
    "cum_fte": ("Cumulative FTE released", FTE),
    "factor": ("Discount factor", FACTOR),
    "pv": ("Present value", MONEY),
    "npv": ("Net present value", MONEY),
    "payback": ("Payback year", "@"),
}
_ROW_CAUTION = 22  # a note, only when the sheet may differ from Realise by a penny
_T_GROUP, _T_HEADER, _T_FIRST = 23, 24, 25
# Tranche detail columns, counted from the first column after the part-year grid and a gap.
_T_COLUMNS = (
    ("date", "Release date", DATE),
    ("share", "Share", PERCENT),
    ("cum_share", "Cumulative share of layer", PERCENT),
    ("layer_row", "Row in layers table", "0"),
    ("saving", "Layer saving (level)", MONEY),
    ("layer_fte", "Layer FTE (level)", FTE),
    ("cum_alloc", "Cumulative allocated", MONEY),
    ("annual", "Annual value", MONEY),
    ("fte", "FTE", FTE),
    ("start", "Starts earning", DATE),
)

_T_INDEX = {key: index for index, (key, _, _) in enumerate(_T_COLUMNS)}

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class _Text(str):
    """Text from the case (names, ids, or a line that holds one): written as a string cell, even
    when it starts with "=" (``realise.core.spreadsheet_text``). Every other ``str`` written is
    Realise's own: a label, or a formula when it starts with "="."""


@dataclass(frozen=True)
class _ScenarioInputs:
    """Where one scenario's inputs sit on the Inputs sheet."""

    index: int
    scenario: Scenario
    level_cell: str
    level_name: str
    cost_rows: tuple[int, ...]
    tranche_rows: tuple[tuple[str, int], ...]  # (layer id, row) in release order per layer
    sheet: str = ""


@dataclass(frozen=True)
class _Cols:
    """Column numbers of one scenario sheet for a case of ``years`` years."""

    years: int

    def year(self, index: int) -> int:
        return 2 + index

    def detail(self, key: str) -> int:
        return self.years + 3 + _T_INDEX[key]

    def fraction(self, index: int) -> int:
        return self.years + 3 + len(_T_COLUMNS) + index

    def letter(self, key: str) -> str:
        return self.letters[key]

    @cached_property
    def letters(self) -> dict[str, str]:
        """Column letter of each tranche detail column."""
        return {key: get_column_letter(self.detail(key)) for key in _T_INDEX}


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
    base = _SHEET_NAME_BAD.sub("-", f"{block.index + 1}. {block.scenario.name}").strip("'")[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


# --- the workbook and its sheets ----------------------------------------------------------


class _Book:
    """The workbook in openpyxl's write-only mode, which streams each sheet's rows to disk, with
    one named style per look of cell (kind and number format), added when first used."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        self._styles: dict[tuple[str, str | None], NamedStyle] = {}

    def sheet(self, title: str) -> _Sheet:
        return _Sheet(self, self.workbook.create_sheet(title))

    def style(self, kind: str, number_format: str | None) -> NamedStyle:
        style = self._styles.get((kind, number_format))
        if style is None:
            name = f"Realise {kind}{_FORMAT_NAMES[number_format]}"
            font, fill, border, alignment = _KINDS[kind]
            style = NamedStyle(
                name,
                font=font,
                border=border or DEFAULT_BORDER,  # the workbook's own "no border"
                number_format=number_format or "General",
            )
            if fill is not None:
                style.fill = fill
            if alignment is not None:
                style.alignment = alignment
            self.workbook.add_named_style(style)
            self._styles[(kind, number_format)] = style
        return style


@dataclass
class _Sheet:
    """One sheet's cells, put in any order and written in row order once the sheet is done
    (write-only mode takes whole rows, top to bottom). Widths and frozen panes go first."""

    book: _Book
    ws: Any  # openpyxl's WriteOnlyWorksheet
    cells: dict[int, dict[int, Cell]] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object, number_format: str | None, kind: str) -> None:
        # The named style's formatting, as setting ``cell.style`` to it would give, without
        # looking the style up by name for every cell.
        formatting = self.book.style(kind, number_format).as_tuple()
        if isinstance(value, _Text):
            cell = keep_as_text(Cell(self.ws, row, col, str(value), formatting))
        else:
            cell = Cell(self.ws, row, col, value, formatting)
        self.cells.setdefault(row, {})[col] = cell

    def freeze(self, row: int, col: int) -> None:
        """Freeze the rows above ``row`` and the columns left of ``col``."""
        self.ws.freeze_panes = f"{get_column_letter(col)}{row}"

    def write(self) -> None:
        for row in range(1, max(self.cells, default=0) + 1):
            by_col = self.cells.get(row, {})
            self.ws.append([by_col.get(col) for col in range(1, max(by_col, default=0) + 1)])
        self.cells.clear()


# --- cell helpers -------------------------------------------------------------------------


def _put(
    ws: _Sheet,
    row: int,
    col: int,
    value: object,
    number_format: str | None = None,
    *,
    kind: str = "plain",
) -> None:
    ws.put(row, col, value, number_format, kind)


def _input(ws: _Sheet, row: int, col: int, value: object, number_format: str | None) -> None:
    _put(ws, row, col, value, number_format, kind="input")


def _header(ws: _Sheet, row: int, col: int, value: object) -> None:
    _put(ws, row, col, value, kind="header")


def _name(workbook: Workbook, name: str, sheet: str, ref: str) -> None:
    workbook.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet)}!{ref}")


def _abs(col: int, row: int) -> str:
    return f"${get_column_letter(col)}${row}"


def _widths(ws: _Sheet, widths: Iterable[tuple[int, float]]) -> None:
    for col, width in widths:
        ws.ws.column_dimensions[get_column_letter(col)].width = width


# --- Inputs -------------------------------------------------------------------------------


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


# --- one scenario -------------------------------------------------------------------------


def _write_scenario(ws: _Sheet, case: BusinessCase, block: _ScenarioInputs) -> None:
    cols = _Cols(case.year_count)
    _put(ws, 1, 1, _Text(f"Scenario {block.index + 1}: {block.scenario.name}"), kind="title")
    _put(ws, 2, 1, "Savings level", kind="bold")
    _put(ws, 2, 2, f"={block.level_name}")
    _put(ws, 3, 1, "Discount rate", kind="bold")
    _put(ws, 3, 2, "=DiscountRate", "0.00%")
    _header(ws, _S_HEADER, 1, "£ unless stated")
    for y in range(case.year_count):
        _header(
            ws, _S_HEADER, cols.year(y), f"=Inputs!{get_column_letter(2 + y)}${_ROW_YEAR_LABEL}"
        )
    for key, row in _S_ROWS.items():
        _put(ws, row, 1, _S_LABELS[key][0], kind="bold")
    _write_tranches(ws, case, block, cols)
    for y in range(case.year_count):
        _write_year_column(ws, block, cols, y)
    _write_totals(ws, case, cols)
    _write_caution(ws, _penny_cautions(case, block))
    _widths(ws, [(1, 34)])
    _widths(ws, [(cols.year(y), 15) for y in range(case.year_count)])
    _widths(ws, [(cols.detail(k), 15) for k, _, _ in _T_COLUMNS])
    _widths(ws, [(cols.fraction(y), 12) for y in range(case.year_count)])
    ws.freeze(_S_HEADER + 1, 2)


def _tranche_range(block: _ScenarioInputs, letter: str) -> str:
    last = _T_FIRST + len(block.tranche_rows) - 1
    return f"${letter}${_T_FIRST}:${letter}${last}"


def _write_year_column(ws: _Sheet, block: _ScenarioInputs, cols: _Cols, y: int) -> None:
    col = cols.year(y)
    c = get_column_letter(col)
    p = get_column_letter(col - 1)
    r = _S_ROWS
    inputs_col = get_column_letter(2 + y)
    formulas: dict[str, str] = {
        "first": f"=Inputs!{inputs_col}${_ROW_YEAR_FIRST}",
        "last": f"=Inputs!{inputs_col}${_ROW_YEAR_LAST}",
        "t": "=0" if y == 0 else f"={p}{r['t']}+1",
        "pye": "=0",
        "fye": "=0",
        "fte": "=0",
        "cost": "=0",
        "cum_pye": f"={c}{r['pye']}" if y == 0 else f"=ROUND({p}{r['cum_pye']}+{c}{r['pye']},2)",
        "cum_cost": (
            f"={c}{r['cost']}" if y == 0 else f"=ROUND({p}{r['cum_cost']}+{c}{r['cost']},2)"
        ),
        "cum_net": f"=ROUND({c}{r['cum_pye']}-{c}{r['cum_cost']},2)",
        "paid_back": f"=IF({c}{r['cum_net']}>=0,1,0)",
        "cum_fte": f"={c}{r['fte']}" if y == 0 else f"={p}{r['cum_fte']}+{c}{r['fte']}",
        "factor": f"=1/(1+DiscountRate)^{c}{r['t']}",
        "pv": f"=({c}{r['pye']}-{c}{r['cost']})*{c}{r['factor']}",
    }
    if block.tranche_rows:
        last = _T_FIRST + len(block.tranche_rows) - 1
        annual = _tranche_range(block, cols.letter("annual"))
        start = _tranche_range(block, cols.letter("start"))
        fte = _tranche_range(block, cols.letter("fte"))
        formulas["pye"] = f"=ROUND(SUM({c}{_T_FIRST}:{c}{last}),2)"
        formulas["fye"] = f'=ROUND(SUMIFS({annual},{start},"<="&{c}${r["last"]}),2)'
        formulas["fte"] = (
            f'=SUMIFS({fte},{start},">="&{c}${r["first"]},{start},"<="&{c}${r["last"]})'
        )
    if block.cost_rows:
        first_cost, last_cost = block.cost_rows[0], block.cost_rows[-1]
        formulas["cost"] = f"=ROUND(SUM(Inputs!{inputs_col}{first_cost}:{inputs_col}{last_cost}),2)"
    for key, formula in formulas.items():
        _put(ws, r[key], col, formula, _S_LABELS[key][1])


def _write_totals(ws: _Sheet, case: BusinessCase, cols: _Cols) -> None:
    first = get_column_letter(cols.year(0))
    last = get_column_letter(cols.year(case.year_count - 1))
    r = _S_ROWS
    _put(
        ws,
        r["npv"],
        2,
        f"=ROUND(SUM({first}{r['pv']}:{last}{r['pv']}),2)",
        MONEY,
        kind="total",
    )
    paid = f"{first}{r['paid_back']}:{last}{r['paid_back']}"
    labels = f"{first}{_S_HEADER}:{last}{_S_HEADER}"
    _put(
        ws,
        r["payback"],
        2,
        f'=IF(COUNTIF({paid},1)=0,"{NO_PAYBACK}",INDEX({labels},MATCH(1,{paid},0)))',
        kind="bold",
    )


def _write_tranches(ws: _Sheet, case: BusinessCase, block: _ScenarioInputs, cols: _Cols) -> None:
    _put(ws, _T_GROUP, 1, "Release tranches", kind="section")
    _put(ws, _T_GROUP, cols.year(0), "Part-year effect by year", kind="bold")
    _put(ws, _T_GROUP, cols.detail("date"), "How each tranche is valued", kind="bold")
    _put(ws, _T_GROUP, cols.fraction(0), "Share of the year earning", kind="bold")
    _header(ws, _T_HEADER, 1, "Layer")
    for y in range(case.year_count):
        label = f"={get_column_letter(cols.year(y))}${_S_HEADER}"
        _header(ws, _T_HEADER, cols.year(y), label)
        _header(ws, _T_HEADER, cols.fraction(y), label)
    for key, title, _ in _T_COLUMNS:
        _header(ws, _T_HEADER, cols.detail(key), title)
    for offset, (_, inputs_row) in enumerate(block.tranche_rows):
        _write_tranche_row(ws, case, block, cols, _T_FIRST + offset, inputs_row)


def _write_tranche_row(
    ws: _Sheet,
    case: BusinessCase,
    block: _ScenarioInputs,
    cols: _Cols,
    row: int,
    inputs_row: int,
) -> None:
    here = {key: f"{cols.letter(key)}{row}" for key, _, _ in _T_COLUMNS}
    prev = {key: f"{cols.letter(key)}{row - 1}" for key, _, _ in _T_COLUMNS}
    same_layer = f"A{row}=A{row - 1}"
    first = row == _T_FIRST
    level = block.level_name
    formulas = {
        "date": f"=Inputs!$B${inputs_row}",
        "share": f"=Inputs!$C${inputs_row}",
        "cum_share": (
            f"={here['share']}"
            if first
            else f"=IF({same_layer},{prev['cum_share']},0)+{here['share']}"
        ),
        "layer_row": f"=MATCH(A{row},LayerIds,0)",
        "saving": f"=INDEX(LevelValues,{here['layer_row']},MATCH({level},LevelIds,0))",
        "layer_fte": f"=INDEX(LevelValues,{here['layer_row']},MATCH({level},LevelIds,0)+1)",
        "cum_alloc": f"=ROUND({here['saving']}*{here['cum_share']},2)",
        "annual": (
            f"={here['cum_alloc']}"
            if first
            else f"={here['cum_alloc']}-IF({same_layer},{prev['cum_alloc']},0)"
        ),
        "fte": f"={here['layer_fte']}*{here['share']}",
        "start": f"={here['date']}+1",
    }
    _put(ws, row, 1, f"=Inputs!$A${inputs_row}")
    for key, title_format in ((k, f) for k, _, f in _T_COLUMNS):
        _put(ws, row, cols.detail(key), formulas[key], title_format)
    start = f"${cols.letter('start')}{row}"
    annual = f"${cols.letter('annual')}{row}"
    for y in range(case.year_count):
        yc = get_column_letter(cols.year(y))
        year_first, year_last = f"{yc}${_S_ROWS['first']}", f"{yc}${_S_ROWS['last']}"
        days = f"DAY(EOMONTH({start},0))"
        months_after = (
            f"(YEAR({year_last})*12+MONTH({year_last}))-(YEAR({start})*12+MONTH({start}))"
        )
        fraction = (
            f"=IF({start}>{year_last},0,IF({start}<={year_first},1,"
            f"({months_after}+({days}-DAY({start})+1)/{days})/12))"
        )
        fraction_cell = f"{get_column_letter(cols.fraction(y))}{row}"
        _put(ws, row, cols.fraction(y), fraction, "0.0000")
        _put(ws, row, cols.year(y), f"=ROUND({annual}*{fraction_cell},2)", MONEY)


# --- where a spreadsheet cannot follow the engine to the penny ----------------------------

_SPREADSHEET_DIGITS = 15  # significant digits Excel and LibreOffice keep and round at


def _near_a_half_penny(numerator: int, denominator: int) -> bool:
    """Whether ``numerator / denominator`` pence lies so close to a half penny, without being
    one, that a spreadsheet may round it the other way than the engine.

    The engine rounds the exact value half up. A spreadsheet holds about 15 significant digits
    and rounds on them, so a value with more digits that sits within the last of them of a half
    penny (the cumulative allocation of a 28-digit 1/3 + 1/2 share, 4e-22 pence below one) is
    taken for the half and rounded up. An exact half, or a value of at most 15 significant
    digits, comes out as the engine's (tested in LibreOffice). The margin is ten units of the
    15th digit, well beyond the spreadsheet's own error.
    """
    n, d = abs(numerator), denominator
    if n == 0:
        return False
    twice_off_half = abs(2 * (n % d) - d)  # |value - (whole pence + 1/2)| x 2d
    if twice_off_half == 0:
        return False
    exponent = len(str(n)) - len(str(d))  # floor(log10(value)), or one more
    if (n < d * 10**exponent) if exponent >= 0 else (n * 10**-exponent < d):
        exponent -= 1
    shift = exponent - (_SPREADSHEET_DIGITS - 1)  # the 15th digit is worth 10**shift pence
    if shift >= 0:
        fits = n % (d * 10**shift) == 0
        near = twice_off_half < 20 * d * 10**shift
    else:
        fits = (n * 10**-shift) % d == 0
        near = twice_off_half * 10**-shift < 20 * d
    return near and not fits


def _penny_cautions(case: BusinessCase, block: _ScenarioInputs) -> list[tuple[int, Decimal]]:
    """(sheet row, Realise's annual value) of every tranche whose annual value the spreadsheet
    may put a penny away from the engine's, its cumulative allocation or the one before it being
    ``_near_a_half_penny``. The arithmetic is ``profile.allocate_pence``, step by step.

    Part-year effects need no such check: annual value x a share of the year whose denominator
    is at most 372 is a half penny exactly or at least 1/744 of a penny away from one, which 15
    significant digits resolve for any annual value under £10bn.
    """
    level = case.level(block.scenario.level)
    flagged: dict[int, int] = {}
    offset = 0
    for layer_id, tranches in block.scenario.releases.items():
        saving = level.savings.get(layer_id)
        total = to_pence(saving.amount) if saving else 0
        running = Decimal(0)
        previous = 0
        carried = False  # the previous cumulative allocation was in doubt
        for tranche in tranches:
            row = _T_FIRST + offset
            offset += 1
            running += tranche.share
            numerator, denominator = ratio(running)
            cumulative = round_half_up(total * numerator, denominator)
            annual, previous = cumulative - previous, cumulative
            in_doubt = _near_a_half_penny(total * numerator, denominator)
            if in_doubt or carried:  # this cumulative allocation or the one before
                flagged[row] = annual
            carried = in_doubt
    return [(row, Decimal(annual).scaleb(-2)) for row, annual in sorted(flagged.items())]


def _write_caution(ws: _Sheet, cautions: list[tuple[int, Decimal]]) -> None:
    if not cautions:
        return
    rows = ", ".join(str(row) for row, _ in cautions)
    values = "; ".join(f"row {row} {format_money(annual, places=2)}" for row, annual in cautions)
    _put(
        ws,
        _ROW_CAUTION,
        1,
        f"A penny to check, tranche rows {rows}: a share there has more digits than a "
        "spreadsheet keeps, and an amount falls within a hair of a half penny, so this sheet "
        f"may show £0.01 more or less than Realise. Realise's annual values: {values}.",
        kind="note",
    )


# --- Summary ------------------------------------------------------------------------------


_SUMMARY_COLUMNS = (
    ("Savings level", None, None),
    ("Total part-year effect", "cum_pye", MONEY),
    ("Total cost", "cum_cost", MONEY),
    ("Cumulative net at end", "cum_net", MONEY),
    ("Full-year effect in final year", "fye", MONEY),
    ("Cumulative FTE released", "cum_fte", FTE),
    ("Net present value", "npv", MONEY),
    ("Payback year", "payback", None),
)


def _write_summary(ws: _Sheet, case: BusinessCase, blocks: list[_ScenarioInputs]) -> None:
    _put(ws, 1, 1, _Text(f"{case.title}: scenarios compared"), kind="title")
    _put(
        ws,
        2,
        1,
        _Text(f"{case.organisation}. Every figure is a formula over the Inputs sheet."),
        kind="note",
    )
    header = 4
    _header(ws, header, 1, "Scenario")
    for col, (title, _, _) in enumerate(_SUMMARY_COLUMNS, start=2):
        _header(ws, header, col, title)
    last_year = get_column_letter(2 + case.year_count - 1)
    for offset, block in enumerate(blocks):
        row = header + 1 + offset
        sheet = quote_sheetname(block.sheet)
        _put(ws, row, 1, _Text(block.scenario.name), kind="bold")
        for col, (_, key, number_format) in enumerate(_SUMMARY_COLUMNS, start=2):
            if key is None:
                ref = f"={sheet}!$B$2"
            elif key in ("npv", "payback"):
                ref = f"={sheet}!$B${_S_ROWS[key]}"
            else:
                ref = f"={sheet}!${last_year}${_S_ROWS[key]}"
            _put(ws, row, col, ref, number_format)
    table = header + len(blocks) + 3
    _put(ws, table - 1, 1, "Cumulative net by year", kind="section")
    _header(ws, table, 1, "Scenario")
    for y in range(case.year_count):
        letter = get_column_letter(2 + y)
        _header(ws, table, 2 + y, f"=Inputs!{letter}${_ROW_YEAR_LABEL}")
    for offset, block in enumerate(blocks):
        row = table + 1 + offset
        sheet = quote_sheetname(block.sheet)
        _put(ws, row, 1, _Text(block.scenario.name), kind="bold")
        for y in range(case.year_count):
            letter = get_column_letter(2 + y)
            _put(ws, row, 2 + y, f"={sheet}!{letter}${_S_ROWS['cum_net']}", MONEY)
    _widths(ws, [(1, 34)])
    _widths(ws, [(col, 18) for col in range(2, max(len(_SUMMARY_COLUMNS), case.year_count) + 2)])
    ws.freeze(header + 1, 2)

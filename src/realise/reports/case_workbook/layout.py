"""Where things sit: the fixed rows and columns of the Inputs and scenario sheets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from openpyxl.utils import get_column_letter

from realise.finance.model import Scenario
from realise.reports.case_workbook.cells import DATE, FACTOR, FTE, MONEY, PERCENT

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

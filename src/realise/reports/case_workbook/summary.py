"""The Summary sheet: the scenarios side by side, and cumulative net by year."""

from __future__ import annotations

from openpyxl.utils import get_column_letter, quote_sheetname

from realise.finance.model import BusinessCase
from realise.reports.case_workbook.cells import FTE, MONEY, _header, _put, _Sheet, _Text, _widths
from realise.reports.case_workbook.layout import _ROW_YEAR_LABEL, _S_ROWS, _ScenarioInputs

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

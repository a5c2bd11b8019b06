"""The Summary sheet: the options side by side (totals, NPV, payback, each against doing
nothing), and each option's cumulative net by year. Every figure refers to an option sheet."""

from __future__ import annotations

from openpyxl.utils import quote_sheetname

from realise.finance.appraisal.model import Appraisal
from realise.reports.case_workbook.appraisal_inputs import Places, year_letter
from realise.reports.case_workbook.appraisal_option import OptionSheet
from realise.reports.case_workbook.cells import MONEY, _header, _put, _Sheet, _Text, _widths

_MEASURES = (
    ("Total cost (after optimism bias)", "cost", MONEY),
    ("Total budgets released (offsets)", "offsets", MONEY),
    ("Total benefits (after optimism bias)", "benefits", MONEY),
    ("Of which cashable and income", "cash_benefits", MONEY),
    ("Net over the case", "net", MONEY),
    ("Net present value", "npv", MONEY),
    ("Cash net present value", "cash_npv", MONEY),
    ("Payback", "payback", "@"),
    ("Cash payback", "cash_payback", "@"),
)


def write_summary(ws: _Sheet, case: Appraisal, places: Places, sheets: list[OptionSheet]) -> None:
    _put(ws, 1, 1, _Text(f"{case.title}: options compared"), kind="title")
    _put(
        ws,
        2,
        1,
        _Text(
            f"{case.organisation}. Every figure is a formula over the option sheets, which are "
            "formulas over the Inputs sheet."
        ),
        kind="note",
    )
    header = 4
    _header(ws, header, 1, "Measure")
    for col, sheet in enumerate(sheets, start=2):
        _header(ws, header, col, _Text(_heading(sheet)))
    row = header + 1
    for label, key, fmt in _MEASURES:
        _put(ws, row, 1, label, kind="bold")
        for col, sheet in enumerate(sheets, start=2):
            _put(ws, row, col, _ref(sheet, key), fmt)
        row += 1
    base = next((s for s in sheets if s.option.do_nothing), None)
    if base is not None:
        _put(ws, row, 1, "Net present value against doing nothing", kind="bold")
        for col, sheet in enumerate(sheets, start=2):
            if sheet is not base:
                _put(ws, row, col, f"{_ref(sheet, 'npv')}-{_ref(base, 'npv')[1:]}", MONEY)
        row += 1
    table = row + 2
    _put(ws, table - 1, 1, "Cumulative net by year", kind="section")
    _header(ws, table, 1, "Option")
    for index in range(case.year_count):
        letter = year_letter(index)
        _header(ws, table, 2 + index, f"=Inputs!${letter}${places.years_row}")
    for offset, sheet in enumerate(sheets, start=1):
        _put(ws, table + offset, 1, _Text(sheet.option.name), kind="bold")
        for index in range(case.year_count):
            ref = f"={quote_sheetname(sheet.sheet)}!{sheet.year_col(index)}{sheet.rows['cum_net']}"
            _put(ws, table + offset, 2 + index, ref, MONEY)
    _widths(ws, [(1, 40)])
    _widths(ws, [(col, 18) for col in range(2, max(len(sheets), case.year_count) + 2)])
    ws.freeze(header + 1, 2)


def _heading(sheet: OptionSheet) -> str:
    option = sheet.option
    if option.preferred:
        return f"{option.name} (preferred)"
    return option.name


def _ref(sheet: OptionSheet, key: str) -> str:
    name = quote_sheetname(sheet.sheet)
    if key in ("npv", "cash_npv", "payback", "cash_payback"):
        return f"={name}!${sheet.result_col}${sheet.rows[key]}"
    return f"={name}!${sheet.total_col}${sheet.rows[key]}"

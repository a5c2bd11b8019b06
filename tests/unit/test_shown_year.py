"""The year pages and reports show first: the latest with data; and ``?year=`` written as people
write it (2024/25) or as the pages' year lists send it (2024)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import RequestFactory

from realise.benefits.selectors import SavingsByYear, YearSavings
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import PlanYears
from realise.web.pages import asked_year

ZERO = Decimal(0)
TODAY = date(2026, 12, 5)  # in 2026/27


def _table(held: set[int], achieved: set[int] = frozenset()) -> SavingsByYear:
    years = tuple(
        YearSavings(
            year=FinancialYear(start),
            budgeted=ZERO,
            achieved=ZERO,
            forecast=ZERO,
            has_actuals=start in achieved,
            percent_achieved=None,
            cumulative_budgeted=ZERO,
            cumulative_achieved=ZERO,
            cumulative_percent=None,
            held=start in held | achieved,
        )
        for start in range(2024, 2029)
    )
    return SavingsByYear("cashable", years, ZERO, ZERO, plan=PlanYears.of(2024, 2028))


@pytest.mark.parametrize(
    ("held", "achieved", "shown"),
    [
        ({2024, 2025, 2026, 2027, 2028}, {2024, 2025}, 2025),  # the latest with savings achieved
        (
            {2024},
            set(),
            2024,
        ),  # only claims or budgets, in a past year: that year, not an empty one
        ({2024, 2028}, set(), 2024),  # budgets far ahead do not count: up to the year we are in
        (set(), set(), 2026),  # nothing yet: the year we are in
    ],
)
def test_the_year_shown_first_is_the_latest_with_data(held, achieved, shown):
    assert _table(held, achieved).reporting_year(TODAY) == FinancialYear(shown)


def test_nothing_yet_and_a_plan_that_starts_later_shows_its_first_year():
    table = _table(set())
    later = SavingsByYear("cashable", table.years, ZERO, ZERO, plan=PlanYears.of(2027, 2031))
    assert later.reporting_year(TODAY) == FinancialYear(2027)


@pytest.mark.parametrize(
    ("query", "year"),
    [("2024/25", 2024), ("2024", 2024), (" 2025/26 ", 2025), ("2024/26", None), ("soon", None)],
)
def test_the_year_asked_for_reads_as_people_write_it(query, year):
    asked = asked_year(RequestFactory().get("/", {"year": query}))
    assert asked == (FinancialYear(year) if year else None)
    assert asked_year(RequestFactory().get("/")) is None

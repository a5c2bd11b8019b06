"""The annual report's headline counts the year's own budget even when nothing is validated in
it yet, and says so; a project with no dates is in no year of Table 1, not "in progress" in
every year (issue 16). Pure: hand-made figures, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from realise.benefits.selectors import SavingsByYear, YearSavings
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import PlanYears
from realise.portfolio.selectors import profile_count
from realise.reports.annual.summary import headline, savings_to_date

D = Decimal
PLAN = PlanYears.of(2023, 2025)


def _year(start: int, budgeted: str, achieved: str | None) -> YearSavings:
    return YearSavings(
        year=FinancialYear(start),
        budgeted=D(budgeted),
        achieved=D(achieved or 0),
        forecast=D(0),
        has_actuals=achieved is not None,
        percent_achieved=None,
        cumulative_budgeted=D(0),
        cumulative_achieved=D(0),
        cumulative_percent=None,
    )


DATA = SavingsByYear(
    kind="cashable",
    years=(_year(2023, "1000", "800"), _year(2024, "500", None), _year(2025, "700", None)),
    total_budgeted=D(2200),
    total_achieved=D(800),
    plan=PLAN,
)


def test_the_years_budget_counts_before_anything_is_validated_in_it():
    assert savings_to_date(DATA, FinancialYear(2024)) == (D(1500), D(800))
    assert headline(DATA, FinancialYear(2024)) == (
        "Savings achieved to the end of 2024/25: £800 against £1,500 budgeted for 2023/24 to "
        "2024/25 (53%). No savings have been validated for 2024/25 yet."
    )


def test_a_year_with_validated_savings_says_nothing_more():
    assert headline(DATA, FinancialYear(2023)) == (
        "Savings achieved to the end of 2023/24: £800 against £1,000 budgeted for 2023/24 (80%)."
    )


def _project(status="in_progress", start=None, planned_end=None, forecast_end=None, ended=None):
    return {
        "status": status,
        "planned_start": start,
        "planned_end": planned_end,
        "forecast_end": forecast_end,
        "actual_end": ended,
    }


YEARS = [FinancialYear(y) for y in (2022, 2023, 2024, 2025)]


@pytest.mark.parametrize(
    ("project", "counts"),
    [
        (_project(), [None, None, None, None]),  # no dates: in no year
        (_project("proposed"), [None, None, None, None]),
        (
            _project(start=date(2023, 5, 1)),  # open-ended from its start
            [None, "in_progress", "in_progress", "in_progress"],
        ),
        (
            _project(forecast_end=date(2024, 9, 30)),  # no start: only its end's year
            [None, None, "in_progress", None],
        ),
        (
            _project("complete", start=date(2022, 4, 1), ended=date(2024, 1, 31)),
            ["in_progress", "completed", None, None],
        ),
        (
            _project("proposed", start=date(2024, 4, 1), planned_end=date(2025, 3, 31)),
            [None, None, "projected", None],
        ),
    ],
)
def test_a_project_is_counted_in_the_years_its_dates_place_it(project, counts):
    assert [profile_count(project, y) for y in YEARS] == counts

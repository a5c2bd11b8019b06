"""A council's plan years (``realise.finance.plan_years``, the pure rule) and the check every
savings service makes with it (``realise.core.years.plan_year``): a year inside the plan is
accepted, a year outside it or one that is not a financial year at all is refused, saying why."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from realise.core.years import plan_year, plan_years_from
from realise.finance.calendar import FinancialYear
from realise.finance.plan_years import (
    MOST_PLAN_YEARS,
    PlanYears,
    PlanYearsError,
    check_plan_year,
    plan_problem,
)

DORSET = PlanYears.of(2019, 2034)


def test_a_plan_holds_its_years_first_to_last_and_numbers_them_from_one():
    plan = PlanYears.of(2021, 2025)
    assert [y.label for y in plan.years] == ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    assert len(plan) == 5
    assert plan.label == "2021/22 to 2025/26"
    assert [FinancialYear(y) in plan for y in (2020, 2021, 2025, 2026)] == [
        False,
        True,
        True,
        False,
    ]
    assert 2022 not in plan  # a start year is not a financial year
    assert [plan.number(y) for y in plan.years] == [1, 2, 3, 4, 5]
    with pytest.raises(PlanYearsError):
        plan.number(FinancialYear(2026))


@pytest.mark.parametrize("start", [1999, 2150, 2018, 2035])
def test_a_year_outside_the_plan_is_refused_naming_the_year_and_the_plan_years(start):
    year = FinancialYear(start)
    message = (
        f"Financial year {year.label} is outside this council's plan years, 2019/20 to 2034/35"
    )
    assert DORSET.outside(year) == message
    with pytest.raises(PlanYearsError, match=message):
        check_plan_year(year, DORSET)


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (2023, ["2022/23", "2023/24", "2024/25", "2025/26"]),  # none after the last plan year
        (2021, ["2021/22", "2022/23", "2023/24", "2024/25"]),  # none before the first
        (2022, ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]),
        (2030, []),  # a year far outside the plan has no plan years around it
    ],
)
def test_the_years_around_a_year_are_only_plan_years(start, shown):
    plan = PlanYears.of(2021, 2025)
    around = plan.around(FinancialYear(start), before=1, after=3)
    assert [y.label for y in around] == shown


def test_the_first_and_last_plan_years_are_accepted():
    assert check_plan_year(FinancialYear(2019), DORSET) == FinancialYear(2019)
    assert check_plan_year(FinancialYear(2034), DORSET) == FinancialYear(2034)
    assert DORSET.outside(FinancialYear(2034)) is None


def test_the_refusal_names_what_the_year_is():
    assert DORSET.outside(FinancialYear(2150), "Year carried to") == (
        "Year carried to 2150/51 is outside this council's plan years, 2019/20 to 2034/35"
    )


def test_a_last_year_before_the_first_or_too_long_a_plan_is_a_problem():
    assert plan_problem(FinancialYear(2021), FinancialYear(2019)) == (
        "The last plan year, 2019/20, is before the first, 2021/22: give a last year of 2021/22 "
        "or later"
    )
    with pytest.raises(PlanYearsError):
        PlanYears.of(2021, 2019)
    longest = FinancialYear(2000) + (MOST_PLAN_YEARS - 1)
    assert plan_problem(FinancialYear(2000), longest) is None
    assert plan_problem(FinancialYear(2019), FinancialYear(2201)) == (
        "2019/20 to 2201/02 is 183 years: a plan covers at most 30 financial years"
    )
    assert plan_problem(FinancialYear(2025), FinancialYear(2025)) is None  # a one-year plan


def test_a_new_councils_plan_is_the_year_it_starts_in_and_the_four_after():
    assert PlanYears.starting(date(2026, 12, 5)).label == "2026/27 to 2030/31"
    assert PlanYears.starting(date(2027, 3, 31)).label == "2026/27 to 2030/31"
    assert PlanYears.starting(date(2027, 4, 1)).label == "2027/28 to 2031/32"


def test_the_plan_covering_some_years_runs_from_the_earliest_to_the_latest():
    years = [FinancialYear(2023), FinancialYear(2021), FinancialYear(2023)]
    assert PlanYears.covering(years) == PlanYears.of(2021, 2023)
    assert PlanYears.covering([]) is None
    assert DORSET.left_out([FinancialYear(2150), FinancialYear(2020), FinancialYear(1999)]) == (
        FinancialYear(1999),
        FinancialYear(2150),
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("1999/00", "Financial year 1999/00 is outside this council's plan years"),
        ("2150/51", "Financial year 2150/51 is outside this council's plan years"),
        (1999, "Financial year 1999/00 is outside this council's plan years"),
        ("2019/18", '"2019/18" is not a financial year: the second year must follow the first'),
        ("2019/2021", '"2019/2021" is not a financial year: write it like 2022/23'),
        ("2019-20", '"2019-20" is not a financial year: write it like 2022/23'),
        ("next year", '"next year" is not a financial year'),
    ],
)
def test_the_services_check_refuses_on_the_field_it_is_given(given, message):
    with pytest.raises(ValidationError) as caught:
        plan_year(given, DORSET, field="financial_year")
    assert message in caught.value.message_dict["financial_year"][0]


def test_the_services_check_gives_the_start_year_of_a_plan_year():
    assert plan_year("2019/20", DORSET) == 2019
    assert plan_year(2034, DORSET) == 2034
    assert plan_year(FinancialYear(2025), DORSET, field="to_year") == 2025


@pytest.mark.parametrize(
    ("first", "last", "field", "message"),
    [
        ("", "2025/26", "first_year", "Enter the first plan year, like 2022/23"),
        ("2019/18", "2025/26", "first_year", '"2019/18" is not a financial year'),
        ("2021/22", "2025/2027", "last_year", '"2025/2027" is not a financial year'),
        ("2021/22", "2019/20", "last_year", "The last plan year, 2019/20, is before the first"),
        ("2019/20", "2201/02", "last_year", "a plan covers at most 30 financial years"),
    ],
)
def test_plan_years_as_someone_sets_them_are_refused_on_the_field_at_fault(
    first, last, field, message
):
    with pytest.raises(ValidationError) as caught:
        plan_years_from(first, last)
    assert message in caught.value.message_dict[field][0]


def test_plan_years_as_someone_sets_them():
    assert plan_years_from("2021/22", "2025/26") == PlanYears.of(2021, 2025)
    assert plan_years_from(2019, "2034/35") == DORSET


plans = st.tuples(
    st.integers(min_value=1950, max_value=2100), st.integers(min_value=1, max_value=30)
).map(lambda p: PlanYears.of(p[0], p[0] + p[1] - 1))
years = st.integers(min_value=1900, max_value=2999).map(FinancialYear)


@given(plans, years)
def test_every_year_inside_the_plan_is_accepted_and_every_year_outside_refused(plan, year):
    inside = plan.first.start <= year.start <= plan.last.start
    if inside:
        assert check_plan_year(year, plan) == year
        assert 1 <= plan.number(year) <= len(plan)
        assert plan_year(year.label, plan) == year.start
    else:
        with pytest.raises(PlanYearsError, match=plan.label):
            check_plan_year(year, plan)
        with pytest.raises(ValidationError):
            plan_year(year.label, plan)
    assert (year in plan.years) is inside

"""Benefits realisation arithmetic (realise.finance.realisation) against figures worked out by
hand: which forecast is the latest word, which line a validated saving counts against, and the
forecast accuracy 6, 12 and 24 months after approval."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest

from realise.finance.calendar import FinancialYear
from realise.finance.realisation import (
    PLAN,
    REFORECAST,
    VERSION,
    NewerVersion,
    PlanLine,
    Reforecast,
    Validated,
    add_months,
    expected_by,
    line_for,
    share_elapsed,
    told_apart,
    track,
)

Y25, Y26, Y27 = FinancialYear(2025), FinancialYear(2026), FinancialYear(2027)
YEARS = (Y25, Y26)
APPROVED_AT = datetime(2025, 2, 12, 10, 0)


def _line(id_, amounts, type_="cashable", directorate=""):
    return PlanLine(
        id_, id_.title(), type_, directorate, dict(zip(YEARS, map(D, amounts), strict=True))
    )


CARE = _line("care", ["1000.00", "4000.00"], directorate="People")
ROADS = _line("roads", ["600.00", "600.00"], directorate="Place")
FEES = _line("fees", ["0.00", "250.50"], type_="income")


def _saving(year, amount, *, kind="cashable", directorate="People", on=date(2025, 9, 30)):
    return Validated(year, kind, directorate, D(amount), on)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 2, 12), 6, date(2025, 8, 12)),
        (date(2025, 2, 12), 24, date(2027, 2, 12)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2025, 11, 30), 12, date(2026, 11, 30)),
    ],
)
def test_a_checkpoint_is_the_same_day_months_later_or_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_a_year_builds_up_by_its_days_elapsed():
    assert share_elapsed(Y25, date(2025, 3, 31)) == 0
    assert share_elapsed(Y25, date(2025, 4, 1)) == Fraction(1, 365)
    assert share_elapsed(Y25, date(2025, 9, 30)) == Fraction(183, 365)
    assert share_elapsed(Y25, date(2026, 3, 31)) == 1
    assert share_elapsed(Y27, date(2028, 2, 29)) == Fraction(335, 366)  # a leap year's 366 days


def test_what_the_plan_expects_by_a_day_is_rounded_once_to_the_penny():
    planned = {Y25: D("1000.00"), Y26: D("4000.00")}
    # 2025/26 in full, and 133 of 2026/27's 365 days: 4000 x 133 / 365 = 1457.534...
    assert expected_by(planned, date(2026, 8, 11)) == D("2457.53")
    assert expected_by(planned, date(2025, 3, 1)) == D("0.00")
    assert expected_by(planned, date(2030, 1, 1)) == D("5000.00")
    # Each year's share is exact until the sum is rounded: 0.005 + 0.005 is a penny, not 0 + 0.
    halves = {Y25: D("0.01"), Y26: D("0.01")}
    assert expected_by(halves, date(2026, 9, 30)) == D("0.02")


def test_a_saving_counts_against_the_line_of_its_type_naming_its_directorate_else_the_general():
    general = _line("general", ["1.00", "1.00"])
    lines = [CARE, ROADS, FEES, general]
    assert line_for(lines, "cashable", "people") == 0  # names compared regardless of case
    assert line_for(lines, "cashable", "Place") == 1
    assert line_for(lines, "cashable", "Corporate") == 3  # no line names it: the general line
    assert line_for(lines, "cashable", "") == 3
    assert line_for(lines, "income", "People") == 2
    assert line_for(lines, "non_cashable", "People") is None
    twins = [CARE, _line("care2", ["1.00", "1.00"], directorate="People")]
    assert line_for(twins, "cashable", "People") is None
    assert told_apart(twins) == [False, False]
    assert told_apart(lines) == [True, True, True, True]


def test_without_a_newer_version_or_reforecast_the_forecast_is_the_plan_and_actuals_match():
    savings = [
        _saving(Y25, "900.00"),
        _saving(Y25, "-100.00", on=date(2025, 10, 1)),  # a correction nets off
        _saving(Y26, "300.00", directorate="Place"),
        _saving(Y25, "50.00", kind="non_cashable"),  # no non-cashable line: the case as a whole
        _saving(Y27, "70.00"),  # a year outside the plan
    ]
    tracked = track(years=YEARS, plan=[CARE, ROADS, FEES], savings=savings, today=date(2025, 2, 1))
    care, roads, fees = tracked.lines
    assert (care.planned, care.forecast, care.sources) == (
        (D("1000.00"), D("4000.00")),
        (D("1000.00"), D("4000.00")),
        (PLAN, PLAN),
    )
    assert care.actual == (D("800.00"), D("0.00"))
    assert roads.actual == (D("0.00"), D("300.00"))
    assert fees.actual == (D("0.00"), D("0.00"))
    assert tracked.unmatched == (D("50.00"), D("0.00"))
    assert tracked.outside == D("70.00")
    assert [(y.planned, y.forecast, y.actual) for y in tracked.by_year] == [
        (D("1600.00"), D("1600.00"), D("850.00")),
        (D("4850.50"), D("4850.50"), D("300.00")),
    ]
    assert (tracked.total_planned, tracked.total_actual) == (D("6450.50"), D("1150.00"))
    assert tracked.checkpoints == ()  # no date of approval, no checkpoints


def test_lines_that_cannot_be_told_apart_have_no_actual_and_their_savings_count_for_the_case():
    twins = [_line("a", ["10.00", "10.00"]), _line("b", ["20.00", "20.00"])]
    tracked = track(
        years=YEARS, plan=twins, savings=[_saving(Y25, "25.00")], today=date(2026, 1, 1)
    )
    assert [line.actual for line in tracked.lines] == [None, None]
    assert tracked.unmatched == (D("25.00"), D("0.00"))
    assert tracked.by_year[0].actual == D("25.00")
    assert tracked.lines_told_apart is False


def test_the_forecast_is_the_latest_word_a_reforecast_or_a_newer_version():
    early = Reforecast("care", Y25, D("700.00"), APPROVED_AT + timedelta(days=10))
    later = Reforecast("care", Y25, D("750.00"), APPROVED_AT + timedelta(days=20))
    plain = track(years=YEARS, plan=[CARE], reforecasts=[later, early], today=date(2025, 3, 1))
    assert (plain.lines[0].forecast, plain.lines[0].sources) == (
        (D("750.00"), D("4000.00")),
        (REFORECAST, PLAN),
    )

    # Version 3, saved after the re-forecasts: its figures win, and a line it dropped is £0; a
    # line only it has is added, planned at £0.
    newer = NewerVersion(
        3,
        APPROVED_AT + timedelta(days=30),
        (_line("care", ["900.00", "3500.00"]), _line("parking", ["5.00", "5.00"])),
    )
    revised = track(
        years=YEARS,
        plan=[CARE, ROADS],
        newer=newer,
        reforecasts=[later, Reforecast("roads", Y26, D("1.00"), APPROVED_AT + timedelta(days=40))],
        today=date(2025, 3, 1),
    )
    care, roads, parking = revised.lines
    assert (care.forecast, care.sources) == ((D("900.00"), D("3500.00")), (VERSION, VERSION))
    assert (roads.forecast, roads.sources) == ((D("0.00"), D("1.00")), (VERSION, REFORECAST))
    assert (parking.planned, parking.forecast) == ((D("0.00"), D("0.00")), (D("5.00"), D("5.00")))
    assert revised.total_forecast == D("4411.00")
    assert revised.total_planned == D("6200.00")


def test_accuracy_is_what_was_validated_by_each_checkpoint_over_what_the_plan_expected():
    savings = [
        _saving(Y25, "400.00", on=date(2025, 8, 1)),
        _saving(Y25, "300.00", on=date(2025, 8, 13)),  # the day after the 6-month checkpoint
        _saving(Y26, "1000.00", on=date(2026, 2, 12)),  # on the 12-month checkpoint: counts
        _saving(Y27, "999.00", on=date(2025, 8, 1)),  # not a plan year: never counts
    ]
    tracked = track(
        years=YEARS,
        plan=[CARE],
        savings=savings,
        approved_on=date(2025, 2, 12),
        today=date(2026, 2, 13),
    )
    six, twelve, twenty_four = tracked.checkpoints
    # By 12 August 2025: 134 of 2025/26's 365 days of £1,000 = £367.12; £400 validated.
    assert (six.on, six.passed, six.expected, six.actual) == (
        date(2025, 8, 12),
        True,
        D("367.12"),
        D("400.00"),
    )
    assert six.accuracy == D("400.00") * 100 / D("367.12")
    # By 12 February 2026: 318/365 of £1,000 = £871.23; £1,700 validated.
    assert (twelve.expected, twelve.actual) == (D("871.23"), D("1700.00"))
    assert (twenty_four.on, twenty_four.passed, twenty_four.accuracy) == (
        date(2027, 2, 12),
        False,
        None,
    )
    assert twenty_four.label == "24 months"


def test_a_checkpoint_today_is_not_yet_passed_and_nothing_expected_gives_no_percentage():
    late = _line("late", ["0.00", "100.00"])
    tracked = track(
        years=YEARS, plan=[late], approved_on=date(2025, 2, 12), today=date(2026, 2, 12)
    )
    six, twelve, _ = tracked.checkpoints
    assert (six.passed, six.expected, six.accuracy) == (True, D("0.00"), None)
    assert twelve.passed is False

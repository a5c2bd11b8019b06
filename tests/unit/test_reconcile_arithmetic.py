"""The arithmetic of reconciling a committee paper (realise.finance.reconcile): a figure read as
printed, compared with Realise's within rounding only, and a printed total checked against its
printed rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from realise.finance.reconcile import (
    DIFFERS,
    MATCH,
    MISSING,
    Printed,
    PrintedError,
    check_unit,
    compare,
    read_printed,
    realise_shown,
    signed,
    sum_check,
)


@pytest.mark.parametrize(
    ("text", "unit", "value", "places", "read_unit"),
    [
        ("1,234", "£", "1234", 0, "£"),
        ("£1,234.50", "£", "1234.50", 2, "£"),
        ("(300)", "£", "-300", 0, "£"),
        ("-300", "£", "-300", 0, "£"),
        ("−1.5", "£m", "-1.5", 1, "£m"),
        ("1.2m", "£", "1.2", 1, "£m"),
        ("£250k", "£", "250", 0, "£k"),
        ("84.5%", "£", "84.5", 1, "%"),
        ("84.5", "%", "84.5", 1, "%"),
        ("–", "£k", "0", 0, "£k"),
        ("nil", "£", "0", 0, "£"),
        (" 12 ", "count", "12", 0, "count"),
        ("£3", "count", "3", 0, "£"),
    ],
)
def test_a_figure_is_read_as_it_was_printed(text, unit, value, places, read_unit):
    assert read_printed(text, unit) == Printed(Decimal(value), places, read_unit)


def test_a_decimal_keeps_the_places_it_was_written_with():
    assert read_printed(Decimal("1.20"), "£m") == Printed(Decimal("1.20"), 2, "£m")
    assert read_printed(7, "count") == Printed(Decimal(7), 0, "count")


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("twelve", "£", '"twelve" is not a figure: write it as printed'),
        ("(300", "£", "is not a figure"),
        ("1.2m", "£k", '"1.2m" is in £m, but its unit is given as £k'),
        ("1.23456", "£", "5 decimal places: at most 4"),
        ("١٢", "£", "digits other than 0 to 9"),
        ("12", "£bn", '"£bn" is not a unit'),
    ],
)
def test_what_is_not_a_printed_figure_is_refused_in_words(text, unit, message):
    with pytest.raises(ValueError, match=message):
        read_printed(text, unit)


def test_a_figure_printed_in_millions_matches_within_half_its_last_place():
    printed = read_printed("1.2", "£m")  # anything from £1,150,000 to £1,250,000 prints 1.2
    assert compare(printed, Decimal("1249999.99")).outcome == MATCH
    assert compare(printed, Decimal("1150000")).outcome == MATCH
    off = compare(printed, Decimal("1260000"))
    assert (off.outcome, off.difference) == (DIFFERS, Decimal("-60000"))


def test_a_figure_printed_to_the_penny_must_agree_to_the_penny():
    assert compare(read_printed("1,234.50"), Decimal("1234.50")).outcome == MATCH
    assert compare(read_printed("1,234.50"), Decimal("1234.51")).outcome == DIFFERS
    assert compare(read_printed("1,234"), Decimal("1234.49")).outcome == MATCH


def test_a_figure_realise_does_not_have_is_missing_not_a_match():
    found = compare(read_printed("10"), None)
    assert (found.outcome, found.difference) == (MISSING, None)


def test_a_printed_total_must_be_the_sum_of_its_printed_rows_within_their_rounding():
    rows = [read_printed("1.2", "£m"), read_printed("0.4", "£m")]
    assert sum_check(read_printed("1.6", "£m"), rows).adds_up
    assert sum_check(read_printed("1.7", "£m"), rows).adds_up  # 1.24 + 0.44 rounds to 1.7
    wrong = sum_check(read_printed("1.9", "£m"), rows)
    assert not wrong.adds_up
    assert wrong.difference == Decimal("300000")
    assert wrong.tolerance == Decimal("150000")


def test_a_unit_must_suit_its_column():
    check_unit(read_printed("1.2", "£m"), "money", "Budgeted")
    with pytest.raises(PrintedError, match="Risks is a count: leave the unit out, not £"):
        check_unit(read_printed("12", "£"), "count", "Risks")
    with pytest.raises(PrintedError, match=r"Budgeted is pounds \(£, £k or £m\), not %"):
        check_unit(read_printed("12%"), "money", "Budgeted")


@pytest.mark.parametrize(
    ("printed", "shown"),
    [
        (Printed(Decimal("1.2"), 1, "£m"), "£1.2m"),
        (Printed(Decimal("-300"), 0, "£"), "−£300"),
        (Printed(Decimal("1234.5"), 2, "£"), "£1,234.50"),
        (Printed(Decimal("250"), 0, "£k"), "£250k"),
        (Printed(Decimal("84.5"), 1, "%"), "84.5%"),
        (Printed(Decimal("12"), 0, "count"), "12"),
    ],
)
def test_a_printed_figure_is_shown_as_printed(printed, shown):
    assert printed.shown == shown


@pytest.mark.parametrize(
    ("amount", "kind", "text"),
    [
        (Decimal("1000"), "money", "+£1,000"),
        (Decimal("-250.5"), "money", "−£250.50"),
        (Decimal("0"), "money", "£0"),
        (Decimal("0.25"), "percent", "+0.25 points"),
        (Decimal("-2"), "count", "−2"),
    ],
)
def test_a_difference_is_shown_with_its_sign(amount, kind, text):
    assert signed(amount, kind) == text


def test_realises_figure_is_shown_in_full():
    assert realise_shown(Decimal("1234567.4"), "money") == "£1,234,567.40"
    assert realise_shown(Decimal("84.7333"), "percent") == "84.73%"
    assert realise_shown(Decimal(3), "count") == "3"

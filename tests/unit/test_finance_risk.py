"""Risk scoring and council-defined bands: pure, no database."""

from datetime import date
from decimal import Decimal

import pytest

from realise.finance.risk import Band, RiskBands, RiskError, review_overdue, score

DORSET = RiskBands.from_thresholds({"low": 1, "medium": 5, "high": 15})


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected"),
    [(1, 1, 1), (4, 4, 16), (5, 3, 15), (3, 4, 12), (5, 5, 25)],
)
def test_score_is_likelihood_times_impact(likelihood, impact, expected):
    assert score(likelihood, impact) == expected


@pytest.mark.parametrize(
    ("likelihood", "impact", "message"),
    [
        (0, 3, "Likelihood must be from 1 to 5, not 0"),
        (6, 3, "Likelihood must be from 1 to 5, not 6"),
        (3, 0, "Impact must be from 1 to 5, not 0"),
        (3, Decimal("2.5"), "Impact must be a whole number from 1 to 5, not 2.5"),
        (True, 3, "Likelihood must be a whole number from 1 to 5, not True"),
        ("3", 3, "Likelihood must be a whole number from 1 to 5, not '3'"),
    ],
)
def test_score_refuses_ratings_outside_one_to_five(likelihood, impact, message):
    with pytest.raises(RiskError) as caught:
        score(likelihood, impact)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "band"),
    [(1, "low"), (4, "low"), (5, "medium"), (14, "medium"), (15, "high"), (25, "high")],
)
def test_score_falls_in_the_band_with_the_highest_start_at_or_below_it(value, band):
    assert DORSET.band_for_score(value) == band


def test_dorsets_heat_map_has_fourteen_high_risks_from_its_bands():
    major = {2: 8, 3: 8, 4: 7, 5: 1}
    moderate = {2: 7, 3: 35, 4: 27, 5: 6}
    slight = {1: 1, 2: 3, 3: 14, 4: 5, 5: 4}
    negligible = {1: 1, 3: 1}
    cells = [(x, 4, n) for x, n in major.items()] + [(x, 3, n) for x, n in moderate.items()]
    cells += [(x, 2, n) for x, n in slight.items()] + [(x, 1, n) for x, n in negligible.items()]
    high = sum(n for x, i, n in cells if DORSET.band_for(x, i) == "high")
    assert sum(n for _, _, n in cells) == 128
    assert high == 14


def test_bands_are_sorted_whatever_order_they_are_given_in():
    bands = RiskBands((Band(15, "high"), Band(1, "low"), Band(5, "medium")))
    assert bands.names == ("low", "medium", "high")


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        ({}, "Define at least one risk band"),
        ({"low": 2, "high": 15}, "The lowest risk band must start at score 1, not 2"),
        ({"low": 1, "high": 26}, 'Band "high" starts at 26: scores run from 1 to 25'),
    ],
)
def test_bands_that_cannot_band_every_score_are_refused(thresholds, message):
    with pytest.raises(RiskError) as caught:
        RiskBands.from_thresholds(thresholds)
    assert str(caught.value) == message


def test_two_bands_starting_at_the_same_score_are_refused():
    with pytest.raises(RiskError, match="Two risk bands start at the same score"):
        RiskBands((Band(1, "low"), Band(1, "other")))


@pytest.mark.parametrize("value", [0, 26, True])
def test_a_score_outside_one_to_twenty_five_has_no_band(value):
    with pytest.raises(RiskError, match="A risk score runs from 1 to 25"):
        DORSET.band_for_score(value)


# Reviews -----------------------------------------------------------------------------------------

TODAY = date(2023, 3, 31)


@pytest.mark.parametrize(
    ("review_on", "is_open", "overdue"),
    [
        (date(2023, 3, 30), True, True),  # the day before today
        (date(2023, 3, 31), True, False),  # due today: not yet overdue
        (date(2023, 4, 1), True, False),
        (None, True, False),  # no review date set
        (date(2022, 1, 1), False, False),  # a closed risk is not reviewed
    ],
)
def test_a_review_is_overdue_only_when_an_open_risks_date_is_before_today(
    review_on, is_open, overdue
):
    assert review_overdue(review_on, today=TODAY, is_open=is_open) is overdue


@pytest.mark.parametrize(
    ("likelihood", "impact", "band"),
    [(1, 4, "low"), (1, 5, "medium"), (2, 2, "low"), (3, 5, "high"), (4, 3, "medium")],
)
def test_a_likelihood_and_impact_fall_in_the_band_of_their_score(likelihood, impact, band):
    """The residual score is banded exactly as the current one: by the product's band."""
    assert DORSET.band_for(likelihood, impact) == band

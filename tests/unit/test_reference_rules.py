"""The pure rules of a council's reference data (``realise.portfolio.naming``): which names count
as the same one, and where an item lands when it is moved. No database."""

from __future__ import annotations

import pytest

from realise.portfolio.naming import clashing_name, moved, name_key, same_name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Adult Services", "adult services"),
        ("Adult Services", "ADULT SERVICES"),
        ("Adult Services", "  Adult   Services "),
        ("Straße", "STRASSE"),  # casefold, not lower: the German sharp s
    ],
)
def test_names_that_differ_only_in_letter_case_or_spaces_are_the_same(first, second):
    assert same_name(first, second)
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Adult Services", "Adult Service"), ("People", "Peoples"), ("Place", "Place 2")],
)
def test_names_that_differ_otherwise_are_not(first, second):
    assert not same_name(first, second)


def test_the_clashing_name_is_the_one_already_there():
    assert clashing_name("PEOPLE", ["Place", "People"]) == "People"
    assert clashing_name("Corporate", ["Place", "People"]) is None
    assert clashing_name("x", []) is None


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (1, ["c", "a", "b", "d"]),
        (2, ["a", "c", "b", "d"]),
        (3, ["a", "b", "c", "d"]),
        (4, ["a", "b", "d", "c"]),
    ],
)
def test_a_moved_item_lands_at_its_position_and_the_others_keep_their_order(position, expected):
    assert moved(["a", "b", "c", "d"], "c", position) == expected


@pytest.mark.parametrize("position", [0, 5, -1])
def test_a_position_outside_the_list_is_refused_naming_the_positions(position):
    with pytest.raises(ValueError, match=r"Choose a position from 1 \(first\) to 4 \(last\)"):
        moved(["a", "b", "c", "d"], "a", position)


def test_a_list_of_one_has_one_position_and_an_unknown_item_is_refused():
    assert moved(["a"], "a", 1) == ["a"]
    with pytest.raises(ValueError, match="Choose a position 1, not 2"):
        moved(["a"], "a", 2)
    with pytest.raises(ValueError, match="not in the list"):
        moved(["a"], "b", 1)
    with pytest.raises(ValueError, match="whole number"):
        moved(["a", "b"], "a", True)

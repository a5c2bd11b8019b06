"""How an import finds a council's item from what was typed, and how it keeps a ledger reference:
exactly as written first, never one of two items picked at random."""

import pytest

from realise.imports.cells import CellError
from realise.imports.kinds.ledger import REFERENCE_LENGTH, as_reference, ledger_key
from realise.imports.names import Ambiguous, Names, either


@pytest.fixture
def directorates():
    return Names([("People", 1), ("Adults & Health", 2), ("Adults Health", 3), ("P-1", 4)])


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("People", 1),
        ("PEOPLE", 1),  # letter case: as the services compare names
        (" people ", 1),  # spaces at the ends too
        ("Adults & Health", 2),
        ("Adults Health", 3),
        ("adults  health", 3),  # runs of spaces are one space
        ("P 1", 4),  # loosely, when only one fits
        ("Nowhere", None),
    ],
)
def test_a_name_is_found_as_written_then_in_any_case_then_loosely(directorates, typed, item):
    assert directorates.find(typed) == item


def test_a_name_two_items_answer_to_is_refused_naming_both(directorates):
    with pytest.raises(Ambiguous) as both:
        directorates.find("Adults-Health")
    assert both.value.names == ["Adults & Health", "Adults Health"]
    assert either(both.value.names) == '"Adults & Health" or "Adults Health"'
    assert either(["A", "B", "C"]) == '"A", "B" or "C"'


def test_an_item_added_later_is_found_and_can_make_a_name_ambiguous():
    programmes = Names([("Better Services", 1)])
    assert programmes.find("BETTER SERVICES") == 1
    programmes.learn("better services", 2)  # kept from before names were compared in any case
    assert programmes.find("better services") == 2
    with pytest.raises(Ambiguous):
        programmes.find("BETTER SERVICES")


@pytest.mark.parametrize(
    ("first", "second"),
    [("BH22-FCL-B", "bh22 fcl b"), ("2024/25-001", "2024-25-001"), ("BH22-FCL-B", "bh22-fcl-b")],
)
def test_ledger_references_are_keys_exactly_as_written(first, second):
    assert ledger_key({"reference": first}) == f"ref={first}"
    assert ledger_key({"reference": first}) != ledger_key({"reference": second})


def test_a_reference_longer_than_the_ledger_keeps_is_refused_not_cut_short():
    fits = "R" * REFERENCE_LENGTH
    assert as_reference(f" {fits} ", None) == fits
    with pytest.raises(CellError, match=f"77 characters long: .* at most {REFERENCE_LENGTH}"):
        as_reference(fits + "7", None)

"""The rules of a new ledger entry (``benefits.models.new_entry_errors``), which the model's
``clean`` and a bulk import both ask: more than £0, and a pressure or a mitigation with its
reason (ADR 0029)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from realise.benefits.models import (
    ADJUSTMENT_NOT_POSITIVE,
    ADJUSTMENT_SIGNS,
    NO_REASON,
    NOT_POSITIVE,
    EntryStatus,
    new_entry_errors,
)


@pytest.mark.parametrize(
    ("status", "amount", "note", "errors"),
    [
        ("forecast", "5", "", {}),
        ("achieved", "0", "", {"amount": NOT_POSITIVE}),
        ("pressure", "5", "Winter demand", {}),
        ("pressure", "5", "  ", {"note": NO_REASON}),
        ("mitigation", "-5", "", {"amount": ADJUSTMENT_NOT_POSITIVE, "note": NO_REASON}),
    ],
)
def test_a_new_entry_is_over_nothing_and_a_pressure_or_mitigation_says_why(
    status, amount, note, errors
):
    assert new_entry_errors(status, Decimal(amount), note) == errors


def test_a_pressure_counts_against_the_saving_and_a_mitigation_for_it():
    assert ADJUSTMENT_SIGNS == {EntryStatus.PRESSURE: -1, EntryStatus.MITIGATION: 1}

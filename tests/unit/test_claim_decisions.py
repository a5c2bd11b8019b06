"""What became of a claim, told from ledger rows of plain values (no database): validated by the
achieved entry that names it, rejected by a closing entry marked so, corrected by any other
closing entry; a claim with neither is still waiting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from realise.benefits.selectors import decisions_of

AT = datetime(2023, 4, 3, 9, 30, tzinfo=UTC)


def row(pk, *, reverses=None, validates=None, rejects=False, closes_claim=False, by="finance"):
    return {
        "pk": pk,
        "reverses_id": reverses,
        "validates_id": validates,
        "rejects": rejects,
        "closes_claim": closes_claim,
        "by": by,
        "recorded_at": AT,
        "recorded_on": date(2023, 4, 3),
        "note": f"note {pk}",
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([row(1, by="lead")], {}),
        (
            [row(1), row(2, reverses=1, closes_claim=True), row(3, validates=1)],
            {1: ("validated", "finance", "note 3")},
        ),
        (
            # The closing entry after the validation: the claim is still "validated".
            [row(1), row(3, validates=1), row(2, reverses=1, closes_claim=True)],
            {1: ("validated", "finance", "note 3")},
        ),
        (
            [row(1), row(2, reverses=1, closes_claim=True, rejects=True)],
            {1: ("rejected", "finance", "note 2")},
        ),
        (
            [row(1), row(2, reverses=1, closes_claim=True, by="lead")],
            {1: ("corrected", "lead", "note 2")},
        ),
        # Reversing an achieved entry decides no claim.
        ([row(5), row(6, reverses=5)], {}),
    ],
    ids=["waiting", "validated", "validated-either-order", "rejected", "corrected", "no-claim"],
)
def test_each_claims_outcome_by_whom_and_why(rows, expected):
    found = decisions_of(rows)
    assert {pk: (d.outcome, d.by, d.reason) for pk, d in found.items()} == expected
    assert all(d.at == AT and d.claim == pk for pk, d in found.items())


def test_a_decision_by_no_one_recorded_says_so():
    [decision] = decisions_of([row(2, reverses=1, rejects=True, by=None)]).values()
    assert decision.by == "Not recorded"

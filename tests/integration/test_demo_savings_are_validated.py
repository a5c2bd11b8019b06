"""The Dorset demo's achieved savings load as validated: the tables equal the seed and show no
outstanding claims."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from realise.benefits.models import EntryStatus, SavingsEntry
from realise.benefits.selectors import savings_by_year
from realise.demo.loader import demo_data, demo_load

pytestmark = pytest.mark.db


def test_demo_achieved_savings_are_validated_and_match_the_demo_file(db):
    organisation = demo_load().organisation
    expected: dict[int, Decimal] = defaultdict(Decimal)
    for row in demo_data()["savings"]["achieved"]:
        if row.get("kind", "cashable") == "cashable":
            expected[int(str(row["year"])[:4])] += Decimal(str(row["amount"]))
    table = savings_by_year(organisation=organisation)
    achieved = {y.year.start: y.achieved for y in table.years if y.has_actuals}
    assert achieved == dict(expected)
    assert table.total_claimed == Decimal(0)
    assert not SavingsEntry.objects.filter(status=EntryStatus.CLAIMED).exists()

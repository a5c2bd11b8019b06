"""Finance officers validating overlapping lists of claims at the same moment, on PostgreSQL:
each list is validated whole or not at all, no claim is validated twice, and locking the claims
in id order means no two officers deadlock, whatever order they ticked the claims in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry
from tests.threads import at_once, skip_unless_postgresql

pytestmark = [pytest.mark.postgres, pytest.mark.db]

DAY = date(2023, 3, 31)


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db):
    skip_unless_postgresql()


def test_overlapping_bulk_validations_each_validate_all_or_nothing(world):
    claims = [world.claim] + [
        benefits.saving_record(
            organisation=world.org,
            year="2022/23",
            amount=f"{n}00.00",
            status="claimed",
            project=world.project_a,
            recorded_on=DAY,
            by=world.users["lead"],
        )
        for n in range(1, 6)
    ]
    ids = [c.pk for c in claims]
    lists = [ids, ids[::-1], ids[1:4], ids[3:][::-1], ids[:2], [ids[5], ids[0]]] * 2
    finance_id = world.users["finance"].pk
    won: list[list[int]] = []

    def officer(chosen):
        def work():
            from django.contrib.auth import get_user_model
            from django.core.exceptions import ValidationError

            from realise.portfolio.models import Organisation

            by = get_user_model().objects.get(pk=finance_id)
            org = Organisation.objects.get(pk=world.org.pk)
            entries = list(SavingsEntry.objects.filter(pk__in=chosen))
            entries.sort(key=lambda e: chosen.index(e.pk))
            try:
                benefits.savings_validate_claims(
                    organisation=org, claims=entries, recorded_on=DAY, by=by
                )
            except ValidationError:
                return
            won.append(chosen)

        return work

    errors = at_once([officer(chosen) for chosen in lists])[1]
    assert errors == []  # no deadlock, no other failure
    assert won  # someone validated something
    validated = [pk for chosen in won for pk in chosen]
    assert len(validated) == len(set(validated))  # no claim twice: the winning lists are disjoint
    achieved = SavingsEntry.objects.filter(organisation=world.org, status=EntryStatus.ACHIEVED)
    assert sorted(achieved.values_list("validates_id", flat=True)) == sorted(validated)
    amounts = {c.pk: c.amount for c in claims}
    assert sum((e.amount for e in achieved), Decimal(0)) == sum(amounts[pk] for pk in validated)

"""Finance's decisions on claims, in the services: validating many claims is all or nothing, only
someone who may validate decides a claim, a rejection is marked as one, and the selectors list
the claims still waiting and say what became of the others."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from realise.benefits import selectors
from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def _claim(world, amount, project=None, year="2022/23"):
    return benefits.saving_record(
        organisation=world.org,
        year=year,
        amount=amount,
        status="claimed",
        project=project or world.project_a,
        recorded_on=DAY,
        by=world.users["lead"],
    )


def _achieved(world) -> Decimal:
    rows = SavingsEntry.objects.filter(organisation=world.org, status=EntryStatus.ACHIEVED)
    return sum((e.amount for e in rows), Decimal(0))


def test_several_claims_are_validated_at_once(world):
    second = _claim(world, "250.50")
    made = benefits.savings_validate_claims(
        organisation=world.org,
        claims=[world.claim, second],
        recorded_on=DAY,
        by=world.users["finance"],
    )
    assert [(e.status, e.validates_id) for e in made] == [
        ("achieved", world.claim.pk),
        ("achieved", second.pk),
    ]
    assert _achieved(world) == Decimal("1250.50")
    assert selectors.claims_waiting(organisation=world.org) == ()


def test_validating_many_is_all_or_nothing_and_names_the_claims_already_decided(world):
    second, third = _claim(world, "200.00"), _claim(world, "300.00")
    finance = world.users["finance"]
    benefits.saving_reject(entry=third, reason="Duplicate", recorded_on=DAY, by=finance)
    with pytest.raises(ValidationError) as refused:
        benefits.savings_validate_claims(
            organisation=world.org, claims=[world.claim, second, third], recorded_on=DAY, by=finance
        )
    assert refused.value.message_dict["claims"] == [
        "Nothing was validated: 1 of the claims chosen is no longer waiting for finance "
        "(£300.00 for A-1 in 2022/23)"
    ]
    assert _achieved(world) == 0
    waiting = selectors.claims_waiting(organisation=world.org)
    assert [c.pk for c in waiting] == [world.claim.pk, second.pk]


def test_another_councils_claim_is_refused_in_a_bulk_validation(world):
    theirs = benefits.saving_record(
        organisation=world.other_org,
        year="2022/23",
        amount="10.00",
        status="claimed",
        project=world.other_project,
        recorded_on=DAY,
    )
    with pytest.raises(ValidationError, match="no longer waiting"):
        benefits.savings_validate_claims(
            organisation=world.org,
            claims=[world.claim, theirs],
            recorded_on=DAY,
            by=world.users["finance"],
        )
    assert SavingsEntry.objects.filter(status=EntryStatus.ACHIEVED).count() == 0


@pytest.mark.parametrize("role", ["lead", "admin", "viewer", "outsider"])
def test_only_someone_who_may_validate_decides_a_claim(world, role):
    """The pages and the API ask the gateway first; the services refuse too."""
    by = world.users[role]
    with pytest.raises(PermissionDenied):
        benefits.saving_validate(entry=world.claim, recorded_on=DAY, by=by)
    with pytest.raises(PermissionDenied):
        benefits.saving_reject(entry=world.claim, reason="No", recorded_on=DAY, by=by)
    with pytest.raises(PermissionDenied):
        benefits.savings_validate_claims(
            organisation=world.org, claims=[world.claim], recorded_on=DAY, by=by
        )
    assert SavingsEntry.objects.count() == 1


def test_a_rejection_is_told_apart_from_the_claimants_own_correction(world):
    rejected, corrected = _claim(world, "20.00"), _claim(world, "30.00")
    benefits.saving_reject(
        entry=rejected, reason=" No invoice ", recorded_on=DAY, by=world.users["finance"]
    )
    benefits.saving_reverse(
        entry=corrected, reason="Typed the wrong figure", recorded_on=DAY, by=world.users["lead"]
    )
    decided = selectors.claim_decisions(
        organisation=world.org, ids=[rejected.pk, corrected.pk, world.claim.pk]
    )
    assert {pk: (d.outcome, d.by, d.reason) for pk, d in decided.items()} == {
        rejected.pk: ("rejected", "finance", "No invoice"),
        corrected.pk: ("corrected", "lead", "Typed the wrong figure"),
    }
    actions = [e.action for e in selectors.saving_history(organisation=world.org, entry=corrected)]
    assert actions == ["claimed", "reversed"]


def test_a_rejection_marks_only_a_claim(world):
    """The ledger's own rule: an entry marked as a rejection closes a claim."""
    validated = benefits.saving_record(
        organisation=world.org, year="2022/23", amount="5.00", recorded_on=DAY
    )
    entry = SavingsEntry(
        organisation=world.org,
        financial_year=2022,
        amount=Decimal("-5.00"),
        status=EntryStatus.ACHIEVED,
        recorded_on=DAY,
        reverses=validated,
        rejects=True,
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "only a claim can be rejected" in refused.value.message_dict["rejects"][0]


def test_the_queue_is_oldest_first_and_filtered(world):
    from realise.portfolio import services as portfolio

    place = portfolio.directorate_create(organisation=world.org, name="Place", order=2)
    roads = portfolio.project_create(
        organisation=world.org, code="R-1", name="Roads", directorate=place
    )
    later = _claim(world, "75.00", project=roads, year="2023/24")
    waiting = selectors.claims_waiting
    org = world.org
    assert [c.pk for c in waiting(organisation=org)] == [world.claim.pk, later.pk]
    assert [c.pk for c in waiting(organisation=org, filters={"directorate": str(place.pk)})] == [
        later.pk
    ]
    assert [c.pk for c in waiting(organisation=org, filters={"project": str(roads.pk)})] == [
        later.pk
    ]
    assert [c.pk for c in waiting(organisation=org, filters={"year": "2022"})] == [world.claim.pk]
    lead = str(world.users["lead"].pk)
    assert len(waiting(organisation=org, filters={"claimed_by": lead})) == 2
    assert waiting(organisation=org, filters={"claimed_by": str(world.users["admin"].pk)}) == ()
    choices = selectors.claim_filter_choices(organisation=org)
    assert choices["year"] == [("2022", "2022/23"), ("2023", "2023/24")]
    assert choices["project"] == [
        (str(world.project_a.pk), "A-1 Care review"),
        (str(roads.pk), "R-1 Roads"),
    ]
    summary = selectors.claims_summary(organisation=org)
    assert (summary.count, summary.total) == (2, Decimal("1075.00"))
    assert summary.oldest == world.claim.recorded_at

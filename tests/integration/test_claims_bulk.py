"""Rejecting several claims at once, and deciding claims given by id (the API's way): all or
nothing, each claim checked by the single-claim rule, every refused claim named with its id and
why, a history for each claim decided, and only finance decides."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from realise.benefits import selectors
from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def _claim(world, amount):
    return benefits.saving_record(
        organisation=world.org,
        year="2022/23",
        amount=amount,
        status="claimed",
        project=world.project_a,
        recorded_on=DAY,
        by=world.users["lead"],
    )


def test_several_claims_are_rejected_with_one_reason_each_with_its_history(world):
    second = _claim(world, "250.50")
    closed = benefits.savings_reject_claims(
        organisation=world.org,
        claims=[world.claim.pk, second.pk],
        reason=" No invoice evidence ",
        recorded_on=DAY,
        by=world.users["finance"],
    )
    assert [(e.reverses_id, e.rejects, e.note) for e in closed] == [
        (world.claim.pk, True, "No invoice evidence"),
        (second.pk, True, "No invoice evidence"),
    ]
    assert selectors.claims_waiting(organisation=world.org) == ()
    decided = selectors.claim_decisions(organisation=world.org, ids=[world.claim.pk, second.pk])
    assert {pk: (d.outcome, d.by) for pk, d in decided.items()} == {
        world.claim.pk: ("rejected", "finance"),
        second.pk: ("rejected", "finance"),
    }
    for claim in (world.claim, second):
        actions = [e.action for e in selectors.saving_history(organisation=world.org, entry=claim)]
        assert actions == ["claimed", "rejected"]


def test_claims_given_by_id_are_validated_each_with_its_history(world):
    second = _claim(world, "20.00")
    made = benefits.savings_validate_claims(
        organisation=world.org,
        claims=[second.pk, world.claim.pk],
        recorded_on=DAY,
        by=world.users["finance"],
    )
    assert [e.validates_id for e in made] == [second.pk, world.claim.pk]
    for claim in (world.claim, second):
        actions = [e.action for e in selectors.saving_history(organisation=world.org, entry=claim)]
        assert actions == ["claimed", "closed", "validated"]


def test_one_bad_claim_refuses_the_whole_batch_naming_each_refused_id(world):
    second, decided = _claim(world, "200.00"), _claim(world, "300.00")
    finance = world.users["finance"]
    benefits.saving_validate(entry=decided, recorded_on=DAY, by=finance)
    achieved = SavingsEntry.objects.get(validates=decided)
    before = SavingsEntry.objects.count()
    asked = [world.claim.pk, decided.pk, second.pk, achieved.pk, 999999]
    for decide in (
        lambda: benefits.savings_validate_claims(
            organisation=world.org, claims=asked, recorded_on=DAY, by=finance
        ),
        lambda: benefits.savings_reject_claims(
            organisation=world.org, claims=asked, reason="No", recorded_on=DAY, by=finance
        ),
    ):
        with pytest.raises(benefits.ClaimsRefused) as refused:
            decide()
        assert [(r.pk, r.why) for r in refused.value.refused] == [
            (decided.pk, "Finance has already validated or rejected that claim"),
            (achieved.pk, "Only a claimed saving can be validated or rejected"),
            (999999, "this council has no such entry"),
        ]
        assert "3 of the claims chosen are no longer waiting" in refused.value.messages[0]
    assert SavingsEntry.objects.count() == before
    waiting = selectors.claims_waiting(organisation=world.org)
    assert [c.pk for c in waiting] == [world.claim.pk, second.pk]


def test_another_councils_claim_is_refused_by_id(world):
    theirs = benefits.saving_record(
        organisation=world.other_org,
        year="2022/23",
        amount="10.00",
        status="claimed",
        project=world.other_project,
        recorded_on=DAY,
    )
    with pytest.raises(benefits.ClaimsRefused) as refused:
        benefits.savings_reject_claims(
            organisation=world.org,
            claims=[world.claim.pk, theirs.pk],
            reason="No",
            recorded_on=DAY,
            by=world.users["finance"],
        )
    assert [r.pk for r in refused.value.refused] == [theirs.pk]
    assert selectors.claims_waiting(organisation=world.other_org)[0].pk == theirs.pk


def test_a_bulk_rejection_needs_a_reason_and_a_claim(world):
    finance = world.users["finance"]
    with pytest.raises(ValidationError) as refused:
        benefits.savings_reject_claims(
            organisation=world.org, claims=[world.claim], reason="  ", recorded_on=DAY, by=finance
        )
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        benefits.savings_reject_claims(
            organisation=world.org, claims=[], reason="No", recorded_on=DAY, by=finance
        )
    assert "claims" in refused.value.message_dict
    assert SavingsEntry.objects.count() == 1


@pytest.mark.parametrize("role", ["lead", "admin", "viewer", "outsider"])
def test_only_finance_rejects_claims_in_bulk(world, role):
    with pytest.raises(PermissionDenied):
        benefits.savings_reject_claims(
            organisation=world.org,
            claims=[world.claim.pk],
            reason="No",
            recorded_on=DAY,
            by=world.users[role],
        )
    assert SavingsEntry.objects.count() == 1

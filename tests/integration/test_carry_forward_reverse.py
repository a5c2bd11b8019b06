"""Reversing a carry-forward recorded in error (ADR 0044): kept with the reason, who and when,
left out of every total, never reversed twice; the right one can then be recorded."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.models import CarryForward
from realise.benefits.selectors import savings_by_directorate, savings_projected
from realise.finance.calendar import FinancialYear

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


@pytest.fixture
def carried(council):
    """Care review (People) budgeted £400 in 2022/23, achieved £150: £250 short, £200 of it
    carried (wrongly) to 2023/24."""
    org = council["org"]
    benefits.savings_target_set(
        organisation=org, year="2022/23", amount=400, project=council["care"]
    )
    benefits.saving_record(
        organisation=org, year="2022/23", amount=150, project=council["care"], recorded_on=DAY
    )
    council["carry"] = carry(council, 200)
    return council


def carry(council, amount):
    return benefits.savings_carry_forward(
        organisation=council["org"],
        from_year="2022/23",
        to_year="2023/24",
        amount=amount,
        reason="Slipped",
        project=council["care"],
    )


def test_a_reversed_carry_forward_counts_in_no_table_and_its_history_keeps_both(carried):
    org = carried["org"]
    officer = get_user_model().objects.create_user(username="fo@testshire.example")
    table3 = savings_by_directorate(organisation=org, year=FinancialYear(2022))
    assert table3.rows[0].left_to_carry == 50
    assert (
        savings_projected(organisation=org, year=FinancialYear(2023)).total_carried_forward == 200
    )

    reversed_ = benefits.carry_forward_reverse(
        carry_forward=carried["carry"], reason="  Wrong project  ", by=officer
    )

    stored = CarryForward.objects.get(pk=reversed_.pk)  # kept, not deleted
    assert stored.reversal_reason == "Wrong project"
    assert stored.reversed_by == officer
    assert stored.reversed_at is not None
    assert (
        savings_by_directorate(organisation=org, year=FinancialYear(2022)).rows[0].left_to_carry
        == 250
    )
    assert savings_projected(organisation=org, year=FinancialYear(2023)).total_carried_forward == 0
    history = list(stored.history.order_by("history_date"))
    assert [h.reversed_at is None for h in history] == [True, False]
    assert history[-1].history_user == officer
    assert history[0].amount == 200


def test_a_carry_forward_is_reversed_once_with_a_reason(carried):
    with pytest.raises(ValidationError) as caught:
        benefits.carry_forward_reverse(carry_forward=carried["carry"], reason="  ", by=None)
    assert "Say why the carry-forward is reversed" in caught.value.message_dict["reason"]
    assert CarryForward.objects.get().reversed_at is None
    benefits.carry_forward_reverse(carry_forward=carried["carry"], reason="Typed twice", by=None)
    with pytest.raises(ValidationError) as caught:
        benefits.carry_forward_reverse(carry_forward=carried["carry"], reason="Again", by=None)
    text = " ".join(caught.value.message_dict["carry_forward"])
    assert "was already reversed" in text
    assert "Typed twice" in text
    assert CarryForward.objects.get().reversal_reason == "Typed twice"


def test_the_right_carry_forward_can_be_recorded_after_the_wrong_one_is_reversed(carried):
    with pytest.raises(ValidationError):
        carry(carried, 250)  # only £50 is left while the wrong one stands
    benefits.carry_forward_reverse(carry_forward=carried["carry"], reason="Wrong amount", by=None)
    right = carry(carried, 250)
    assert right.amount == 250
    projected = savings_projected(organisation=carried["org"], year=FinancialYear(2023))
    assert projected.total_carried_forward == 250


def test_finance_reverses_a_carry_forward_on_the_web_and_must_say_why(carried, client):
    from realise.accounts.models import Membership

    org = carried["org"]
    finance = get_user_model().objects.create_user(username="fo@t.example")
    Membership.objects.create(organisation=org, user=finance, role="finance")
    client.force_login(finance)
    listed = client.get(f"/o/{org.slug}/savings/carry-forwards/")
    path = f"/o/{org.slug}/savings/carry-forwards/{carried['carry'].pk}/reverse/"
    assert path in listed.content.decode()
    empty = client.post(path, {"reason": ""})
    assert empty.status_code == 400
    assert "Say why the carry-forward is reversed" in empty.content.decode()
    assert CarryForward.objects.get().reversed_at is None
    done = client.post(path, {"reason": "Wrong project"}, follow=True)
    page = done.content.decode()
    assert "reversed" in page
    assert "Wrong project" in page
    assert path not in page  # no second Reverse link
    assert CarryForward.objects.get().reversed_by == finance
    again = client.post(path, {"reason": "Again"})
    assert again.status_code == 400
    assert "already reversed" in again.content.decode()

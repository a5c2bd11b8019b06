"""A carry-forward names the project or directorate whose saving fell short and carries no more
than that shortfall in the year it comes from (issue #4): the service's rule, and the web form,
which shares it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.models import CarryForward
from realise.demo.loader import DEMO_PASSWORD
from realise.portfolio.models import Directorate, Project

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


@pytest.fixture
def shortfalls(council):
    """2022/23: Care review (People) budgeted 400, achieved 150; People's own budget 600,
    achieved 500. 2021/22: a whole-council budget of 1,000, achieved 800."""
    org, people = council["org"], council["people"]
    benefits.savings_target_set(organisation=org, year="2021/22", amount=1000)
    benefits.saving_record(organisation=org, year="2021/22", amount=800, recorded_on=DAY)
    benefits.savings_target_set(
        organisation=org, year="2022/23", amount=400, project=council["care"]
    )
    benefits.savings_target_set(organisation=org, year="2022/23", amount=600, directorate=people)
    benefits.saving_record(
        organisation=org, year="2022/23", amount=150, project=council["care"], recorded_on=DAY
    )
    benefits.saving_record(
        organisation=org, year="2022/23", amount=500, directorate=people, recorded_on=DAY
    )
    # A claim awaiting finance is not achieved: it does not reduce the shortfall.
    benefits.saving_record(
        organisation=org,
        year="2022/23",
        amount=100,
        project=council["care"],
        status="claimed",
        recorded_on=DAY,
    )
    return council


def carry(council, amount, from_year="2022/23", **scope):
    return benefits.savings_carry_forward(
        organisation=council["org"],
        from_year=from_year,
        to_year="2023/24",
        amount=amount,
        reason="Slipped",
        **scope,
    )


def message(caught, field):
    return " ".join(caught.value.message_dict[field])


def test_a_carry_forward_must_name_a_project_or_a_directorate(shortfalls):
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 10)
    assert "Choose the project or the directorate whose saving fell short" in message(
        caught, "project"
    )
    assert CarryForward.objects.count() == 0


def test_a_project_carries_forward_up_to_its_own_shortfall(shortfalls):
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 251, project=shortfalls["care"])
    text = message(caught, "amount")
    assert "£251 is more than the shortfall" in text
    assert "P-1 Care review fell short by £250 in 2022/23" in text
    assert "budgeted £400, achieved £150" in text
    assert CarryForward.objects.count() == 0
    assert carry(shortfalls, 250, project=shortfalls["care"]).amount == 250


def test_what_is_already_carried_forward_is_not_carried_again(shortfalls):
    carry(shortfalls, 200, project=shortfalls["care"])
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 60, project=shortfalls["care"])
    text = message(caught, "amount")
    assert "fell short by £50 in 2022/23" in text
    assert "£200 already carried forward" in text
    # The directorate's shortfall counts its projects: 1,000 budgeted, 650 achieved, 200 carried.
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 151, directorate=shortfalls["people"])
    assert "People fell short by £150 in 2022/23" in message(caught, "amount")
    carry(shortfalls, 150, directorate=shortfalls["people"])
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 1, directorate=shortfalls["people"])
    assert "Nothing is left to carry forward from 2022/23" in message(caught, "amount")
    assert CarryForward.objects.count() == 2


def test_a_year_budgeted_for_the_whole_council_is_measured_there(shortfalls):
    """2021/22 had only a whole-council budget, as in the Dorset report: a project's slippage is
    measured against the council's shortfall (200)."""
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 201, from_year="2021/22", project=shortfalls["roads"])
    text = message(caught, "amount")
    assert "P-2 Roads had no budget of its own in 2021/22; Testshire Council fell short" in text
    assert "by £200" in text
    assert carry(shortfalls, 200, from_year="2021/22", project=shortfalls["roads"]).amount == 200


def test_nothing_is_carried_forward_from_a_year_with_no_budget(shortfalls):
    with pytest.raises(ValidationError) as caught:
        carry(shortfalls, 5, from_year="2020/21", directorate=shortfalls["place"])
    assert "Testshire Council had no budgeted or carried-in saving in 2020/21, so nothing" in (
        message(caught, "amount")
    )


def test_the_dorset_carry_forwards_satisfy_the_rule(dorset):
    """The demo's two carry-forwards loaded through the rule; a third from B2SA-01 is refused."""
    assert CarryForward.objects.filter(organisation=dorset).count() == 2
    project = Project.objects.get(organisation=dorset, code="B2SA-01")
    with pytest.raises(ValidationError) as caught:
        benefits.savings_carry_forward(
            organisation=dorset,
            from_year="2022/23",
            to_year="2023/24",
            amount=1,
            reason="Again",
            project=project,
        )
    assert "£300,000 already carried forward" in message(caught, "amount")


# --- The web form ------------------------------------------------------------------------------


def _form(**changes):
    data = {
        "project": "",
        "directorate": "",
        "from_year": "2022",
        "to_year": "2023",
        "amount": "10",
        "reason": "Slipped",
    }
    return data | changes


@pytest.fixture
def finance(client, dorset):
    assert client.login(username="finance@dorset.example", password=DEMO_PASSWORD)
    return client


def test_the_form_refuses_a_carry_forward_with_no_project_or_directorate(finance, dorset):
    response = finance.post("/o/dorset/savings/carry-forward/", _form())
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_project"' in page
    assert "Choose the project or the directorate whose saving fell short" in page
    assert CarryForward.objects.filter(organisation=dorset).count() == 2


def test_the_form_refuses_more_than_the_shortfall_and_says_what_it_was(finance, dorset):
    adults = Directorate.objects.get(organisation=dorset, name="Adults and Housing")
    response = finance.post(
        "/o/dorset/savings/carry-forward/", _form(directorate=str(adults.pk), amount="100,001")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_amount"' in page
    assert "Adults and Housing fell short by £100,000 in 2022/23" in page
    assert CarryForward.objects.filter(organisation=dorset).count() == 2
    response = finance.post(
        "/o/dorset/savings/carry-forward/", _form(directorate=str(adults.pk), amount="100,000")
    )
    assert response.status_code == 302
    assert CarryForward.objects.filter(organisation=dorset).count() == 3


@pytest.mark.parametrize("typed", ["", "next year", "2022-23x"])
def test_a_year_that_is_not_one_is_refused_on_its_field_not_a_crash(council, typed):
    """The model's own check once compared the typed text with a year and raised TypeError."""
    entry = CarryForward(
        organisation=council["org"],
        from_year=typed,
        to_year=2023,
        amount=10,
        reason="Slipped",
        project=council["care"],
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "from_year" in refused.value.message_dict


def test_a_saving_carried_in_and_missed_again_can_be_carried_on(shortfalls):
    """What was carried into a year was due in it too: if it slips again, it moves on again (the
    savings tables count it in the year's under-achieved)."""
    care = shortfalls["care"]
    carry(shortfalls, 250, project=care)  # 2022/23 -> 2023/24: the whole shortfall
    benefits.saving_record(
        organisation=shortfalls["org"], year="2023/24", amount=50, project=care, recorded_on=DAY
    )

    def onward(amount):
        return benefits.savings_carry_forward(
            organisation=shortfalls["org"],
            from_year="2023/24",
            to_year="2024/25",
            amount=amount,
            reason="Slipped again",
            project=care,
        )

    with pytest.raises(ValidationError) as caught:
        onward(201)
    text = message(caught, "amount")
    assert "fell short by £200 in 2023/24" in text
    assert "budgeted £0, carried in £250, achieved £50" in text
    assert onward(200).amount == 200

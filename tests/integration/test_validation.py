"""Every rule a user can break is refused by validation with a plain message, and a failed
write leaves the database as it was."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.benefits.models import CarryForward, SavingsEntry, SavingsTarget
from realise.core.concurrency import LATEST
from realise.funding import services as funding
from realise.funding.models import Bid
from realise.portfolio import services as portfolio
from realise.portfolio.models import Project, ProjectChange
from realise.risks import services as risks
from realise.risks.models import Risk

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)


def errors(caught):
    return caught.value.message_dict


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_risk_ratings_outside_one_to_five_are_refused(council, likelihood, impact):
    with pytest.raises(ValidationError) as caught:
        risks.risk_create(
            organisation=council["org"],
            programme=council["programme"],
            title="Staff capacity",
            likelihood=likelihood,
            impact=impact,
        )
    assert any("must be from 1 to 5" in m for ms in errors(caught).values() for m in ms)
    assert Risk.objects.count() == 0


def test_a_risk_edited_directly_is_still_checked_by_full_clean(council):
    risk = risks.risk_create(
        organisation=council["org"],
        programme=council["programme"],
        title="T",
        likelihood=2,
        impact=2,
    )
    risk.impact = 7
    with pytest.raises(ValidationError) as caught:
        risk.full_clean()
    assert errors(caught)["impact"] == ["Ensure this value is less than or equal to 5."]


def test_an_amount_with_more_than_two_decimal_places_is_refused(council):
    with pytest.raises(ValidationError) as caught:
        benefits.savings_target_set(
            organisation=council["org"],
            year="2022/23",
            amount="100.005",
            directorate=council["people"],
        )
    assert errors(caught)["amount"] == ["Ensure that there are no more than 2 decimal places."]
    assert SavingsTarget.objects.count() == 0


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2022/24", "the second year must follow the first"),
        ("22/23", "write it like 2022/23"),
        ("FY2022", "write it like 2022/23"),
    ],
)
def test_a_year_that_is_not_yyyy_yy_with_consecutive_years_is_refused(council, year, message):
    with pytest.raises(ValidationError) as caught:
        benefits.savings_target_set(organisation=council["org"], year=year, amount=1000)
    assert message in errors(caught)["financial_year"][0]


def test_a_year_label_is_stored_as_its_start_year(council):
    target = benefits.savings_target_set(organisation=council["org"], year="2022/23", amount=1000)
    target.refresh_from_db()
    assert target.financial_year == 2022
    assert target.year.label == "2022/23"


def test_a_carry_forward_into_an_earlier_or_the_same_year_is_refused(council):
    for to_year in ("2021/22", "2022/23"):
        with pytest.raises(ValidationError) as caught:
            benefits.savings_carry_forward(
                organisation=council["org"],
                from_year="2022/23",
                to_year=to_year,
                amount=5000,
                reason="Delayed",
                directorate=council["people"],
            )
        assert errors(caught)["to_year"] == [
            f"A carry-forward goes to a later year than 2022/23, not {to_year}"
        ]
    assert CarryForward.objects.count() == 0


def test_a_carry_forward_needs_a_reason(council):
    with pytest.raises(ValidationError) as caught:
        benefits.savings_carry_forward(
            organisation=council["org"],
            from_year="2022/23",
            to_year="2023/24",
            amount=5,
            reason=" ",
            directorate=council["people"],
        )
    assert "reason" in errors(caught)


def test_a_bid_above_what_is_left_in_the_fund_is_refused(council):
    fund = funding.fund_create(
        organisation=council["org"], name="Crack-on", kind="small_change", pot=Decimal("100000")
    )
    first = funding.bid_submit(fund=fund, title="First", amount=Decimal("60000"))
    funding.bid_decide(bid=first, approve=True, decided_on=DAY)
    with pytest.raises(ValidationError) as caught:
        funding.bid_submit(fund=fund, title="Second", amount=Decimal("40000.01"))
    assert errors(caught)["amount"] == ["£40,000.01 is more than the £40,000 left in Crack-on"]
    assert funding.bid_submit(fund=fund, title="Exactly the rest", amount=Decimal("40000"))
    assert Bid.objects.count() == 2


def test_a_saving_scoped_to_a_project_must_name_the_projects_directorate(council):
    with pytest.raises(ValidationError) as caught:
        benefits.savings_target_set(
            organisation=council["org"],
            year="2022/23",
            amount=10,
            project=council["care"],
            directorate=council["place"],
        )
    assert errors(caught)["directorate"] == ["P-1 Care review is in People, not Place"]


def test_rows_of_another_council_cannot_be_linked(council):
    other = portfolio.organisation_create(slug="elsewhere", name="Elsewhere Council")
    with pytest.raises(ValidationError) as caught:
        portfolio.project_create(
            organisation=other, code="X-1", name="Borrowed", directorate=council["people"]
        )
    assert errors(caught)["directorate"] == ["People belongs to another organisation"]
    assert not Project.objects.filter(organisation=other).exists()


def test_the_ledger_cannot_be_edited_or_deleted(council):
    entry = benefits.saving_record(
        organisation=council["org"],
        year="2022/23",
        amount=500,
        recorded_on=DAY,
        project=council["care"],
    )
    entry.amount = Decimal("600")
    with pytest.raises(ValidationError, match="append-only"):
        entry.save()
    with pytest.raises(ValidationError, match="append-only"):
        entry.delete()
    with pytest.raises(ValidationError, match="append-only"):
        SavingsEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(ValidationError, match="append-only"):
        SavingsEntry.objects.all().delete()
    assert SavingsEntry.objects.get(pk=entry.pk).amount == Decimal("500.00")


def test_a_correction_is_a_reversing_entry_and_cannot_be_made_twice(council):
    entry = benefits.saving_record(
        organisation=council["org"],
        year="2022/23",
        amount=500,
        recorded_on=DAY,
        project=council["care"],
    )
    reversal = benefits.saving_reverse(entry=entry, reason="Double counted", recorded_on=DAY)
    assert reversal.amount == Decimal("-500")
    assert reversal.directorate == council["people"]
    with pytest.raises(ValidationError, match="already been reversed"):
        benefits.saving_reverse(entry=entry, reason="Again", recorded_on=DAY)
    with pytest.raises(ValidationError) as caught:
        benefits.saving_reverse(entry=reversal, reason="Undo", recorded_on=DAY)
    assert errors(caught)["reverses"] == [
        "A reversing entry cannot itself be reversed: record anew"
    ]
    assert SavingsEntry.objects.count() == 2


def test_a_negative_saving_must_be_a_reversal(council):
    with pytest.raises(ValidationError) as caught:
        benefits.saving_record(
            organisation=council["org"], year="2022/23", amount=-5, recorded_on=DAY
        )
    assert "correct its entry instead" in errors(caught)["amount"][0]


def test_a_failed_status_change_writes_nothing(council):
    project = council["care"]
    portfolio.project_change_status(
        project=project, status="in_progress", on=date(2022, 4, 1), seen_version=LATEST
    )
    # a stored planned start after the new end date: the project is refused, so is its log row
    Project.objects.filter(pk=project.pk).update(planned_start=date(2023, 1, 1))
    with pytest.raises(ValidationError):
        portfolio.project_change_status(
            project=project, status="complete", on=date(2022, 6, 1), seen_version=LATEST
        )
    project.refresh_from_db()
    assert project.status == "in_progress"
    assert ProjectChange.objects.filter(project=project).count() == 1


def test_a_status_change_whose_log_row_fails_leaves_the_status_as_it_was(council):
    project = council["care"]
    with pytest.raises(ValidationError) as caught:
        portfolio.project_change_status(
            project=project, status="in_progress", on=None, seen_version=LATEST
        )
    assert "changed_on" in caught.value.message_dict  # the log row, written after the project
    project.refresh_from_db()
    assert project.status == "proposed"
    assert not ProjectChange.objects.filter(project=project).exists()


def test_a_status_change_writes_only_the_status_not_a_stale_in_memory_project(council):
    project = council["care"]
    Project.objects.filter(pk=project.pk).update(summary="Saved by someone else")
    project.summary = "An old copy"  # never saved: the service re-reads the row under a lock
    changed = portfolio.project_change_status(
        project=project, status="in_progress", on=date(2022, 4, 1), seen_version=LATEST
    )
    stored = Project.objects.get(pk=project.pk)
    assert (stored.status, stored.summary) == ("in_progress", "Saved by someone else")
    assert changed.summary == "Saved by someone else"


def test_status_and_stage_changes_are_recorded_with_their_dates(council):
    org = council["org"]
    understand = portfolio.lifecycle_stage_create(organisation=org, name="Understand", order=1)
    deliver = portfolio.lifecycle_stage_create(organisation=org, name="Deliver", order=2)
    project = council["roads"]
    portfolio.project_move_stage(
        project=project, stage=understand, on=date(2022, 4, 1), seen_version=LATEST
    )
    portfolio.project_change_status(
        project=project, status="in_progress", on=date(2022, 4, 1), seen_version=LATEST
    )
    portfolio.project_move_stage(
        project=project, stage=deliver, on=date(2022, 9, 1), seen_version=LATEST
    )
    portfolio.project_change_status(
        project=project, status="stopped", on=date(2022, 10, 13), seen_version=LATEST
    )
    changes = list(
        ProjectChange.objects.filter(project=project).values_list(
            "field", "old_value", "new_value", "changed_on"
        )
    )
    assert changes == [
        ("stage", "", "Understand", date(2022, 4, 1)),
        ("status", "proposed", "in_progress", date(2022, 4, 1)),
        ("stage", "Understand", "Deliver", date(2022, 9, 1)),
        ("status", "in_progress", "stopped", date(2022, 10, 13)),
    ]
    project.refresh_from_db()
    assert project.actual_end == date(2022, 10, 13)
    assert project.history.count() == 5  # created + four saves


def test_a_confidence_rating_must_be_on_the_projects_scale(council):
    project = council["care"]
    project.confidence_scale = "rag"
    project.confidence = "amber_green"
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert errors(caught)["confidence"] == ['"Amber/Green" is not on the 3-point RAG scale']
    project.confidence_scale = "five_point"
    project.full_clean()


def test_a_project_with_another_councils_priority_is_not_created_at_all(council):
    other = portfolio.organisation_create(slug="elsewhere", name="Elsewhere Council")
    foreign = portfolio.priority_create(organisation=other, name="Their priority")
    with pytest.raises(ValidationError) as caught:
        portfolio.project_create(
            organisation=council["org"], code="P-9", name="Mixed", priorities=[foreign]
        )
    assert errors(caught)["priorities"] == ["Their priority belongs to another organisation"]
    assert not Project.objects.filter(code="P-9").exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("twelve pounds", '"twelve pounds" is not an amount of money'),
        (12.5, "12.5 is not an amount of money: give pounds as text"),
    ],
)
def test_money_that_is_not_an_exact_amount_is_refused(council, amount, message):
    with pytest.raises(ValidationError) as caught:
        benefits.savings_target_set(organisation=council["org"], year="2022/23", amount=amount)
    assert errors(caught)["amount"] == [message]

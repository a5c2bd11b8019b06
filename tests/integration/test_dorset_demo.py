"""The Dorset demo data reproduces the 2022/23 annual report's tables to the pound."""

from decimal import Decimal

import pytest

from realise.benefits.selectors import (
    measures_latest,
    savings_by_directorate,
    savings_by_year,
    savings_projected,
)
from realise.demo.loader import demo_load
from realise.finance.calendar import FinancialYear
from realise.funding.selectors import fund_usage, grants_list, invest_to_save_return
from realise.portfolio.models import Decision, Organisation, Project
from realise.portfolio.selectors import project_profile
from realise.risks.models import Risk
from realise.risks.selectors import risk_heat_map

pytestmark = pytest.mark.db

YEAR_2 = FinancialYear.parse("2022/23")


@pytest.fixture
def dorset(db):
    return demo_load().organisation


def money(text):
    return Decimal(text.replace(",", ""))


def test_table_2_savings_budgeted_and_achieved_by_year(dorset):
    table = savings_by_year(organisation=dorset)
    assert [(y.year.label, y.budgeted) for y in table.years] == [
        ("2021/22", money("9,480,222")),
        ("2022/23", money("6,632,500")),
        ("2023/24", money("7,150,000")),
        ("2024/25", money("4,250,000")),
        ("2025/26", money("5,500,000")),
    ]
    assert [y.achieved for y in table.years[:2]] == [money("7,419,537"), money("6,232,500")]
    assert table.total_budgeted == money("33,012,722")
    assert table.total_achieved == money("13,652,037")
    year_1, year_2 = table.years[:2]
    assert round(year_1.percent_achieved) == 78  # "£7.4m (78% of target)"
    assert round(year_2.cumulative_percent) == 85  # "cumulative savings to 85% of target"


def test_table_3_savings_by_directorate_for_year_2(dorset):
    table = savings_by_directorate(organisation=dorset, year=YEAR_2)
    rows = {r.directorate: (r.projected, r.achieved, r.underachieved) for r in table.rows}
    assert rows == {
        "Adults and Housing": (money("3,805,000"), money("3,705,000"), money("100,000")),
        "Children's": (money("2,827,500"), money("2,527,500"), money("300,000")),
        "Place": (money("0"), money("0"), money("70,000")),
    }
    assert (table.total_projected, table.total_achieved) == (money("6,632,500"), money("6,232,500"))
    reasons = {r.directorate: " ".join(r.reasons) for r in table.rows}
    assert "cost avoidance" in reasons["Adults and Housing"]
    assert "carried forward to 2023/24" in reasons["Children's"]
    assert "deferred from 2021/22" in reasons["Place"]


def test_table_4_projected_savings_for_year_3_with_carry_forwards_marked(dorset):
    table = savings_projected(organisation=dorset, year=YEAR_2 + 1)
    rows = {r.directorate: r for r in table.rows}
    assert {name: r.projected for name, r in rows.items()} == {
        "Adults and Housing": money("3,400,000"),
        "Children's": money("3,000,000"),
        "Place": money("750,000"),
    }
    assert table.total_projected == money("7,150,000")
    assert [(c.amount, c.from_year.label) for c in rows["Children's"].carried_forward] == [
        (money("300,000"), "2022/23")
    ]
    assert [(c.amount, c.from_year.label) for c in rows["Place"].carried_forward] == [
        (money("70,000"), "2021/22")
    ]
    assert rows["Adults and Housing"].carried_forward == ()


def test_table_5_return_on_invest_to_save(dorset):
    result = invest_to_save_return(organisation=dorset, as_at=YEAR_2)
    assert result.bids == 28
    assert result.investment == money("10,856,701")
    assert result.savings_delivered == money("13,652,037")
    assert result.savings_projected == money("17,270,000")
    assert result.savings == money("30,922,037")
    assert result.return_on_investment == money("20,065,336")


def test_crack_on_fund_has_five_bids_totalling_48600_of_its_100000(dorset):
    (crack_on,) = fund_usage(organisation=dorset, kind="small_change")
    assert (crack_on.pot, crack_on.approved_bids, crack_on.committed) == (
        money("100,000"),
        5,
        money("48,600"),
    )
    assert crack_on.remaining == money("51,400")


def test_heat_map_reproduces_the_risk_profile_and_its_14_high_risks(dorset):
    heat = risk_heat_map(organisation=dorset)
    printed = {  # impact: counts for likelihood 1..5, as section 7 prints them
        5: [0, 0, 0, 0, 0],
        4: [0, 8, 8, 7, 1],
        3: [0, 7, 35, 27, 6],
        2: [1, 3, 14, 5, 4],
        1: [1, 0, 1, 0, 0],
    }
    for impact, counts in printed.items():
        assert [heat.count(likelihood, impact) for likelihood in range(1, 6)] == counts
    assert heat.total == 128
    assert heat.band_count("High") == 14
    assert all(
        r.startswith("Illustrative risk ") for r in Risk.objects.values_list("title", flat=True)
    )


def test_eight_projects_delivered_and_one_stopped_in_year_2(dorset):
    (year_2,) = project_profile(organisation=dorset, years=(YEAR_2,))
    assert year_2.completed == 8
    assert year_2.ended_without_full_delivery == 1
    stopped = Project.objects.get(organisation=dorset, status="stopped")
    assert stopped.name == "Stronger Neighbourhoods"
    assert stopped.decisions.get().board.name == "DARTboard"


def test_grants_and_decisions_are_the_reports(dorset):
    amounts = sorted(g.amount for g in grants_list(organisation=dorset))
    printed = ("95,000", "96,500", "124,000", "200,000", "250,000", "762,000", "875,000")
    assert amounts == [money(a) for a in printed]
    decisions = Decision.objects.filter(organisation=dorset)
    # The report's three decisions, and DARTboard's approval of each of the invest-to-save fund's
    # 28 (illustrative) bids; the crack-on fund's bids were decided by a corporate director, not
    # a board, so they are not on the log.
    assert decisions.exclude(kind="approve_bid").count() == 3
    bids = decisions.filter(kind="approve_bid")
    assert bids.count() == 28
    assert set(bids.values_list("board__name", flat=True)) == {"DARTboard"}
    assert all("Transformation investment fund in full" in d.text for d in bids)


def test_loading_twice_duplicates_nothing(dorset):
    again = demo_load()
    assert not again.created
    assert Organisation.objects.count() == 1
    assert Risk.objects.count() == 128
    assert savings_by_year(organisation=dorset).total_budgeted == money("33,012,722")
    from django.contrib.auth import get_user_model

    assert len(again.users) == get_user_model().objects.count() == 5
    # The Our Future Council business case, stored once: version 1 as written, submitted.
    from realise.cases.models import CaseVersion

    (version,) = CaseVersion.objects.select_related("case__programme", "created_by")
    assert (version.case.title, version.case.programme.name, version.status) == (
        "Our Future Council business case",
        "Our Future Council",
        "submitted",
    )
    assert version.created_by.username == "tmo@dorset.example"
    assert version.document.startswith('# Dorset Council, "Our Future Council"')


def test_out_of_hours_calls_answered_rose_31_points_to_100_percent(dorset):
    lines = {m.name: m for m in measures_latest(organisation=dorset)}
    calls = lines["Out of hours calls answered"]
    assert (calls.latest, calls.change_from_baseline) == (Decimal("100"), Decimal("31"))

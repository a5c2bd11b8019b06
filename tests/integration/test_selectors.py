"""Selectors on small hand-made data: each figure of the annual report's tables."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realise.benefits import services as benefits
from realise.benefits.selectors import (
    measures_latest,
    savings_by_directorate,
    savings_by_year,
    savings_outlook,
    savings_projected,
)
from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.funding import services as funding
from realise.funding.selectors import fund_usage, invest_to_save_return
from realise.portfolio import services as portfolio
from realise.portfolio.selectors import project_profile
from realise.risks import services as risks
from realise.risks.selectors import risk_heat_map

pytestmark = pytest.mark.db

Y1, Y2, Y3 = FinancialYear(2021), FinancialYear(2022), FinancialYear(2023)
DAY = date(2023, 3, 31)


@pytest.fixture
def savings(council):
    org, people, place = council["org"], council["people"], council["place"]
    benefits.savings_target_set(organisation=org, year="2021/22", amount=1000)
    benefits.savings_target_set(organisation=org, year="2022/23", amount=600, directorate=people)
    benefits.savings_target_set(
        organisation=org,
        year="2022/23",
        amount=400,
        project=council["care"],
        variance_reason="Demand rose",
    )
    benefits.savings_target_set(organisation=org, year="2023/24", amount=2000, directorate=place)
    benefits.savings_target_set(
        organisation=org, year="2022/23", amount=999, directorate=place, kind="tactical"
    )
    benefits.saving_record(organisation=org, year="2021/22", amount=800, recorded_on=DAY)
    benefits.saving_record(
        organisation=org, year="2022/23", amount=600, directorate=people, recorded_on=DAY
    )
    wrong = benefits.saving_record(
        organisation=org, year="2022/23", amount=250, directorate=people, recorded_on=DAY
    )
    benefits.saving_reverse(entry=wrong, reason="Counted twice", recorded_on=DAY)
    benefits.saving_record(
        organisation=org, year="2022/23", amount=50, kind="tactical", recorded_on=DAY
    )
    benefits.saving_record(
        organisation=org, year="2023/24", amount=70, status="forecast", recorded_on=DAY
    )
    benefits.savings_carry_forward(
        organisation=org,
        from_year="2021/22",
        to_year="2023/24",
        amount=100,
        reason="System late",
        directorate=place,
    )
    benefits.savings_carry_forward(
        organisation=org,
        from_year="2022/23",
        to_year="2023/24",
        amount=400,
        reason="Slipped",
        project=council["care"],
    )
    # The plan years are the years the savings are in: Table 2's rows.
    benefits.plan_years_set(organisation=org, first_year="2021/22", last_year="2023/24")
    return council


def test_savings_by_year_compares_budget_with_achieved_and_keeps_a_cumulative_percent(savings):
    table = savings_by_year(organisation=savings["org"])
    assert [(y.year.label, y.budgeted, y.achieved) for y in table.years] == [
        ("2021/22", Decimal("1000"), Decimal("800")),
        ("2022/23", Decimal("1000"), Decimal("600")),
        ("2023/24", Decimal("2000"), Decimal("0")),
    ]
    assert [y.percent_achieved for y in table.years] == [Decimal("80.00"), Decimal("60.00"), None]
    assert [y.cumulative_percent for y in table.years] == [Decimal("80.00"), Decimal("70.00"), None]
    assert table.years[2].forecast == Decimal("70")
    assert (table.total_budgeted, table.total_achieved) == (Decimal("4000"), Decimal("1400"))


def test_other_kinds_of_saving_are_counted_apart_from_cashable(savings):
    table = savings_by_year(organisation=savings["org"], kind="tactical")
    assert [(y.year.label, y.budgeted, y.achieved, y.held) for y in table.years] == [
        ("2021/22", Decimal("0"), Decimal("0"), False),  # every plan year has its row
        ("2022/23", Decimal("999"), Decimal("50"), True),
        ("2023/24", Decimal("0"), Decimal("0"), False),
    ]


def test_by_directorate_shows_shortfall_and_why_including_savings_deferred_through_the_year(
    savings,
):
    table = savings_by_directorate(organisation=savings["org"], year=Y2)
    rows = {r.directorate: r for r in table.rows}
    assert set(rows) == {"People", "Place"}
    people, place = rows["People"], rows["Place"]
    assert (people.projected, people.achieved, people.underachieved) == (
        Decimal("1000"),
        Decimal("600"),
        Decimal("400"),
    )
    assert people.reasons == ("Demand rose", "£400 carried forward to 2023/24: Slipped")
    assert (place.projected, place.carried_in, place.underachieved) == (
        Decimal("0"),
        Decimal("100"),
        Decimal("100"),
    )
    assert place.reasons == ("£100 deferred from 2021/22 to 2023/24: System late",)
    assert (table.total_projected, table.total_achieved, table.total_underachieved) == (
        Decimal("1000"),
        Decimal("600"),
        Decimal("500"),
    )


def test_projection_marks_what_is_carried_forward_into_the_year(savings):
    table = savings_projected(organisation=savings["org"], year=Y3)
    rows = {r.directorate: r for r in table.rows}
    assert rows["Place"].projected == Decimal("2000")
    assert [(c.amount, c.from_year.label) for c in rows["Place"].carried_forward] == [
        (Decimal("100"), "2021/22")
    ]
    assert [(c.amount, c.reason) for c in rows["People"].carried_forward] == [
        (Decimal("400"), "Slipped")
    ]
    assert (table.total_projected, table.total_carried_forward) == (Decimal("2000"), Decimal("500"))


def test_outlook_counts_later_budgets_plus_earlier_under_delivery_carried_into_them(savings):
    outlook = savings_outlook(organisation=savings["org"], as_at=Y2)
    assert (outlook.delivered, outlook.projected, outlook.total) == (
        Decimal("1400"),
        Decimal("2500"),
        Decimal("3900"),
    )


def test_invest_to_save_return_counts_only_approved_bids(savings):
    org = savings["org"]
    fund = funding.fund_create(organisation=org, name="Invest", kind="invest_to_save", pot=5000)
    for amount, approve in ((1000, True), (500, True), (300, False)):
        bid = funding.bid_submit(fund=fund, title=f"Bid {amount}", amount=amount)
        funding.bid_decide(bid=bid, approve=approve, decided_on=DAY, reason="Board view")
    funding.bid_submit(fund=fund, title="Pending", amount=100)
    result = invest_to_save_return(organisation=org, as_at=Y2)
    assert (result.bids, result.investment) == (2, Decimal("1500"))
    assert result.savings == Decimal("3900")
    assert result.return_on_investment == Decimal("2400")


def test_fund_usage_reports_pot_committed_and_remaining(council):
    fund = funding.fund_create(
        organisation=council["org"], name="Crack-on", kind="small_change", pot=100000
    )
    for amount, purpose in ((20000, "Recruitment"), (5000, "Library")):
        bid = funding.bid_submit(fund=fund, title=purpose, amount=amount, purpose=purpose)
        funding.bid_decide(bid=bid, approve=True, decided_on=DAY)
    (usage,) = fund_usage(organisation=council["org"], kind="small_change")
    assert (usage.approved_bids, usage.committed, usage.remaining) == (
        2,
        Decimal("25000"),
        Decimal("75000"),
    )
    assert usage.purposes == ("Recruitment", "Library")


def test_heat_map_counts_open_risks_per_cell_and_per_council_band(council):
    org, programme = council["org"], council["programme"]
    for likelihood, impact in ((4, 4), (4, 4), (5, 3), (3, 4), (1, 1)):
        risks.risk_create(
            organisation=org, programme=programme, title="R", likelihood=likelihood, impact=impact
        )
    closed = risks.risk_create(
        organisation=org, programme=programme, title="Gone", likelihood=5, impact=5
    )
    closed.status = "closed"
    closed.save()
    heat = risk_heat_map(organisation=org)
    assert heat.total == 5
    assert (heat.count(4, 4), heat.count(5, 3), heat.count(3, 4), heat.count(5, 5)) == (2, 1, 1, 0)
    assert [(b.name, b.count) for b in heat.bands] == [("low", 1), ("medium", 1), ("high", 3)]
    risks.risk_bands_set(organisation=org, bands={"low": 1, "medium": 5, "high": 12})
    assert risk_heat_map(organisation=org).band_count("high") == 4


def test_heat_map_takes_a_fixed_number_of_queries_however_many_risks(council):
    org, programme = council["org"], council["programme"]
    for n in range(30):
        risks.risk_create(
            organisation=org, programme=programme, title=f"R{n}", likelihood=n % 5 + 1, impact=3
        )
    with CaptureQueriesContext(connection) as queries:
        risk_heat_map(organisation=org)
    assert len(queries) == 2


def test_selectors_see_only_their_own_organisation(savings):
    other = portfolio.organisation_create(
        slug="other", name="Other Council", first_year="2022/23", last_year="2022/23"
    )
    benefits.savings_target_set(organisation=other, year="2022/23", amount=12345)
    risks.risk_bands_set(organisation=other, bands={"low": 1})
    assert savings_by_year(organisation=other).total_budgeted == Decimal("12345")
    assert savings_by_year(organisation=savings["org"]).total_budgeted == Decimal("4000")
    assert risk_heat_map(organisation=other).total == 0


def test_project_profile_counts_completed_running_projected_and_stopped_per_year(council):
    org = council["org"]
    care, roads = council["care"], council["roads"]
    for project, start in ((care, date(2021, 4, 1)), (roads, date(2021, 6, 1))):
        project.planned_start = start
        project.save()
        portfolio.project_change_status(
            project=project, status="in_progress", on=start, seen_version=LATEST
        )
    portfolio.project_change_status(
        project=care, status="complete", on=date(2022, 8, 11), seen_version=LATEST
    )
    portfolio.project_change_status(
        project=roads, status="stopped", on=date(2022, 10, 13), seen_version=LATEST
    )
    portfolio.project_create(
        organisation=org, code="P-3", name="Later", planned_start=date(2023, 4, 1)
    )
    portfolio.project_create(
        organisation=org,
        code="P-4",
        name="Running",
        planned_start=date(2022, 4, 1),
        planned_end=date(2023, 6, 30),
        started_on=date(2022, 4, 1),
    )
    profile = project_profile(organisation=org, years=(Y1, Y2, Y3))
    assert [
        (p.year.label, p.completed, p.in_progress, p.projected, p.ended_without_full_delivery)
        for p in profile
    ] == [
        ("2021/22", 0, 2, 0, 0),
        ("2022/23", 1, 1, 0, 1),
        ("2023/24", 0, 1, 1, 0),
    ]


def test_measures_show_their_latest_reading_and_change_from_baseline(council):
    measure = benefits.measure_create(
        organisation=council["org"], name="Calls answered", unit="%", baseline=Decimal("69")
    )
    for day, value in ((date(2022, 12, 31), 100), (date(2022, 11, 30), 90)):
        benefits.measure_record_reading(measure=measure, taken_on=day, value=value)
    benefits.measure_create(organisation=council["org"], name="No readings yet", unit="hubs")
    calls, empty = measures_latest(organisation=council["org"])
    assert (calls.latest, calls.latest_on, calls.change_from_baseline) == (
        Decimal("100"),
        date(2022, 12, 31),
        Decimal("31"),
    )
    assert (empty.name, empty.latest, empty.change_from_baseline) == ("No readings yet", None, None)


def test_money_sums_come_back_exact_to_the_penny(council):
    """SQLite adds amounts as floats: 10p and 20p summed to 0.300000000000000 and a penny
    beside a reversed £5m to 0.00999999977648258 before sums were rounded to the penny."""
    org = council["org"]
    for amount in ("0.10", "0.20"):
        benefits.savings_target_set(organisation=org, year="2022/23", amount=amount)
    benefits.saving_record(organisation=org, year="2022/23", amount="0.01", recorded_on=DAY)
    big = benefits.saving_record(
        organisation=org, year="2022/23", amount=5_000_000, recorded_on=DAY
    )
    benefits.saving_reverse(entry=big, reason="Wrong year", recorded_on=DAY)
    [year] = [y for y in savings_by_year(organisation=org).years if y.year == Y2]
    assert (str(year.budgeted), str(year.achieved)) == ("0.30", "0.01")
    table = savings_by_directorate(organisation=org, year=Y2)
    assert (str(table.total_projected), str(table.total_achieved)) == ("0.30", "0.01")

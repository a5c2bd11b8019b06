"""Plan years in the database: every savings service refuses a year outside them, a TMO admin
sets them (Settings, the API, the command line) but never so as to leave out a year holding
savings, and Table 2, the savings chart and the annual report show exactly the plan years."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from realise.benefits import services as benefits
from realise.benefits.models import SavingsEntry, SavingsTarget
from realise.benefits.selectors import savings_by_year
from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.portfolio import services as portfolio
from realise.portfolio.models import Organisation

pytestmark = pytest.mark.db

DAY = date(2023, 3, 31)
PLAN = "2020/21 to 2026/27"  # the council fixture's


def outside(label: str, what: str = "Financial year") -> str:
    return f"{what} {label} is outside this council's plan years, {PLAN}"


def refused(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


# --- The services ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2019/20", "2027/28", 2150, "1999/00"])
def test_every_savings_service_refuses_a_year_outside_the_plan(council, year):
    org, care = council["org"], council["care"]
    label = FinancialYear(int(str(year)[:4])).label
    target = refused(benefits.savings_target_set, organisation=org, year=year, amount=10)
    entry = refused(benefits.saving_record, organisation=org, year=year, amount=10, recorded_on=DAY)
    built = refused(benefits.saving_build, organisation=org, year=year, amount=10, recorded_on=DAY)
    carry_from = refused(
        benefits.savings_carry_forward,
        organisation=org,
        from_year=year,
        to_year="2026/27",
        amount=1,
        reason="x",
        project=care,
    )
    for errors in (target, entry, built):
        assert errors == {"financial_year": [outside(label)]}
    assert carry_from == {"from_year": [outside(label, "Year carried from")]}
    assert (SavingsTarget.objects.count(), SavingsEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("year", ["2019/18", "2019/2021"])
def test_a_malformed_or_reversed_year_is_refused_by_every_savings_service(council, year):
    org = council["org"]
    for errors in (
        refused(benefits.savings_target_set, organisation=org, year=year, amount=10),
        refused(benefits.saving_record, organisation=org, year=year, amount=10, recorded_on=DAY),
        refused(benefits.saving_build, organisation=org, year=year, amount=10, recorded_on=DAY),
    ):
        assert errors["financial_year"][0].startswith(f'"{year}" is not a financial year')
    carry = refused(
        benefits.savings_carry_forward,
        organisation=org,
        from_year="2022/23",
        to_year=year,
        amount=1,
        reason="x",
        project=council["care"],
    )
    assert carry["to_year"][0].startswith(f'"{year}" is not a financial year')


def test_the_first_and_last_plan_years_are_accepted(council):
    org = council["org"]
    benefits.savings_target_set(organisation=org, year="2020/21", amount=10)
    benefits.saving_record(organisation=org, year="2026/27", amount=5, recorded_on=DAY)
    years = [y.year.label for y in savings_by_year(organisation=org).years]
    assert years[0] == "2020/21"
    assert years[-1] == "2026/27"


# --- Setting the plan years ----------------------------------------------------------------


def test_a_council_made_without_plan_years_plans_from_the_year_it_is_made_in(db):
    from realise.finance.plan_years import PlanYears

    org = portfolio.organisation_create(slug="newshire", name="Newshire Council")
    assert org.plan_years == PlanYears.starting(date.today())
    made = portfolio.organisation_create(
        slug="oldshire", name="Oldshire Council", first_year="2019/20", last_year="2034/35"
    )
    assert made.plan_years.label == "2019/20 to 2034/35"
    errors = refused(
        portfolio.organisation_create,
        slug="badshire",
        name="Badshire Council",
        first_year="2025/26",
        last_year="2021/22",
    )
    assert "before the first" in errors["last_year"][0]


def test_the_plan_years_change_and_the_change_log_records_who_changed_them(
    council, django_user_model
):
    org = council["org"]
    admin = django_user_model.objects.create_user(username="admin@testshire.gov.uk")
    changed = benefits.plan_years_set(
        organisation=org, first_year="2019/20", last_year="2034/35", by=admin
    )
    assert changed.plan_years.label == "2019/20 to 2034/35"
    assert org.plan_years == changed.plan_years  # the object given follows
    assert Organisation.objects.get(pk=org.pk).plan_years.label == "2019/20 to 2034/35"
    latest = org.history.latest()
    assert (latest.first_plan_year, latest.last_plan_year, latest.history_user) == (
        2019,
        2034,
        admin,
    )


def test_plan_years_may_not_leave_out_a_year_holding_savings(council):
    org, care = council["org"], council["care"]
    benefits.savings_target_set(organisation=org, year="2021/22", amount=100, project=care)
    benefits.saving_record(organisation=org, year="2021/22", amount=40, recorded_on=DAY)
    benefits.saving_record(organisation=org, year="2025/26", amount=7, recorded_on=DAY)
    benefits.savings_carry_forward(
        organisation=org,
        from_year="2021/22",
        to_year="2024/25",
        amount=60,
        reason="Slipped",
        project=care,
    )
    errors = refused(
        benefits.plan_years_set, organisation=org, first_year="2022/23", last_year="2023/24"
    )
    assert errors == {
        "first_year": [
            "2021/22 holds savings, so the plan years must include it: start the plan in "
            "2021/22 or earlier"
        ],
        "last_year": [
            "2024/25 and 2025/26 hold savings, so the plan years must include them: end the plan "
            "in 2025/26 or later"
        ],
    }
    assert Organisation.objects.get(pk=org.pk).plan_years.label == PLAN
    benefits.plan_years_set(organisation=org, first_year="2021/22", last_year="2025/26")
    assert org.plan_years.label == "2021/22 to 2025/26"


def test_a_stray_year_corrected_to_nothing_may_then_be_left_out(council):
    """A year recorded by mistake (before plan years, or inside too wide a plan): once its entry
    is reversed and its budget set to £0, it holds no figure and the plan may leave it out."""
    org = council["org"]
    target = benefits.savings_target_set(organisation=org, year="2020/21", amount=500)
    entry = benefits.saving_record(organisation=org, year="2020/21", amount=500, recorded_on=DAY)
    benefits.saving_reverse(entry=entry, reason="Wrong year", recorded_on=DAY)
    with pytest.raises(ValidationError, match="2020/21 holds savings"):
        benefits.plan_years_set(organisation=org, first_year="2021/22", last_year="2026/27")
    benefits.savings_target_update(target=target, seen_version=LATEST, changes={"amount": "0"})
    benefits.plan_years_set(organisation=org, first_year="2021/22", last_year="2026/27")
    by_year = savings_by_year(organisation=org)
    assert by_year.years[0].year.label == "2021/22"
    assert by_year.total_budgeted == by_year.total_achieved == Decimal(0)


# --- What the reports show ------------------------------------------------------------------


def test_table_2_and_the_chart_have_a_row_for_every_plan_year_numbered_from_the_first(council):
    from realise.reports.savings_table import REPORT, savings_by_year_table
    from realise.web.core.views import savings_chart

    org = council["org"]
    benefits.savings_target_set(organisation=org, year="2022/23", amount=1000)
    benefits.saving_record(organisation=org, year="2022/23", amount=800, recorded_on=DAY)
    by_year = savings_by_year(organisation=org)
    labels = [y.year.label for y in by_year.years]
    assert labels == [FinancialYear(y).label for y in range(2020, 2027)]
    assert [y.held for y in by_year.years] == [y == "2022/23" for y in labels]
    rows = savings_by_year_table(by_year, REPORT).rows
    assert [r[0].text for r in rows][:3] == ["Year 1 2020/21", "Year 2 2021/22", "Year 3 2022/23"]
    chart = savings_chart(by_year)
    assert all(label in chart for label in labels)
    benefits.plan_years_set(organisation=org, first_year="2022/23", last_year="2024/25")
    by_year = savings_by_year(organisation=org)
    assert [y.year.label for y in by_year.years] == ["2022/23", "2023/24", "2024/25"]
    assert savings_by_year_table(by_year, REPORT).rows[0][0].text == "Year 1 2022/23"
    assert "2020/21" not in savings_chart(by_year)


def test_the_annual_report_says_the_plan_years_and_refuses_a_year_outside_them(council):
    from realise.reports.annual import annual_report
    from realise.reports.monitoring import monitoring_report

    org = council["org"]
    benefits.savings_target_set(organisation=org, year="2022/23", amount=1000)
    report = annual_report(organisation=org, year=FinancialYear(2022))
    summary = " ".join(p.text for p in report.sections[0].blocks if hasattr(p, "text"))
    assert "The plan from 2020/21 to 2026/27 budgets £1,000 of savings" in summary
    with pytest.raises(ValueError, match=outside("2027/28")):
        annual_report(organisation=org, year=FinancialYear(2027))
    with pytest.raises(ValueError, match=outside("2019/20")):
        monitoring_report(organisation=org, year=FinancialYear(2019))
    with pytest.raises(ValueError, match="no savings budgeted or recorded for 2023/24"):
        annual_report(organisation=org, year=FinancialYear(2023))


def test_the_import_templates_offer_the_plan_years(council):
    from realise.imports.templates import LISTS

    assert LISTS["years"](council["org"]) == [FinancialYear(y).label for y in range(2020, 2027)]


# --- Settings, the API and the command line ---------------------------------------------------


def _member(django_user_model, org, role: str, name: str):
    from realise.accounts.models import Membership

    user = django_user_model.objects.create_user(username=name, password="a-long-passphrase-9")
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


def test_a_tmo_admin_sets_the_plan_years_in_settings(client, council, django_user_model):
    org = council["org"]
    _member(django_user_model, org, "tmo_admin", "tmo")
    client.login(username="tmo", password="a-long-passphrase-9")
    page = client.get("/o/testshire/settings/").content.decode()
    assert "2020/21 to 2026/27 (7 financial years)" in page
    form = client.get("/o/testshire/settings/plan-years/").content.decode()
    assert 'value="2020/21"' in form
    response = client.post(
        "/o/testshire/settings/plan-years/", {"first_year": "2021/22", "last_year": "2019/18"}
    )
    assert response.status_code == 400
    assert "is not a financial year" in response.context["form"].errors["last_year"][0]
    response = client.post(
        "/o/testshire/settings/plan-years/", {"first_year": "2021/22", "last_year": "2030/31"}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=org.pk).plan_years.label == "2021/22 to 2030/31"


@pytest.mark.parametrize(("role", "status"), [("finance", 403), ("viewer", 403)])
def test_only_a_tmo_admin_may_change_the_plan_years(
    client, council, django_user_model, role, status
):
    _member(django_user_model, council["org"], role, role)
    client.login(username=role, password="a-long-passphrase-9")
    assert client.get("/o/testshire/settings/plan-years/").status_code == status
    body = {"first_year": "2021/22", "last_year": "2022/23"}
    assert client.post("/o/testshire/settings/plan-years/", body).status_code == status
    assert Organisation.objects.get(pk=council["org"].pk).plan_years.label == PLAN


def test_the_api_reads_and_sets_the_plan_years(client, world):
    path = "/api/orgs/dorset/plan-years"
    read = client.get(path, **world.headers("viewer"))
    assert read.json() == {
        "first_year": "2020/21",
        "last_year": "2026/27",
        "years": [FinancialYear(y).label for y in range(2020, 2027)],
    }
    body = {"first_year": "2022/23", "last_year": "2021/22"}
    bad = client.put(
        path, json.dumps(body), content_type="application/json", **world.headers("admin")
    )
    assert bad.status_code == 422
    assert bad["Content-Type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["field"] == "last_year"
    body = {"first_year": "2022/23", "last_year": "2030/31"}
    good = client.put(
        path, json.dumps(body), content_type="application/json", **world.headers("admin")
    )
    assert good.status_code == 200
    assert good.json()["years"][0] == "2022/23"
    assert world.org.history.latest().history_user == world.users["admin"]


def test_the_command_line_shows_and_sets_the_plan_years(council, django_user_model):
    from realise.cli import app

    runner = CliRunner()
    _member(django_user_model, council["org"], "tmo_admin", "tmo@testshire.gov.uk")
    _member(django_user_model, council["org"], "finance", "fin@testshire.gov.uk")
    shown = runner.invoke(app, ["organisation", "plan-years", "-o", "testshire"])
    assert shown.exit_code == 0, shown.output
    assert "Testshire Council's plan years: 2020/21 to 2026/27 (7 years)." in shown.output
    base = ["organisation", "plan-years", "-o", "testshire"]
    reversed_year = runner.invoke(app, [*base, "--first-year", "2021/20", "--last-year", "2025/26"])
    assert reversed_year.exit_code == 1
    assert '--first-year: "2021/20" is not a financial year' in reversed_year.output
    finance = runner.invoke(
        app,
        [
            *base,
            "--first-year",
            "2021/22",
            "--last-year",
            "2025/26",
            "--as",
            "fin@testshire.gov.uk",
        ],
    )
    assert finance.exit_code == 1
    assert "does not allow this (manage settings)" in " ".join(finance.output.split())
    done = runner.invoke(
        app,
        [
            *base,
            "--first-year",
            "2021/22",
            "--last-year",
            "2025/26",
            "--as",
            "tmo@testshire.gov.uk",
        ],
    )
    assert done.exit_code == 0, done.output
    assert "plan years are now 2021/22 to 2025/26" in done.output
    assert council["org"].history.latest().history_user.username == "tmo@testshire.gov.uk"
    listed = runner.invoke(app, ["organisation", "list"])
    assert "2021/22 to 2025/26" in listed.output
    summary = runner.invoke(app, ["summary", "--organisation", "testshire", "--year", "2026/27"])
    assert summary.exit_code == 1
    expected = "Financial year 2026/27 is outside this council's plan years, 2021/22 to 2025/26"
    assert expected in " ".join(summary.output.split())


# --- The migration ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_council_plan_years_covering_its_savings():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    before = [
        ("portfolio", "0003_organisation_data_version"),
        ("benefits", "0004_savings_entry_import_key"),
    ]
    apps = migrate(before)
    try:
        organisation = apps.get_model("portfolio", "Organisation")
        history = apps.get_model("portfolio", "HistoricalOrganisation")
        target = apps.get_model("benefits", "SavingsTarget")
        entry = apps.get_model("benefits", "SavingsEntry")
        carry = apps.get_model("benefits", "CarryForward")
        stray = organisation.objects.create(slug="stray", name="Stray Council")
        history.objects.create(
            id=stray.pk,
            slug="stray",
            name="Stray Council",
            history_date=datetime(2022, 1, 1, tzinfo=UTC),
        )
        organisation.objects.create(slug="empty", name="Empty Council")
        target.objects.create(organisation=stray, financial_year=2019, amount=1)
        entry.objects.create(
            organisation=stray, financial_year=2150, amount=1, status="forecast", recorded_on=DAY
        )
        carry.objects.create(organisation=stray, from_year=2017, to_year=2020, amount=1, reason="x")
        apps = migrate([("benefits", "0006_plan_years_cover_saved_years")])
        organisation = apps.get_model("portfolio", "Organisation")
        history = apps.get_model("portfolio", "HistoricalOrganisation")
        after = organisation.objects.get(slug="stray")
        assert (after.first_plan_year, after.last_plan_year) == (2017, 2150)
        assert {
            (h.first_plan_year, h.last_plan_year) for h in history.objects.filter(id=after.pk)
        } == {(2017, 2150)}
        fresh = organisation.objects.get(slug="empty")
        this_year = FinancialYear.containing(date.today()).start
        assert (fresh.first_plan_year, fresh.last_plan_year) == (this_year, this_year + 4)
    finally:  # back to the latest migrations; the test database is emptied after the test
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.parametrize("path", ["", "savings/", "reports/", "funding/"])
def test_a_page_never_shows_or_offers_a_year_outside_the_plan(
    client, council, django_user_model, path
):
    org = council["org"]
    benefits.saving_record(organisation=org, year="2022/23", amount=5, recorded_on=DAY)
    _member(django_user_model, org, "viewer", "viewer")
    client.login(username="viewer", password="a-long-passphrase-9")
    page = client.get(f"/o/testshire/{path}?year=2099").content.decode()
    assert "2099/00" not in page
    assert "2022/23" in page  # the reporting year instead: the latest with savings achieved
    if path in ("savings/", "reports/"):
        offered = re.findall(r'<option value="(\d{4})"', page)
        assert offered == [str(y) for y in range(2020, 2027)]
        asked = client.get(f"/o/testshire/{path}?year=2023/24").content.decode()
        assert '<option value="2023" selected>' in asked  # a year as people write it

"""Savings monitoring (RAG by the council's thresholds), report downloads and the CLI's errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from realise.accounts.models import Membership, Role
from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.benefits.selectors import savings_monitoring
from realise.finance.calendar import FinancialYear

pytestmark = pytest.mark.db

YEAR = FinancialYear(2024)


@pytest.fixture
def savings(council):
    org, care, roads = council["org"], council["care"], council["roads"]
    for project, budget in ((care, "1000"), (roads, "500")):
        benefits.savings_target_set(
            organisation=org, year="2024/25", project=project, amount=Decimal(budget)
        )
    for project, amount, status, day in (
        (care, "600", EntryStatus.ACHIEVED, date(2024, 9, 30)),
        (care, "350", EntryStatus.FORECAST, date(2024, 9, 30)),
        (care, "100", EntryStatus.ACHIEVED, date(2025, 3, 1)),
        (roads, "200", EntryStatus.ACHIEVED, date(2024, 6, 30)),
    ):
        benefits.saving_record(
            organisation=org,
            year="2024/25",
            project=project,
            amount=Decimal(amount),
            status=status,
            recorded_on=day,
        )
    return council


def _line(data, project):
    return next(x for x in data.by_project if x.project == project)


def test_monitoring_rates_each_project_by_the_default_thresholds(savings):
    data = savings_monitoring(organisation=savings["org"], year=YEAR, as_at=date(2024, 12, 31))
    care, roads = _line(data, "Care review"), _line(data, "Roads")
    # Care: 600 achieved + 350 forecast of 1,000 = 95% -> Green (default green from 95%).
    assert (care.validated, care.forecast, care.at_risk, care.rag) == (600, 350, 50, "Green")
    # Roads: 200 of 500 = 40% -> Red.
    assert (roads.validated, roads.at_risk, roads.rag) == (200, 300, "Red")
    assert data.total.budgeted == 1500
    assert data.total.expected == 1150


def test_the_councils_own_thresholds_change_the_rating(savings):
    benefits.savings_rag_set(organisation=savings["org"], green_from="99", amber_from="30")
    data = savings_monitoring(organisation=savings["org"], year=YEAR, as_at=date(2024, 12, 31))
    assert _line(data, "Care review").rag == "Amber"
    assert _line(data, "Roads").rag == "Amber"


def test_thresholds_with_amber_above_green_are_refused(council):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Amber must start at or below Green"):
        benefits.savings_rag_set(organisation=council["org"], green_from="80", amber_from="90")


def test_claimed_savings_are_shown_apart_and_unknown_statuses_are_left_out(savings):
    org, roads = savings["org"], savings["roads"]
    for status in ("claimed", "rejected"):
        SavingsEntry.objects.create(
            organisation=org,
            financial_year=2024,
            project=roads,
            directorate=roads.directorate,
            status=status,
            amount=Decimal("100"),
            recorded_on=date(2024, 7, 1),
        )
    line = _line(savings_monitoring(organisation=org, year=YEAR), "Roads")
    assert (line.validated, line.claimed, line.expected) == (200, 100, 300)


def test_the_monitoring_report_totals_are_live_formulas(savings):
    from realise.reports.formats import render
    from realise.reports.monitoring import monitoring_report
    from tests.readback import xlsx_tables

    report = monitoring_report(organisation=savings["org"], year=YEAR)
    tables = xlsx_tables(render(report, "xlsx").content)
    rows = tables["Savings by directorate, 2024/25 to date"]
    assert rows[-1][:3] == ["Total", "=SUM(B4:B5)", "=SUM(C4:C5)"]


def _member(org, role=Role.VIEWER, name="viewer"):
    user = get_user_model().objects.create_user(username=name, password="x-long-password-1")
    if role is not None:
        Membership.objects.create(organisation=org, user=user, role=role)
    return user


def test_a_member_downloads_the_monitoring_report_with_type_and_file_name(savings, client):
    client.force_login(_member(savings["org"]))
    response = client.get("/o/testshire/reports/monitoring/2024-25.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="testshire-savings-monitoring-2024-25.xlsx"'
    )


@pytest.mark.parametrize("who", ["anonymous", "other council"])
def test_non_members_get_not_found(savings, client, who):
    from realise.portfolio.services import organisation_create

    if who == "other council":
        other = organisation_create(slug="wessex", name="Wessex Council")
        client.force_login(_member(other, name="outsider"))
    assert client.get("/o/testshire/reports/annual/2024-25.csv").status_code == 404
    assert client.get("/o/testshire/reports/monitoring/2024-25.csv").status_code == 404


def test_a_bad_year_or_format_is_not_found(savings, client):
    client.force_login(_member(savings["org"]))
    assert client.get("/o/testshire/reports/monitoring/2024-26.csv").status_code == 404
    assert client.get("/o/testshire/reports/monitoring/2024-25.pptx").status_code == 404


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annual", "--organisation", "nowhere"], 'No organisation "nowhere"'),
        (["annual", "--organisation", "testshire", "--year", "2024/26"], "is not a financial year"),
        (["annual", "--organisation", "testshire", "--year", "2026/27"], "no savings budgeted"),
        (
            ["annual", "--organisation", "testshire", "--year", "2030/31"],
            "Financial year 2030/31 is outside this council's plan years, 2020/21 to 2026/27",
        ),
        (["monitoring", "--organisation", "testshire", "--as-at", "1/4/24"], "is not a date"),
        (
            ["monitoring", "--organisation", "testshire", "--year", "2019/20"],
            "Financial year 2019/20 is outside this council's plan years",
        ),
        (
            ["monitoring", "-o", "testshire", "--output", "/no/such/folder/m.xlsx"],
            "folder /no/such/folder does not exist",
        ),
    ],
)
def test_the_cli_explains_bad_input_without_a_traceback(savings, args, message):
    from realise.cli import app

    result = CliRunner().invoke(app, ["report", *args])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_the_cli_writes_the_monitoring_report(savings, tmp_path):
    from realise.cli import app

    target = tmp_path / "m.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "monitoring",
            "--organisation",
            "testshire",
            "--year",
            "2024/25",
            "--format",
            "xlsx",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"PK")


def test_a_member_opens_the_annual_report_as_html_in_the_browser(savings, client):
    client.force_login(_member(savings["org"], role=Role.FINANCE, name="finance"))
    response = client.get("/o/testshire/reports/annual/2024-25.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    page = response.content.decode()
    assert "Testshire Council" in page
    assert '<td class="num">1,500</td>' in page  # the 2024/25 budget, 1,000 + 500

"""Reports for every council, not just Dorset (issue 16 point 6): two councils of our own making.

Wessex Vale has savings (8-digit amounts, directorates with long names) but has not set its risk
bands: its annual report is produced on the web and by ``realise report``, says so in its risk
section, and its PDF prints no word over another. Northmoor has a risk register and no savings:
it gets its risk report, and its reports page offers no annual report that cannot be made.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from realise.accounts.models import Membership, Role
from tests.readback import overlapping_words, pdf_text, pdf_word_boxes

pytestmark = [pytest.mark.db, pytest.mark.django_db]

LONG_NAMES = (
    "Adult Social Care, Housing and Public Health Commissioning",
    "Children's Services, Education, Skills and Family Support",
    "Economic Growth, Infrastructure, Highways and Environment",
    "Corporate Development, Finance, Commercial and Digital Transformation",
    "Place",
)


def _member(org, name, role=Role.FINANCE):
    user = get_user_model().objects.create_user(username=name, password="a-long-passphrase-9")
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


def wessex_vale():
    """Savings of eight figures in directorates with long names; no risk bands."""
    from realise.benefits import services as benefits
    from realise.portfolio import services as portfolio

    org = portfolio.organisation_create(
        slug="wessex-vale",
        name="Wessex Vale District Council",
        first_year="2021/22",
        last_year="2025/26",
    )
    for order, name in enumerate(LONG_NAMES, start=1):
        directorate = portfolio.directorate_create(organisation=org, name=name, order=order)
        project = portfolio.project_create(
            organisation=org,
            code=f"WV-{order}",
            name=f"{name.split(',')[0]} redesign and demand management programme",
            directorate=directorate,
        )
        for year, budget, achieved in (
            ("2021/22", "12345678.90", "11987654.32"),
            ("2022/23", "98765432.10", "87654321.09"),
            ("2023/24", "45678901.23", None),
        ):
            amount = Decimal(budget) / order
            benefits.savings_target_set(
                organisation=org, year=year, project=project, amount=amount.quantize(Decimal("1"))
            )
            if achieved:
                benefits.saving_record(
                    organisation=org,
                    year=year,
                    project=project,
                    amount=(Decimal(achieved) / order).quantize(Decimal("0.01")),
                    recorded_on=date(int(year[:4]) + 1, 3, 1),
                )
    return org


def northmoor():
    """A risk register (bands and open risks) and no savings at all."""
    from realise.portfolio import services as portfolio
    from realise.risks import services as risks

    org = portfolio.organisation_create(
        slug="northmoor",
        name="Northmoor Borough Council",
        first_year="2022/23",
        last_year="2026/27",
    )
    risks.risk_bands_set(organisation=org, bands={"Green": 1, "Amber": 6, "Red": 15})
    programme = portfolio.programme_create(organisation=org, name="Northmoor 2030")
    for title, likelihood, impact in (
        ("Care market fails to meet demand", 5, 4),
        ("Delay to the new finance system", 2, 3),
        ("Loss of key staff during restructure", 4, 2),
    ):
        risks.risk_create(
            organisation=org,
            programme=programme,
            title=title,
            likelihood=likelihood,
            impact=impact,
            owner="Director",
        )
    return org


@pytest.fixture
def councils(db):
    return {"wessex": wessex_vale(), "northmoor": northmoor()}


def _cli(*args):
    from realise.cli import app

    result = CliRunner().invoke(app, ["report", *args])
    return result, " ".join(result.output.split())


def test_a_council_without_risk_bands_gets_its_annual_report_on_the_web_and_the_cli(
    councils, client, tmp_path
):
    client.force_login(_member(councils["wessex"], "finance"))
    response = client.get("/o/wessex-vale/reports/annual/2022-23.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "has not set its risk bands" in " ".join(text.split())
    assert "Adult Social Care, Housing and Public Health" in text

    target = tmp_path / "annual.html"
    result, output = _cli(
        "annual",
        "--organisation",
        "wessex-vale",
        "--year",
        "2022/23",
        "-f",
        "html",
        "--output",
        target,
    )
    assert result.exit_code == 0, output
    assert "has not set its risk bands" in target.read_text()


def test_long_directorate_names_and_eight_figure_amounts_print_no_word_over_another(
    councils,
):
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report
    from realise.reports.formats import render

    report = annual_report(organisation=councils["wessex"], year=FinancialYear(2022))
    content = render(report, "pdf").content
    boxes = pdf_word_boxes(content)
    assert any(word == "87,654,321.09" for _, word, _ in boxes)  # Table 3's largest figure
    assert overlapping_words(boxes) == []
    # and none runs off the side of the page: A4 is 595 points wide, its margins 18 mm (51 pt)
    assert [w for _, w, (left, _, right, _) in boxes if left < 50 or right > 545.5] == []


def test_a_council_with_risks_and_no_savings_gets_its_risk_report(councils, client, tmp_path):
    client.force_login(_member(councils["northmoor"], "viewer", Role.VIEWER))
    page = client.get("/o/northmoor/reports/").content.decode()
    assert "/o/northmoor/reports/annual/" not in page  # no link to a report it cannot have
    assert "No savings are budgeted or recorded" in page
    assert 'href="/o/northmoor/reports/risk.pdf"' in page

    response = client.get("/o/northmoor/reports/risk.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="northmoor-risk-report.pdf"'
    text = " ".join(pdf_text(response.content).split())
    assert "Risk heat map: 3 open risks" in text
    high = "Red risks (1) Risk Owner Likelihood Impact Score Care market fails to meet demand"
    assert high in text

    target = tmp_path / "risks.csv"
    result, output = _cli("risk", "--organisation", "northmoor", "-f", "csv", "--output", target)
    assert result.exit_code == 0, output
    assert target.with_suffix(".zip").is_file()


def test_a_council_lays_its_heat_map_out_with_likelihood_as_rows(councils, client):
    from realise.reports.risk import risk_report
    from realise.risks.models import RiskSettings
    from realise.risks.services import heat_map_rows_set

    org = councils["northmoor"]
    admin = _member(org, "admin", Role.TMO_ADMIN)
    client.force_login(admin)
    assert 'data-rows="impact"' in client.get("/o/northmoor/risks/").content.decode()  # default
    refused = client.post("/o/northmoor/settings/heat-map/", {"heat_map_rows": "sideways"})
    assert refused.status_code == 400
    with pytest.raises(ValidationError, match='rows are "impact" or "likelihood"'):
        heat_map_rows_set(organisation=org, rows="sideways")

    saved = client.post("/o/northmoor/settings/heat-map/", {"heat_map_rows": "likelihood"})
    assert saved.status_code == 302
    page = client.get("/o/northmoor/risks/").content.decode()
    assert 'data-rows="likelihood"' in page
    assert '<span class="govuk-visually-hidden">Likelihood </span>5</th>' in page  # the top row
    assert "Likelihood down the side" in client.get("/o/northmoor/settings/").content.decode()

    heat = next(t for t in risk_report(organisation=org).tables() if t.key == "risk-heat-map")
    assert heat.columns[0].heading == "Likelihood"
    top = heat.rows[0]  # certain: the care market risk, likelihood 5 and impact 4 (major)
    assert [top[0].text, *(c.value for c in top[1:])] == ["Certain", 0, 0, 0, 1, 0]
    assert RiskSettings.history.get(organisation=org).history_user == admin

"""Savings by the projects' own delivery confidence (£ by RAG, and by directorate and RAG) for a
council made here, Fenmoor, not Dorset: the selector's totals, the monitoring report read back
from every format, the dashboard and the Savings page; and the annual report's headline over a
year in which nothing is validated yet (issue 16).

Fenmoor's 2024/25 budget is typed in below from the figures this module records, not taken from
Realise: £345,000.25 over five projects rated on both of the council's scales, one project not
rated and one directorate's saving held outside projects.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.readback import (
    csv_files,
    docx_tables,
    html_tables,
    number,
    ods_tables,
    pdf_text,
    xlsx_tables,
)

pytestmark = [pytest.mark.db, pytest.mark.django_db]

YEAR = 2024
BY_RATING_TITLE = "Savings by delivery confidence, 2024/25"
BY_DIRECTORATE_TITLE = "Savings budgeted by directorate and delivery confidence, 2024/25"
# (rating, projects, budgeted, achieved and validated)
BY_RATING = [
    ("Green", 1, "120000", "90000"),
    ("Amber", 1, "50000.25", "20000"),
    ("Amber/Red", 1, "30000", "0"),
    ("Red", 1, "80000", "10000"),
    ("Not rated", 1, "40000", "0"),
    ("Not in a project", 0, "25000", "5000"),
]
RATING_TOTAL = (5, "345000.25", "125000")
# directorate: Green, Amber, Amber/Red, Red, Not rated, Not in a project, Total
BY_DIRECTORATE = [
    ("Communities", ["120000", "0", "0", "80000", "0", "0", "200000"]),
    ("Resources", ["0", "50000.25", "30000", "0", "0", "0", "80000.25"]),
    ("Environment", ["0", "0", "0", "0", "40000", "25000", "65000"]),
]
DIRECTORATE_TOTAL = ["120000", "50000.25", "30000", "80000", "40000", "25000", "345000.25"]


@pytest.fixture(scope="module")
def fenmoor(django_db_setup, django_db_blocker):
    """Fenmoor District Council, plan years 2023/24 to 2026/27, made once for the module inside
    a transaction rolled back at the end."""
    from django.db import transaction

    from realise.benefits import services as benefits
    from realise.benefits.models import EntryStatus
    from realise.portfolio import services as portfolio
    from realise.risks.services import risk_bands_set

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            org = portfolio.organisation_create(
                slug="fenmoor",
                name="Fenmoor District Council",
                first_year="2023/24",
                last_year="2026/27",
            )
            risk_bands_set(organisation=org, bands={"low": 1, "medium": 6, "high": 16})
            directorates = {
                name: portfolio.directorate_create(organisation=org, name=name, order=order)
                for order, name in enumerate(("Communities", "Resources", "Environment"), 1)
            }
            projects = {}
            for code, name, directorate, scale, confidence in (
                ("C-1", "Libraries hub", "Communities", "rag", "green"),
                ("C-2", "Leisure trust", "Communities", "rag", "red"),
                ("R-1", "Digital post", "Resources", "rag", "amber"),
                ("R-2", "Shared HR", "Resources", "five_point", "amber_red"),
                ("E-1", "Waste routes", "Environment", "five_point", ""),
            ):
                projects[code] = portfolio.project_create(
                    organisation=org,
                    code=code,
                    name=name,
                    directorate=directorates[directorate],
                    confidence_scale=scale,
                    confidence=confidence,
                    planned_start=date(2024, 4, 1),
                )
            for code, amount in (
                ("C-1", "120000"),
                ("C-2", "80000"),
                ("R-1", "50000.25"),
                ("R-2", "30000"),
                ("E-1", "40000"),
            ):
                benefits.savings_target_set(
                    organisation=org, year="2024/25", project=projects[code], amount=amount
                )
            benefits.savings_target_set(
                organisation=org,
                year="2024/25",
                directorate=directorates["Environment"],
                amount="25000",
            )
            # 2025/26: budgeted, forecast, nothing validated yet.
            benefits.savings_target_set(
                organisation=org, year="2025/26", project=projects["C-1"], amount="60000"
            )
            benefits.saving_record(
                organisation=org,
                year="2025/26",
                project=projects["C-1"],
                amount="60000",
                status=EntryStatus.FORECAST,
                recorded_on=date(2025, 4, 30),
            )
            for code, amount in (("C-1", "90000"), ("C-2", "10000"), ("R-1", "20000")):
                benefits.saving_record(
                    organisation=org,
                    year="2024/25",
                    project=projects[code],
                    amount=amount,
                    recorded_on=date(2025, 3, 31),
                )
            benefits.saving_record(
                organisation=org,
                year="2024/25",
                directorate=directorates["Environment"],
                amount="5000",
                recorded_on=date(2025, 3, 31),
            )
            yield org
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def rendered(fenmoor, django_db_blocker):
    """The monitoring report for 2024/25 in each of its six formats."""
    from realise.finance.calendar import FinancialYear
    from realise.reports.formats import render
    from realise.reports.monitoring import monitoring_report

    with django_db_blocker.unblock():
        report = monitoring_report(organisation=fenmoor, year=FinancialYear(YEAR))
    formats = ("html", "pdf", "docx", "xlsx", "ods", "csv")
    return {fmt: render(report, fmt).content for fmt in formats}


def test_the_selector_totals_pounds_by_rating_and_by_directorate_and_rating(fenmoor):
    from realise.benefits.selectors import savings_by_confidence, savings_monitoring
    from realise.finance.calendar import FinancialYear

    data = savings_by_confidence(organisation=fenmoor, year=FinancialYear(YEAR))
    assert [(x.label, x.projects, x.budgeted, x.achieved) for x in data.by_rating] == [
        (label, n, Decimal(b), Decimal(a)) for label, n, b, a in BY_RATING
    ]
    assert (data.total_projects, data.total_budgeted, data.total_achieved) == (
        RATING_TOTAL[0],
        Decimal(RATING_TOTAL[1]),
        Decimal(RATING_TOTAL[2]),
    )
    assert [(r.directorate, [*r.budgeted, r.total]) for r in data.by_directorate] == [
        (name, [Decimal(v) for v in figures]) for name, figures in BY_DIRECTORATE
    ]
    monitoring = savings_monitoring(organisation=fenmoor, year=FinancialYear(YEAR))
    assert monitoring.total.budgeted == data.total_budgeted  # the same year, the same savings


def _plain(cell: object) -> object:
    """An ODS cell (text, value, formula) as its value, else its text; any other as it is."""
    if isinstance(cell, tuple):
        return cell[1] if cell[1] is not None else cell[0]
    return cell


def _tables(fmt: str, content: bytes) -> dict[str, list[list[object]]]:
    if fmt == "csv":
        files = csv_files(content)
        return {
            BY_RATING_TITLE: files["savings-by-delivery-confidence.csv"],
            BY_DIRECTORATE_TITLE: files["savings-by-directorate-and-confidence.csv"],
        }
    read = {"html": html_tables, "docx": docx_tables, "xlsx": xlsx_tables, "ods": ods_tables}
    found = read[fmt](content)
    return {
        t: [[_plain(c) for c in row] for row in found[t]]
        for t in (BY_RATING_TITLE, BY_DIRECTORATE_TITLE)
    }


def _row(rows: list[list[object]], label: str) -> list[object]:
    found = [r for r in rows if str(r[0]).strip() == label]
    assert found, f"no row {label!r} in {[r[0] for r in rows]}"
    return found[0]


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "ods", "csv"])
def test_the_monitoring_report_prints_pounds_by_rating_in_each_format(rendered, fmt):
    tables = _tables(fmt, rendered[fmt])
    by_rating, by_directorate = tables[BY_RATING_TITLE], tables[BY_DIRECTORATE_TITLE]
    for label, projects, budgeted, achieved in BY_RATING:
        row = _row(by_rating, label)
        assert [number(c) for c in row[1:4]] == [projects, Decimal(budgeted), Decimal(achieved)]
    for name, figures in BY_DIRECTORATE:
        assert [number(c) for c in _row(by_directorate, name)[1:]] == [Decimal(v) for v in figures]
    assert [str(c) for c in by_directorate[0]] == [
        "Directorate",
        *(f"{label} (£)" for label, *_ in BY_RATING),
        "Total (£)",
    ]
    rating_total, directorate_total = _row(by_rating, "Total"), _row(by_directorate, "Total")
    if fmt == "xlsx":  # totals are live formulas over the rows above
        assert rating_total[2] == "=SUM(C4:C9)"
        assert directorate_total[-1] == "=SUM(H4:H6)"
        return
    assert [number(c) for c in rating_total[1:4]] == [
        RATING_TOTAL[0],
        Decimal(RATING_TOTAL[1]),
        Decimal(RATING_TOTAL[2]),
    ]
    assert [number(c) for c in directorate_total[1:]] == [Decimal(v) for v in DIRECTORATE_TOTAL]


def test_the_monitoring_pdf_prints_pounds_by_rating(rendered):
    text = pdf_text(rendered["pdf"])
    chunk = text[text.index(BY_RATING_TITLE) :]
    for label, projects, budgeted, achieved in BY_RATING:
        figures = r"\s+".join(re.escape(f"{Decimal(v):,}") for v in (projects, budgeted, achieved))
        assert re.search(rf"{re.escape(label)}\s+{figures}", chunk), label
    assert re.search(r"Total\s+5\s+345,000\.25\s+125,000", chunk)
    chunk = text[text.index(BY_DIRECTORATE_TITLE) :]
    for name, figures in BY_DIRECTORATE:
        shown = r"\s+".join(re.escape(f"{Decimal(v):,}") for v in figures)
        assert re.search(rf"{name}\s+{shown}", chunk), name
    words = " ".join(text.split())
    assert "Savings RAG: Green when" in words
    assert "not the savings RAG above" in words


def _member(org):
    from django.contrib.auth import get_user_model

    from realise.accounts.models import Membership, Role

    user = get_user_model().objects.create_user(username="fen", password="x-long-password-1")
    Membership.objects.create(organisation=org, user=user, role=Role.VIEWER)
    return user


@pytest.mark.parametrize("url", ["/o/fenmoor/?year=2024", "/o/fenmoor/savings/?year=2024"])
def test_the_dashboard_and_savings_page_show_pounds_by_rating(fenmoor, client, url):
    client.force_login(_member(fenmoor))
    html = client.get(url).content.decode()
    figures = dict(re.findall(r'data-figure="(confidence-[a-z_-]+)">(?:<strong>)?([^<]+)<', html))
    assert figures["confidence-budgeted-green"] == "£120,000"
    assert figures["confidence-budgeted-amber_red"] == "£30,000"
    assert figures["confidence-budgeted-outside"] == "£25,000"
    assert figures["confidence-budgeted-total"] == "£345,000.25"
    assert figures["confidence-achieved-total"] == "£125,000"
    assert figures["confidence-directorates-total"] == "£345,000.25"
    assert "Savings budgeted by directorate and delivery confidence, 2024/25" in html


def test_the_headline_counts_a_years_budget_before_anything_in_it_is_validated(fenmoor):
    from realise.finance.calendar import FinancialYear
    from realise.reports.annual import annual_report
    from realise.reports.context import Paragraph

    report = annual_report(organisation=fenmoor, year=FinancialYear(2025))
    summary = [b.text for b in report.sections[0].blocks if isinstance(b, Paragraph)]
    # £125,000 validated (all in 2024/25) against £345,000.25 + £60,000 budgeted to 2025/26.
    assert summary[0] == (
        "Savings achieved to the end of 2025/26: £125,000 against £405,000.25 budgeted for "
        "2023/24 to 2025/26 (31%). No savings have been validated for 2025/26 yet."
    )

"""Issue 15's "done when" for plan years: no figure on any report changes after an attempt to
record a stray year. The Dorset demo's plan years are 2021/22 to 2025/26; years outside them
(1999/00, 2150/51, 2026/27) and malformed or reversed years (2019/18, 2019/2021) are tried
through the web form, the API, a spreadsheet import and the command line. Every one is refused
with a message naming the field and the allowed years, and the annual report, Table 2 (API), the
dashboard chart and the Savings page's table read the same afterwards."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from realise.accounts.models import Membership
from realise.accounts.tokens import api_token_create
from realise.benefits.models import CarryForward, SavingsEntry, SavingsTarget
from realise.demo.loader import DEMO_PASSWORD
from realise.finance.calendar import FinancialYear

pytestmark = pytest.mark.db

PLAN = "2021/22 to 2025/26"
OUTSIDE = ("1999/00", "2150/51", "2026/27")
MALFORMED = ("2019/18", "2019/2021")
NOW = datetime(2023, 6, 20, 9, 0)


@pytest.fixture
def dorset(demo_council, db):
    return demo_council


def outside(label: str) -> str:
    return f"Financial year {label} is outside this council's plan years, {PLAN}"


def figures(client, token: str, organisation) -> dict[str, object]:
    """Everything a committee or officer reads: the annual report (HTML), Table 2 from the API,
    the dashboard's chart and the Savings page's Table 2."""
    from realise.benefits.selectors import savings_by_year
    from realise.reports.annual import annual_report
    from realise.reports.renderers.html import render_html
    from realise.reports.savings_table import PAGE, savings_by_year_table
    from realise.web.core.views import savings_chart

    organisation.refresh_from_db()
    by_year = savings_by_year(organisation=organisation)
    table_2 = client.get(
        "/api/orgs/dorset/reports/savings-by-year", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert table_2.status_code == 200
    return {
        "annual report": render_html(
            annual_report(organisation=organisation, year=FinancialYear(2022)), now=NOW
        ),
        "table 2": table_2.json(),
        "chart": savings_chart(by_year),
        "savings page": savings_by_year_table(by_year, PAGE),
        "rows": (
            SavingsTarget.objects.count(),
            SavingsEntry.objects.count(),
            CarryForward.objects.count(),
        ),
    }


def _web(client, year: str) -> None:
    """The record-saving form, as finance: the year as the form sends it (a start year) or as
    someone might type it into a hand-made request."""
    assert client.login(username="finance@dorset.example", password=DEMO_PASSWORD)
    start = year[:4] if year in OUTSIDE else year
    response = client.post(
        "/o/dorset/savings/record/",
        {
            "year": start,
            "status": "achieved",
            "kind": "cashable",
            "amount": "1000",
            "recorded_on-day": "31",
            "recorded_on-month": "3",
            "recorded_on-year": "2023",
        },
    )
    assert response.status_code == 400, year
    error = re.search(r'<p id="id_year-error"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    assert error is not None, f"{year}: no error next to the Financial year field"
    if year in OUTSIDE:
        assert outside(year) in html.unescape(error.group(1))
    client.logout()


def _api(client, token: str, year: str) -> None:
    response = client.post(
        "/api/orgs/dorset/savings/entries",
        data=json.dumps({"year": year, "amount": "1000.00", "recorded_on": "2023-03-31"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422, (year, response.content)
    assert response["Content-Type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "financial_year"
    expected = outside(year) if year in OUTSIDE else f'"{year}" is not a financial year'
    assert expected in error["message"]


def _sheet(path, heading: str, rows: list[list[object]]) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = heading
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def _import(dorset, tmp_path, years: tuple[str, ...]) -> None:
    """Targets and ledger rows through the importer the web upload uses: every row refused, each
    located by sheet, row and column."""
    from realise.imports.engine import run_import
    from realise.imports.kinds import kind_named

    targets = _sheet(
        tmp_path / "targets.xlsx",
        "Targets",
        [["Year", "Amount"], *[[year, 5000] for year in years]],
    )
    outcome = run_import(
        Path(targets), organisation=dorset, dry_run=False, kind=kind_named("targets")
    )
    assert not outcome.applied
    problems = [str(p) for p in outcome.problems]
    assert len(problems) == len(years), problems
    for row, year in enumerate(years, start=2):
        expected = outside(year) if year in OUTSIDE else f'"{year}" is not a financial year'
        assert f'sheet "Targets", row {row}, column "Year": {expected}' in problems[row - 2]


def _cli(dorset, tmp_path, years: tuple[str, ...]) -> None:
    from realise.cli import app

    ledger = _sheet(
        tmp_path / "ledger.xlsx",
        "Savings",
        [
            ["Year", "Achieved", "Recorded on", "Status"],
            *[[year, 750, "31/03/2023", "Forecast"] for year in years],
        ],
    )
    result = CliRunner().invoke(
        app,
        ["import", ledger, "--organisation", "dorset", "--as", "finance@dorset.example"],
    )
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    for row, year in enumerate(years, start=2):
        expected = outside(year) if year in OUTSIDE else f'"{year}" is not a financial year'
        assert f'sheet "Savings", row {row}, column "Year": {expected}' in output, output
    assert "Nothing was imported" in output


def test_no_figure_on_any_report_changes_after_an_attempt_to_record_a_stray_year(
    client, dorset, tmp_path
):
    finance = Membership.objects.get(organisation=dorset, role="finance").user
    token = api_token_create(user=finance, name="stray years").secret
    before = figures(client, token, dorset)

    for year in (*OUTSIDE, *MALFORMED):
        _web(client, year)
        _api(client, token, year)
    _import(dorset, tmp_path, (*OUTSIDE, *MALFORMED))
    _cli(dorset, tmp_path, (*OUTSIDE, *MALFORMED))

    assert figures(client, token, dorset) == before

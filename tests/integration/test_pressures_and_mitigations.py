"""In-year pressures and mitigations (issue 16, ADR 0029), with Northshire (tests/northshire.py):
C and D in Table 3 of the annual report and in savings monitoring, read back from every format;
a carry-forward that follows D, not A - B; and a pressure or a mitigation recorded on the web,
through the API and by import, each with its reason."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, SavingsEntry
from realise.finance.calendar import FinancialYear
from tests.northshire import (
    FIGURES,
    MITIGATION_REASON,
    PRESSURE_REASON,
    TOTALS,
    WRONG_REASON,
    northshire_load,
)
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

YEAR = FinancialYear(2024)
C_HEADING = "Pressures (\u2212) and mitigations"
TABLE_3 = "Table 3. Savings by directorate, 2024/25"
BY_DIRECTORATE = "Savings by directorate, 2024/25 to date"
ADJUSTMENTS = "Pressures and mitigations, 2024/25 to date"
CSV_NAMES = {
    TABLE_3: "table-3-savings-by-directorate.csv",
    BY_DIRECTORATE: "monitoring-by-directorate.csv",
    ADJUSTMENTS: "monitoring-pressures-and-mitigations.csv",
}
FORMATS = ("html", "pdf", "docx", "xlsx", "ods", "csv")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield northshire_load()
        transaction.set_rollback(True)


@pytest.fixture
def north(loaded, db):
    return loaded


@pytest.fixture(scope="module")
def rendered(loaded, django_db_blocker):
    """The annual and monitoring reports for 2024/25 in every format, made once."""
    from realise.reports.annual import annual_report
    from realise.reports.formats import render
    from realise.reports.monitoring import monitoring_report

    with django_db_blocker.unblock():
        reports = {
            "annual": annual_report(organisation=loaded.org, year=YEAR),
            "monitoring": monitoring_report(organisation=loaded.org, year=YEAR),
        }
    return {
        (name, fmt): render(report, fmt).content
        for name, report in reports.items()
        for fmt in FORMATS
    }


def _tables(fmt: str, content: bytes) -> dict[str, list[list[object]]]:
    """Each table by its title, headings first, as cell texts (a spreadsheet's values)."""
    if fmt == "html":
        return html_tables(content)
    if fmt == "docx":
        return docx_tables(content)
    if fmt == "xlsx":
        return xlsx_tables(content)
    if fmt == "ods":
        return {
            t: [[c[1] or c[0] for c in r] for r in rows] for t, rows in ods_tables(content).items()
        }
    files = csv_files(content)
    return {title: files[name] for title, name in CSV_NAMES.items() if name in files}


def _row(rows, label):
    return next(r for r in rows if str(r[0]).strip() == label)


def _figures(row, columns):
    return [number(row[c]) for c in columns]


def _check_c_and_d(rows, budget: str, achieved: str, c_heading: str, d_heading: str) -> None:
    """Rows' A, B, C and D under their headings (as the format words them) agree with FIGURES."""
    headings = [str(h) for h in rows[0]]
    columns = [
        next(i for i, h in enumerate(headings) if h.startswith(name))
        for name in (budget, achieved, c_heading, d_heading)
    ]
    for label, *expected in FIGURES:
        assert _figures(_row(rows, label), columns) == expected, (label, rows)
    total = _figures(_row(rows, "Total"), columns)
    if all(value is not None for value in total):  # a spreadsheet's total is a SUM formula
        assert total == list(TOTALS)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_table_3_and_monitoring_show_c_and_d_in_every_format(rendered, fmt):
    annual = _tables(fmt, rendered[("annual", fmt)])
    _check_c_and_d(annual[TABLE_3], "Projected", "Achieved", C_HEADING, "Under-achieved")
    monitoring = _tables(fmt, rendered[("monitoring", fmt)])
    _check_c_and_d(monitoring[BY_DIRECTORATE], "Budgeted", "Achieved", C_HEADING, "At risk")
    reasons = "; ".join(str(x) for x in _row(annual[TABLE_3], "Adults"))
    assert "Pressure \u2212\u00a320,000: " + PRESSURE_REASON in reasons
    assert WRONG_REASON not in reasons  # corrected: neither it nor its correction is a reason
    listed = monitoring[ADJUSTMENTS]
    assert [(str(r[2]), number(r[3]), str(r[4])) for r in listed[1:-1]] == [
        ("Pressure", -20_000, PRESSURE_REASON),
        ("Mitigation", 3_000, MITIGATION_REASON),
    ]


def test_the_pdf_prints_c_and_d(rendered):
    def line(text: str, title: str, label: str) -> list[Decimal | None]:
        after = text[text.index(title) :]
        found = re.search(rf"^\s*{label}\s+(.*)$", after, re.M)
        assert found, (title, label)
        return [number(t) for t in found.group(1).split() if number(t) is not None]

    annual = pdf_text(rendered[("annual", "pdf")])
    assert "mitigations" in annual[annual.index(TABLE_3) :][:600]
    for label, a, b, c, d in FIGURES:
        assert line(annual, TABLE_3, label)[:4] == [a, b, c, d]
    monitoring = pdf_text(rendered[("monitoring", "pdf")])
    for label, a, b, c, d in FIGURES:
        # Budgeted, achieved, claimed, forecast, pressures and mitigations, at risk, %.
        assert line(monitoring, BY_DIRECTORATE, label)[:6] == [a, b, 0, 0, c, d]
    assert PRESSURE_REASON in " ".join(monitoring.split())


def test_a_carry_forward_follows_d_not_a_minus_b(north):
    def carry(project, amount):
        return benefits.savings_carry_forward(
            organisation=north.org,
            from_year="2024/25",
            to_year="2025/26",
            amount=amount,
            reason="Slipped",
            project=project,
        )

    # Adults' home care: A - B is £40,000, but the pressure makes D £60,000.
    with pytest.raises(ValidationError) as refused:
        carry(north.care, "60000.01")
    message = refused.value.message_dict["amount"][0]
    assert "fell short by £60,000 in 2024/25" in message
    assert "pressures and mitigations \u2212£20,000" in message
    assert carry(north.care, "60000").amount == 60_000
    # Environment's waste rounds: A - B is £5,000, the mitigation makes D £2,000.
    with pytest.raises(ValidationError, match="fell short by £2,000"):
        carry(north.waste, "2500")
    from realise.benefits.selectors import savings_by_directorate

    table = savings_by_directorate(organisation=north.org, year=YEAR)
    assert [(r.directorate, r.underachieved, r.left_to_carry) for r in table.rows] == [
        ("Adults", 60_000, 0),
        ("Environment", 2_000, 2_000),
    ]


def _form(project, status, note):
    return {
        "project": str(project.pk),
        "directorate": "",
        "year": "2024",
        "status": status,
        "kind": "cashable",
        "amount": "5,000",
        "recorded_on-day": "31",
        "recorded_on-month": "1",
        "recorded_on-year": "2025",
        "note": note,
    }


def test_a_pressure_is_recorded_on_the_web_only_with_its_reason(client, north):
    client.force_login(north.finance)
    page = client.get("/o/northshire/savings/record/").content.decode()
    assert 'value="pressure"' in page
    assert 'value="mitigation"' in page
    refused = client.post("/o/northshire/savings/record/", _form(north.waste, "pressure", " "))
    assert refused.status_code == 400
    assert "a pressure or a mitigation needs its reason" in refused.content.decode()
    done = client.post("/o/northshire/savings/record/", _form(north.waste, "pressure", "Fuel"))
    assert done.status_code == 302
    entry = SavingsEntry.objects.latest("id")
    assert (entry.status, entry.amount, entry.note) == (EntryStatus.PRESSURE, 5_000, "Fuel")
    savings = client.get("/o/northshire/savings/?year=2024").content.decode()
    assert C_HEADING in savings
    assert "Pressure \u2212£5,000: Fuel" in savings


def test_the_api_records_a_mitigation_and_table_3_shows_it(client, north):
    from realise.accounts.tokens import api_token_create

    token = api_token_create(user=north.finance, name="tests").secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {
        "year": "2024/25",
        "amount": "1500",
        "status": "mitigation",
        "project_id": north.care.pk,
        "recorded_on": "2025-02-01",
    }

    def post(**more):
        return client.post(
            "/api/orgs/northshire/savings/entries",
            data=json.dumps(body | more),
            content_type="application/json",
            **headers,
        )

    refused = post()
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "note"
    assert post(note="Vacancy held").json()["status"] == "mitigation"
    table = client.get(
        "/api/orgs/northshire/reports/savings-by-directorate?year=2024/25", **headers
    ).json()
    adults = table["rows"][0]
    assert (adults["pressures_and_mitigations"], adults["underachieved"]) == (
        "-18500.00",
        "58500.00",
    )
    assert table["total_pressures_and_mitigations"] == "-15500.00"


def test_a_ledger_import_takes_pressures_and_mitigations_with_their_reasons(north, tmp_path):
    from realise.imports.engine import run_import

    def workbook(note):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Ledger"
        sheet.append(["Year", "Amount", "Status", "Project code", "Recorded on", "Reason"])
        sheet.append(["2024/25", "£2,000", "In-year pressure", "EN-1", "31/01/2025", note])
        sheet.append(["2024/25", "£500", "Mitigation", "AD-1", "31/01/2025", "Agency cap"])
        path = tmp_path / "ledger.xlsx"
        book.save(path)
        return path

    refused = run_import(workbook(""), organisation=north.org, dry_run=False, by=north.finance)
    assert [str(p) for p in refused.problems] == [
        'ledger.xlsx, sheet "Ledger", row 2, column "Reason": Say why: a pressure or a mitigation '
        "needs its reason"
    ]
    done = run_import(workbook("Bin lorry hire"), organisation=north.org, dry_run=False)
    assert done.ok, [str(p) for p in done.problems]
    entries = SavingsEntry.objects.filter(recorded_on=date(2025, 1, 31)).order_by("id")
    assert [(e.status, e.project.code, e.note) for e in entries] == [
        ("pressure", "EN-1", "Bin lorry hire"),
        ("mitigation", "AD-1", "Agency cap"),
    ]

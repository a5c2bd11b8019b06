"""Benefits realisation end to end (ADR 0040): a case approved on 1 June 2021 whose plan is tracked
against the savings finance validated for its project, re-forecast by officers and revised by a
version saved since; the selectors, the re-forecast service and its history, the report in all
six formats read back, the case page, the API and the command line.

The plan (one layer, £120,000 a year, released on 30 September 2021): £60,000 in 2021/22 (half
the year) and £120,000 in 2022/23 and 2023/24. Validated for the project: £30,000 (30 November
2021), £25,000 (31 March 2022) corrected away on 30 April 2022, the £1,000 claim validated on 15
October 2022, £99,000 on 31 March 2023: £30,000 in 2021/22 and £100,000 in 2022/23 against the
line, and £500 non-cashable (no such line: the case as a whole). Left out: tactical savings, a
forecast entry, the claim until validated, and 2024/25 (outside the case's years)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from realise.benefits import services as benefits
from realise.cases import selectors, services
from realise.cases.tracking import case_tracking, cases_tracked
from realise.portfolio import services as portfolio
from tests.readback import (
    csv_files,
    docx_tables,
    html_tables,
    number,
    ods_tables,
    overlapping_words,
    pdf_text,
    pdf_word_boxes,
    xlsx_tables,
)

pytestmark = pytest.mark.db

CASE = """\
organisation: Dorset Council
title: Care review case
first_year: 2021/22
years: 3
layers:
  - {id: care, name: Care, baseline_cost: 1000000, baseline_fte: 20}
levels:
  - id: mid
    name: Medium
    layers:
      care: {amount: 120000, fte: 2}
scenarios:
  - id: s1
    name: Option 1
    level: mid
    releases:
      care:
        - {date: 2021-09-30, share: 100%}
    costs:
      Technology: {2021/22: 50000}
"""
REVISED = CASE.replace("amount: 120000", "amount: 150000")
APPROVED_ON = date(2021, 6, 1)
TODAY = date(2026, 12, 1)
LINE = "layer:care"
BY_YEAR = "Care review case: planned, forecast and actual by year"


def _ledger(world):
    org, project, finance = world.org, world.project_a, world.users["finance"]

    def achieved(year, amount, on, kind="cashable", status="achieved"):
        return benefits.saving_record(
            organisation=org,
            year=year,
            amount=amount,
            kind=kind,
            status=status,
            project=project,
            directorate=project.directorate,
            recorded_on=on,
        )

    achieved("2021/22", "30000.00", date(2021, 11, 30))
    wrong = achieved("2021/22", "25000.00", date(2022, 3, 31))
    benefits.saving_reverse(
        entry=wrong, reason="Double counted", recorded_on=date(2022, 4, 30), by=finance
    )
    benefits.saving_validate(entry=world.claim, recorded_on=date(2022, 10, 15), by=finance)
    achieved("2022/23", "99000.00", date(2023, 3, 31))
    achieved("2022/23", "500.00", date(2023, 3, 31), kind="non_cashable")
    achieved("2022/23", "7000.00", date(2023, 3, 31), kind="tactical")
    achieved("2023/24", "50000.00", date(2023, 3, 31), status="forecast")
    achieved("2024/25", "4000.00", date(2024, 6, 30))


@pytest.fixture
def approved(world):
    admin = world.users["admin"]
    case = services.case_create(
        organisation=world.org,
        title="Care review case",
        project=world.project_a,
        document=CASE,
        source="care.yaml",
        by=world.users["lead"],
    )
    services.case_submit(case=case, by=admin)
    cabinet = portfolio.board_create(organisation=world.org, name="Cabinet")
    services.case_approve(case=case, option="s1", board=cabinet, decided_on=APPROVED_ON, by=admin)
    _ledger(world)
    return case


def _money(*values):
    return tuple(D(v) for v in values)


def test_the_plan_is_tracked_against_validated_savings_and_reforecast_by_officers(world, approved):
    lead = world.users["lead"]
    tracked = case_tracking(case=approved, today=TODAY)
    figures = tracked.tracking
    (line,) = figures.lines
    assert (line.id, line.planned, line.forecast) == (
        LINE,
        _money("60000.00", "120000.00", "120000.00"),
        _money("60000.00", "120000.00", "120000.00"),
    )
    assert line.actual == _money("30000.00", "100000.00", "0.00")
    assert figures.unmatched == _money("0.00", "500.00", "0.00")
    assert (figures.total_actual, figures.outside) == (D("130500.00"), D("4000.00"))
    assert tracked.scope == "project A-1 Care review"
    six, twelve, twenty_four = figures.checkpoints
    # By 1 December 2021: 245 of 2021/22's 365 days of £60,000 is £40,273.97.
    assert (six.on, six.expected, six.actual) == (date(2021, 12, 1), D("40273.97"), D("30000.00"))
    assert six.accuracy == D("30000.00") * 100 / D("40273.97")
    # By 1 June 2022 the £25,000 had been corrected away; by 1 June 2023, all was validated. The
    # plan expected 62 days' worth of 2022/23 (of 365), then of 2023/24 (of 366: a leap year).
    assert (twelve.expected, twelve.actual) == (D("80383.56"), D("30000.00"))
    assert (twenty_four.expected, twenty_four.actual) == (D("200327.87"), D("130500.00"))

    services.case_reforecast(
        case=approved, line=LINE, year="2023/24", amount="90000", note="Go-live slipped", by=lead
    )
    services.case_reforecast(
        case=approved, line=LINE, year="2023/24", amount="95,000.50", note="Supplier", by=lead
    )
    line = case_tracking(case=approved, today=TODAY).tracking.lines[0]
    assert line.forecast == _money("60000.00", "120000.00", "95000.50")
    assert line.sources == ("plan", "plan", "re-forecast")
    events = [e.what for e in selectors.case_events(case=approved)]
    assert events[:2] == [
        "Re-forecast ‘Care’ in 2023/24 at £95,000.50 (was £90,000): Supplier",
        "Re-forecast ‘Care’ in 2023/24 at £90,000: Go-live slipped",
    ]

    for kwargs, field, message in (
        ({"line": "layer:other"}, "line", "“layer:other” is not a benefit line of version 1's"),
        ({"year": "2030/31"}, "year", "2030/31 is not one of the case's years: choose one from"),
        ({"year": "2030/29"}, "year", '"2030/29" is not a financial year'),
        ({"amount": "-1"}, "amount", "A forecast benefit is £0 or more"),
        ({"note": "  "}, "note", "Say why the forecast changed"),
    ):
        given = {"line": LINE, "year": "2022/23", "amount": "1", "note": "Why"} | kwargs
        with pytest.raises(ValidationError) as refused:
            services.case_reforecast(case=approved, by=lead, **given)
        assert refused.value.message_dict[field][0].startswith(message), refused.value
    assert case_tracking(case=approved, today=TODAY).tracking.lines[0].forecast[1] == D(
        "120000.00"
    )  # nothing was saved

    # A version saved since the approval is the forecast, over the re-forecast made before it.
    services.case_version_save(case=approved, document=REVISED, note="Bigger saving", by=lead)
    tracked = case_tracking(case=approved, today=TODAY)
    assert tracked.tracking.lines[0].forecast == _money("75000.00", "150000.00", "150000.00")
    assert [r.applies for r in tracked.reforecasts] == [False]
    services.case_reforecast(
        case=approved, line=LINE, year="2023/24", amount="140000", note="After v2", by=lead
    )
    tracked = case_tracking(case=approved, today=TODAY)
    assert tracked.tracking.lines[0].sources == ("version", "version", "re-forecast")
    assert tracked.tracking.total_forecast == D("365000.00")
    assert tracked.plan.newer.number == 2


def test_a_programme_case_counts_its_projects_and_only_approved_cases_are_tracked(world):
    programme = portfolio.programme_create(organisation=world.org, name="Better care")
    project = portfolio.project_create(
        organisation=world.org, code="C-1", name="Care homes", programme=programme
    )
    case = services.case_create(
        organisation=world.org, title="Better care case", programme=programme, document=CASE
    )
    with pytest.raises(ValidationError, match="has no approved version: there is no plan"):
        services.case_reforecast(case=case, line=LINE, year="2021/22", amount="1", note="x")
    assert case_tracking(case=case) is None
    services.case_submit(case=case)
    board = portfolio.board_create(organisation=world.org, name="Board")
    place = {"layer:care": world.project_a.directorate}  # the programme has no directorate
    services.case_approve(
        case=case, option="s1", board=board, decided_on=APPROVED_ON, directorates=place
    )
    benefits.saving_record(
        organisation=world.org,
        year="2021/22",
        amount="12.34",
        project=project,
        recorded_on=date(2021, 7, 1),
    )
    (tracked,) = cases_tracked(organisation=world.org, today=TODAY)
    assert tracked.scope == "the 1 project of the Better care programme"
    assert tracked.tracking.total_actual == D("12.34")  # project A-1's savings are not its


@pytest.fixture
def reforecast(world, approved):
    services.case_reforecast(
        case=approved, line=LINE, year="2023/24", amount="90000", note="Go-live slipped"
    )
    return approved


# Year, planned, forecast, actual, as every format prints the case's table by year.
ROWS = [
    ("2021/22", 60000, 60000, 30000),
    ("2022/23", 120000, 120000, 100500),
    ("2023/24", 120000, 90000, 0),
]
TOTAL = (300000, 270000, 130500)


def _figures(rows):
    return [(str(r[0]).strip(), *(number(c) for c in r[1:4])) for r in rows]


def test_the_report_prints_the_same_figures_in_every_format(world, reforecast):
    from realise.reports.formats import render
    from realise.reports.realisation import realisation_report

    report = realisation_report(organisation=world.org, case=reforecast, today=TODAY)
    rendered = {fmt: render(report, fmt).content for fmt in ("html", "pdf", "docx", "xlsx", "ods")}
    expected = [*ROWS, ("Total", *TOTAL)]
    for tables in (html_tables(rendered["html"]), docx_tables(rendered["docx"])):
        assert _figures(tables[BY_YEAR][1:]) == expected
    sheet = xlsx_tables(rendered["xlsx"])[BY_YEAR]
    assert _figures(sheet[1:4]) == ROWS
    assert sheet[4][1] == "=SUM(B4:B6)"  # a live total
    ods = [
        [c[1] if c[1] is not None else c[0] for c in r]
        for r in ods_tables(rendered["ods"])[BY_YEAR]
    ]
    assert _figures(ods[1:4]) == ROWS
    files = csv_files(render(report, "csv").content)
    assert _figures(files[f"realisation-case-{reforecast.pk}-by-year.csv"][1:]) == expected
    accuracy = files[f"realisation-case-{reforecast.pk}-accuracy.csv"]
    assert accuracy[1][:4] == ["6 months", "1 December 2021", "40273.97", "30000.00"]
    text = " ".join(pdf_text(rendered["pdf"]).split())
    assert "2023/24 120,000 90,000 0" in text
    assert "Total 300,000 270,000 130,500" in text
    assert "74.5%" in text  # 30,000 of 40,273.97 at 6 months
    assert overlapping_words(pdf_word_boxes(rendered["pdf"])) == []

    portfolio_report = realisation_report(organisation=world.org, today=TODAY)
    summary = html_tables(render(portfolio_report, "html").content)
    row = summary["Business cases: planned, forecast and actual over each case's years"][1]
    assert row[:6] == ["Care review case", "Option 1", "1 June 2021", "300,000", "270,000",
                       "130,500"]  # fmt: skip
    assert row[6:] == ["74.5%", "37.3%", "65.1%"]


def test_the_case_page_the_reports_page_and_the_reforecast_form(client, world, reforecast):
    page = f"/o/dorset/business-cases/{reforecast.pk}/"
    client.force_login(world.users["lead"])
    shown = client.get(page).content.decode()
    for said in (
        'data-figure="forecast-2023">£90,000<',
        'data-figure="actual-2022">£100,500<',
        'data-figure="actual-unmatched-2022">£500<',
        "Actuals are shown by line.",
        "Re-forecast a benefit",
        f"/o/dorset/reports/realisation/case-{reforecast.pk}.pdf",
    ):
        assert said in shown, said
    form = client.get(f"{page}reforecast/")
    assert form.status_code == 200
    assert "Care" in form.content.decode()
    bad = client.post(
        f"{page}reforecast/", {"line": LINE, "year": "2021", "amount": "-5", "note": "Why"}
    )
    assert bad.status_code == 400
    assert "A forecast benefit is £0 or more" in bad.content.decode()
    done = client.post(
        f"{page}reforecast/", {"line": LINE, "year": "2021", "amount": "55,000", "note": "Late"}
    )
    assert (done.status_code, done["Location"]) == (302, page)
    assert 'data-figure="forecast-2021">£55,000<' in client.get(page).content.decode()
    download = client.get(f"/o/dorset/reports/realisation/case-{reforecast.pk}.csv")
    assert download["Content-Type"] == "application/zip"
    assert "realisation.xlsx" in client.get("/o/dorset/reports/").content.decode()

    client.force_login(world.users["viewer"])
    assert "Re-forecast a benefit" not in client.get(page).content.decode()
    assert client.get(f"{page}reforecast/").status_code == 403
    client.force_login(world.users["outsider"])
    assert client.get(f"/o/dorset/reports/realisation/case-{reforecast.pk}.pdf").status_code == 404


def test_the_api_gives_the_figures_and_takes_a_reforecast(client, world, reforecast):
    base = f"/api/orgs/dorset/cases/{reforecast.pk}"

    def call(role, method, path, body=None):
        kwargs = dict(world.headers(role))
        if body is not None:
            kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(client, method)(path, **kwargs)

    got = call("viewer", "get", f"{base}/realisation")
    assert got.status_code == 200, got.content
    body = got.json()
    assert body["totals"] == {
        "planned": "300000.00",
        "forecast": "270000.00",
        "actual": "130500.00",
    }
    assert body["lines"][0]["years"][2] == {
        "year": "2023/24",
        "planned": "120000.00",
        "forecast": "90000.00",
        "forecast_from": "re-forecast",
        "actual": "0.00",
    }
    assert body["unmatched"] == [{"year": "2022/23", "actual": "500.00"}]
    assert body["checkpoints"][0] | {"on": None} == {
        "months": 6,
        "on": None,
        "passed": True,
        "expected": "40273.97",
        "validated": "30000.00",
        "accuracy": "74.49",
    }
    listed = call("viewer", "get", "/api/orgs/dorset/realisation").json()
    assert [(c["title"], c["totals"]["actual"]) for c in listed] == [
        ("Care review case", "130500.00")
    ]

    change = {"line": LINE, "year": "2022/23", "amount": "110000.00", "note": "Slower take-up"}
    assert call("viewer", "post", f"{base}/reforecasts", change).status_code == 403
    assert call("outsider", "post", f"{base}/reforecasts", change).status_code == 404
    bad = call("lead", "post", f"{base}/reforecasts", change | {"line": "nope"})
    assert (bad.status_code, bad.json()["field"]) == (422, "line")
    assert call("lead", "post", f"{base}/reforecasts", change | {"why": "x"}).status_code == 422
    made = call("lead", "post", f"{base}/reforecasts", change)
    assert made.status_code == 201, made.content
    assert made.json()["totals"]["forecast"] == "260000.00"
    assert made.json()["reforecasts"][0]["recorded_by"] == "lead"

    other = services.case_create(
        organisation=world.org, title="Other", project=world.project_a, document=CASE
    )
    assert (
        call("viewer", "get", f"/api/orgs/dorset/cases/{other.pk}/realisation").status_code == 404
    )


def test_the_command_line_writes_the_report(world, reforecast, tmp_path):
    from typer.testing import CliRunner

    from realise.cli import app

    runner = CliRunner()
    target = tmp_path / "realisation.xlsx"
    done = runner.invoke(
        app,
        ["report", "realisation", "-o", "dorset", "--case", str(reforecast.pk), "-f", "xlsx",
         "--output", str(target)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert BY_YEAR in xlsx_tables(target.read_bytes())
    missing = runner.invoke(app, ["report", "realisation", "-o", "dorset", "--case", "999"])
    assert missing.exit_code == 1
    assert "Dorset Council has no business case 999" in " ".join(missing.output.split())

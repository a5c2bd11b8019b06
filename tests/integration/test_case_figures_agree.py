"""The Dorset business case's figures agree wherever they are shown: `realise model run` (its
table and its exact JSON), the web business-case page, and the financial-case report as printed
(HTML, PDF and Word print the cells' text), as XLSX read back with openpyxl, and as CSV.

Expected figures are made here from the JSON's exact pounds, rounded once, half up, to what each
place shows: £m to the case's printed step, whole pounds on the web page, FTE to one place.
"""

from __future__ import annotations

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from typer.testing import CliRunner

from realise.cli import app
from realise.finance.casefile import load_case
from realise.finance.tables import ROWS
from tests.readback import csv_files

pytestmark = pytest.mark.db

CASE = Path(__file__).parents[2] / "examples" / "dorset-our-future-council.yaml"
MILLION = Decimal(1_000_000)
LABELS = {row.key: row.label for row in ROWS}
runner = CliRunner()


def half_up(value: Decimal, step: str) -> Decimal:
    return (value / Decimal(step)).quantize(Decimal(1), rounding=ROUND_HALF_UP) * Decimal(step)


def in_millions(pounds: Decimal, step: Decimal, places: int) -> str:
    shown = half_up(pounds / MILLION, str(step)).quantize(Decimal(1).scaleb(-places))
    return f"−{abs(shown):,}" if shown < 0 else f"{shown:,}"


def fte(value: Decimal) -> str:
    return f"{half_up(value, '0.1').quantize(Decimal('0.1')):,}"


@pytest.fixture(scope="module")
def exact():
    """Each scenario's years with exact pounds and FTE, from `realise model run --format json`."""
    result = runner.invoke(app, ["model", "run", str(CASE), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {s["name"]: s for s in json.loads(result.output)["scenarios"]}


@pytest.fixture(scope="module")
def printed(exact):
    """What each cell of a scenario's cost-and-benefit table must show (£m or FTE)."""
    case = load_case(CASE)
    show = case.presentation
    out = {}
    for name, scenario in exact.items():
        rows = {}
        for key, label in LABELS.items():
            values = [Decimal(y[key]) for y in scenario["years"]]
            if key == "fte_released":
                rows[label] = [fte(v) for v in values]
            else:
                step = show.step(key) or Decimal(1).scaleb(-show.places)
                rows[label] = [in_millions(v, step, show.places) for v in values]
        out[name] = rows
    return out


def test_the_cli_table_prints_the_exact_figures_rounded_once(printed):
    result = runner.invoke(app, ["model", "run", str(CASE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    scenario = None
    seen = 0
    for line in result.output.splitlines():
        title = re.match(r"^(Scenario \d+) \(", line)
        if title:
            scenario = title.group(1)
        cells = [c.strip() for c in re.split(r"│", line)[1:-1]]
        if scenario and cells and cells[0] in printed[scenario]:
            assert cells[1:] == printed[scenario][cells[0]], (scenario, cells)
            seen += 1
    assert seen == len(printed) * len(LABELS)


def test_the_web_page_shows_the_same_figures(client, django_user_model, exact, printed):
    from realise.accounts.models import Membership
    from realise.portfolio import services as portfolio

    org = portfolio.organisation_create(slug="casecheck", name="Case Check Council")
    user = django_user_model.objects.create_user(username="case-reader", password="a-long-pass-9")
    Membership.objects.create(organisation=org, user=user, role="viewer")
    client.force_login(user)
    response = client.get(f"/o/{org.slug}/business-case/?example={CASE.name}")
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    for name, scenario in exact.items():
        panel = tree.get_element_by_id(f"scenario-{scenario['id']}")
        table = next(t for t in panel.iter("table") if "Financial case" in t.find("caption").text)
        for tr in list(table.iter("tr"))[1:]:
            cells = [" ".join(c.text_content().split()) for c in tr.iter("th", "td")]
            label, shown = cells[0], cells[1:]
            key = next(k for k, v in LABELS.items() if v == label)
            values = [Decimal(y[key]) for y in scenario["years"]]
            if key == "fte_released":
                assert shown == printed[name][label], (name, label)
            else:
                want = [f"£{half_up(v, '1'):,.0f}".replace("£-", "−£") for v in values]
                assert shown == want, (name, label)
    side_by_side = next(
        t for t in tree.iter("table") if "side by side" in t.find("caption").text_content()
    )
    for tr in list(side_by_side.iter("tr"))[1:]:
        cells = [" ".join(c.text_content().split()) for c in tr.iter("th", "td")]
        last = exact[cells[0]]["years"][-1]
        for at, pounds in (
            (1, last["cumulative_part_year_effect"]),
            (2, last["cumulative_cost"]),
            (3, exact[cells[0]]["npv"]),
        ):
            millions = half_up(Decimal(pounds) / MILLION, "0.1")
            assert cells[at] == f"£{millions:,.1f}m", (cells, at)


def test_the_report_prints_them_and_its_spreadsheet_and_csv_hold_them(exact, printed):
    from realise.reports.case import case_report
    from realise.reports.formats import render

    report = case_report(load_case(CASE))
    book = load_workbook(io.BytesIO(render(report, "xlsx").content))
    sheets = {str(s["A1"].value): s for s in book.worksheets[1:]}
    files = csv_files(render(report, "csv").content)
    for name, scenario in exact.items():
        table = next(t for t in report.tables() if t.key == f"{scenario['id']}-cost-benefit")
        for row in table.rows:
            assert [c.text for c in row[1:]] == printed[name][row[0].text], (name, row[0].text)
        sheet = [r for r in sheets[table.title].iter_rows(min_row=4) if r[0].value in printed[name]]
        csv_rows = {r[0]: r[1:] for r in files[f"{table.key}.csv"][1:]}
        assert len(sheet) == len(LABELS)
        for cells in sheet:
            label = cells[0].value
            key = next(k for k, v in LABELS.items() if v == label)
            exact_values = [Decimal(y[key]) for y in scenario["years"]]
            if key == "fte_released":
                want = exact_values  # FTE, not divided by a million as the £m figures are
                assert all(c.number_format == "#,##0.0" for c in cells[1:]), label
                shown = [fte(Decimal(str(c.value))) for c in cells[1:]]
                assert shown == printed[name][label], (name, label, "as the spreadsheet shows")
            else:
                want = [v / MILLION for v in exact_values]
            assert [Decimal(str(c.value)) for c in cells[1:]] == want, (name, label)
            assert [Decimal(v) for v in csv_rows[label]] == want, (name, label)

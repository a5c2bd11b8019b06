"""The business-case financial case: built from realise.finance alone, no database."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from realise.finance.casefile import load_case
from realise.finance.scenario import run_case
from realise.reports.case import case_report
from realise.reports.formats import render
from tests.readback import csv_files, docx_tables, number, xlsx_tables

MILLION = Decimal(1_000_000)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"


@pytest.fixture(scope="module")
def case():
    return load_case(EXAMPLE)


@pytest.fixture(scope="module")
def report(case):
    return case_report(case)


def test_the_case_report_has_baselines_levels_each_scenario_comparison_and_audit(case, report):
    titles = [s.title for s in report.sections]
    assert titles[:2] == ["Summary", "Baselines and savings levels"]
    assert titles[2 : 2 + len(case.scenarios)] == [s.name for s in case.scenarios]
    assert titles[-2:] == ["The scenarios compared", "Audit of the printed figures"]
    assert [c.key for c in report.charts()] == ["j-curve"]


def test_the_csv_comparison_carries_each_scenarios_npv_and_net_exactly(case, report):
    content, extension = render(report, "csv").content, render(report, "csv").extension
    assert extension == "zip"
    rows = csv_files(content)["scenarios-compared.csv"]
    header, body = rows[0], rows[1:]
    npv, net = header.index("NPV"), header.index("Cumulative net, end of period")
    for result, row in zip(run_case(case), body, strict=True):
        assert row[0] == result.scenario.name
        assert number(row[npv]) * MILLION == result.npv
        assert number(row[net]) * MILLION == result.years[-1].cumulative_net


def test_each_benefit_profile_adds_up_to_the_scenarios_in_year_benefit(case, report):
    results = {r.scenario.name: r for r in run_case(case)}
    tables = xlsx_tables(render(report, "xlsx").content)
    for name, result in results.items():
        rows = tables[f"{name}: benefit profile (in-year benefit by layer)"]
        total = rows[-1]
        assert total[0] == "Total"
        assert total[1] == f"=SUM(B4:B{len(rows) + 1})"
        for column, year in enumerate(result.years, start=1):
            layers = sum(number(r[column]) for r in rows[1:-1])
            assert layers * MILLION == year.part_year_effect


def test_word_prints_the_cost_benefit_table_in_millions_as_the_case_presents_it(case, report):
    from docx import Document

    content = render(report, "docx").content
    tables = docx_tables(content)
    first = run_case(case)[0]
    rows = tables[f"{first.scenario.name}: cost and benefit"]
    net = next(r for r in rows if r[0].startswith("Cumulative net"))
    expected = first.years[-1].cumulative_net / Decimal(1_000_000)
    assert abs(number(net[-1]) - expected) <= Decimal("0.005")
    pictures = Document(io.BytesIO(content)).inline_shapes
    assert len(pictures) == 1, "the J-curve is embedded as a picture"

"""Payback is the year after which cumulative net stays at zero or more, once some cost has been
incurred; a scenario with no one-off cost says so instead of giving a year. One pure function
(``finance.scenario.find_payback``) decides it for the command line, the web page, the reports
and the workbook."""

import json
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from realise.cli import app
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import parse_case
from realise.finance.scenario import NO_COST, NOT_PAID_BACK, find_payback, run_scenario
from tests.unit.factories import simple_case

runner = CliRunner()

# The case: one layer of £100k released 30 Sep 2025, £1m cost in 2026/27. Cumulative
# net 0.05 / (0.85) / (0.75) m: it never pays back.
NEVER = """\
organisation: Testshire
title: Late cost
first_year: 2025/26
years: 3
layers:
  - {id: customer, baseline_cost: 1000000, baseline_fte: 20}
levels:
  - id: mid
    layers:
      customer: {percent: 10%}
scenarios:
  - id: s1
    level: mid
    releases:
      customer:
        - {date: 2025-09-30, share: 100%}
    costs:
      Technology: {2026/27: 1m}
"""
NO_COSTS = NEVER.replace("    costs:\n      Technology: {2026/27: 1m}\n", "")


def _years(*pairs):
    """(cumulative cost, cumulative net) per year, as the engine's rows."""

    class Year:
        def __init__(self, index, cost, net):
            self.year = FinancialYear(2025 + index)
            self.cumulative_cost = Decimal(cost)
            self.cumulative_net = Decimal(net)

    return [Year(i, cost, net) for i, (cost, net) in enumerate(pairs)]


def test_a_case_with_benefit_before_any_cost_does_not_pay_back_in_year_one():
    found = find_payback(_years((0, "50000"), ("1000000", "-850000"), ("1000000", "-750000")))
    assert found.year is None
    assert not found.no_cost
    assert found.text == NOT_PAID_BACK
    assert found.paid_back == (False, False, False)


def test_payback_is_the_year_after_which_cumulative_net_stays_not_negative():
    found = find_payback(
        _years(("100", "-100"), ("100", "20"), ("300", "-5"), ("300", "0"), ("300", "90"))
    )
    assert found.year == FinancialYear(2028)
    assert found.paid_back == (False, False, False, True, True)
    assert found.text == "2028/29"


def test_payback_waits_for_the_first_cost_even_when_net_never_dips():
    found = find_payback(_years((0, "10"), ("5", "20"), ("5", "40")))
    assert found.year == FinancialYear(2026)
    assert found.paid_back == (False, True, True)


def test_a_scenario_with_no_cost_says_so_instead_of_giving_a_year():
    found = find_payback(_years((0, "10"), (0, "20")))
    assert (found.year, found.no_cost) == (None, True)
    assert found.text == NO_COST
    assert "no cost to pay back" in found.phrase


def test_the_engine_uses_the_rule():
    case = parse_case(NEVER)
    result = run_scenario(case, "s1")
    assert [y.cumulative_net for y in result.years] == [
        Decimal("50000.00"),
        Decimal("-850000.00"),
        Decimal("-750000.00"),
    ]
    assert result.payback_year is None
    assert result.payback.text == NOT_PAID_BACK
    assert run_scenario(parse_case(NO_COSTS), "s1").payback.no_cost


def test_the_first_year_with_cost_and_net_not_negative_still_pays_back_in_it():
    case = simple_case(costs={"Build": {2025: "240000.00"}})
    assert run_scenario(case, "s").payback_year == FinancialYear(2026)


@pytest.fixture
def never_file(tmp_path):
    path = tmp_path / "never.yaml"
    path.write_text(NEVER)
    return str(path)


def test_the_command_line_run_table_json_and_compare_agree(never_file, tmp_path):
    table = runner.invoke(app, ["model", "run", never_file])
    assert table.exit_code == 0, table.output
    assert "Payback: 2025/26" not in table.output
    assert f"Payback: {NOT_PAID_BACK}" in table.output
    data = json.loads(runner.invoke(app, ["model", "run", never_file, "-f", "json"]).output)
    (scenario,) = data["scenarios"]
    assert (scenario["payback_year"], scenario["payback_year_label"]) == (None, None)
    assert scenario["payback"] == NOT_PAID_BACK
    compare = runner.invoke(app, ["model", "compare", never_file])
    assert compare.exit_code == 0, compare.output
    assert "2025/26" not in re.sub(r"FY25/26|In-year benefit \S+", "", compare.output)
    assert NOT_PAID_BACK in compare.output


def test_the_command_line_says_when_there_is_no_cost(tmp_path):
    path = tmp_path / "free.yaml"
    path.write_text(NO_COSTS)
    result = runner.invoke(app, ["model", "run", str(path)])
    assert f"Payback: {NO_COST}" in result.output
    assert NO_COST in runner.invoke(app, ["model", "compare", str(path)]).output


def test_the_report_uses_the_same_words(tmp_path):
    from realise.reports.case import case_report

    report = case_report(parse_case(NEVER))
    words = repr(report)
    assert "2025/26, " not in words.replace("from 2025/26", "")
    assert NOT_PAID_BACK in words
    assert "does not pay back within the case" in words


def test_the_workbook_payback_formula_needs_a_cost_and_net_that_stays_not_negative(tmp_path):
    import openpyxl

    from realise.reports.case_workbook import write_case_workbook

    path = tmp_path / "never.xlsx"
    write_case_workbook(parse_case(NEVER), path)
    sheet = openpyxl.load_workbook(path).worksheets[2]
    flag = sheet["B14"].value
    assert "B12>0" in flag  # a cost has been incurred
    assert 'COUNTIF(B13:$D13,"<0")=0' in flag  # and cumulative net stays not negative
    assert NO_COST in sheet["B21"].value

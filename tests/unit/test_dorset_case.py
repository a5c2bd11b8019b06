"""The Dorset example against the figures the paper prints (seed section 4)."""

from decimal import Decimal
from pathlib import Path

import pytest

from realise.finance.audit import COMPUTED, SUM, audit_case
from realise.finance.casefile import load_case
from realise.finance.money import round_to
from realise.finance.scenario import run_case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"
M = Decimal(1_000_000)


@pytest.fixture(scope="module")
def case():
    return load_case(EXAMPLE)


@pytest.fixture(scope="module")
def results(case):
    return {r.scenario.id: r for r in run_case(case)}


# As printed in section 4.3.2-4.3.4: part-year benefit (£0.1m) and cumulative net (£0.01m).
PRINTED = {
    "s2": (
        ["3.9", "10.3", "12.7", "12.7", "12.7"],
        ["-16.38", "-25.40", "-18.38", "-5.68", "7.02"],
    ),
    "s3": (
        ["6.4", "12.7", "12.7", "12.7", "12.7"],
        ["-16.22", "-20.90", "-13.48", "-0.78", "11.92"],
    ),
    "s4": (
        ["5.8", "15.2", "18.8", "18.8", "18.8"],
        ["-16.43", "-21.65", "-8.53", "10.27", "29.07"],
    ),
}


@pytest.mark.parametrize("scenario", ["s2", "s3", "s4"])
def test_scenarios_2_to_4_reproduce_the_printed_in_year_benefit(results, scenario):
    pye = [round_to(y.part_year_effect / M, Decimal("0.1")) for y in results[scenario].years]
    assert pye == [Decimal(v) for v in PRINTED[scenario][0]]


@pytest.mark.parametrize("scenario", ["s2", "s3", "s4"])
def test_scenarios_2_to_4_cumulative_net_is_within_the_rounding_of_the_printed_parts(
    results, scenario
):
    for index, (year, printed) in enumerate(
        zip(results[scenario].years, PRINTED[scenario][1], strict=True)
    ):
        # Printed from rounded benefits (£0.05m each) and costs (£0.005m each).
        allowed = Decimal("0.005") + (index + 1) * Decimal("0.055")
        assert abs(year.cumulative_net / M - Decimal(printed)) <= allowed


def test_scenario_4_pays_back_in_2028_29_and_the_others_in_2029_30(results):
    assert {k: r.payback_year.label for k, r in results.items()} == {
        "s1": "2029/30",
        "s2": "2029/30",
        "s3": "2029/30",
        "s4": "2028/29",
    }


def test_scenario_4_releases_the_high_level_fte(results, case):
    assert results["s4"].years[-1].cumulative_fte_released == case.level("high").total_fte


def test_audit_finds_nothing_wrong_with_scenarios_2_3_and_4(case):
    report = audit_case(case)
    flagged = {f.figure.split(":")[0] for f in report.findings}
    assert not flagged & {"Scenario 2", "Scenario 3", "Scenario 4"}


def test_audit_reports_the_real_discrepancies_of_scenario_1(case):
    report = audit_case(case)
    computed = {(f.figure, f.where) for f in report.findings if f.kind == COMPUTED}
    benefits = "section 4.3.1, Scenario 1 benefits profile"
    # Releases on 31 March earn nothing in 2025/26, so its full-year effect is £3.0m, not £3.1m.
    assert ("Scenario 1: full-year effect, 2025/26", benefits) in computed
    # The customer tranche released 30 September 2027 earns half of 2027/28: £12.3m, not £12.7m.
    assert ("Scenario 1: part-year effect, 2027/28", benefits) in computed
    # The printed cumulative net for 2027/28 is not 23.50 - 45.28 = -21.78.
    sums = [f for f in report.findings if f.kind == SUM]
    assert {(f.figure, f.printed, f.expected) for f in sums} == {
        ("Scenario 1: cumulative net, 2027/28", Decimal("-23.78"), Decimal("-21.78"))
    }


def test_audit_reports_the_other_benefits_that_do_not_match_their_percentages(case):
    report = audit_case(case)
    flagged = {f.figure for f in report.findings if f.where.startswith("section 4.3.5")}
    assert flagged == {
        "Third-party spend that is manageable (60% of the FY23/24 baseline)",
        "Third-party spend that is manageable (80% of the FY23/24 baseline)",
        "Service delivery, mid (3%)",
        "Service delivery, high (5%)",
        "Service income (10% more than the FY22/23 baseline)",
    }


def test_audit_reports_nothing_that_is_only_rounding(case):
    report = audit_case(case)
    for finding in report.findings:
        assert abs(finding.difference) > finding.tolerance
    # The level table's totals (e.g. 386.3 FTE printed for parts adding to 386.4) are rounding.
    assert not [f for f in report.findings if f.figure.startswith(("High level", "Baseline"))]

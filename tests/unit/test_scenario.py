from datetime import date
from decimal import Decimal

from realise.finance.calendar import FinancialYear
from realise.finance.model import validate
from realise.finance.profile import allocate
from realise.finance.scenario import discount_factor, run_scenario
from tests.unit.factories import simple_case


def test_year_rows_follow_the_documented_definitions():
    case = simple_case()
    result = run_scenario(case, "s")
    y1, y2, y3 = result.years
    # a: £120k released 30 Sep 2025 -> half in 2025/26; b: £60k released 31 Mar 2026 -> 2026/27.
    assert (y1.full_year_effect, y1.part_year_effect) == (Decimal("120000.00"), Decimal("60000.00"))
    assert (y2.full_year_effect, y2.part_year_effect) == (
        Decimal("180000.00"),
        Decimal("180000.00"),
    )
    assert y3.cumulative_part_year_effect == Decimal("420000.00")
    assert (y1.cost, y2.cost, y3.cumulative_cost) == (Decimal("100000.00"), 0, Decimal("100000.00"))
    assert y1.cumulative_net == Decimal("-40000.00")
    assert y2.cumulative_net == Decimal("140000.00")


def test_payback_year_is_the_first_whose_cumulative_net_is_not_negative():
    case = simple_case(costs={"Build": {2025: "240000.00"}})
    result = run_scenario(case, "s")
    assert [y.cumulative_net for y in result.years][:2] == [Decimal("-180000.00"), 0]
    assert result.payback_year == FinancialYear(2026)


def test_no_payback_within_the_period_is_none():
    case = simple_case(costs={"Build": {2025: "9000000.00"}})
    assert run_scenario(case, "s").payback_year is None


def test_npv_discounts_net_cash_flow_at_the_green_book_rate_with_year_one_undiscounted():
    case = simple_case()
    result = run_scenario(case, "s")
    nets = [Decimal("-40000.00"), Decimal("180000.00"), Decimal("180000.00")]
    expected = sum(n / Decimal("1.035") ** t for t, n in enumerate(nets))
    assert result.npv == expected.quantize(Decimal("0.01"))
    assert discount_factor(Decimal("0.035"), 0) == 1


def test_npv_rate_is_a_parameter():
    case = simple_case()
    assert run_scenario(case, "s", rate=Decimal(0)).npv == Decimal("320000.00")


def test_fte_is_released_in_the_year_a_tranche_starts_earning():
    case = simple_case()
    result = run_scenario(case, "s")
    assert [y.fte_released for y in result.years] == [Decimal(10), Decimal(10), Decimal(0)]
    assert result.years[-1].cumulative_fte_released == Decimal(20)


def test_layer_profiles_add_up_to_the_scenario_totals():
    case = simple_case(
        releases={
            "a": [(date(2025, 11, 15), "0.4"), (date(2026, 6, 30), "0.6")],
            "b": [(date(2025, 9, 30), "1")],
        }
    )
    result = run_scenario(case, "s")
    profiles = [result.layer_profile(layer.id) for layer in case.layers]
    for index, year in enumerate(result.years):
        assert sum(p[index][1] for p in profiles) == year.full_year_effect
        assert sum(p[index][2] for p in profiles) == year.part_year_effect


def test_shares_above_100_percent_are_a_problem_named_by_path():
    case = simple_case(releases={"a": [(date(2025, 9, 30), "0.75"), (date(2026, 9, 30), "0.5")]})
    problems = validate(case)
    assert [(p.where, p.message) for p in problems] == [
        (
            "scenarios[0].releases.a[1].share",
            "shares for layer 'a' add up to 125%; they must not exceed 100%",
        )
    ]


def test_a_release_outside_the_modelled_years_is_a_problem():
    case = simple_case(releases={"a": [(date(2030, 9, 30), "1")]})
    assert [p.where for p in validate(case)] == ["scenarios[0].releases.a[0].date"]


def test_shares_with_many_decimals_take_the_exact_path_and_still_add_up():
    third = "0.333333333333333333"
    case = simple_case(
        releases={"a": [(date(2025, 9, 30), third), (date(2026, 9, 30), third)]},
        amounts={"a": "99999999999.99"},
    )
    result = run_scenario(case, "s")
    assert [t.annual for t in result.tranches] == allocate(
        Decimal("99999999999.99"), [Decimal(third)] * 2
    )
    assert sum(t.annual for t in result.tranches) == (
        Decimal("99999999999.99") * Decimal(third) * 2
    ).quantize(Decimal("0.01"))

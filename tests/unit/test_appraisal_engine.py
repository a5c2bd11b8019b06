"""The option-appraisal engine (business-case format 2) against arithmetic written out by hand.

Two cases of the shapes other councils publish: a 10-year systems outline business case
(capital and revenue costs by year, recurring running costs, an existing budget released as an
offset, a benefit ramping from a third to full) and a reorganisation option appraisal (savings as
a retained share of an addressable spend, phased 10/40/40/10, costs phased 30/50/20, two options
beside do-nothing).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from realise.finance.appraisal.engine import (
    compare,
    discount_factor,
    run_appraisal,
    run_option,
)
from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    Baseline,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.appraisal.rules import validate
from realise.finance.appraisal.upgrade import from_format_1
from realise.finance.calendar import FinancialYear as FY
from realise.finance.casefile import load_case
from realise.finance.scenario import run_case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"


def systems_case() -> Appraisal:
    option = Option(
        id="replace",
        name="Replace the case management system",
        preferred=True,
        costs=(
            CostLine(
                "implementation",
                "Implementation partner",
                Amounts({FY(2026): D(300_000), FY(2027): D(120_000)}),
                kind=CostKind.CAPITAL,
            ),
            CostLine(
                "migration",
                "Data migration",
                Amounts({FY(2026): D(50_000)}),
                kind=CostKind.REVENUE,
            ),
            CostLine(
                "running",
                "Licences and hosting",
                Annual(D(85_000), FY(2027)),
                kind=CostKind.REVENUE,
                recurrence=Recurrence.RECURRING,
            ),
        ),
        offsets=(Offset("old_licence", "Current system licence", Annual(D(60_000), FY(2028))),),
        benefits=(
            BenefitLine(
                "caseworkers",
                "Caseworker time released",
                Ramp(D(150_000), {FY(2027): D("0.3333"), FY(2028): D("0.6667"), FY(2029): D(1)}),
                directorate="Adults",
            ),
            BenefitLine(
                "postage",
                "Letters no longer posted",
                Amounts({FY(2027): D(13_000), FY(2028): D(37_500)}),
                type=BenefitType.COST_AVOIDANCE,
                directorate="Corporate",
            ),
        ),
    )
    return Appraisal("Northshire Council", "Case system OBC", FY(2026), 10, (option,))


def test_the_systems_case_year_by_year_as_worked_by_hand():
    case = systems_case()
    assert validate(case) == []
    result = run_option(case, "replace")
    # 2026/27: 300,000 + 50,000 spent. 2027/28: 120,000 + 85,000 spent; a third of 150,000
    # (49,995) and 13,000 earned. 2028/29: 85,000 less the 60,000 licence released; two thirds
    # (100,005) and 37,500 earned. From 2029/30: 150,000 earned, 25,000 net cost, 125,000 net.
    assert [y.cost for y in result.years] == [D(350_000), D(205_000)] + [D(85_000)] * 8
    assert [y.offsets for y in result.years] == [D(0), D(0)] + [D(60_000)] * 8
    assert [y.benefits for y in result.years] == [D(0), D(62_995), D(137_505)] + [D(150_000)] * 7
    assert [y.cumulative_net for y in result.years] == [
        D(-350_000), D(-492_005), D(-379_500), D(-254_500), D(-129_500), D(-4_500),
        D(120_500), D(245_500), D(370_500), D(495_500),
    ]  # fmt: skip
    assert result.payback.year == FY(2032)
    assert result.total_cost == D(1_235_000)  # 300k + 120k + 50k + 9 x 85k
    assert result.total_offsets == D(480_000)  # 8 x 60k
    assert result.total_benefits == D(1_250_500)  # 1,200,000 + 50,500
    assert result.total_net == D(495_500)
    # Cash net leaves out the cost avoidance (50,500): it still pays back in 2032/33.
    assert result.years[-1].cumulative_cash_net == D(445_000)
    assert result.cash_payback.year == FY(2032)
    assert result.totals_by_category("cost") == {
        "capital": D(420_000), "revenue": D(815_000)}  # fmt: skip
    assert result.totals_by_category("benefit") == {
        "cashable": D(1_200_000), "cost_avoidance": D(50_500)}  # fmt: skip
    nets = [D(-350_000), D(-142_005), D(112_505)] + [D(125_000)] * 7
    by_hand = sum(net / D("1.035") ** t for t, net in enumerate(nets))
    assert result.npv == by_hand
    assert round(result.npv, 2) == D("331320.75")  # checked in floating point too


def reorganisation_case() -> Appraisal:
    years = [FY(2026), FY(2027), FY(2028), FY(2029)]
    phasing = dict(zip(years, [D("0.1"), D("0.4"), D("0.4"), D("0.1")], strict=True))
    costs = dict(zip(years[:3], [D("0.3"), D("0.5"), D("0.2")], strict=True))

    def option(oid: str, percent: str, retention: str, cost: int, **extra) -> Option:
        return Option(
            id=oid,
            name=f"Option {oid.upper()}",
            costs=(
                CostLine("change", "Change team", Phased(D(cost), costs), kind=CostKind.REVENUE),
            ),
            benefits=(
                BenefitLine(
                    "third_party",
                    "Third-party spend",
                    Staged(PercentOf("spend", D(percent), D(retention)), phasing),
                    directorate="Resources",
                ),
            ),
            **extra,
        )

    return Appraisal(
        "Northshire Council",
        "Reorganisation options",
        FY(2026),
        5,
        (
            Option("do_nothing", "Do nothing", do_nothing=True),
            option("a", "0.10", "0.75", 2_000_000, preferred=True),
            option(
                "b",
                "0.15",
                "0.60",
                3_000_000,
                optimism_bias=OptimismBias(costs=D("0.10"), benefits=D("0.05")),
            ),
        ),
        baselines=(Baseline("spend", "Addressable third-party spend", D(20_000_000)),),
    )


def test_the_reorganisation_options_side_by_side_as_worked_by_hand():
    case = reorganisation_case()
    assert validate(case) == []
    nothing, a, b = run_appraisal(case)
    # A: 10% of £20m, 75% kept = £1.5m a year in full; 10, 50, 90, 100% of it by year.
    # Costs £2m phased 30/50/20.
    assert [y.benefits for y in a.years] == [
        D(150_000), D(750_000), D(1_350_000), D(1_500_000), D(1_500_000)]  # fmt: skip
    assert [y.cost for y in a.years] == [D(600_000), D(1_000_000), D(400_000), D(0), D(0)]
    assert [y.cumulative_net for y in a.years] == [
        D(-450_000), D(-700_000), D(250_000), D(1_750_000), D(3_250_000)]  # fmt: skip
    assert a.payback.year == FY(2028)
    # B: 15% of £20m, 60% kept = £1.8m, less a 5% haircut = £1.71m; costs £3m phased 30/50/20
    # and uplifted 10%: 990,000, 1,650,000, 660,000.
    assert [y.benefits for y in b.years] == [
        D(171_000), D(855_000), D(1_539_000), D(1_710_000), D(1_710_000)]  # fmt: skip
    assert [y.cost for y in b.years] == [D(990_000), D(1_650_000), D(660_000), D(0), D(0)]
    assert [y.cost_bias for y in b.years][:3] == [D(90_000), D(150_000), D(60_000)]
    assert next(y.benefit_bias for y in b.years) == D(-9_000)
    assert [y.cumulative_net for y in b.years] == [
        D(-819_000), D(-1_614_000), D(-735_000), D(975_000), D(2_685_000)]  # fmt: skip
    assert b.payback.year == FY(2029)
    assert nothing.payback.no_cost
    assert nothing.npv == 0
    a_nets = [D(-450_000), D(-250_000), D(950_000), D(1_500_000), D(1_500_000)]
    assert a.npv == sum(n / D("1.035") ** t for t, n in enumerate(a_nets))
    versus = {c.option.option.id: c for c in compare(case, (nothing, a, b))}
    assert versus["a"].npv == a.npv
    assert versus["b"].net_by_year[0] == D(-819_000)
    assert case.preferred is case.options[1]


def test_an_option_earning_before_it_spends_has_not_paid_back():
    # The case in option form: £50k earned in the first year before any cost, then £1m
    # spent: cumulative net 50k, (950k), (900k) never pays back; with no cost at all, it says so.
    earns_first = Option(
        "x",
        "Earns first",
        costs=(CostLine("build", "Build", Amounts({FY(2026): D(1_000_000)})),),
        benefits=(BenefitLine("b", "Benefit", Annual(D(50_000), FY(2025))),),
    )
    free = Option("y", "Free", benefits=(BenefitLine("b", "Benefit", Annual(D(1), FY(2025))),))
    case = Appraisal("Northshire", "Payback", FY(2025), 3, (earns_first, free))
    never, nothing = run_appraisal(case)
    assert [y.cumulative_net for y in never.years] == [D(50_000), D(-900_000), D(-850_000)]
    assert never.payback.year is None
    assert not never.payback.no_cost
    assert nothing.payback.no_cost
    assert nothing.payback.year is None


def test_green_book_rate_falls_to_three_per_cent_after_year_thirty():
    assert discount_factor(DiscountSchedule.GREEN_BOOK, 30) == 1 / D("1.035") ** 30
    assert discount_factor(DiscountSchedule.GREEN_BOOK, 32) == 1 / (
        D("1.035") ** 30 * D("1.03") ** 2
    )
    assert discount_factor(D(0), 7) == 1  # a 0% rate stays 0%


def test_every_dorset_scenario_gives_the_same_figures_as_an_option():
    case = load_case(EXAMPLE)
    appraisal = from_format_1(case)
    assert validate(appraisal) == []
    for scenario, option in zip(run_case(case), run_appraisal(appraisal), strict=True):
        assert [y.cumulative_net for y in option.years] == [
            y.cumulative_net for y in scenario.years
        ]
        assert [y.benefits for y in option.years] == [y.part_year_effect for y in scenario.years]
        assert [y.fte_released for y in option.years] == [y.fte_released for y in scenario.years]
        assert round(option.npv, 2) == scenario.npv


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (
            lambda o: {"costs": (CostLine("x", "X", Amounts({FY(2026): D(-1)})),)},
            "options[0].costs[0].amounts.2026/27",
            "offset",
        ),
        (
            lambda o: {"costs": (CostLine("x", "X", Phased(D(10), {FY(2026): D("0.5")})),)},
            "options[0].costs[0].phasing",
            "add up to 50%",
        ),
        (
            lambda o: {"benefits": (BenefitLine("x", "X", Amounts({FY(2040): D(1)})),)},
            "options[0].benefits[0].amounts.2040/41",
            "outside the modelled years",
        ),
        (
            lambda o: {
                "benefits": (
                    BenefitLine("x", "X", Ramp(PercentOf("nope", D("0.1")), {FY(2027): D(1)})),
                )
            },
            "options[0].benefits[0].baseline",
            "unknown baseline 'nope'",
        ),
    ],
)
def test_rules_name_the_line_and_say_what_is_wrong(change, where, words):
    from dataclasses import replace

    case = systems_case()
    option = replace(case.options[0], **change(case.options[0]))
    problems = validate(replace(case, options=(option,)))
    assert [p.where for p in problems] == [where]
    assert words in problems[0].message


def test_rules_refuse_two_preferred_options_and_a_horizon_over_fifty_years():
    from dataclasses import replace

    case = reorganisation_case()
    twice = replace(case, options=tuple(replace(o, preferred=True) for o in case.options))
    assert any("only one option can be the preferred" in p.message for p in validate(twice))
    assert next(p.where for p in validate(replace(case, year_count=51))) == "years"


def test_the_table_rows_carry_a_total_per_line_and_per_category():
    from realise.finance.appraisal.tables import category_totals, option_rows

    rows = {row.key: row for row in option_rows(run_option(systems_case(), "replace"))}
    assert rows["cost:implementation"].label == "Implementation partner (capital, one-off)"
    assert rows["cost:implementation"].total == D(420_000)
    assert rows["cost:running"].label == "Licences and hosting (revenue, recurring)"
    assert rows["benefit:caseworkers"].label == "Caseworker time released (cashable, Adults)"
    assert rows["net"].total == D(495_500)
    assert rows["cumulative_net"].total is None
    assert "cost_bias" not in rows  # no optimism bias in this case
    assert category_totals(run_option(systems_case(), "replace")) == [
        ("Capital", D(420_000)), ("Revenue", D(815_000)), ("Budgets released", D(480_000)),
        ("Cashable", D(1_200_000)), ("Cost avoidance", D(50_500)),
    ]  # fmt: skip

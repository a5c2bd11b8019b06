"""An approved option as the plan (realise.finance.appraisal.plan): the savings targets it makes by
year, place and kind, to the penny; non-cashable lines make none; a line with no place is named;
the FTE and cost budgets; and a later version's targets compared with those in force."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from realise.finance.appraisal.engine import run_option
from realise.finance.appraisal.model import (
    Amounts,
    Appraisal,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    OptimismBias,
    Option,
)
from realise.finance.appraisal.plan import (
    CHANGED,
    COSTS,
    NEW,
    REMOVED,
    SAME,
    STAFF,
    option_plan,
    rebaselined,
    target_lines,
)
from realise.finance.appraisal.upgrade import from_format_1
from realise.finance.calendar import FinancialYear as FY
from realise.finance.casefile import load_case
from realise.finance.scenario import run_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dorset-our-future-council.yaml"


def _case() -> Appraisal:
    years = (FY(2026), FY(2027), FY(2028))
    option = Option(
        id="a",
        name="Option A",
        costs=(
            CostLine("build", "Build", Amounts({years[0]: D("1000.10")}), kind=CostKind.CAPITAL),
        ),
        benefits=(
            BenefitLine(
                "fees",
                "Fees",
                Amounts({years[1]: D("100.01"), years[2]: D(200)}),
                type=BenefitType.INCOME,
                directorate="Place",
            ),
            BenefitLine(
                "staff",
                "Staff",
                Amounts({years[0]: D("33.33"), years[2]: D(50)}),
                directorate="People",
            ),
            BenefitLine(
                "rooms", "Rooms", Amounts({years[1]: D(10), years[2]: D(20)}), directorate="People"
            ),
            BenefitLine(
                "wellbeing", "Wellbeing", Amounts({years[1]: D(999)}), type=BenefitType.NON_CASHABLE
            ),
            BenefitLine("nothing", "Nothing yet", Amounts({})),
        ),
        optimism_bias=OptimismBias(costs=D("0.10"), benefits=D(0)),
    )
    return Appraisal("Testshire Council", "Case", years[0], 3, (option,))


def test_each_cashable_cost_avoidance_or_income_line_makes_a_target_a_year_in_its_place():
    result = run_option(_case(), "a")
    assert [line.id for line in target_lines(result)] == ["fees", "staff", "rooms"]
    places = {"fees": "Place", "staff": "People", "rooms": "People"}
    plan = option_plan(result, places)
    assert [(t.line, t.year.label, t.kind, t.place, t.amount) for t in plan.targets] == [
        ("fees", "2027/28", "income", "Place", D("100.01")),
        ("fees", "2028/29", "income", "Place", D("200.00")),
        ("staff", "2026/27", "cashable", "People", D("33.33")),
        ("staff", "2028/29", "cashable", "People", D("50.00")),
        ("rooms", "2027/28", "cashable", "People", D("10.00")),
        ("rooms", "2028/29", "cashable", "People", D("20.00")),
    ]
    # A target is its lines' sum for a year, place and kind; by year.
    assert {(y.label, p, k): a for (y, p, k), a in plan.totals().items()} == {
        ("2026/27", "People", "cashable"): D("33.33"),
        ("2027/28", "Place", "income"): D("100.01"),
        ("2027/28", "People", "cashable"): D("10.00"),
        ("2028/29", "Place", "income"): D("200.00"),
        ("2028/29", "People", "cashable"): D("70.00"),
    }
    assert [y.label for y in plan.years] == ["2026/27", "2027/28", "2028/29"]
    assert [line.id for line in plan.untargeted] == ["wellbeing"]
    assert plan.unplaced == ()
    # The cost budget is after optimism bias (10% of £1,000.10 is £100.01); no staff released.
    assert [(b.kind, b.line, b.category, b.year.label, b.amount) for b in plan.budgets] == [
        (COSTS, "build", "capital", "2026/27", D("1100.11"))
    ]


def test_a_line_that_makes_targets_but_has_no_place_is_named_and_makes_none():
    plan = option_plan(run_option(_case(), "a"), {"fees": 1})
    assert [line.id for line in plan.unplaced] == ["staff", "rooms"]
    assert {t.line for t in plan.targets} == {"fees"}


def test_dorset_scenario_4_makes_each_layers_part_year_effect_a_target_to_the_penny():
    case = load_case(EXAMPLE)
    result = run_option(from_format_1(case), "s4")
    places = {
        "layer:customer": "Corporate Services",
        "layer:commissioning": "Adults and Housing",
        "layer:business_support": "Corporate Services",
        "layer:strategic": "Corporate Services",
    }
    plan = option_plan(result, places)
    engine = run_scenario(case, "s4")
    expected: dict[tuple[str, str], D] = {}
    for layer in case.layers:
        for year, _, part_year in engine.layer_profile(layer.id):
            place = places[f"layer:{layer.id}"]
            expected[(year.label, place)] = expected.get((year.label, place), D(0)) + part_year
    totals = {(y.label, p): a for (y, p, k), a in plan.totals().items()}
    assert totals == expected
    assert totals[("2025/26", "Corporate Services")] == D("5624324.38")  # 2,076,999.38 + …
    assert totals[("2025/26", "Adults and Housing")] == D("181870.25")
    assert sum(totals.values()) == engine.years[-1].cumulative_part_year_effect
    # Staff released as the engine says, and the scenario's one-off costs by year.
    staff = {b.year.label: b.amount for b in plan.budgets if b.kind == STAFF}
    assert staff == {"2025/26": D("249.175"), "2026/27": D("137.225")}
    redundancy = [b.amount for b in plan.budgets if b.line == "redundancy"]
    assert redundancy == [D("6150000.00"), D("3300000.00")]


def test_a_later_version_rebaselines_the_targets_in_force_and_sets_those_it_drops_to_nothing():
    before = {"a": D(100), "b": D(50), "c": D(0), "d": D(7)}
    after = {"a": D(120), "b": D(50), "e": D(30)}
    changes = rebaselined(before, after)
    assert [(c.key, c.before, c.after, c.action) for c in changes] == [
        ("a", D(100), D(120), CHANGED),
        ("b", D(50), D(50), SAME),
        ("e", None, D(30), NEW),
        ("d", D(7), D("0.00"), REMOVED),  # c was £0 already: nothing to take back
    ]

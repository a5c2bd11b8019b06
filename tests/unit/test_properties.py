"""Properties of the engine that hold for any case (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Layer, LayerSaving, SavingsLevel, Scenario, Tranche
from realise.finance.money import pence
from realise.finance.profile import allocate, part_year_effect
from realise.finance.scenario import run_scenario

FIRST = FinancialYear(2025)
YEARS = 4
LAST_DAY = (FIRST + (YEARS - 1)).last_day
SPAN = (LAST_DAY - FIRST.first_day).days

amounts = st.decimals(min_value=0, max_value=10_000_000, places=2)
days = st.integers(min_value=0, max_value=SPAN).map(lambda n: FIRST.first_day + timedelta(n))
shares = st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=4).filter(
    lambda xs: sum(xs) <= 100
)


@st.composite
def cases(draw):
    layer_count = draw(st.integers(min_value=1, max_value=4))
    layers, savings, releases = [], {}, {}
    for i in range(layer_count):
        ident = f"l{i}"
        amount = draw(amounts)
        layers.append(Layer(ident, ident, amount * 10, Decimal(100)))
        savings[ident] = LayerSaving(amount, Decimal(5), Decimal(10))
        picks = draw(shares)
        releases[ident] = tuple(Tranche(draw(days), Decimal(p) / 100) for p in picks)
    costs = {"c": {FIRST + i: draw(amounts) for i in range(YEARS)}}
    scenario = Scenario("s", "S", "lv", releases, costs)
    return BusinessCase(
        "Org", "T", FIRST, YEARS, tuple(layers), (SavingsLevel("lv", "L", savings),), (scenario,)
    )


@settings(max_examples=150, deadline=None)
@given(cases())
def test_part_year_effect_never_exceeds_full_year_effect(case):
    for year in run_scenario(case, "s").years:
        assert 0 <= year.part_year_effect <= year.full_year_effect


@settings(max_examples=150, deadline=None)
@given(cases())
def test_cumulative_rows_are_the_running_sums_of_the_year_rows(case):
    result = run_scenario(case, "s")
    benefit = cost = Decimal(0)
    for year in result.years:
        benefit += year.part_year_effect
        cost += year.cost
        assert year.cumulative_part_year_effect == benefit
        assert year.cumulative_cost == cost
        assert year.cumulative_net == benefit - cost


@settings(max_examples=150, deadline=None)
@given(cases())
def test_totals_equal_the_sum_of_the_layers(case):
    result = run_scenario(case, "s")
    profiles = [result.layer_profile(layer.id) for layer in case.layers]
    for index, year in enumerate(result.years):
        assert sum(p[index][2] for p in profiles) == year.part_year_effect
        assert sum(p[index][1] for p in profiles) == year.full_year_effect


@settings(max_examples=150, deadline=None)
@given(cases(), st.integers(min_value=1, max_value=400), st.data())
def test_releasing_a_tranche_later_never_increases_cumulative_benefit(case, delay, data):
    scenario = case.scenarios[0]
    layer = data.draw(st.sampled_from(sorted(scenario.releases)))
    index = data.draw(st.integers(min_value=0, max_value=len(scenario.releases[layer]) - 1))
    tranche = scenario.releases[layer][index]
    later_day = min(tranche.released_on + timedelta(delay), LAST_DAY)
    moved = list(scenario.releases[layer])
    moved[index] = Tranche(later_day, tranche.share)
    later = Scenario("s", "S", "lv", {**scenario.releases, layer: tuple(moved)}, scenario.costs)
    later_case = BusinessCase(
        case.organisation, case.title, FIRST, YEARS, case.layers, case.levels, (later,)
    )
    before = run_scenario(case, "s").years
    after = run_scenario(later_case, "s").years
    for b, a in zip(before, after, strict=True):
        assert a.cumulative_part_year_effect <= b.cumulative_part_year_effect
        assert a.full_year_effect <= b.full_year_effect


@settings(max_examples=300, deadline=None)
@given(amounts, shares)
def test_allocated_tranches_add_up_to_the_released_share_to_the_penny(total, picks):
    parts = allocate(total, [Decimal(p) / 100 for p in picks])
    released = pence(total * sum(Decimal(p) for p in picks) / 100)
    assert sum(parts) == released
    assert all(part >= 0 for part in parts)


@settings(max_examples=200, deadline=None)
@given(days)
def test_a_tranche_earns_at_most_one_partial_year(day):
    case_days = [FIRST + i for i in range(YEARS)]
    from realise.finance.profile import earning_fraction

    fractions = [earning_fraction(day, y) for y in case_days]
    partial = [f for f in fractions if 0 < f < 1]
    assert len(partial) <= 1
    assert fractions == sorted(fractions)
    assert day <= date(2029, 3, 31)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_the_engines_tranche_values_equal_the_reference_functions(case):
    result = run_scenario(case, "s")
    scenario, level = case.scenarios[0], case.levels[0]
    expected = []
    for layer_id, tranches in scenario.releases.items():
        annuals = allocate(level.savings[layer_id].amount, [t.share for t in tranches])
        for tranche, annual in zip(tranches, annuals, strict=True):
            start = FinancialYear.containing(tranche.released_on + timedelta(days=1))
            first = part_year_effect(annual, tranche.released_on, start)
            expected.append((layer_id, tranche.released_on, start, annual, first))
    found = [
        (t.layer, t.released_on, t.start_year, t.annual, t.first_year_effect)
        for t in result.tranches
    ]
    assert found == expected

"""A scenario's financial case year by year: benefits, one-off costs, cumulative net, payback, NPV.

Definitions (per financial year of the case):

- full-year effect: the annual value of every tranche that has started by the year's last day;
- part-year effect: what the tranches earn in the year (see ``profile``);
- cost: the one-off costs of every category in the year;
- cumulative net: cumulative part-year effect less cumulative cost;
- payback year: the first year whose cumulative net is zero or more;
- FTE released: the FTE of the tranches that start earning in the year;
- NPV: the sum of (part-year effect - cost) / (1 + rate)^t, t = 0 for the first year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, SavingsLevel, Scenario
from realise.finance.money import ZERO, pence
from realise.finance.profile import allocate, earning_fraction, part_year_effect, start_date


@dataclass(frozen=True)
class YearResult:
    year: FinancialYear
    full_year_effect: Decimal
    part_year_effect: Decimal
    cumulative_part_year_effect: Decimal
    cost: Decimal
    cumulative_cost: Decimal
    cumulative_net: Decimal
    fte_released: Decimal
    cumulative_fte_released: Decimal
    discount_factor: Decimal
    present_value: Decimal

    @property
    def net(self) -> Decimal:
        return self.part_year_effect - self.cost


@dataclass(frozen=True)
class TrancheValue:
    """A release tranche with its share of the layer's saving turned into pounds and FTE."""

    layer: str
    released_on_index: int
    released_on: FinancialYear
    start_year: FinancialYear
    annual: Decimal
    first_year_effect: Decimal
    fte: Decimal


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    level: SavingsLevel
    years: tuple[YearResult, ...]
    payback_year: FinancialYear | None
    npv: Decimal
    discount_rate: Decimal
    tranches: tuple[TrancheValue, ...]
    costs_by_category: Mapping[str, Mapping[FinancialYear, Decimal]]

    @property
    def total_cost(self) -> Decimal:
        return self.years[-1].cumulative_cost if self.years else ZERO

    @property
    def total_benefit(self) -> Decimal:
        return self.years[-1].cumulative_part_year_effect if self.years else ZERO

    def year(self, year: FinancialYear) -> YearResult:
        return next(y for y in self.years if y.year == year)

    def layer_profile(self, layer_id: str) -> list[tuple[FinancialYear, Decimal, Decimal]]:
        """(year, full-year effect, part-year effect) of one layer, for charts and exports."""
        rows = []
        for result in self.years:
            fye = pye = ZERO
            for t in self.tranches:
                if t.layer != layer_id or t.start_year > result.year:
                    continue
                fye += t.annual
                pye += t.first_year_effect if t.start_year == result.year else t.annual
            rows.append((result.year, fye, pye))
        return rows


def discount_factor(rate: Decimal, t: int) -> Decimal:
    """1 / (1 + rate)^t, the HM Treasury Green Book discount factor for year t (t = 0 first)."""
    return Decimal(1) / (Decimal(1) + rate) ** t


def run_case(case: BusinessCase, *, rate: Decimal | None = None) -> tuple[ScenarioResult, ...]:
    """Every scenario of the case, in file order."""
    return tuple(run_scenario(case, scenario, rate=rate) for scenario in case.scenarios)


def run_scenario(
    case: BusinessCase, scenario: Scenario | str, *, rate: Decimal | None = None
) -> ScenarioResult:
    """Compute one scenario. The case must be valid (see ``model.validate``)."""
    if isinstance(scenario, str):
        scenario = case.scenario(scenario)
    rate = case.discount_rate if rate is None else rate
    level = case.level(scenario.level)
    tranches = _tranche_values(case, scenario, level)
    years = case.years

    full_from: dict[FinancialYear, Decimal] = defaultdict(Decimal)
    first_year_effect: dict[FinancialYear, Decimal] = defaultdict(Decimal)
    fte_released: dict[FinancialYear, Decimal] = defaultdict(Decimal)
    already_earning = ZERO
    for t in tranches:
        if t.start_year < case.first_year:
            already_earning += t.annual
            continue
        full_from[t.start_year] += t.annual
        first_year_effect[t.start_year] += t.first_year_effect
        fte_released[t.start_year] += t.fte

    costs = _costs_by_year(scenario)
    results: list[YearResult] = []
    cumulative_pye = cumulative_cost = cumulative_fte = npv = ZERO
    payback: FinancialYear | None = None
    for t_index, year in enumerate(years):
        fye = already_earning + full_from[year]
        pye = already_earning + first_year_effect[year]
        already_earning = fye
        cost = costs.get(year, ZERO)
        cumulative_pye += pye
        cumulative_cost += cost
        cumulative_fte += fte_released[year]
        factor = discount_factor(rate, t_index)
        present = (pye - cost) * factor
        npv += present
        net = cumulative_pye - cumulative_cost
        if payback is None and net >= 0:
            payback = year
        results.append(
            YearResult(
                year=year,
                full_year_effect=fye,
                part_year_effect=pye,
                cumulative_part_year_effect=cumulative_pye,
                cost=cost,
                cumulative_cost=cumulative_cost,
                cumulative_net=net,
                fte_released=fte_released[year],
                cumulative_fte_released=cumulative_fte,
                discount_factor=factor,
                present_value=present,
            )
        )
    return ScenarioResult(
        scenario=scenario,
        level=level,
        years=tuple(results),
        payback_year=payback,
        npv=pence(npv),
        discount_rate=rate,
        tranches=tuple(tranches),
        costs_by_category={c: dict(by_year) for c, by_year in scenario.costs.items()},
    )


def _tranche_values(
    case: BusinessCase, scenario: Scenario, level: SavingsLevel
) -> list[TrancheValue]:
    values: list[TrancheValue] = []
    for layer_id, tranches in scenario.releases.items():
        saving = level.savings.get(layer_id)
        if saving is None or not tranches:
            continue
        shares = [t.share for t in tranches]
        for index, (tranche, annual) in enumerate(
            zip(tranches, allocate(saving.amount, shares), strict=True)
        ):
            start_year = FinancialYear.containing(start_date(tranche.released_on))
            values.append(
                TrancheValue(
                    layer=layer_id,
                    released_on_index=index,
                    released_on=FinancialYear.containing(tranche.released_on),
                    start_year=start_year,
                    annual=annual,
                    first_year_effect=part_year_effect(annual, tranche.released_on, start_year),
                    fte=saving.fte * tranche.share,
                )
            )
            assert earning_fraction(tranche.released_on, start_year) > 0
    return values


def _costs_by_year(scenario: Scenario) -> dict[FinancialYear, Decimal]:
    totals: dict[FinancialYear, Decimal] = defaultdict(Decimal)
    for by_year in scenario.costs.values():
        for year, amount in by_year.items():
            totals[year] += amount
    return dict(totals)

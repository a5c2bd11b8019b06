"""A scenario's financial case year by year: benefits, one-off costs, cumulative net, payback, NPV.

Definitions (per financial year of the case):

- full-year effect: the annual value of every tranche that has started by the year's last day;
- part-year effect: what the tranches earn in the year (see ``profile``);
- cost: the one-off costs of every category in the year;
- cumulative net: cumulative part-year effect less cumulative cost;
- payback year: the first year, once some one-off cost has been incurred, from which cumulative
  net stays zero or more to the end of the case (``find_payback``); none if it never does, and
  none, said so, when the scenario has no cost to pay back;
- FTE released: the FTE of the tranches that start earning in the year;
- NPV: the sum of (part-year effect - cost) / (1 + rate)^t, t = 0 for the first year.

The per-tranche arithmetic runs in one tight loop over whole pence (Python integers, so no
overflow): a large case has tens of thousands of tranches per scenario. It rounds exactly as
``profile.allocate`` and ``profile.part_year_effect`` do, which stay the readable reference
(property tests hold the two equal).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Protocol

from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, SavingsLevel, Scenario
from realise.finance.money import ZERO, pence
from realise.finance.profile import (
    earning_fraction,
    pounds,
    round_half_up,
    start_date,
    to_pence,
)

ZERO_FTE = Decimal(0)

# What a scenario says in place of a payback year: the words every surface (the command line,
# the web page, the reports, the workbook's formula) shows.
NOT_PAID_BACK = "Not within the case"
NO_COST = "No cost to pay back"


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


class TrancheValue(NamedTuple):
    """A release tranche with its share of the layer's saving turned into pence and FTE."""

    layer: str
    position: int
    released_on: date
    start_year: FinancialYear
    annual_pence: int
    first_year_pence: int
    fte: Decimal

    @property
    def annual(self) -> Decimal:
        return pounds(self.annual_pence)

    @property
    def first_year_effect(self) -> Decimal:
        return pounds(self.first_year_pence)


@dataclass(frozen=True, eq=False)
class TrancheTable:
    """Every tranche of a scenario, column-wise: one entry per tranche in each field."""

    layers: tuple[str, ...]
    positions: tuple[int, ...]
    released_on: tuple[date, ...]
    start_years: tuple[int, ...]
    annual: tuple[int, ...]
    first_year: tuple[int, ...]
    fte: tuple[Decimal, ...]

    def rows(self) -> list[TrancheValue]:
        return [
            TrancheValue(
                self.layers[i],
                self.positions[i],
                self.released_on[i],
                FinancialYear(self.start_years[i]),
                self.annual[i],
                self.first_year[i],
                self.fte[i],
            )
            for i in range(len(self.layers))
        ]


class _Cumulative(Protocol):
    @property
    def year(self) -> FinancialYear: ...
    @property
    def cumulative_cost(self) -> Decimal: ...
    @property
    def cumulative_net(self) -> Decimal: ...


@dataclass(frozen=True)
class Payback:
    """When a scenario pays back. ``paid_back`` says, per year, whether it has paid back by that
    year's end for good; ``year`` is the first such year, or None; ``no_cost`` is True when there
    is no one-off cost, so nothing to pay back."""

    year: FinancialYear | None
    no_cost: bool
    paid_back: tuple[bool, ...]

    @property
    def text(self) -> str:
        """For a table cell or after "Payback:": ``2028/29``, or the words for none."""
        if self.year is not None:
            return self.year.label
        return NO_COST if self.no_cost else NOT_PAID_BACK

    @property
    def phrase(self) -> str:
        """For a sentence about the scenario: "it {phrase}"."""
        if self.year is not None:
            return f"pays back in {self.year.label}"
        if self.no_cost:
            return "has no cost to pay back"
        return "does not pay back within the case"


def find_payback(years: Sequence[_Cumulative]) -> Payback:
    """The payback of a scenario from its cumulative cost and net, year by year.

    A year has paid back when some one-off cost has been incurred by its end and cumulative net
    is zero or more at its end and at the end of every later year. A scenario whose benefit comes
    before its cost is not paid back in a year when nothing had yet been spent, and one whose
    cumulative net dips below zero again is paid back only once it recovers for good.
    """
    paid: list[bool] = []
    stays = True  # cumulative net is not negative in this year and every later one
    for result in reversed(years):
        stays = stays and result.cumulative_net >= 0
        paid.append(stays and result.cumulative_cost > 0)
    paid.reverse()
    first = next((result.year for result, ok in zip(years, paid, strict=True) if ok), None)
    no_cost = not years or years[-1].cumulative_cost <= 0
    return Payback(first, no_cost, tuple(paid))


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    scenario: Scenario
    level: SavingsLevel
    years: tuple[YearResult, ...]
    payback: Payback
    npv: Decimal
    discount_rate: Decimal
    table: TrancheTable
    costs_by_category: Mapping[str, Mapping[FinancialYear, Decimal]]

    @property
    def payback_year(self) -> FinancialYear | None:
        return self.payback.year

    @property
    def total_cost(self) -> Decimal:
        return self.years[-1].cumulative_cost if self.years else ZERO

    @property
    def total_benefit(self) -> Decimal:
        return self.years[-1].cumulative_part_year_effect if self.years else ZERO

    @property
    def tranches(self) -> list[TrancheValue]:
        return self.table.rows()

    def year(self, year: FinancialYear) -> YearResult:
        return next(y for y in self.years if y.year == year)

    def layer_profile(self, layer_id: str) -> list[tuple[FinancialYear, Decimal, Decimal]]:
        """(year, full-year effect, part-year effect) of one layer, for charts and exports."""
        mine = [t for t in self.tranches if t.layer == layer_id]
        rows = []
        for result in self.years:
            fye = pye = 0
            for t in mine:
                if t.start_year > result.year:
                    continue
                fye += t.annual_pence
                pye += t.first_year_pence if t.start_year == result.year else t.annual_pence
            rows.append((result.year, pounds(fye), pounds(pye)))
        return rows


def discount_factor(rate: Decimal, t: int) -> Decimal:
    """1 / (1 + rate)^t, the HM Treasury Green Book discount factor for year t (t = 0 first)."""
    return Decimal(1) / (Decimal(1) + rate) ** t


def run_case(case: BusinessCase, *, rate: Decimal | None = None) -> tuple[ScenarioResult, ...]:
    """Every scenario of the case, in file order."""
    return tuple(run_scenario(case, scenario, rate=rate) for scenario in case.scenarios)


def run_scenario(
    case: BusinessCase,
    scenario: Scenario | str,
    *,
    rate: Decimal | None = None,
) -> ScenarioResult:
    """Compute one scenario. The case must be valid (see ``model.validate``)."""
    if isinstance(scenario, str):
        scenario = case.scenario(scenario)
    rate = case.discount_rate if rate is None else rate
    level = case.level(scenario.level)
    table, sums = _tranche_table(scenario, level)
    years, npv = _years(case, scenario, sums, rate)
    return ScenarioResult(
        scenario=scenario,
        level=level,
        years=years,
        payback=find_payback(years),
        npv=pence(npv),
        discount_rate=rate,
        table=table,
        costs_by_category={c: dict(by_year) for c, by_year in scenario.costs.items()},
    )


@dataclass(frozen=True)
class _YearSums:
    """Per start year (an int, cheap to hash): the annual value, first-year earnings and FTE of
    the tranches that start earning in it."""

    annual: dict[int, int]
    first_year: dict[int, int]
    fte: dict[int, Decimal]

    def before(self, first: int) -> int:
        """Pence a year already earning before the first modelled year."""
        return sum(value for start, value in self.annual.items() if start < first)


def _years(
    case: BusinessCase, scenario: Scenario, sums: _YearSums, rate: Decimal
) -> tuple[tuple[YearResult, ...], Decimal]:
    earning = sums.before(case.first_year.start)
    full_from, first_year, fte_released = sums.annual, sums.first_year, sums.fte
    costs = _costs_by_year(scenario)
    results: list[YearResult] = []
    cumulative_pye = cumulative_cost = cumulative_fte = npv = ZERO
    for t_index, year in enumerate(case.years):
        pye = pounds(earning + first_year.get(year.start, 0))
        earning += full_from.get(year.start, 0)
        cost = costs.get(year.start, ZERO)
        cumulative_pye += pye
        cumulative_cost += cost
        released = fte_released.get(year.start, Decimal(0))
        cumulative_fte += released
        factor = discount_factor(rate, t_index)
        present = (pye - cost) * factor
        npv += present
        net = cumulative_pye - cumulative_cost
        results.append(
            YearResult(
                year=year,
                full_year_effect=pounds(earning),
                part_year_effect=pye,
                cumulative_part_year_effect=cumulative_pye,
                cost=cost,
                cumulative_cost=cumulative_cost,
                cumulative_net=net,
                fte_released=released,
                cumulative_fte_released=cumulative_fte,
                discount_factor=factor,
                present_value=present,
            )
        )
    return tuple(results), npv


@lru_cache(maxsize=8192)
def _start(released_on: date) -> tuple[int, int, int]:
    """The start of the year a tranche released on ``released_on`` starts earning, and its
    share of that year as (numerator, denominator)."""
    year = FinancialYear.containing(start_date(released_on))
    fraction = earning_fraction(released_on, year)
    return year.start, fraction.numerator, fraction.denominator


def _tranche_table(scenario: Scenario, level: SavingsLevel) -> tuple[TrancheTable, _YearSums]:
    """Every tranche's annual value (allocated by cumulative share), first-year earnings and FTE.

    Inlined on purpose: this loop runs once per tranche. Rounding is half up in whole pence,
    as ``profile.allocate`` and ``profile.part_year_effect``.
    """
    layers: list[str] = []
    positions: list[int] = []
    released_on: list[date] = []
    starts: list[int] = []
    annuals: list[int] = []
    firsts: list[int] = []
    ftes: list[Decimal] = []
    by_start: dict[int, int] = {}
    first_by_start: dict[int, int] = {}
    fte_by_start: dict[int, Decimal] = {}
    savings = level.savings
    for layer_id, tranches in scenario.releases.items():
        saving = savings.get(layer_id)
        if saving is None:
            continue
        total = to_pence(saving.amount)
        fte = saving.fte
        running = Decimal(0)
        previous = 0
        for position, tranche in enumerate(tranches):
            running += tranche.share
            numerator, denominator = running.as_integer_ratio()
            cumulative = round_half_up(total * numerator, denominator)
            annual = cumulative - previous
            previous = cumulative
            start, part, whole = _start(tranche.released_on)
            layers.append(layer_id)
            positions.append(position)
            released_on.append(tranche.released_on)
            starts.append(start)
            annuals.append(annual)
            first = annual if part == whole else round_half_up(annual * part, whole)
            firsts.append(first)
            released = fte * tranche.share
            ftes.append(released)
            by_start[start] = by_start.get(start, 0) + annual
            first_by_start[start] = first_by_start.get(start, 0) + first
            fte_by_start[start] = fte_by_start.get(start, ZERO_FTE) + released
    table = TrancheTable(
        tuple(layers),
        tuple(positions),
        tuple(released_on),
        tuple(starts),
        tuple(annuals),
        tuple(firsts),
        tuple(ftes),
    )
    return table, _YearSums(by_start, first_by_start, fte_by_start)


def _costs_by_year(scenario: Scenario) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for by_year in scenario.costs.values():
        for year, amount in by_year.items():
            totals[year.start] = totals.get(year.start, ZERO) + amount
    return totals

"""An option appraisal year by year: costs, offsets, benefits, net, cumulative net, NPV, payback.

The unit of record is a line's amount in a year, in whole pence: each is rounded once, half up,
when its profile is spread over the years (a phased total is split so that its years add up to
the total exactly), and optimism bias is worked out on it and rounded once more. Every total is a
sum of those, so tables add up to the penny.

Definitions (per financial year of the case):

- cost: every cost line, uplifted by the option's optimism bias on costs;
- offsets: existing budgets the option releases (they reduce the cost);
- benefits: every benefit line, less the optimism-bias haircut on benefits; release-modelled
  layers (format 1) earn their part-year effect;
- net: benefits less cost plus offsets; cash net counts only cashable benefits and income;
- cumulative net; discount factor (flat rate, or the Green Book schedule: 3.5% for years 0 to 30,
  3.0% after, t = 0 for the first year); present value; NPV, the sum of present values;
- payback: ``finance.scenario.find_payback``, the one rule for both formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from realise.finance.appraisal.model import (
    Appraisal,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    Recurrence,
)
from realise.finance.appraisal.profiles import in_pounds, spread, times
from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Scenario
from realise.finance.profile import round_half_up
from realise.finance.scenario import Payback, find_payback, run_scenario

GREEN_BOOK_RATE = Decimal("0.035")
GREEN_BOOK_LONG_RATE = Decimal("0.03")  # from year 31
GREEN_BOOK_LONG_FROM = 31

COST, OFFSET, BENEFIT = "cost", "offset", "benefit"


def discount_factor(rate: Decimal | DiscountSchedule, t: int) -> Decimal:
    """The factor for year ``t`` (0 for the first year): 1 / (1 + rate)^t for a flat rate; on the
    Green Book schedule, 3.5% a year to year 30 and 3.0% a year after."""
    one = Decimal(1)
    if isinstance(rate, DiscountSchedule):
        early = min(t, GREEN_BOOK_LONG_FROM - 1)
        late = t - early
        return one / ((one + GREEN_BOOK_RATE) ** early * (one + GREEN_BOOK_LONG_RATE) ** late)
    return one / (one + rate) ** t


class _Run(NamedTuple):
    """A year's cumulative figures, as ``find_payback`` reads them."""

    year: FinancialYear
    cumulative_cost: Decimal
    cumulative_net: Decimal


@dataclass(frozen=True)
class LineResult:
    """One line's money per year: ``written`` as its profile gives it, ``bias`` the optimism-bias
    uplift (costs, positive) or haircut (benefits, negative), ``amounts`` the two together."""

    group: str  # COST, OFFSET or BENEFIT
    id: str
    name: str
    category: str  # capital/revenue/unclassified, "offset", or the benefit type
    recurrence: str
    directorate: str
    written: tuple[Decimal, ...]
    bias: tuple[Decimal, ...]

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        return tuple(w + b for w, b in zip(self.written, self.bias, strict=True))

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal("0.00"))


@dataclass(frozen=True)
class OptionYear:
    year: FinancialYear
    cost: Decimal  # after optimism bias
    cost_bias: Decimal
    offsets: Decimal
    benefits: Decimal  # after the haircut
    benefit_bias: Decimal  # the haircut, zero or negative
    cash_benefits: Decimal
    cumulative_cost: Decimal  # before offsets, as payback counts it: some cost incurred
    cumulative_net: Decimal
    cumulative_cash_net: Decimal
    discount_factor: Decimal
    present_value: Decimal
    fte_released: Decimal

    @property
    def net_cost(self) -> Decimal:
        return self.cost - self.offsets

    @property
    def net(self) -> Decimal:
        return self.benefits - self.net_cost

    @property
    def cash_net(self) -> Decimal:
        return self.cash_benefits - self.net_cost


@dataclass(frozen=True)
class OptionResult:
    option: Option
    lines: tuple[LineResult, ...]
    years: tuple[OptionYear, ...]
    npv: Decimal
    cash_npv: Decimal
    payback: Payback
    cash_payback: Payback

    def group(self, group: str) -> tuple[LineResult, ...]:
        return tuple(line for line in self.lines if line.group == group)

    def totals_by_category(self, group: str) -> dict[str, Decimal]:
        """Each category's total over the years (cost kinds, offsets, benefit types), in the
        order the categories first appear."""
        totals: dict[str, Decimal] = {}
        for line in self.group(group):
            totals[line.category] = totals.get(line.category, Decimal("0.00")) + line.total
        return totals

    @property
    def total_cost(self) -> Decimal:
        return sum((y.cost for y in self.years), Decimal("0.00"))

    @property
    def total_offsets(self) -> Decimal:
        return sum((y.offsets for y in self.years), Decimal("0.00"))

    @property
    def total_benefits(self) -> Decimal:
        return sum((y.benefits for y in self.years), Decimal("0.00"))

    @property
    def total_net(self) -> Decimal:
        return self.years[-1].cumulative_net if self.years else Decimal("0.00")


@dataclass(frozen=True)
class Comparison:
    """An option against do-nothing: the difference in net per year and in NPV."""

    option: OptionResult
    do_nothing: OptionResult

    @property
    def net_by_year(self) -> tuple[Decimal, ...]:
        return tuple(
            mine.net - base.net
            for mine, base in zip(self.option.years, self.do_nothing.years, strict=True)
        )

    @property
    def npv(self) -> Decimal:
        return self.option.npv - self.do_nothing.npv


def run_appraisal(appraisal: Appraisal) -> tuple[OptionResult, ...]:
    """Every option of the case, in file order. The case must be valid (``rules.validate``)."""
    return tuple(run_option(appraisal, option) for option in appraisal.options)


def compare(appraisal: Appraisal, results: Iterable[OptionResult]) -> tuple[Comparison, ...]:
    """Each option that is not do-nothing against the do-nothing option (none without one)."""
    results = tuple(results)
    base = next((r for r in results if r.option.do_nothing), None)
    if base is None:
        return ()
    return tuple(Comparison(r, base) for r in results if r is not base)


def run_option(appraisal: Appraisal, option: Option | str) -> OptionResult:
    if isinstance(option, str):
        option = appraisal.option(option)
    years = appraisal.years
    bias = option.optimism_bias or appraisal.optimism_bias
    lines = [_cost_line(line, years, bias) for line in option.costs]
    lines += [_offset_line(line, years) for line in option.offsets]
    released, fte = _released_layers(appraisal, option)
    lines += released
    lines += [_benefit_line(appraisal, line, years, bias) for line in option.benefits]
    return _option_result(appraisal, option, tuple(lines), fte)


def _option_result(
    appraisal: Appraisal, option: Option, lines: tuple[LineResult, ...], fte: Mapping[int, Decimal]
) -> OptionResult:
    rate = appraisal.discount_rate
    rows: list[OptionYear] = []
    cumulative = cumulative_cash = cumulative_cost = npv = cash_npv = Decimal("0.00")
    for index, year in enumerate(appraisal.years):
        cost = cost_bias = offsets = benefits = haircut = cash = Decimal("0.00")
        for line in lines:
            amount = line.written[index] + line.bias[index]
            if line.group == COST:
                cost += amount
                cost_bias += line.bias[index]
            elif line.group == OFFSET:
                offsets += amount
            else:
                benefits += amount
                haircut += line.bias[index]
                if BenefitType(line.category).releases_cash:
                    cash += amount
        net, cash_net = benefits - cost + offsets, cash - cost + offsets
        cumulative += net
        cumulative_cash += cash_net
        cumulative_cost += cost
        factor = discount_factor(rate, index)
        npv += net * factor
        cash_npv += cash_net * factor
        rows.append(
            OptionYear(
                year=year,
                cost=cost,
                cost_bias=cost_bias,
                offsets=offsets,
                benefits=benefits,
                benefit_bias=haircut,
                cash_benefits=cash,
                cumulative_cost=cumulative_cost,
                cumulative_net=cumulative,
                cumulative_cash_net=cumulative_cash,
                discount_factor=factor,
                present_value=net * factor,
                fte_released=fte.get(year.start, Decimal(0)),
            )
        )
    return OptionResult(
        option=option,
        lines=lines,
        years=tuple(rows),
        npv=npv,
        cash_npv=cash_npv,
        payback=find_payback([_Run(r.year, r.cumulative_cost, r.cumulative_net) for r in rows]),
        cash_payback=find_payback(
            [_Run(r.year, r.cumulative_cost, r.cumulative_cash_net) for r in rows]
        ),
    )


def _cost_line(line: CostLine, years: Sequence[FinancialYear], bias: OptimismBias) -> LineResult:
    written = spread(line.profile, years)
    uplift = [round_half_up(*times(p, bias.costs)) for p in written]
    return LineResult(
        COST,
        line.id,
        line.name,
        CostKind(line.kind).value,
        Recurrence(line.recurrence).value,
        "",
        in_pounds(written),
        in_pounds(uplift),
    )


def _offset_line(line: Offset, years: Sequence[FinancialYear]) -> LineResult:
    written = spread(line.profile, years)
    zero = [0] * len(written)
    return LineResult(
        OFFSET, line.id, line.name, OFFSET, "", "", in_pounds(written), in_pounds(zero)
    )


def _benefit_line(
    appraisal: Appraisal, line: BenefitLine, years: Sequence[FinancialYear], bias: OptimismBias
) -> LineResult:
    written = spread(line.profile, years, appraisal)
    haircut = [-round_half_up(*times(p, bias.benefits)) for p in written]
    return LineResult(
        BENEFIT,
        line.id,
        line.name,
        BenefitType(line.type).value,
        "",
        line.directorate,
        in_pounds(written),
        in_pounds(haircut),
    )


def _released_layers(
    appraisal: Appraisal, option: Option
) -> tuple[list[LineResult], dict[int, Decimal]]:
    """Format 1's release modelling: each released layer as a cashable benefit line earning its
    part-year effect, worked out by the format 1 engine itself (one copy of those rules)."""
    if option.level is None or not option.releases:
        return [], {}
    scenario = Scenario(
        id=option.id, name=option.name, level=option.level, releases=option.releases, costs={}
    )
    case = BusinessCase(
        organisation=appraisal.organisation,
        title=appraisal.title,
        first_year=appraisal.first_year,
        year_count=appraisal.year_count,
        layers=appraisal.layers,
        levels=appraisal.levels,
        scenarios=(scenario,),
    )
    result = run_scenario(case, scenario, rate=Decimal(0))
    zero = tuple(Decimal("0.00") for _ in appraisal.years)
    lines = []
    for layer in appraisal.layers:
        if layer.id not in option.releases:
            continue
        part_year = tuple(pye for _, _, pye in result.layer_profile(layer.id))
        lines.append(
            LineResult(
                BENEFIT,
                f"layer:{layer.id}",
                layer.name,
                BenefitType.CASHABLE.value,
                "",
                appraisal.layer_owners.get(layer.id, ""),
                part_year,
                zero,
            )
        )
    fte = {row.year.start: row.fte_released for row in result.years}
    return lines, fte

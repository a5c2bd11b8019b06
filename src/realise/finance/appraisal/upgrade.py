"""A format 1 case as an option appraisal: each scenario an option, its one-off cost categories
cost lines, its level and release points kept whole. Nothing is lost: the figures of every
option equal the format 1 engine's for its scenario."""

from __future__ import annotations

from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Appraisal,
    CostKind,
    CostLine,
    DiscountSchedule,
    OptimismBias,
    Option,
    Recurrence,
)
from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Scenario


def from_format_1(case: BusinessCase) -> Appraisal:
    options = tuple(
        Option(
            id=scenario.id,
            name=scenario.name,
            description=scenario.description,
            costs=tuple(
                CostLine(id=category, name=category, profile=Amounts(dict(by_year)))
                for category, by_year in scenario.costs.items()
            ),
            level=scenario.level,
            releases=dict(scenario.releases),
        )
        for scenario in case.scenarios
    )
    return Appraisal(
        organisation=case.organisation,
        title=case.title,
        first_year=case.first_year,
        year_count=case.year_count,
        options=options,
        discount_rate=case.discount_rate,
        layers=case.layers,
        levels=case.levels,
        other_benefits=case.other_benefits,
        published=case.published,
        published_sums=case.published_sums,
        presentation=case.presentation,
    )


def to_format_1(case: Appraisal) -> BusinessCase | None:
    """The case as format 1, when it says only what format 1 can: every option a savings level
    with its release points and one-off cost categories by year (a cost line with no kind, an
    amount in each year; its name the category), and nothing format 1 has no words for
    (baselines, budgets released, benefit lines, optimism bias, the Green Book schedule).
    Otherwise None. The case workbook and the arithmetic audit are written for format 1."""
    if case.baselines or case.optimism_bias != OptimismBias():
        return None
    if isinstance(case.discount_rate, DiscountSchedule):
        return None
    scenarios = []
    for option in case.options:
        if option.level is None or option.offsets or option.benefits:
            return None
        if option.optimism_bias not in (None, OptimismBias()):
            return None
        costs: dict[str, dict[FinancialYear, Decimal]] = {}
        for line in option.costs:
            plain = line.kind == CostKind.UNCLASSIFIED and line.recurrence == Recurrence.ONE_OFF
            if not plain or not isinstance(line.profile, Amounts) or line.name in costs:
                return None
            costs[line.name] = dict(line.profile.by_year)
        scenarios.append(
            Scenario(
                id=option.id,
                name=option.name,
                level=option.level,
                releases=dict(option.releases),
                costs=costs,
                description=option.description,
            )
        )
    return BusinessCase(
        organisation=case.organisation,
        title=case.title,
        first_year=case.first_year,
        year_count=case.year_count,
        layers=case.layers,
        levels=case.levels,
        scenarios=tuple(scenarios),
        discount_rate=case.discount_rate,
        other_benefits=case.other_benefits,
        published=case.published,
        published_sums=case.published_sums,
        presentation=case.presentation,
    )

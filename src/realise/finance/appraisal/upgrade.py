"""A format 1 case as an option appraisal: each scenario an option, its one-off cost categories
cost lines, its level and release points kept whole. Nothing is lost: the figures of every
option equal the format 1 engine's for its scenario."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Appraisal,
    CostKind,
    CostLine,
    Option,
    Recurrence,
)
from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Scenario


def line_ids(categories: Iterable[str]) -> list[str]:
    """Format 1 names its cost lines by category ("Internal Capacity"); format 2 gives each line
    an id of letters, digits, - and _ (``internal_capacity``) and keeps the category as its
    name. Two categories that would make the same id get ``_2``, ``_3``."""
    ids: list[str] = []
    for category in categories:
        base = re.sub(r"[^a-z0-9]+", "_", str(category).lower()).strip("_") or "cost"
        ident, n = base, 1
        while ident in ids:
            n += 1
            ident = f"{base}_{n}"
        ids.append(ident)
    return ids


def from_format_1(case: BusinessCase) -> Appraisal:
    options = tuple(
        Option(
            id=scenario.id,
            name=scenario.name,
            description=scenario.description,
            costs=tuple(
                CostLine(id=ident, name=category, profile=Amounts(dict(by_year)))
                for ident, (category, by_year) in zip(
                    line_ids(scenario.costs), scenario.costs.items(), strict=True
                )
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
    """A case that says nothing format 1 cannot (options with a savings level and release
    points, one-off cost lines by year, a flat discount rate, no optimism bias), as the format 1
    case it is, for what only format 1 has: the audit of published figures and the workbook.
    None for any other case."""
    if not isinstance(case.discount_rate, Decimal) or case.baselines or case.optimism_bias.costs:
        return None
    if case.optimism_bias.benefits:
        return None
    scenarios = []
    for option in case.options:
        if option.level is None or option.offsets or option.benefits or option.optimism_bias:
            return None
        costs: dict[str, Mapping[FinancialYear, Decimal]] = {}
        for line in option.costs:
            plain = line.kind == CostKind.UNCLASSIFIED and line.recurrence == Recurrence.ONE_OFF
            if not plain or not isinstance(line.profile, Amounts) or line.name in costs:
                return None
            costs[line.name] = line.profile.by_year
        scenarios.append(
            Scenario(
                option.id, option.name, option.level, option.releases, costs, option.description
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

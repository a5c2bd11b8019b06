"""A format 1 case as an option appraisal: each scenario an option, its one-off cost categories
cost lines, its level and release points kept whole. Nothing is lost: the figures of every
option equal the format 1 engine's for its scenario."""

from __future__ import annotations

from realise.finance.appraisal.model import Amounts, Appraisal, CostLine, Option
from realise.finance.model import BusinessCase


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

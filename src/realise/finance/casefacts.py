"""What a format-1 business case (``realise-business-case/1``) says, as facts for ``casediff``:
the case's assumptions (years, discount rate, presentation), each layer's baseline, each savings
level's saving per layer, each scenario's level, releases and cost lines, the other benefits and
the figures printed in the source document.

Facts are keyed by the ids the file gives (layer ``customer``, scenario ``s4``), so renaming a
layer is one change of its name and moving a scenario in the file is no change at all. Releases
have no ids: they are numbered in date order within their layer. Every fact is named with the
names in the file (``Layer ‘Customer’``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from realise.finance.casediff import Fact, Key, Kind, Value, shown
from realise.finance.model import BusinessCase, PublishedFigure, PublishedSum, Scenario, Tranche
from realise.finance.tables import ROWS

CASE = "The case"
PRESENTATION = "How tables are shown"
LAYERS = "Operating-model layers"
LEVELS = "Savings levels"
SCENARIOS = "Scenarios (options)"
OTHERS = "Other potential benefits"
PUBLISHED = "Figures as published"

ROW_NAMES = {row.key: row.label.lower() for row in ROWS}


def _q(name: str) -> str:
    return f"‘{name}’"


class _Facts:
    def __init__(self) -> None:
        self.facts: list[Fact] = []
        self.keys: set[Key] = set()

    def add(self, key: Key, section: str, where: str, what: str, kind: Kind, value: Value) -> None:
        unique, n = key, 1
        while unique in self.keys:  # a key the file repeats (a printed figure twice) stays apart
            n += 1
            unique = (*key, f"#{n}")
        self.keys.add(unique)
        self.facts.append(Fact(unique, section, where, what, kind, value))


def case_facts(case: BusinessCase) -> tuple[Fact, ...]:
    """Every fact of ``case``, in the order of the file's sections."""
    out = _Facts()
    out.add(("title",), CASE, "The case", "title", "text", case.title)
    out.add(("organisation",), CASE, "The case", "council", "text", case.organisation)
    out.add(("first_year",), CASE, "The case", "first year", "year", case.first_year)
    out.add(("years",), CASE, "The case", "years modelled", "number", Decimal(case.year_count))
    out.add(("discount_rate",), CASE, "The case", "discount rate", "share", case.discount_rate)
    _presentation(out, case)
    layer_names = {layer.id: layer.name for layer in case.layers}
    for layer in case.layers:
        key, where = ("layers", layer.id), f"Layer {_q(layer.name)}"
        summary = (
            f"baseline {shown(layer.baseline_cost, 'money')}, {shown(layer.baseline_fte, 'fte')}"
        )
        out.add(key, LAYERS, where, "layer", "line", summary)
        out.add((*key, "name"), LAYERS, where, "name", "text", layer.name)
        out.add((*key, "cost"), LAYERS, where, "baseline cost", "money", layer.baseline_cost)
        out.add((*key, "fte"), LAYERS, where, "baseline FTE", "fte", layer.baseline_fte)
    for level in case.levels:
        key, where = ("levels", level.id), f"Level {_q(level.name)}"
        summary = f"annual saving {shown(level.total_amount, 'money')} across the layers"
        out.add(key, LEVELS, where, "savings level", "line", summary)
        out.add((*key, "name"), LEVELS, where, "name", "text", level.name)
        for layer_id, saving in level.savings.items():
            at = f"{where}, layer {_q(layer_names.get(layer_id, layer_id))}"
            line = (*key, layer_id)
            text = f"annual saving {shown(saving.amount, 'money')}, {shown(saving.fte, 'fte')}"
            out.add(line, LEVELS, at, "layer's saving", "line", text)
            out.add((*line, "amount"), LEVELS, at, "annual saving", "money", saving.amount)
            out.add((*line, "fte"), LEVELS, at, "FTE released", "fte", saving.fte)
            share = "share of the layer's baseline"
            out.add((*line, "percent"), LEVELS, at, share, "percent", saving.percent)
    level_names = {level.id: level.name for level in case.levels}
    for scenario in case.scenarios:
        _scenario(out, scenario, layer_names, level_names)
    _others(out, case)
    _published(out, case.published, case.published_sums)
    return tuple(out.facts)


def _presentation(out: _Facts, case: BusinessCase) -> None:
    shape = case.presentation
    where = "Money tables"
    out.add(("presentation", "unit"), PRESENTATION, where, "unit", "text", shape.unit)
    places = Decimal(shape.places)
    out.add(("presentation", "places"), PRESENTATION, where, "decimal places", "number", places)
    for row, step in shape.steps.items():
        what = f"rounding step of the {ROW_NAMES.get(row, row)} row ({shape.unit})"
        out.add(("presentation", "steps", row), PRESENTATION, where, what, "number", step)


def _scenario(
    out: _Facts, scenario: Scenario, layer_names: dict[str, str], level_names: dict[str, str]
) -> None:
    key, where = ("scenarios", scenario.id), f"Scenario {_q(scenario.name)}"
    level = level_names.get(scenario.level, scenario.level)
    out.add(key, SCENARIOS, where, "scenario", "line", f"savings level {_q(level)}")
    out.add((*key, "name"), SCENARIOS, where, "name", "text", scenario.name)
    out.add((*key, "description"), SCENARIOS, where, "description", "text", scenario.description)
    out.add((*key, "level"), SCENARIOS, where, "savings level", "text", level)
    for layer_id, tranches in scenario.releases.items():
        at = f"{where}, layer {_q(layer_names.get(layer_id, layer_id))}"
        line = (*key, "releases", layer_id)
        released = sum((t.share for t in tranches), Decimal(0))
        out.add(line, SCENARIOS, at, "releases", "line", f"{shown(released, 'share')} released")
        for number, tranche in enumerate(sorted(tranches, key=_day), start=1):
            _tranche(out, (*line, str(number)), f"{at}, release {number}", tranche)
    for category, by_year in scenario.costs.items():
        at = f"{where}, cost line {_q(category)}"
        line = (*key, "costs", category)
        total = sum(by_year.values(), Decimal(0))
        years = ", ".join(f"{shown(v, 'money')} in {y.label}" for y, v in sorted(by_year.items()))
        out.add(line, SCENARIOS, at, "cost line", "line", years or f"{shown(total, 'money')}")
        for year, amount in sorted(by_year.items()):
            out.add((*line, year.label), SCENARIOS, at, f"cost in {year.label}", "money", amount)


def _day(tranche: Tranche) -> date:
    return tranche.released_on


def _tranche(out: _Facts, key: Key, where: str, tranche: Tranche) -> None:
    summary = f"{shown(tranche.share, 'share')} on {shown(tranche.released_on, 'date')}"
    out.add(key, SCENARIOS, where, "release", "line", summary)
    out.add((*key, "date"), SCENARIOS, where, "release date", "date", tranche.released_on)
    out.add((*key, "share"), SCENARIOS, where, "share released", "share", tranche.share)


def _others(out: _Facts, case: BusinessCase) -> None:
    for other in case.other_benefits:
        key, where = ("other_benefits", other.id), f"Other benefit {_q(other.name)}"
        summary = f"{shown(other.percent, 'percent')} of {shown(other.baseline, 'money')}"
        out.add(key, OTHERS, where, "other benefit", "line", summary)
        out.add((*key, "name"), OTHERS, where, "name", "text", other.name)
        out.add((*key, "baseline"), OTHERS, where, "baseline", "money", other.baseline)
        out.add((*key, "percent"), OTHERS, where, "percentage", "percent", other.percent)
        if other.published is not None:
            printed = f"printed figure ({other.published.unit})"
            out.add((*key, "printed"), OTHERS, where, printed, "number", other.published.value)


def _published(
    out: _Facts, figures: tuple[PublishedFigure, ...], sums: tuple[PublishedSum, ...]
) -> None:
    tables: dict[str, int] = {}
    for figure in figures:
        tables[figure.where] = tables.get(figure.where, 0) + 1
    for total in sums:
        tables[total.where] = tables.get(total.where, 0) + 1 + len(total.parts)
    for where, count in tables.items():
        out.add(
            ("published", where),
            PUBLISHED,
            f"Printed in {where}",
            "table",
            "line",
            f"{count} figure{'s' if count != 1 else ''}",
        )
    for figure in figures:
        key = ("published", figure.where, *(str(part) for part in figure.key))
        what = f"{figure.label} ({figure.unit})"
        out.add(key, PUBLISHED, f"Printed in {figure.where}", what, "number", figure.value)
    for total in sums:
        key = ("published", total.where, total.label)
        where = f"Printed in {total.where}"
        out.add(
            (*key, "total"),
            PUBLISHED,
            where,
            f"{total.label}, total ({total.unit})",
            "number",
            total.total,
        )
        for part, value in total.parts.items():
            what = f"{total.label}, {part} ({total.unit})"
            out.add((*key, part), PUBLISHED, where, what, "number", value)

"""A business case as frozen dataclasses: layers, savings levels, scenarios and published figures.

Nothing here reads files; ``casefile`` builds these objects and ``validate`` says what is wrong
with them, naming each problem by its path in the file (e.g. ``scenarios[2].releases.customer``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from realise.finance.calendar import FinancialYear, years_from

Path = tuple[str | int, ...]

GREEN_BOOK_RATE = Decimal("0.035")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Layer:
    """An area of the operating model with its baseline cost and staffing."""

    id: str
    name: str
    baseline_cost: Decimal
    baseline_fte: Decimal


@dataclass(frozen=True)
class LayerSaving:
    """What one savings level takes from one layer: an annual amount and the FTE behind it.

    ``percent`` is the share of the layer's baseline cost, whether given or derived.
    """

    amount: Decimal
    fte: Decimal
    percent: Decimal


@dataclass(frozen=True)
class SavingsLevel:
    """A savings level (e.g. low, medium, high) across the layers."""

    id: str
    name: str
    savings: Mapping[str, LayerSaving]

    @property
    def total_amount(self) -> Decimal:
        return sum((s.amount for s in self.savings.values()), Decimal(0))

    @property
    def total_fte(self) -> Decimal:
        return sum((s.fte for s in self.savings.values()), Decimal(0))


@dataclass(frozen=True)
class Tranche:
    """A release point: on ``released_on`` a ``share`` (0 to 1) of a layer's saving is released.

    It starts earning the day after ``released_on``.
    """

    released_on: date
    share: Decimal


@dataclass(frozen=True)
class Scenario:
    """A choice of savings level, release points per layer and one-off costs per category/year."""

    id: str
    name: str
    level: str
    releases: Mapping[str, tuple[Tranche, ...]]
    costs: Mapping[str, Mapping[FinancialYear, Decimal]]
    description: str = ""


@dataclass(frozen=True)
class PublishedFigure:
    """A number as printed in the source document, for the arithmetic audit.

    ``key`` names what it is in the engine's terms, e.g. ``("scenario", "s4", "cumulative_net",
    2027)``; ``precision`` is the step it was printed to, in ``unit`` (``£``, ``£m``, ``%``,
    ``FTE``); ``where`` says where it is printed.
    """

    key: tuple[str | int, ...]
    label: str
    where: str
    unit: str
    precision: Decimal
    value: Decimal
    path: Path = ()
    line: int | None = None


@dataclass(frozen=True)
class PublishedSum:
    """A printed total with the printed parts it should equal the sum of."""

    label: str
    where: str
    unit: str
    precision: Decimal
    parts: Mapping[str, Decimal]
    total: Decimal
    path: Path = ()
    line: int | None = None
    total_precision: Decimal | None = None


@dataclass(frozen=True)
class OtherBenefit:
    """A potential benefit printed as a percentage of a baseline (e.g. 3% of £88.0m)."""

    id: str
    name: str
    baseline: Decimal
    percent: Decimal
    published: PublishedFigure | None = None


@dataclass(frozen=True)
class Presentation:
    """How tables show money: the unit (``£m``), the decimals printed, and the step each row is
    rounded to (the seed prints benefits rounded to £0.1m with two decimals, e.g. ``5.80``)."""

    unit: str = "£m"
    places: int = 2
    steps: Mapping[str, Decimal] = field(default_factory=dict)

    def step(self, row: str) -> Decimal:
        return self.steps.get(row, Decimal(1).scaleb(-self.places))


@dataclass(frozen=True)
class BusinessCase:
    organisation: str
    title: str
    first_year: FinancialYear
    year_count: int
    layers: tuple[Layer, ...]
    levels: tuple[SavingsLevel, ...]
    scenarios: tuple[Scenario, ...]
    discount_rate: Decimal = GREEN_BOOK_RATE
    other_benefits: tuple[OtherBenefit, ...] = ()
    published: tuple[PublishedFigure, ...] = ()
    published_sums: tuple[PublishedSum, ...] = field(default=())
    presentation: Presentation = field(default_factory=lambda: Presentation())

    @cached_property
    def years(self) -> tuple[FinancialYear, ...]:
        return years_from(self.first_year, self.year_count)

    def layer(self, layer_id: str) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)

    def level(self, level_id: str) -> SavingsLevel:
        return next(level for level in self.levels if level.id == level_id)

    def scenario(self, scenario_id: str) -> Scenario:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        known = ", ".join(s.id for s in self.scenarios)
        raise KeyError(f"no scenario '{scenario_id}' (the case has: {known})")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a case, at ``path`` in its file."""

    path: Path
    message: str

    @property
    def where(self) -> str:
        return format_path(self.path)


def format_path(path: Path) -> str:
    """``("scenarios", 2, "releases", "customer")`` → ``scenarios[2].releases.customer``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validate(case: BusinessCase) -> list[Problem]:
    """Every rule a business case must keep, as problems (an empty list when the case is sound)."""
    problems: list[Problem] = []
    if case.year_count < 1:
        problems.append(Problem(("years",), "the case must model at least one year"))
    if case.discount_rate < 0:
        problems.append(Problem(("discount_rate",), "the discount rate must not be negative"))
    problems += _validate_layers(case)
    problems += _validate_levels(case)
    for index, scenario in enumerate(case.scenarios):
        problems += _validate_scenario(case, index, scenario)
    return problems


def _validate_layers(case: BusinessCase) -> list[Problem]:
    problems = []
    for index, layer in enumerate(case.layers):
        if layer.baseline_cost < 0:
            problems.append(
                Problem(("layers", index, "baseline_cost"), "a baseline cost cannot be negative")
            )
        if layer.baseline_fte < 0:
            problems.append(
                Problem(("layers", index, "baseline_fte"), "a baseline FTE cannot be negative")
            )
    return problems


def _validate_levels(case: BusinessCase) -> list[Problem]:
    problems = []
    layers = {layer.id: layer for layer in case.layers}
    for index, level in enumerate(case.levels):
        for layer_id, saving in level.savings.items():
            path: Path = ("levels", index, "layers", layer_id)
            if layer_id not in layers:
                problems.append(Problem(path, f"unknown layer '{layer_id}'"))
                continue
            if saving.percent > HUNDRED:
                problems.append(
                    Problem(
                        path,
                        f"the saving is {saving.percent.normalize():f}% of the layer's baseline; "
                        "it cannot exceed 100%",
                    )
                )
            if saving.amount < 0 or saving.fte < 0:
                problems.append(Problem(path, "a saving and its FTE cannot be negative"))
            if saving.fte > layers[layer_id].baseline_fte:
                problems.append(
                    Problem(path, "the FTE released cannot exceed the layer's baseline FTE")
                )
    return problems


def _validate_scenario(case: BusinessCase, index: int, scenario: Scenario) -> list[Problem]:
    problems = []
    base: Path = ("scenarios", index)
    if scenario.level not in {level.id for level in case.levels}:
        known = ", ".join(level.id for level in case.levels)
        problems.append(
            Problem((*base, "level"), f"unknown savings level '{scenario.level}' (known: {known})")
        )
    layer_ids = frozenset(layer.id for layer in case.layers)
    for layer_id, tranches in scenario.releases.items():
        where: Path = (*base, "releases", layer_id)
        if layer_id not in layer_ids:
            problems.append(Problem(where, f"unknown layer '{layer_id}'"))
        else:
            problems += _validate_releases(case, where, layer_id, tranches)
    for category, by_year in scenario.costs.items():
        for year, amount in by_year.items():
            path: Path = (*base, "costs", category, year.label)
            if year not in case.years:
                span = f"{case.years[0].label} to {case.years[-1].label}"
                problems.append(
                    Problem(path, f"{year.label} is outside the modelled years ({span})")
                )
            if amount < 0:
                problems.append(Problem(path, "a cost cannot be negative"))
    return problems


def _validate_releases(
    case: BusinessCase, path: Path, layer_id: str, tranches: tuple[Tranche, ...]
) -> list[Problem]:
    problems = []
    first_day, last_day = case.first_year.first_day, case.years[-1].last_day
    for t_index, tranche in enumerate(tranches):
        if not first_day <= tranche.released_on <= last_day:
            problems.append(
                Problem(
                    (*path, t_index, "date"),
                    f"{tranche.released_on:%d %B %Y} is outside the modelled years "
                    f"({first_day:%d %B %Y} to {last_day:%d %B %Y})",
                )
            )
        if tranche.share <= 0:
            problems.append(Problem((*path, t_index, "share"), "a share must be above 0%"))
    total = sum((t.share for t in tranches), Decimal(0))
    if total > 1:
        problems.append(
            Problem(
                (*path, len(tranches) - 1, "share"),
                f"shares for layer '{layer_id}' add up to {(total * HUNDRED).normalize():f}%; "
                "they must not exceed 100%",
            )
        )
    return problems

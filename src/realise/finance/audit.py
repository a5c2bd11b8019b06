"""The arithmetic audit of a published business case.

Two kinds of check, each with the tolerance that rounding allows (never less, never more):

- **computed**: each printed figure against the engine's value. A figure printed to a step s may
  be off by s/2. A figure the printer may have derived from other rounded printed figures (a
  cumulative, a total, a net) may also carry their rounding: s/2 for each part. A percentage
  computed from printed amounts also allows for the rounding of those amounts.
- **sum**: printed totals against the sum of their printed parts (cost categories, year columns,
  layer rows, running totals, cumulative net = cumulative benefit - cumulative cost), again
  allowing half a printed step for each rounded part and for the total.

A figure is reported only when its difference exceeds that tolerance, so nothing is reported that
is only rounding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from realise.finance.calendar import FinancialYear
from realise.finance.model import HUNDRED, BusinessCase, PublishedFigure
from realise.finance.scenario import ScenarioResult, run_case

UNIT_SCALE = {"£": Decimal(1), "£k": Decimal(1000), "£m": Decimal(1_000_000)}
COMPUTED = "differs from the computed value"
SUM = "differs from the sum of its printed parts"


@dataclass(frozen=True)
class Finding:
    """A printed figure that does not add up."""

    kind: str
    figure: str
    where: str
    line: int | None
    unit: str
    printed: Decimal
    expected: Decimal
    tolerance: Decimal

    @property
    def difference(self) -> Decimal:
        return self.printed - self.expected

    @property
    def note(self) -> str:
        """A hint at the cause, when one is plain from the numbers."""
        if self.kind != COMPUTED or self.tolerance == 0:
            return ""
        step = self.tolerance * 2
        truncated = (self.expected / step).to_integral_value(rounding=ROUND_DOWN) * step
        if self.printed == truncated:
            return "the printed value is cut off (truncated) rather than rounded"
        return ""


@dataclass(frozen=True)
class AuditReport:
    findings: tuple[Finding, ...]
    figures_checked: int
    sums_checked: int

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def summary(self) -> str:
        computed = sum(1 for f in self.findings if f.kind == COMPUTED)
        sums = len(self.findings) - computed
        if self.clean:
            return (
                f"All {self.figures_checked} printed figures match the computed values and all "
                f"{self.sums_checked} printed totals add up, within printed precision."
            )
        return (
            f"{computed} of {self.figures_checked} printed figures differ from the computed "
            f"values and {sums} of {self.sums_checked} printed totals do not add up, by more "
            "than rounding allows."
        )


def audit_case(case: BusinessCase, results: Iterable[ScenarioResult] | None = None) -> AuditReport:
    """Recompute every published figure of ``case`` and check every printed total."""
    by_id = {r.scenario.id: r for r in (results if results is not None else run_case(case))}
    expected = _Expected(case, by_id)
    findings: list[Finding] = []
    checked = 0
    others = [o.published for o in case.other_benefits if o.published is not None]
    for figure in (*case.published, *others):
        value = expected.value(figure.key)
        if value is None:
            continue
        checked += 1
        shown = _in_unit(value, figure.unit)
        tolerance = _computed_tolerance(case, figure, expected.table_precisions(figure))
        if abs(figure.value - shown) > tolerance:
            findings.append(_finding(COMPUTED, figure, shown, tolerance, expected.names))
    sum_findings, sums_checked = _sum_checks(case, expected.names)
    return AuditReport(tuple(findings + sum_findings), checked, sums_checked)


def _in_unit(value: Decimal, unit: str) -> Decimal:
    return value / UNIT_SCALE.get(unit, Decimal(1))


def _finding(
    kind: str, figure: PublishedFigure, expected: Decimal, tol: Decimal, names: Mapping[str, str]
) -> Finding:
    label = describe(figure, names)
    return Finding(kind, label, figure.where, figure.line, figure.unit, figure.value, expected, tol)


METRIC_NAMES = {
    "full_year_effect": "full-year effect",
    "part_year_effect": "part-year effect",
    "cumulative_part_year_effect": "cumulative part-year effect",
    "cost": "one-off cost",
    "cumulative_cost": "cumulative cost",
    "cumulative_net": "cumulative net",
    "fte_released": "FTE released",
}


def describe(figure: PublishedFigure, names: Mapping[str, str] | None = None) -> str:
    """A reader's name for a figure: ``Scenario 4: cumulative net, 2027/28``."""
    names = names or {}
    key = figure.key
    if key[0] == "scenario":
        _, scenario, metric, year = key
        metric = str(metric)
        what = f"{metric[5:]} cost" if metric.startswith("cost:") else METRIC_NAMES[metric]
        when = "total" if year == "total" else FinancialYear(int(year)).label
        return f"{names.get(str(scenario), scenario)}: {what}, {when}"
    if key[0] == "other":
        return figure.label
    if key[0] == "level":
        _, level, layer, field = key
        return f"{str(level).capitalize()} level: {names.get(str(layer), layer)} {field}"
    _, layer, field = key
    return f"Baseline: {names.get(str(layer), layer)} {field}"


class _Expected:
    """The engine's value for each published key."""

    def __init__(self, case: BusinessCase, results: Mapping[str, ScenarioResult]) -> None:
        self.case = case
        self.results = results
        self.names = {s.id: s.name for s in case.scenarios} | {
            layer.id: layer.name for layer in case.layers
        }
        self._precisions: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
        for figure in case.published:
            if figure.key[0] == "scenario":
                table = (figure.where, str(figure.key[1]))
                self._precisions[table][str(figure.key[2])] = figure.precision

    def table_precisions(self, figure: PublishedFigure) -> Mapping[str, Decimal]:
        return self._precisions.get((figure.where, str(figure.key[1])), {})

    def value(self, key: tuple[str | int, ...]) -> Decimal | None:
        kind = key[0]
        if kind == "scenario":
            return self._scenario(str(key[1]), str(key[2]), key[3])
        if kind == "level":
            return self._level(str(key[1]), str(key[2]), str(key[3]))
        if kind == "baseline":
            return self._baseline(str(key[1]), str(key[2]))
        if kind == "other":
            other = next((o for o in self.case.other_benefits if o.id == key[1]), None)
            return None if other is None else other.baseline * other.percent / HUNDRED
        return None

    def _scenario(self, scenario: str, metric: str, year: str | int) -> Decimal | None:
        result = self.results.get(scenario)
        if result is None:
            return None
        if year == "total":
            values = [self._scenario_year(result, metric, y.year) for y in result.years]
            return sum((v for v in values if v is not None), Decimal(0))
        return self._scenario_year(result, metric, FinancialYear(int(year)))

    @staticmethod
    def _scenario_year(result: ScenarioResult, metric: str, year: FinancialYear) -> Decimal | None:
        if metric.startswith("cost:"):
            by_year = result.costs_by_category.get(metric[5:])
            return None if by_year is None else by_year.get(year, Decimal(0))
        row = next((y for y in result.years if y.year == year), None)
        value = getattr(row, metric, None)
        return value if isinstance(value, Decimal) else None

    def _level(self, level_id: str, layer_id: str, field: str) -> Decimal | None:
        level = next((lv for lv in self.case.levels if lv.id == level_id), None)
        if level is None:
            return None
        if layer_id == "total":
            amount, fte = level.total_amount, level.total_fte
            base = sum((layer.baseline_cost for layer in self.case.layers), Decimal(0))
            percent = amount / base * HUNDRED if base else Decimal(0)
        else:
            saving = level.savings.get(layer_id)
            if saving is None:
                return None
            amount, fte, percent = saving.amount, saving.fte, saving.percent
        return {"amount": amount, "fte": fte, "percent": percent}.get(field)

    def _baseline(self, layer_id: str, field: str) -> Decimal | None:
        layers = self.case.layers
        if layer_id != "total":
            layers = tuple(layer for layer in layers if layer.id == layer_id)
        if not layers:
            return None
        attribute = "baseline_cost" if field == "cost" else "baseline_fte"
        return sum((getattr(layer, attribute) for layer in layers), Decimal(0))


def _computed_tolerance(
    case: BusinessCase, figure: PublishedFigure, table: Mapping[str, Decimal]
) -> Decimal:
    half = figure.precision / 2
    key = figure.key
    if key[0] == "scenario":
        metric, year = str(key[2]), key[3]
        if year == "total":
            return half * (case.year_count + 1)
        parts = FinancialYear(int(year)).start - case.first_year.start + 1
        if metric in ("cumulative_part_year_effect", "cumulative_cost"):
            return half + parts * half
        if metric == "cumulative_net":
            pye = table.get("part_year_effect", figure.precision) / 2
            cost = table.get("cost", figure.precision) / 2
            return half + parts * (pye + cost)
        return half
    if key[0] in ("level", "baseline") and key[-2] == "total" and key[-1] != "percent":
        return half * (len(case.layers) + 1)
    if key[0] == "level" and key[-1] == "percent":
        return half + _percent_slack(case, str(key[1]), str(key[2]))
    return half


def _percent_slack(case: BusinessCase, level_id: str, layer_id: str) -> Decimal:
    """How far a percentage can move when the pounds it is computed from were printed to £1.

    Printed amounts are taken to be within £1 of the true ones (rounded or truncated).
    """
    level = case.level(level_id)
    layers = case.layers if layer_id == "total" else (case.layer(layer_id),)
    base = sum((layer.baseline_cost for layer in layers), Decimal(0))
    if not base:
        return Decimal(0)
    amount = sum((level.savings[layer.id].amount for layer in layers), Decimal(0))
    amount_slack = Decimal(1) * len(layers)
    return HUNDRED * (amount_slack / base + amount * amount_slack / (base * base))


def _sum_checks(case: BusinessCase, names: Mapping[str, str]) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    for printed_sum in case.published_sums:
        checked += 1
        parts = sum(printed_sum.parts.values(), Decimal(0))
        total_step = printed_sum.total_precision or printed_sum.precision
        tolerance = printed_sum.precision / 2 * len(printed_sum.parts) + total_step / 2
        if abs(printed_sum.total - parts) > tolerance:
            findings.append(
                Finding(
                    SUM,
                    printed_sum.label,
                    printed_sum.where,
                    printed_sum.line,
                    printed_sum.unit,
                    printed_sum.total,
                    parts,
                    tolerance,
                )
            )
    for check in _table_sums(case, names):
        checked += 1
        if check is not None:
            findings.append(check)
    return findings, checked


def _table_sums(case: BusinessCase, names: Mapping[str, str]) -> Iterable[Finding | None]:
    """Totals printed inside the published tables: categories, years, running sums, net."""
    tables: dict[tuple[str, str], dict[tuple[str, str | int], PublishedFigure]] = defaultdict(dict)
    for figure in case.published:
        if figure.key[0] == "scenario":
            tables[(figure.where, str(figure.key[1]))][(str(figure.key[2]), figure.key[3])] = figure
        elif figure.key[0] == "level":
            tables[(figure.where, "level")][(str(figure.key[2]), str(figure.key[3]))] = figure
    years: list[str | int] = [y.start for y in case.years]
    for table in tables.values():
        checks = [
            *_category_sums(table, years),
            *_year_totals(table, years),
            *_running_sums(table, years),
            *_layer_totals(table, case),
        ]
        for total, parts in checks:
            yield _check(total, parts, names)
        yield from _net_checks(table, years, names)


Check = tuple[PublishedFigure, list[PublishedFigure]]
Table = Mapping[tuple[str, str | int], PublishedFigure]


def _check(
    total: PublishedFigure, parts: list[PublishedFigure], names: Mapping[str, str]
) -> Finding | None:
    expected = sum((p.value for p in parts), Decimal(0))
    tolerance = sum((p.precision / 2 for p in parts), total.precision / 2)
    if abs(total.value - expected) > tolerance:
        return _finding(SUM, total, expected, tolerance, names)
    return None


def _category_sums(table: Table, years: list[str | int]) -> Iterable[Check]:
    categories = sorted({m for m, _ in table if m.startswith("cost:")})
    for year in [*years, "total"]:
        total = table.get(("cost", year))
        parts = [table[(c, year)] for c in categories if (c, year) in table]
        if total is not None and parts:
            yield total, parts


def _year_totals(table: Table, years: list[str | int]) -> Iterable[Check]:
    for metric in sorted({m for m, y in table if y == "total"}):
        parts = [table[(metric, y)] for y in years if (metric, y) in table]
        if parts:
            yield table[(metric, "total")], parts


def _running_sums(table: Table, years: list[str | int]) -> Iterable[Check]:
    for in_year, running in (
        ("part_year_effect", "cumulative_part_year_effect"),
        ("cost", "cumulative_cost"),
    ):
        parts: list[PublishedFigure] = []
        for year in years:
            part = table.get((in_year, year))
            if part is None:
                break
            parts.append(part)
            total = table.get((running, year))
            if total is not None:
                yield total, list(parts)


def _net_checks(
    table: Table, years: list[str | int], names: Mapping[str, str]
) -> Iterable[Finding | None]:
    for year in years:
        net = table.get(("cumulative_net", year))
        benefit = table.get(("cumulative_part_year_effect", year))
        cost = table.get(("cumulative_cost", year))
        if net is None or benefit is None or cost is None:
            continue
        expected = benefit.value - cost.value
        tolerance = (net.precision + benefit.precision + cost.precision) / 2
        if abs(net.value - expected) > tolerance:
            yield _finding(SUM, net, expected, tolerance, names)
        else:
            yield None


def _layer_totals(table: Table, case: BusinessCase) -> Iterable[Check]:
    for field in ("amount", "fte"):
        total = table.get(("total", field))
        parts = [table[(layer.id, field)] for layer in case.layers if (layer.id, field) in table]
        if total is not None and parts:
            yield total, parts

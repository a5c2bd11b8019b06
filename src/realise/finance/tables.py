"""The rows of a scenario's financial case, in the order a business case prints them.

One place for labels and order, so the CLI, the web page, the workbook and the reports agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from realise.finance.money import round_to
from realise.finance.scenario import ScenarioResult, YearResult


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str  # "money" or "fte"
    value: Callable[[YearResult], Decimal]


ROWS: tuple[Row, ...] = (
    Row("full_year_effect", "Full-year effect", "money", lambda y: y.full_year_effect),
    Row(
        "part_year_effect",
        "Part-year effect (in-year benefit)",
        "money",
        lambda y: y.part_year_effect,
    ),
    Row(
        "cumulative_part_year_effect",
        "Cumulative part-year effect",
        "money",
        lambda y: y.cumulative_part_year_effect,
    ),
    Row("cost", "One-off cost in year", "money", lambda y: y.cost),
    Row("cumulative_cost", "Cumulative cost", "money", lambda y: y.cumulative_cost),
    Row(
        "cumulative_net", "Cumulative net (benefit less cost)", "money", lambda y: y.cumulative_net
    ),
    Row("fte_released", "FTE released", "fte", lambda y: y.fte_released),
)


def scenario_rows(result: ScenarioResult) -> list[tuple[Row, list[Decimal]]]:
    """Each row with its value for every year of the scenario."""
    return [(row, [row.value(year) for year in result.years]) for row in ROWS]


def fte_text(value: Decimal) -> str:
    """FTE to one decimal place, half up, as business cases print it (and as a spreadsheet shows
    the exact figure to one place): 162.05 is ``162.1``."""
    return f"{round_to(value, Decimal('0.1')):,}"

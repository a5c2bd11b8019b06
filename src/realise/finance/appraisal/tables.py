"""The rows of an option's yearly table, in the order a business case prints them, with a total
for each line and each category. One place for labels and order: the command line, the web page,
the workbook and the reports all show these rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.finance.appraisal.engine import BENEFIT, COST, OFFSET, LineResult, OptionResult

CATEGORY_LABELS = {
    "capital": "Capital",
    "revenue": "Revenue",
    "unclassified": "Costs",
    "offset": "Budgets released",
    "cashable": "Cashable",
    "cost_avoidance": "Cost avoidance",
    "income": "Income",
    "non_cashable": "Non-cashable",
}
RECURRENCE_LABELS = {"one_off": "one-off", "recurring": "recurring"}


@dataclass(frozen=True)
class Row:
    """``level`` is "line" for one line of the case, "subtotal" and "total" for sums; ``kind``
    is "money", "factor" (a discount factor) or "fte". ``total`` is the sum over the years where
    that means something (not for a cumulative figure or a factor)."""

    key: str
    label: str
    values: tuple[Decimal, ...]
    total: Decimal | None
    level: str = "line"
    kind: str = "money"


def line_label(line: LineResult) -> str:
    """``Implementation partner (capital, one-off)``, ``Caseworker time (cashable, Adults)``."""
    if line.group == OFFSET:
        return line.name
    parts = [CATEGORY_LABELS.get(line.category, line.category).lower()]
    if line.group == COST and line.category != "unclassified":
        parts.append(RECURRENCE_LABELS.get(line.recurrence, line.recurrence))
    if line.group == COST and line.category == "unclassified":
        parts = ["one-off"]
    if line.directorate:
        parts.append(line.directorate)
    return f"{line.name} ({', '.join(parts)})"


def option_rows(result: OptionResult) -> list[Row]:
    years = result.years
    rows: list[Row] = []

    def add(
        key: str,
        label: str,
        values: list[Decimal],
        *,
        total: bool = True,
        level: str = "line",
        kind: str = "money",
    ) -> None:
        summed = sum(values, Decimal("0.00")) if total else None
        rows.append(Row(key, label, tuple(values), summed, level=level, kind=kind))

    for line in result.group(COST):
        add(f"cost:{line.id}", line_label(line), list(line.written))
    if any(y.cost_bias for y in years):
        add("cost_bias", "Optimism bias on costs", [y.cost_bias for y in years])
    add("cost", "Total cost", [y.cost for y in years], level="subtotal")
    for line in result.group(OFFSET):
        add(f"offset:{line.id}", line_label(line), list(line.written))
    if result.group(OFFSET):
        add("offsets", "Total budgets released", [y.offsets for y in years], level="subtotal")
        add("net_cost", "Net cost", [y.net_cost for y in years], level="subtotal")
    for line in result.group(BENEFIT):
        add(f"benefit:{line.id}", line_label(line), list(line.written))
    if any(y.benefit_bias for y in years):
        add("benefit_bias", "Optimism bias on benefits", [y.benefit_bias for y in years])
    add("benefits", "Total benefits", [y.benefits for y in years], level="subtotal")
    add("net", "Net benefit (benefits less net cost)", [y.net for y in years], level="total")
    add("cumulative_net", "Cumulative net", [y.cumulative_net for y in years], total=False,
        level="total")  # fmt: skip
    if any(y.cash_benefits != y.benefits for y in years):
        add("cash_net", "Cash-releasing net (cashable and income only)",
            [y.cash_net for y in years], level="total")  # fmt: skip
    if any(y.fte_released for y in years):
        add("fte_released", "FTE released", [y.fte_released for y in years], kind="fte")
    add("discount_factor", "Discount factor", [y.discount_factor for y in years], total=False,
        kind="factor")  # fmt: skip
    add("present_value", "Present value of net benefit", [y.present_value for y in years])
    return rows


def category_totals(result: OptionResult) -> list[tuple[str, Decimal]]:
    """Each category's total over the years: costs by kind, budgets released, benefits by type."""
    out: list[tuple[str, Decimal]] = []
    for group in (COST, OFFSET, BENEFIT):
        for category, total in result.totals_by_category(group).items():
            out.append((CATEGORY_LABELS.get(category, category), total))
    return out

"""An approved option as the council's plan: the savings targets it makes by financial year,
directorate and kind, and its staff (FTE) and cost budgets by year. Pure: the business-case store
(``realise.cases``) says where each line lands and writes what this works out.

- A benefit line makes savings targets when its type is one the savings ledger budgets: cashable,
  cost avoidance or income (``TARGET_TYPES``). A non-cashable line makes none: it is listed in
  ``untargeted``, so the approval can say so.
- A line's amount in a year is the engine's (``LineResult.amounts``: after any optimism-bias
  haircut; a format 1 layer's part-year effect), to the penny, with no further rounding.
- A year in which a line earns £0 makes no target for it.
- Each line lands in one place (``places``: line id → a key the caller chooses, e.g. a
  directorate's id); a line that makes a target but has no place is listed in ``unplaced``, for
  the caller to refuse, naming it.
- A target is the sum of its lines' amounts for one year, place and kind (``totals``).
- Budgets: the staff released (FTE) in each year, and each cost line's amount in each year (after
  any optimism-bias uplift), wherever they are not zero.

``rebaselined`` compares the targets of the version in force with those of the version approved
now: every target that is new, changed or unchanged, then each old one the new version no longer
has, going to £0 (a target is never deleted).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from realise.finance.appraisal.engine import BENEFIT, COST, LineResult, OptionResult
from realise.finance.appraisal.model import BenefitType
from realise.finance.calendar import FinancialYear

K = TypeVar("K", bound=Hashable)
ZERO = Decimal("0.00")

# The benefit types the savings ledger budgets; a non-cashable benefit makes no savings target.
TARGET_TYPES = frozenset({BenefitType.CASHABLE, BenefitType.COST_AVOIDANCE, BenefitType.INCOME})

STAFF, COSTS = "fte", "cost"


@dataclass(frozen=True)
class PlannedTarget(Generic[K]):
    """One line's saving in one year, in the place it lands."""

    line: str  # the line's id in the case (a format 1 layer's is ``layer:<id>``)
    name: str
    year: FinancialYear
    kind: str  # the benefit type: cashable, cost_avoidance or income
    place: K
    amount: Decimal


@dataclass(frozen=True)
class PlannedBudget:
    """Staff released (``STAFF``, in FTE) or a cost line's money (``COSTS``) in one year."""

    kind: str
    line: str  # the cost line's id; "" for staff
    name: str
    category: str  # capital, revenue or unclassified for a cost; "" for staff
    year: FinancialYear
    amount: Decimal


@dataclass(frozen=True)
class OptionPlan(Generic[K]):
    targets: tuple[PlannedTarget[K], ...]  # by line (in the option's order), then year
    budgets: tuple[PlannedBudget, ...]  # staff by year, then each cost line by year
    unplaced: tuple[LineResult, ...]  # lines that make targets but land nowhere
    untargeted: tuple[LineResult, ...]  # benefit lines that make no target (non-cashable)

    def totals(self) -> dict[tuple[FinancialYear, K, str], Decimal]:
        """Each target: the sum of its lines' amounts for a (year, place, kind), by year, then
        in the order the lines first reach it."""
        sums: dict[tuple[FinancialYear, K, str], Decimal] = {}
        for target in sorted(self.targets, key=lambda t: t.year):
            key = (target.year, target.place, target.kind)
            sums[key] = sums.get(key, ZERO) + target.amount
        return sums

    @property
    def years(self) -> tuple[FinancialYear, ...]:
        """The years in which the plan sets a target, in order."""
        return tuple(sorted({t.year for t in self.targets}))


def makes_targets(line: LineResult) -> bool:
    """Whether ``line`` makes savings targets: a benefit of a budgeted type, not £0 every year."""
    return (
        line.group == BENEFIT
        and BenefitType(line.category) in TARGET_TYPES
        and any(amount != 0 for amount in line.amounts)
    )


def target_lines(result: OptionResult) -> tuple[LineResult, ...]:
    """The option's lines that make savings targets, in its order."""
    return tuple(line for line in result.lines if makes_targets(line))


def option_plan(result: OptionResult, places: Mapping[str, K]) -> OptionPlan[K]:
    """The targets and budgets ``result`` (one option, run by the engine) makes, each line in its
    place from ``places`` (line id → place)."""
    years = tuple(row.year for row in result.years)
    targets: list[PlannedTarget[K]] = []
    unplaced: list[LineResult] = []
    for line in target_lines(result):
        if line.id not in places:
            unplaced.append(line)
            continue
        for year, amount in zip(years, line.amounts, strict=True):
            if amount != 0:
                targets.append(
                    PlannedTarget(line.id, line.name, year, line.category, places[line.id], amount)
                )
    untargeted = tuple(
        line
        for line in result.lines
        if line.group == BENEFIT and BenefitType(line.category) not in TARGET_TYPES
    )
    return OptionPlan(tuple(targets), _budgets(result), tuple(unplaced), untargeted)


def _budgets(result: OptionResult) -> tuple[PlannedBudget, ...]:
    staff = [
        PlannedBudget(STAFF, "", "Staff released (FTE)", "", row.year, row.fte_released)
        for row in result.years
        if row.fte_released != 0
    ]
    years = tuple(row.year for row in result.years)
    costs = [
        PlannedBudget(COSTS, line.id, line.name, line.category, year, amount)
        for line in result.lines
        if line.group == COST
        for year, amount in zip(years, line.amounts, strict=True)
        if amount != 0
    ]
    return (*staff, *costs)


NEW, CHANGED, SAME, REMOVED = "new", "changed", "same", "removed"


@dataclass(frozen=True)
class Rebaseline(Generic[K]):
    """One target from the version in force (``before``, None when there was none) to the
    version approved now (``after``; £0 when the new version no longer has it)."""

    key: K
    before: Decimal | None
    after: Decimal
    removed: bool = False

    @property
    def action(self) -> str:
        if self.removed:
            return REMOVED
        if self.before is None:
            return NEW
        return SAME if self.before == self.after else CHANGED


def rebaselined(
    before: Mapping[K, Decimal], after: Mapping[K, Decimal]
) -> tuple[Rebaseline[K], ...]:
    """Every target of ``after`` (new, changed or the same as in ``before``), in its order, then
    each target of ``before`` that ``after`` no longer has and that was not already £0, going
    to £0."""
    kept = tuple(Rebaseline(key, before.get(key), amount) for key, amount in after.items())
    gone = tuple(
        Rebaseline(key, amount, ZERO, removed=True)
        for key, amount in before.items()
        if key not in after and amount != 0
    )
    return kept + gone

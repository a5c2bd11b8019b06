"""A council's plan years: the financial years its savings plan runs over, first to last.

Every saving a council budgets, records or carries forward belongs to one of its plan years, and
its reports show exactly those years: Table 2's rows, the savings chart's bars, "Year 1" and the
annual report's "plan from ... to ...". A year outside them (1999/00 typed for 2019/20, 2150/51)
is refused with ``outside``'s message, so a stray year never adds a row to a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from realise.finance.calendar import FinancialYear, YearLabelError

# The most years a plan may be set to cover: a typo such as 2201/02 for the last year would
# otherwise give Table 2 180 rows. A council's medium-term plan is 3 to 10 years.
MOST_PLAN_YEARS = 30
# A new council's plan: the financial year it starts in and the four after it.
NEW_PLAN_YEARS = 5


class PlanYearsError(YearLabelError):
    """A financial year outside a council's plan years, or plan years that cannot be."""


def plan_problem(first: FinancialYear, last: FinancialYear) -> str | None:
    """What is wrong with a plan from ``first`` to ``last`` as someone sets it (None if
    nothing): the last year before the first, or more than ``MOST_PLAN_YEARS`` years."""
    if last < first:
        return (
            f"The last plan year, {last.label}, is before the first, {first.label}: "
            f"give a last year of {first.label} or later"
        )
    count = last.start - first.start + 1
    if count > MOST_PLAN_YEARS:
        return (
            f"{first.label} to {last.label} is {count} years: a plan covers at most "
            f"{MOST_PLAN_YEARS} financial years"
        )
    return None


@dataclass(frozen=True)
class PlanYears:
    """The financial years ``first`` to ``last``, both included."""

    first: FinancialYear
    last: FinancialYear

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PlanYearsError(plan_problem(self.first, self.last) or "")

    @classmethod
    def of(cls, first: int, last: int) -> PlanYears:
        """The plan from the years starting in ``first`` and ``last`` (2021 is 2021/22)."""
        return cls(FinancialYear(first), FinancialYear(last))

    @classmethod
    def starting(cls, day: date, count: int = NEW_PLAN_YEARS) -> PlanYears:
        """``count`` years from the financial year ``day`` falls in: a new council's plan."""
        first = FinancialYear.containing(day)
        return cls(first, first + (count - 1))

    @classmethod
    def covering(cls, years: Iterable[FinancialYear]) -> PlanYears | None:
        """The shortest plan that holds every one of ``years`` (None when there are none)."""
        held = sorted(set(years))
        return cls(held[0], held[-1]) if held else None

    @property
    def years(self) -> tuple[FinancialYear, ...]:
        """Every plan year, first to last."""
        return tuple(self.first + i for i in range(len(self)))

    @property
    def label(self) -> str:
        """``2021/22 to 2025/26``."""
        return f"{self.first.label} to {self.last.label}"

    def __len__(self) -> int:
        return self.last.start - self.first.start + 1

    def __contains__(self, year: object) -> bool:
        return isinstance(year, FinancialYear) and self.first <= year <= self.last

    def number(self, year: FinancialYear) -> int:
        """``year``'s place in the plan: 1 for the first year, as reports say "Year 1"."""
        check_plan_year(year, self)
        return year.start - self.first.start + 1

    def outside(self, year: FinancialYear, what: str = "Financial year") -> str | None:
        """Why ``year`` is refused (None when it is a plan year), naming it as ``what``."""
        if year in self:
            return None
        return f"{what} {year.label} is outside this council's plan years, {self.label}"

    def around(self, year: FinancialYear, *, before: int, after: int) -> tuple[FinancialYear, ...]:
        """The plan years from ``before`` years before ``year`` to ``after`` years after it, in
        order: the years a table about ``year`` shows of its neighbours (Table 1 shows the year
        before and three after), never one outside the plan."""
        return tuple(y for y in (year + n for n in range(-before, after + 1)) if y in self)

    def left_out(self, years: Iterable[FinancialYear]) -> tuple[FinancialYear, ...]:
        """Those of ``years`` that are not plan years, in order."""
        return tuple(sorted({y for y in years if y not in self}))


def check_plan_year(
    year: FinancialYear, plan: PlanYears, what: str = "Financial year"
) -> FinancialYear:
    """``year`` if it is one of ``plan``'s years; else ``PlanYearsError`` saying which years
    are allowed. The one rule every service applies to a year it is given."""
    message = plan.outside(year, what)
    if message is not None:
        raise PlanYearsError(message)
    return year

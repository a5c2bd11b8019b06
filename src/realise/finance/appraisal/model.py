"""An option appraisal (business-case format 2) as frozen dataclasses.

A case holds options side by side (do-nothing, A, B...), each with cost lines, offsets (existing
budgets released) and benefit lines. A line says how its money falls across the years in one of a
few ways (a *profile*), kept as written so that a case can be edited and saved again unchanged:

- ``Amounts``: an amount per financial year, as written;
- ``Phased``: a total split by a share per year (shares add up to 100%);
- ``Annual``: the same amount every year from one year to another (recurring costs, offsets);
- ``Ramp``: a full annual value, earned at a share per listed year; later years keep the last
  share (a benefit that builds up from a third to full);
- ``Staged``: a full annual value whose parts start in the listed years (10/40/40/10 means 10%,
  50%, 90% then 100% of the full value).

A full value is an amount or ``PercentOf`` a named baseline (e.g. 10% of the addressable spend,
of which 75% is kept). Nothing here reads files or computes; ``engine`` turns a case into yearly
figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from realise.finance.calendar import FinancialYear, years_from
from realise.finance.model import (
    Layer,
    OtherBenefit,
    Presentation,
    PublishedFigure,
    PublishedSum,
    SavingsLevel,
    Tranche,
)

HUNDRED_PERCENT = Decimal(1)


class CostKind(StrEnum):
    CAPITAL = "capital"
    REVENUE = "revenue"
    UNCLASSIFIED = "unclassified"


class Recurrence(StrEnum):
    ONE_OFF = "one_off"
    RECURRING = "recurring"


class BenefitType(StrEnum):
    CASHABLE = "cashable"
    COST_AVOIDANCE = "cost_avoidance"
    INCOME = "income"
    NON_CASHABLE = "non_cashable"

    @property
    def releases_cash(self) -> bool:
        """Whether the benefit lowers a budget or brings money in (cashable and income)."""
        return self in (BenefitType.CASHABLE, BenefitType.INCOME)


@dataclass(frozen=True)
class PercentOf:
    """A full value given as ``percent`` of a named baseline, of which ``retention`` is kept."""

    baseline: str
    percent: Decimal
    retention: Decimal = HUNDRED_PERCENT


FullValue = Decimal | PercentOf


@dataclass(frozen=True)
class Amounts:
    by_year: Mapping[FinancialYear, Decimal]


@dataclass(frozen=True)
class Phased:
    total: Decimal
    shares: Mapping[FinancialYear, Decimal]


@dataclass(frozen=True)
class Annual:
    amount: Decimal
    first: FinancialYear
    last: FinancialYear | None = None  # None: to the end of the horizon


@dataclass(frozen=True)
class Ramp:
    full_value: FullValue
    shares: Mapping[FinancialYear, Decimal]


@dataclass(frozen=True)
class Staged:
    full_value: FullValue
    shares: Mapping[FinancialYear, Decimal]


CostProfile = Amounts | Phased | Annual
BenefitProfile = Amounts | Annual | Ramp | Staged


@dataclass(frozen=True)
class CostLine:
    id: str
    name: str
    profile: CostProfile
    kind: CostKind = CostKind.UNCLASSIFIED
    recurrence: Recurrence = Recurrence.ONE_OFF


@dataclass(frozen=True)
class Offset:
    """An existing budget the option releases: it reduces the option's net cost."""

    id: str
    name: str
    profile: Amounts | Annual


@dataclass(frozen=True)
class BenefitLine:
    id: str
    name: str
    profile: BenefitProfile
    type: BenefitType = BenefitType.CASHABLE
    directorate: str = ""


@dataclass(frozen=True)
class OptimismBias:
    """Green Book supplementary guidance: costs are uplifted by ``costs`` and benefits reduced by
    ``benefits`` (both shares, 0 to 1+)."""

    costs: Decimal = Decimal(0)
    benefits: Decimal = Decimal(0)


@dataclass(frozen=True)
class Baseline:
    """A named amount a benefit can be a share of: an addressable spend, a budget."""

    id: str
    name: str
    amount: Decimal
    fte: Decimal | None = None
    directorate: str = ""


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    description: str = ""
    preferred: bool = False
    do_nothing: bool = False
    costs: tuple[CostLine, ...] = ()
    offsets: tuple[Offset, ...] = ()
    benefits: tuple[BenefitLine, ...] = ()
    optimism_bias: OptimismBias | None = None  # None: the case's
    # Format 1's release modelling, kept whole: the savings level whose layer savings are
    # released on dates (each layer becomes a cashable benefit line, earning part-year effects).
    level: str | None = None
    releases: Mapping[str, tuple[Tranche, ...]] = field(default_factory=dict)


class DiscountSchedule(StrEnum):
    GREEN_BOOK = "green_book"


@dataclass(frozen=True)
class Appraisal:
    """Options over ``year_count`` years from ``first_year``. ``discount_rate`` is a flat rate or
    the Green Book schedule (3.5% for years 0 to 30, 3.0% after)."""

    organisation: str
    title: str
    first_year: FinancialYear
    year_count: int
    options: tuple[Option, ...]
    baselines: tuple[Baseline, ...] = ()
    discount_rate: Decimal | DiscountSchedule = DiscountSchedule.GREEN_BOOK
    optimism_bias: OptimismBias = field(default_factory=OptimismBias)
    # Carried over from format 1 unchanged (the operating-model layers, their savings levels,
    # the figures a published paper prints, and how tables show money).
    layers: tuple[Layer, ...] = ()
    levels: tuple[SavingsLevel, ...] = ()
    layer_owners: Mapping[str, str] = field(default_factory=dict)  # layer id -> directorate
    other_benefits: tuple[OtherBenefit, ...] = ()
    published: tuple[PublishedFigure, ...] = ()
    published_sums: tuple[PublishedSum, ...] = ()
    presentation: Presentation = field(default_factory=Presentation)

    @cached_property
    def years(self) -> tuple[FinancialYear, ...]:
        return years_from(self.first_year, self.year_count)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        known = ", ".join(o.id for o in self.options)
        raise KeyError(f"no option '{option_id}' (the case has: {known})")

    def baseline(self, baseline_id: str) -> Baseline:
        for baseline in self.baselines:
            if baseline.id == baseline_id:
                return baseline
        known = ", ".join(b.id for b in self.baselines) or "none"
        raise KeyError(f"no baseline '{baseline_id}' (the case has: {known})")

    @property
    def preferred(self) -> Option | None:
        return next((o for o in self.options if o.preferred), None)

    @property
    def do_nothing(self) -> Option | None:
        return next((o for o in self.options if o.do_nothing), None)

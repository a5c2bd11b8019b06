"""Savings arithmetic a council could check by hand: what was due in a year, what fell short, what
is still free to carry forward, the percentage achieved and its Red/Amber/Green rating.

Plain values in, plain values out: the savings tables, the monitoring report and the
carry-forward rule load sums from the database and ask these functions, so the tables and the
rule cannot disagree (ADR 0002 for rounding: percentages are exact here, rounded once where shown).

A carry-forward moves under-delivery from the year it fell short (``from_year``) to a later one
(``to_year``). In every year after the first, up to and including the last, it is *carried in*:
due in that year as well as the year's own budget (Dorset's Table 3 shows £70k deferred from year
1 as under-achieved in year 2, on its way to year 3). In every year before the last, from the
first, it is *carried on*: that much of the year's shortfall has already been moved forward and
cannot be carried again.

Many councils also monitor in-year pressures and mitigations (column C, ADR 0029): a pressure is
negative and adds to the shortfall, a mitigation reduces it, so the shortfall carried or still to
be met is D = A - B - C: what was due, less what was achieved, less pressures and mitigations.
A council that records none has C = 0, and D is what was due less what was achieved, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from realise.finance.money import format_percent, round_to

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
# The most decimal places a percentage beside a rating is given to keep it on its rating's side
# of a threshold (79.99999...% beside Red needs as many as it has nines). Enough for any ratio of
# two amounts of under a trillion pounds in pennies against thresholds in hundredths of a per cent.
MOST_PLACES = 20


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, unrounded, or None when ``whole`` is nothing."""
    if not whole:
        return None
    return part * HUNDRED / whole


@dataclass(frozen=True)
class Carry:
    """One carry-forward: ``amount`` moved from ``from_year`` to ``to_year`` (start years)."""

    from_year: int
    to_year: int
    amount: Decimal


def carried_in(carries: Iterable[Carry], year: int) -> Decimal:
    """What earlier years' carry-forwards make due in ``year`` (arriving in it or passing
    through it)."""
    return sum((c.amount for c in carries if c.from_year < year <= c.to_year), ZERO)


def carried_on(carries: Iterable[Carry], year: int) -> Decimal:
    """What has already been moved forward out of ``year`` (carried from it, or passing through
    it to a later year)."""
    return sum((c.amount for c in carries if c.from_year <= year < c.to_year), ZERO)


def shortfall(due: Decimal, achieved: Decimal, adjustments: Decimal = ZERO) -> Decimal:
    """D = A - B - C, never below nothing: what was ``due`` (A), less what was ``achieved`` (B),
    less the in-year pressures (negative) and mitigations (positive), net (C)."""
    return max(due - achieved - adjustments, ZERO)


@dataclass(frozen=True)
class ScopeYear:
    """One project's, directorate's or council's savings in one year. ``adjustments`` is its
    in-year pressures (negative) and mitigations (positive), net: column C."""

    budgeted: Decimal
    achieved: Decimal
    carried_in: Decimal = ZERO
    carried_on: Decimal = ZERO
    adjustments: Decimal = ZERO

    @classmethod
    def of(
        cls,
        *,
        year: int,
        budgeted: Decimal,
        achieved: Decimal,
        carries: Iterable[Carry],
        adjustments: Decimal = ZERO,
    ) -> ScopeYear:
        chosen = tuple(carries)
        return cls(
            budgeted=budgeted,
            achieved=achieved,
            carried_in=carried_in(chosen, year),
            carried_on=carried_on(chosen, year),
            adjustments=adjustments,
        )

    @property
    def due(self) -> Decimal:
        """The year's own budget and what was carried into it."""
        return self.budgeted + self.carried_in

    @property
    def underachieved(self) -> Decimal:
        """How far what was achieved fell short of what was due, after pressures and
        mitigations (D = A - B - C, never below nothing)."""
        return shortfall(self.due, self.achieved, self.adjustments)

    @property
    def left_to_carry(self) -> Decimal:
        """The shortfall not yet carried forward: the most a new carry-forward may move."""
        return max(self.underachieved - self.carried_on, ZERO)

    @property
    def variance(self) -> Decimal:
        """Achieved less due: negative when the year fell short."""
        return self.achieved - self.due

    @property
    def percent_achieved(self) -> Decimal | None:
        """Achieved as a percentage of the year's own budget (Table 2's measure)."""
        return percent(self.achieved, self.budgeted)


@dataclass(frozen=True)
class RagThresholds:
    """A council's Red/Amber/Green thresholds, in per cent of budget: Green from ``green_from``,
    Amber from ``amber_from``, Red below; nothing to rate when there is no budget."""

    green_from: Decimal
    amber_from: Decimal

    def rate(self, share: Decimal | None) -> str:
        if share is None:
            return "Not rated"
        if share >= self.green_from:
            return "Green"
        return "Amber" if share >= self.amber_from else "Red"

    def places(self, share: Decimal | None, places: int = 0) -> int:
        """How many decimal places to print ``share`` to beside its rating: ``places``, or more
        when rounding to ``places`` would carry it across a threshold, so the printed figure,
        read against the legend, rates as the exact one does. 79.6% under "Amber: at least 80%"
        is Red: rounded to a whole per cent it would print 80%, so it is printed 79.6%."""
        if share is None:
            return places
        rating = self.rate(share)
        for shown in range(places, MOST_PLACES + 1):
            if self.rate(round_to(share, Decimal(1).scaleb(-shown))) == rating:
                return shown
        return MOST_PLACES

    def shown(self, share: Decimal, places: int = 0) -> str:
        """``share`` as printed beside its rating: half up, once (ADR 0002), to ``places``
        decimal places or to as many more as keep it on its rating's side (``places``)."""
        return format_percent(share, self.places(share, places))

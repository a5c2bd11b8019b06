"""A fund's arithmetic and the rules of deciding a bid, over plain values.

A fund has a pot. Approving a bid *commits* money from the pot: the amount awarded, which is the
amount asked for or, when the bid is part-funded, less. Money *drawn* is what has been paid out
of what was committed. What is *remaining* is the pot less what is committed: a bid may never be
awarded more than that, so a fund is never overspent. The return of a fund is the savings of the
projects it funded against what it awarded them.

The services load the figures (inside the fund's lock) and ask these functions, so the web, the
API and the import apply one rule, in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.finance.money import ZERO, format_money


@dataclass(frozen=True)
class FundPosition:
    """A fund's pot against what its approved bids have taken and been paid."""

    pot: Decimal
    committed: Decimal
    drawn: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        """What is left to commit."""
        return self.pot - self.committed

    @property
    def undrawn(self) -> Decimal:
        """Committed but not yet paid out."""
        return self.committed - self.drawn


def award_problems(
    *, asked: Decimal, awarded: Decimal, remaining: Decimal, fund: str, reason: str
) -> dict[str, str]:
    """What is wrong with approving ``awarded`` of a bid that asked for ``asked``, from a fund
    (named ``fund``) with ``remaining`` left; empty when nothing is. A bid awarded less than it
    asked for is part-funded, and needs a reason."""
    if awarded <= 0:
        return {"amount": "An approved bid must be awarded more than £0"}
    if awarded > asked:
        return {
            "amount": f"{format_money(awarded)} is more than the {format_money(asked)} the bid "
            "asked for: award that or less"
        }
    problems = {}
    if awarded > remaining:
        problems["amount"] = (
            f"{format_money(awarded)} is more than the {format_money(remaining)} left in {fund}"
        )
    if awarded < asked and not reason.strip():
        problems["reason"] = "Say why the bid is awarded less than it asked for"
    return problems


def rejection_problems(*, reason: str) -> dict[str, str]:
    """A rejected bid needs its reason."""
    return {} if reason.strip() else {"reason": "Say why the bid is rejected"}


def drawn_problems(*, drawn: Decimal, awarded: Decimal) -> dict[str, str]:
    """What may be recorded as paid out of an approved bid: from £0 to what it was awarded."""
    if drawn < 0:
        return {"drawn": "The amount paid out cannot be less than £0"}
    if drawn > awarded:
        return {
            "drawn": f"{format_money(drawn)} is more than the {format_money(awarded)} the bid "
            "was awarded"
        }
    return {}


@dataclass(frozen=True)
class FundReturn:
    """What a fund awarded to projects against the savings those projects have delivered and
    still plan."""

    awarded: Decimal
    delivered: Decimal
    planned: Decimal

    @property
    def net(self) -> Decimal:
        """Savings delivered less what was awarded: positive once the fund has paid for itself."""
        return self.delivered - self.awarded

    @property
    def per_pound(self) -> Decimal | None:
        """Savings delivered for each £1 awarded, unrounded; None when nothing was awarded."""
        if not self.awarded:
            return None
        return self.delivered / self.awarded

    @property
    def planned_per_pound(self) -> Decimal | None:
        """Savings planned (every year's budget) for each £1 awarded; None without an award."""
        if not self.awarded:
            return None
        return self.planned / self.awarded


def bid_decision_text(
    *,
    approve: bool,
    title: str,
    fund: str,
    asked: Decimal,
    awarded: Decimal | None,
    reason: str,
) -> str:
    """What the board's decision log says of a decision on a bid: the bid, the fund, the amount
    awarded (and asked, when part-funded) or asked for, then the reason given, if any."""
    named = fund if fund.lower().endswith("fund") else f"{fund} fund"
    bid = f"the bid “{title}” to the {named}"
    if not approve:
        said = f"Rejected {bid} for {format_money(asked)}."
    elif awarded is None or awarded >= asked:
        said = f"Approved {bid} in full: {format_money(asked)}."
    else:
        said = (
            f"Approved {bid} in part: {format_money(awarded)} of the {format_money(asked)} "
            "asked for."
        )
    why = reason.strip()
    return f"{said} {why}" if why else said

"""Carry-forwards: under-delivery moved to a later year, no more than the shortfall (ADR 0004)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from realise.benefits.models import (
    ADJUSTMENT_SIGNS,
    CarryForward,
    EntryStatus,
    SavingKind,
    SavingsEntry,
    SavingsTarget,
)
from realise.benefits.services.scope import YearInput, directorate_of, in_plan
from realise.core.aggregates import MoneySum
from realise.core.writes import validated_save
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.finance.savings import Carry, ScopeYear
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount


@transaction.atomic
def savings_carry_forward(
    *,
    organisation: Organisation,
    from_year: YearInput,
    to_year: YearInput,
    amount: object,
    reason: str,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
) -> CarryForward:
    """Move under-delivery from one financial year to a later one, saying why.

    The rule a finance business partner applies (issue #4): a carry-forward names the project or
    the directorate whose saving fell short, and carries no more than that shortfall: what was
    budgeted for it in the year it comes from, less what finance validated as achieved, less the
    year's in-year pressures (which add to it) and mitigations (which reduce it), less what has
    already been carried forward out of that year (D in ADR 0029). When the year's budget was
    set above the project or directorate (a directorate's, or the whole council's), the shortfall
    is measured where the budget was set. Both years must be plan years. The web form, the API
    and the import all come through here."""
    errors: dict[str, list[str]] = {}
    starts = {}
    for field, year, what in (
        ("from_year", from_year, "Year carried from"),
        ("to_year", to_year, "Year carried to"),
    ):
        try:
            starts[field] = in_plan(organisation, year, field=field, what=what)
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    carry = CarryForward(
        organisation=organisation,
        from_year=starts["from_year"],
        to_year=starts["to_year"],
        amount=to_amount(amount),
        reason=reason,
        kind=kind,
        directorate=directorate_of(project, directorate),
        project=project,
    )
    if carry.project is None and carry.directorate is None:
        raise ValidationError({"project": NO_CARRY_SCOPE})
    carry.full_clean()
    # One carry-forward at a time per council, so two at once cannot both take the same shortfall.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    shortfall = carry_forward_shortfall(carry)
    if carry.amount > shortfall.left:
        raise ValidationError({"amount": shortfall.refusal(carry.amount)})
    carry.save()
    return carry


@transaction.atomic
def carry_forward_reverse(
    *, carry_forward: CarryForward, reason: str, by: AbstractBaseUser | None = None
) -> CarryForward:
    """Undo a carry-forward recorded in error, saying why: it is kept, marked reversed with the
    reason, who (``by``; None is Realise itself) and when, and from then on counts nowhere (Table
    3, Table 4, the outlook, the shortfall a new carry-forward may draw on). Its history keeps
    the carry-forward as it was and as reversed. Record the right one afterwards with
    ``savings_carry_forward``. A carry-forward is reversed once; a second time is refused."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the carry-forward is reversed"})
    carry = CarryForward.objects.select_for_update(of=("self",)).get(pk=carry_forward.pk)
    if carry.reversed_at is not None:
        raise ValidationError({"carry_forward": already_reversed(carry)})
    carry.reversed_at, carry.reversed_by, carry.reversal_reason = timezone.now(), by, reason
    return validated_save(carry, by=by)


def already_reversed(carry: CarryForward) -> str:
    """The refusal to reverse ``carry`` again, saying when it was reversed and why."""
    when = timezone.localtime(carry.reversed_at).strftime("%-d %B %Y") if carry.reversed_at else ""
    return (
        f"The carry-forward of {carry} was already reversed on {when} "
        f"({carry.reversal_reason}): nothing was changed"
    )


NO_CARRY_SCOPE = (
    "Choose the project or the directorate whose saving fell short: a carry-forward moves a "
    "particular shortfall, not the whole council's"
)


class Shortfall(NamedTuple):
    """How far a scope's savings fell short in a year, and how much of that is still free to
    carry forward: ``finance.savings.ScopeYear``'s rule, the one Table 3 shows."""

    scope: str  # "PL-08 Regulatory services", "Place", "Dorset Council"
    measured_at: str  # the scope whose budget it is measured against (``scope`` unless wider)
    year: FinancialYear
    figures: ScopeYear

    @property
    def left(self) -> Decimal:
        return self.figures.left_to_carry

    def refusal(self, amount: Decimal) -> str:
        money = format_money
        label = self.year.label
        f = self.figures
        if f.due == 0:
            return (
                f"Nothing can be carried forward from {label}: {self.measured_at} had no "
                f"budgeted or carried-in saving in {label}, so nothing fell short"
            )
        where = self.scope
        if self.measured_at != self.scope:
            where = f"{self.scope} had no budget of its own in {label}; {self.measured_at}"
        facts = f"budgeted {money(f.budgeted)}"
        if f.carried_in:
            facts += f", carried in {money(f.carried_in)}"
        facts += f", achieved {money(f.achieved)}"
        if f.adjustments:
            facts += f", pressures and mitigations {money(f.adjustments)}"
        if f.carried_on:
            facts += f", {money(f.carried_on)} already carried forward"
        if self.left == 0:
            return (
                f"Nothing is left to carry forward from {label}: {where} ({facts}) has no "
                f"shortfall left"
            )
        return (
            f"{money(amount)} is more than the shortfall: {where} fell short by "
            f"{money(self.left)} in {label} ({facts}). Carry forward {money(self.left)} or less"
        )


def carry_forward_shortfall(carry: CarryForward) -> Shortfall:
    """The shortfall ``carry`` may draw on (see ``savings_carry_forward``): measured at its
    project, else its directorate, else the whole council, whichever first has a budget, or a
    saving carried into it, in the year it comes from. What was carried into (or through) that
    year was due in it too, so it counts with the budget, as in Table 3's under-achieved; what
    was carried from or through it is already on its way and cannot be carried again."""
    org = carry.organisation
    year = carry.from_year
    scopes: list[tuple[str, dict[str, Any]]] = []
    if carry.project is not None:
        scopes.append((f"{carry.project.code} {carry.project.name}", {"project": carry.project}))
    if carry.directorate is not None:
        scopes.append((carry.directorate.name, {"directorate": carry.directorate}))
    scopes.append((org.name, {}))
    budgets = SavingsTarget.objects.filter(organisation=org, financial_year=year, kind=carry.kind)
    around = CarryForward.objects.filter(
        organisation=org,
        kind=carry.kind,
        from_year__lte=year,
        to_year__gte=year,
        reversed_at__isnull=True,  # a reversed carry-forward takes nothing
    ).exclude(pk=carry.pk)
    into = around.filter(from_year__lt=year)
    name, where = next(
        (name, where)
        for name, where in scopes
        if not where or budgets.filter(**where).exists() or into.filter(**where).exists()
    )
    entries = SavingsEntry.objects.filter(
        organisation=org, financial_year=year, kind=carry.kind, **where
    )
    achieved = entries.filter(status=EntryStatus.ACHIEVED)
    adjusting = entries.filter(status__in=tuple(ADJUSTMENT_SIGNS)).values("status")
    adjustments = sum(
        (
            ADJUSTMENT_SIGNS[row["status"]] * row["total"]
            for row in adjusting.annotate(total=MoneySum("amount"))
        ),
        Decimal(0),
    )
    carries = [
        Carry(c.from_year, c.to_year, c.amount)
        for c in around.filter(**where).only("from_year", "to_year", "amount")
    ]
    return Shortfall(
        scope=scopes[0][0],
        measured_at=name,
        year=FinancialYear(year),
        figures=ScopeYear.of(
            year=year,
            budgeted=_money_total(budgets.filter(**where)),
            achieved=_money_total(achieved),
            carries=carries,
            adjustments=adjustments,
        ),
    )


def _money_total(rows: Any) -> Decimal:
    return rows.aggregate(total=MoneySum("amount"))["total"] or Decimal(0)

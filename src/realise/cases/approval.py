"""The writes an approval makes besides the version's status (ADR 0039): its savings targets, set
or re-baselined through the benefits services, each line's part recorded as a ``CaseTarget``, and
its staff and cost budgets as ``CaseBudget`` rows. Called only by ``services.case_approve``, in
its transaction, with a plan that has no problems (``plans.approval_plan``).

- A new target is set with ``benefits.savings_target_set``.
- A target of the version in force (or an earlier one) that the new version changes is changed
  with ``benefits.savings_target_update``, its variance reason naming the case, both versions and
  both amounts; its history keeps what it was. One the new version no longer has is set to £0 the
  same way: a target is never deleted.
- Writing again for a version that already has its rows writes nothing (idempotent)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from realise.benefits import services as benefits
from realise.benefits.models import SavingsTarget
from realise.cases.models import CaseBudget, CaseTarget
from realise.cases.plans import ApprovalPlan, TargetChange
from realise.core.concurrency import LATEST
from realise.core.writes import validated_save
from realise.finance.appraisal.plan import CHANGED, NEW, REMOVED, STAFF
from realise.finance.money import format_money

# A budget's amount is kept to six places: pence for a cost, a millionth of a post for staff.
PLACES = Decimal("0.000001")


def _money(amount: Decimal) -> str:
    return format_money(amount, places=2)


def rebaseline_reason(plan: ApprovalPlan, change: TargetChange, *, board: str, on: date) -> str:
    """Why a target changed, in words: which case, which versions, the amounts."""
    approved = (
        f"the approval of “{plan.case}” version {plan.version.number} ({plan.option_name}) by "
        f"{board} on {on:%d %B %Y}"
    )
    replaces = f", replacing version {plan.in_force.number}" if plan.in_force else ""
    before = _money(change.before or Decimal(0))
    if change.action == REMOVED:
        return f"Set to £0.00 by {approved}{replaces}, which has no such saving: {before} → £0.00"
    return f"Re-baselined by {approved}{replaces}: {before} → {_money(change.after)}"


def _target(plan: ApprovalPlan, change: TargetChange, reason: str, by: Any) -> SavingsTarget:
    if change.action == NEW or change.target is None:
        return benefits.savings_target_set(
            organisation=plan.case.organisation,
            year=change.year.label,
            amount=change.after,
            kind=change.kind,
            directorate=change.directorate,
            project=change.project,
            by=by,
        )
    if change.action in (CHANGED, REMOVED):
        return benefits.savings_target_update(
            target=change.target,
            seen_version=LATEST,
            changes={"amount": change.after, "variance_reason": reason},
            by=by,
        )
    return change.target


def approval_write(*, plan: ApprovalPlan, board: str, decided_on: date, by: Any = None) -> None:
    """Set the targets and budgets ``plan`` says, once for its version."""
    version = plan.version
    if CaseTarget.objects.filter(version=version).exists():
        return
    if CaseBudget.objects.filter(version=version).exists():
        return
    common = {
        "organisation_id": version.organisation_id,
        "case": plan.case,
        "version": version,
        "option": plan.option_id,
    }
    for change in plan.changes:
        reason = rebaseline_reason(plan, change, board=board, on=decided_on)
        target = _target(plan, change, reason, by)
        scope = {"directorate": change.directorate, "project": change.project, "target": target}
        for line in change.lines:
            validated_save(
                CaseTarget(
                    **common,
                    **scope,
                    line=line.line,
                    line_name=line.name,
                    financial_year=line.year.start,
                    kind=line.kind,
                    amount=line.amount,
                )
            )
        for gone in plan.dropped.get(change.key, ()) if change.action == REMOVED else ():
            validated_save(
                CaseTarget(
                    **common,
                    **scope,
                    line=gone.line,
                    line_name=gone.line_name,
                    financial_year=gone.financial_year,
                    kind=gone.kind,
                    amount=Decimal(0),
                )
            )
    for budget in plan.budgets:
        validated_save(
            CaseBudget(
                **common,
                kind=budget.kind,
                line=budget.line,
                line_name=budget.name,
                category=budget.category,
                financial_year=budget.year.start,
                amount=(
                    budget.amount.quantize(PLACES, ROUND_HALF_UP)
                    if budget.kind == STAFF
                    else budget.amount
                ),
            )
        )

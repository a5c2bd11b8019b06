"""Savings targets (budgeted savings) and the council's savings RAG thresholds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.benefits.models import SavingKind, SavingsRag, SavingsTarget
from realise.benefits.services.scope import YearInput, collect, directorate_of, in_plan
from realise.core.concurrency import Seen, guarded_update
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount, validated_save

# A target of £0 budgets nothing: it is allowed, and is how a budget set by mistake is taken back
# (a target is never deleted). Less than £0 is not a budget.
BELOW_ZERO = (
    "A savings target cannot be less than £0: £0 budgets nothing (to take back a budget set by "
    "mistake, set it to £0)"
)


def _budget(amount: object) -> Decimal:
    """``amount`` as a target's amount: £0 or more (``BELOW_ZERO``)."""
    money = to_amount(amount)
    if money.is_finite() and money < 0:
        raise ValidationError({"amount": BELOW_ZERO})
    return money


@transaction.atomic
def savings_target_set(
    *,
    organisation: Organisation,
    year: YearInput,
    amount: object,
    kind: str = SavingKind.CASHABLE,
    directorate: Directorate | None = None,
    project: Project | None = None,
    variance_reason: str = "",
    by: Any = None,
) -> SavingsTarget:
    """Budget a saving for a financial year ("2022/23"), for a project, a directorate or (with
    neither) the whole council. The year must be one of the council's plan years; the amount
    £0 or more (``BELOW_ZERO``). Every refusal comes at once, each on its field."""
    errors: dict[str, list[str]] = {}
    target = SavingsTarget(
        organisation=organisation,
        financial_year=collect(errors, in_plan, organisation, year),
        amount=collect(errors, _budget, amount),
        kind=kind,
        directorate=collect(errors, directorate_of, project, directorate),
        project=project,
        variance_reason=variance_reason,
    )
    if errors:
        collect(errors, target.full_clean, list(errors))  # the fields' and the model's rules
        raise ValidationError(errors)
    return validated_save(target, by=by)


# What ``savings_target_update`` may change: a target's year, kind and scope are what it is.
TARGET_EDITABLE = frozenset({"amount", "variance_reason"})


def savings_target_update(
    *, target: SavingsTarget, seen_version: Seen, changes: dict[str, Any], by: Any = None
) -> SavingsTarget:
    """Change a target's amount or variance reason if nobody changed it since the version the
    user saw; else ``StaleEdit``. £0 is a budget of nothing; less is refused (``BELOW_ZERO``)."""
    checked = {
        name: _budget(value) if name == "amount" else value for name, value in changes.items()
    }
    return guarded_update(
        obj=target, seen_version=seen_version, changes=checked, allowed=TARGET_EDITABLE, by=by
    )


@transaction.atomic
def savings_rag_set(
    *, organisation: Organisation, green_from: object, amber_from: object, by: Any = None
) -> SavingsRag:
    """Set the council's Red/Amber/Green thresholds (per cent of budget) for savings monitoring:
    Green from ``green_from``, Amber from ``amber_from`` (at or below Green), Red below."""
    rag = SavingsRag.objects.filter(organisation=organisation).first() or SavingsRag(
        organisation=organisation
    )
    rag.green_from = green_from  # type: ignore[assignment]
    rag.amber_from = amber_from  # type: ignore[assignment]
    return validated_save(rag, by=by)

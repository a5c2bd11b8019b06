"""Savings targets (budgeted savings) and the council's savings RAG thresholds."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from realise.benefits.models import SavingKind, SavingsRag, SavingsTarget
from realise.benefits.services.scope import YearInput, directorate_of, in_plan
from realise.core.concurrency import Seen, guarded_update
from realise.portfolio.models import Directorate, Organisation, Project
from realise.portfolio.services import to_amount, validated_save


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
    neither) the whole council. The year must be one of the council's plan years."""
    return validated_save(
        SavingsTarget(
            organisation=organisation,
            financial_year=in_plan(organisation, year),
            amount=to_amount(amount),
            kind=kind,
            directorate=directorate_of(project, directorate),
            project=project,
            variance_reason=variance_reason,
        ),
        by=by,
    )


# What ``savings_target_update`` may change: a target's year, kind and scope are what it is.
TARGET_EDITABLE = frozenset({"amount", "variance_reason"})


def savings_target_update(
    *, target: SavingsTarget, seen_version: Seen, changes: dict[str, Any], by: Any = None
) -> SavingsTarget:
    """Change a target's amount or variance reason if nobody changed it since the version the
    user saw; else ``StaleEdit``."""
    checked = {
        name: to_amount(value) if name == "amount" else value for name, value in changes.items()
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

"""Savings targets (budgeted savings), set and changed through the benefits services."""

from __future__ import annotations

from realise.benefits import services as benefits
from realise.benefits.models import SavingKind, SavingsTarget
from realise.imports.context import Context
from realise.imports.kinds.columns import (
    AMOUNT,
    DIRECTORATE,
    PROJECT,
    SAVING_KIND,
    YEAR,
    Kind,
    Values,
    describe_saving,
    plain,
    scope,
    scope_key,
    updated,
)


def _target_find(ctx: Context, values: Values) -> SavingsTarget | None:
    directorate, project = scope(values)
    return SavingsTarget.objects.filter(
        organisation=ctx.organisation,
        financial_year=values["financial_year"],
        kind=values.get("kind", SavingKind.CASHABLE),
        directorate=directorate,
        project=project,
    ).first()


def _target_create(ctx: Context, values: Values) -> SavingsTarget:
    return benefits.savings_target_set(
        organisation=ctx.organisation,
        year=values["financial_year"],
        amount=values["amount"],
        kind=values.get("kind", SavingKind.CASHABLE),
        directorate=values.get("directorate"),
        project=values.get("project"),
        variance_reason=values.get("variance_reason", ""),
        by=ctx.by,
    )


TARGETS = Kind(
    name="targets",
    label="Savings targets",
    noun="savings target",
    synonyms=("targets", "budgeted savings", "savings budget", "savings targets"),
    columns=(
        YEAR,
        AMOUNT,
        SAVING_KIND,
        DIRECTORATE,
        PROJECT,
        plain(
            "variance_reason",
            "Variance reason",
            synonyms=("variance", "reason", "comment", "comments"),
        ),
    ),
    key=scope_key,
    find=_target_find,
    create=_target_create,
    update=lambda ctx, obj, v: updated(
        benefits.savings_target_update, "target", ctx, obj, v, ("amount", "variance_reason")
    ),
    rows=lambda org: (
        SavingsTarget.objects.filter(organisation=org)
        .select_related("directorate", "project")
        .order_by("financial_year", "id")
    ),
    describe=describe_saving,
)

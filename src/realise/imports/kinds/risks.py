"""The risk register, through the risk services."""

from __future__ import annotations

from dataclasses import replace

from realise.imports import cells
from realise.imports.context import Context
from realise.imports.kinds.columns import (
    PROJECT,
    Column,
    Kind,
    Values,
    as_day,
    as_rating,
    as_yes_no,
    chosen,
    named,
    pk,
    plain,
    updated,
)
from realise.risks import services as risks
from realise.risks.models import Risk, RiskStatus

_RISK_FIELDS = (
    "cause",
    "effect",
    "owner",
    "likelihood",
    "impact",
    "target_likelihood",
    "target_impact",
    "mitigations",
    "review_on",
    "escalated",
    "status",
    "closed_reason",
    "reopened_reason",
)


def _risk_create(ctx: Context, values: Values) -> Risk:
    # A new risk has never been reopened: a reason for reopening it is for a risk already closed.
    fields = {k: values[k] for k in _RISK_FIELDS if k in values and k != "reopened_reason"}
    return risks.risk_create(
        organisation=ctx.organisation,
        title=values["title"],
        programme=values.get("programme"),
        project=values.get("project"),
        by=ctx.by,
        **fields,
    )


RISKS = Kind(
    name="risks",
    label="Risks",
    noun="risk",
    synonyms=("risk register", "risk log"),
    columns=(
        plain(
            "title",
            "Title",
            required=True,
            synonyms=("risk", "risk title", "description", "risk description"),
            example="Staff capacity",
        ),
        # A risk belongs to a programme or a project (the risk model's rule, as on the web form).
        named(
            "programme",
            "Programme",
            Context.programme,
            choices="programmes",
            hint="Needed when the risk has no project code",
        ),
        replace(PROJECT, hint="Leave empty for a programme's risk"),
        plain(
            "likelihood",
            "Likelihood",
            as_rating,
            required=True,
            synonyms=("probability", "l"),
            choices="ratings",
            example=3,
        ),
        plain(
            "impact",
            "Impact",
            as_rating,
            required=True,
            synonyms=("severity", "i"),
            choices="ratings",
            example=4,
        ),
        plain(
            "target_likelihood",
            "Target likelihood",
            as_rating,
            synonyms=("residual likelihood",),
            choices="ratings",
        ),
        plain(
            "target_impact",
            "Target impact",
            as_rating,
            synonyms=("residual impact",),
            choices="ratings",
        ),
        plain("cause", "Cause"),
        plain("effect", "Effect", synonyms=("consequence",)),
        plain("owner", "Owner", synonyms=("risk owner",)),
        plain("mitigations", "Mitigations", synonyms=("actions",)),
        chosen("status", "Status", RiskStatus, "risk status", choices="risk_statuses"),
        plain(
            "closed_reason",
            "Why it was closed",
            synonyms=("closed because", "reason closed", "closure reason"),
        ),
        plain(
            "reopened_reason",
            "Why it was reopened",
            synonyms=("reopened because", "reason reopened", "reopening reason"),
            hint="Needed when a closed risk's status is set back to open",
        ),
        plain("review_on", "Review on", as_day, synonyms=("review date",)),
        Column(
            "escalated",
            "Escalated",
            as_yes_no,
            lambda r: "Yes" if r.escalated else "No",
            synonyms=("corporate", "on corporate register"),
            choices="yes_no",
        ),
    ),
    key=lambda v: (cells.normal(v["title"]), pk(v.get("programme")), pk(v.get("project"))),
    find=lambda ctx, v: Risk.objects.filter(
        organisation=ctx.organisation,
        title=v["title"],
        programme=v.get("programme"),
        project=v.get("project"),
    ).first(),
    create=_risk_create,
    update=lambda ctx, obj, v: updated(risks.risk_update, "risk", ctx, obj, v, _RISK_FIELDS),
    rows=lambda org: Risk.objects.filter(organisation=org).select_related("programme", "project"),
    describe=lambda v: f"{v['title']} ({v['likelihood']} × {v['impact']})",
)

"""Writes to the risk register: bands per council, risks, re-scoring."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.core.concurrency import Seen, guarded_update
from realise.finance import risk as scoring
from realise.portfolio.models import Organisation, Programme, Project
from realise.portfolio.services import validated_save
from realise.risks.models import Risk, RiskBand, RiskStatus


def _rating(value: object, what: str) -> int:
    try:
        return scoring.check_rating(value, what=what)  # type: ignore[arg-type]
    except scoring.RiskError as exc:
        raise ValidationError({what.lower(): str(exc)}) from exc


@transaction.atomic
def risk_bands_set(
    *, organisation: Organisation, bands: dict[str, int], actions: dict[str, str] | None = None
) -> list[RiskBand]:
    """Replace a council's bands, e.g. ``{"low": 1, "medium": 5, "high": 15}``. A band keeping
    its name keeps its action and colour unless ``actions`` gives it a new action."""
    try:
        checked = scoring.RiskBands.from_thresholds(bands)
    except scoring.RiskError as exc:
        raise ValidationError({"bands": str(exc)}) from exc
    current = RiskBand.objects.filter(organisation=organisation)
    kept = {band.name: (band.action, band.colour) for band in current}
    current.delete()
    return [
        validated_save(
            RiskBand(
                organisation=organisation,
                name=band.name,
                min_score=band.min_score,
                action=(actions or {}).get(band.name, kept.get(band.name, ("", ""))[0]),
                colour=kept.get(band.name, ("", ""))[1],
            )
        )
        for band in checked.bands
    ]


@transaction.atomic
def risk_create(
    *,
    organisation: Organisation,
    title: str,
    likelihood: int,
    impact: int,
    target_likelihood: int | None = None,
    target_impact: int | None = None,
    programme: Programme | None = None,
    project: Project | None = None,
    cause: str = "",
    effect: str = "",
    owner: str = "",
    mitigations: str = "",
    review_on: date | None = None,
    escalated: bool = False,
    status: str = RiskStatus.OPEN,
    by: Any = None,
) -> Risk:
    """Add a risk. The target (residual) score defaults to the current one."""
    return validated_save(
        Risk(
            organisation=organisation,
            title=title,
            likelihood=_rating(likelihood, "Likelihood"),
            impact=_rating(impact, "Impact"),
            target_likelihood=_rating(
                likelihood if target_likelihood is None else target_likelihood,
                "Target_likelihood",
            ),
            target_impact=_rating(
                impact if target_impact is None else target_impact, "Target_impact"
            ),
            programme=programme,
            project=project,
            cause=cause,
            effect=effect,
            owner=owner,
            mitigations=mitigations,
            review_on=review_on,
            escalated=escalated,
            status=status,
        ),
        by=by,
    )


RISK_EDITABLE = frozenset(
    {
        "title",
        "cause",
        "effect",
        "owner",
        "likelihood",
        "impact",
        "target_likelihood",
        "target_impact",
        "mitigations",
        "status",
        "review_on",
        "escalated",
    }
)
RATED = {
    "likelihood": "Likelihood",
    "impact": "Impact",
    "target_likelihood": "Target_likelihood",
    "target_impact": "Target_impact",
}


def risk_update(*, risk: Risk, seen_version: Seen, changes: dict[str, Any], by: Any = None) -> Risk:
    """Edit a risk if nobody changed it since the version the user saw; else ``StaleEdit``."""
    checked = {
        name: _rating(value, RATED[name]) if name in RATED else value
        for name, value in changes.items()
    }
    return guarded_update(
        obj=risk, seen_version=seen_version, changes=checked, allowed=RISK_EDITABLE, by=by
    )


def risk_rescore(
    *, risk: Risk, likelihood: int, impact: int, seen_version: Seen, by: Any = None
) -> Risk:
    """Rescore a risk (its current likelihood and impact) if nobody changed it since the version
    the user saw; else ``StaleEdit``. Only the two ratings are written, under a row lock."""
    return risk_update(
        risk=risk,
        seen_version=seen_version,
        changes={"likelihood": likelihood, "impact": impact},
        by=by,
    )

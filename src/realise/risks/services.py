"""Writes to the risk register: bands per council (set at once, added, renamed, moved, retired,
restored), the heat map's layout, risks and their lifecycle: rescore (current and residual), edit
(owner, review date), mitigations, escalate to a board, close with a reason, reopen. Each writes
the row's history with who did it; each refuses what breaks a rule. The lifecycle's writes
(close, reopen, escalate, mitigations) live in ``lifecycle.py`` and are re-exported here."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.accounts.selectors import person_in
from realise.core.concurrency import Seen
from realise.core.writes import validated_save
from realise.finance import risk as scoring
from realise.portfolio.models import Organisation, Programme, Project
from realise.portfolio.naming import clashing_name, name_key
from realise.portfolio.reference import name_free, refuse_retired
from realise.risks.lifecycle import (
    locked_change,
    mitigation_add,
    mitigation_done,
    reopen_needs_reason,
    risk_close,
    risk_escalate,
    risk_reopen,
)
from realise.risks.models import Risk, RiskBand, RiskSettings, RiskStatus

__all__ = [
    "RISK_EDITABLE",
    "heat_map_rows_set",
    "mitigation_add",
    "mitigation_done",
    "risk_band_add",
    "risk_band_change",
    "risk_bands_set",
    "risk_close",
    "risk_create",
    "risk_escalate",
    "risk_reopen",
    "risk_rescore",
    "risk_update",
]

RATED = {
    "likelihood": "Likelihood",
    "impact": "Impact",
    "target_likelihood": "Residual likelihood",
    "target_impact": "Residual impact",
}


def _rating(value: object, field: str) -> int:
    try:
        return scoring.check_rating(value, what=RATED[field])  # type: ignore[arg-type]
    except scoring.RiskError as exc:
        raise ValidationError({field: str(exc)}) from exc


def _owner_in(organisation: Organisation, user: Any) -> None:
    """Refuse an owner in Realise who holds no role in the council (never naming them)."""
    if user is not None and person_in(organisation=organisation, user_id=user.pk) is None:
        raise ValidationError({"owner_user": "Choose someone who holds a role in this council"})


def _checked(bands: dict[str, int], field: str = "bands") -> scoring.RiskBands:
    """Bands in use as the finance engine checks them (every score from 1 in exactly one band),
    with names that differ only in letter case refused too; else a ``ValidationError``."""
    names = list(bands)
    for number, name in enumerate(names):
        clash = clashing_name(name, names[:number])
        if clash is not None:
            raise ValidationError(
                {field: f'Two risk bands have the same name, "{clash}" and "{name}"'}
            )
    try:
        return scoring.RiskBands.from_thresholds(bands)
    except scoring.RiskError as exc:
        raise ValidationError({field: str(exc)}) from exc


def _in_use(organisation: Organisation | int, *, leaving: RiskBand | None = None) -> dict[str, int]:
    rows = RiskBand.objects.filter(organisation=organisation, retired=False)
    if leaving is not None:
        rows = rows.exclude(pk=leaving.pk)
    return dict(rows.values_list("name", "min_score"))


@transaction.atomic
def risk_bands_set(
    *,
    organisation: Organisation,
    bands: dict[str, int],
    actions: dict[str, str] | None = None,
    by: Any = None,
) -> list[RiskBand]:
    """Make ``bands`` the council's bands in use, e.g. ``{"low": 1, "medium": 5, "high": 15}``.
    A band named as one the council has (in any letter case, retired or not) is that band: it
    keeps its id, history, action and colour (unless ``actions`` gives it a new action), takes the
    new start and is in use again. A band left out is retired, not deleted. Returns the bands in
    use, lowest first."""
    checked = _checked(bands)
    existing = {
        name_key(band.name): band for band in RiskBand.objects.filter(organisation=organisation)
    }
    wanted = {name_key(band.name): band for band in checked.bands}
    for key, band in existing.items():
        if key not in wanted and not band.retired:
            band.retired = True
            validated_save(band, by=by)
    # A band whose start changes waits as retired first (no history is written for that moment):
    # the start of a band in use is unique, and two bands may be swapping theirs.
    moving = [
        band.pk
        for key, band in existing.items()
        if key in wanted and not band.retired and band.min_score != wanted[key].min_score
    ]
    RiskBand.objects.filter(pk__in=moving).update(retired=True)
    saved = []
    for key, new in wanted.items():
        band = existing.get(key) or RiskBand(organisation=organisation)
        band.name, band.min_score, band.retired = new.name, new.min_score, False
        if actions and new.name in actions:
            band.action = actions[new.name]
        saved.append(validated_save(band, by=by))
    return saved


@transaction.atomic
def heat_map_rows_set(*, organisation: Organisation, rows: str, by: Any = None) -> RiskSettings:
    """Show the council's heat map, on its pages and in its reports, with ``rows`` ("impact" or
    "likelihood") down the side and the other rating across the top."""
    found = RiskSettings.objects.select_for_update().filter(organisation=organisation).first()
    settings = found or RiskSettings(organisation=organisation)
    settings.heat_map_rows = rows
    return validated_save(settings, by=by)


@transaction.atomic
def risk_band_add(
    *,
    organisation: Organisation,
    name: str,
    min_score: int,
    action: str = "",
    colour: str = "",
    by: Any = None,
) -> RiskBand:
    """Add a band in use that starts at ``min_score``; the bands in use with it must still give
    every score exactly one band."""
    name = name_free(RiskBand, organisation, name, what="risk band")
    _checked(_in_use(organisation) | {name: min_score}, "min_score")
    band = RiskBand(
        organisation=organisation, name=name, min_score=min_score, action=action, colour=colour
    )
    return validated_save(band, by=by)


@transaction.atomic
def risk_band_change(
    *,
    band: RiskBand,
    name: str | None = None,
    min_score: int | None = None,
    action: str | None = None,
    retired: bool | None = None,
    by: Any = None,
) -> RiskBand:
    """Rename a band, change the score it starts at (bands are in the order of their starts) or
    its action, retire it or restore it: whichever are given, in one transaction, keeping its id
    and history. The bands in use afterwards must still give every score from 1 to 25 exactly
    one band, so the band starting at 1 cannot be retired while it is the lowest, and a band
    cannot be restored or moved onto a start another band in use has."""
    locked = RiskBand.objects.select_for_update().select_related("organisation").get(pk=band.pk)
    was_retired = locked.retired
    if name is not None and name.strip() != locked.name:
        locked.name = name_free(RiskBand, locked.organisation, name, what="risk band", item=locked)
    if min_score is not None:
        locked.min_score = min_score
    if action is not None:
        locked.action = action.strip()
    if retired is not None:
        locked.retired = bool(retired)
    if locked.retired != was_retired:
        field, what = "retired", "retired" if retired else "restored"
    else:
        field, what = "min_score", f"start at {locked.min_score}"
    others = _in_use(locked.organisation_id, leaving=locked)
    if not locked.retired:
        others[locked.name] = locked.min_score
    try:
        _checked(others, field)
    except ValidationError as exc:
        detail = " ".join(exc.messages) if others else "at least one band must stay in use"
        raise ValidationError(
            {field: f"{locked.name} cannot be {what}: {detail[0].lower()}{detail[1:]}"}
        ) from None
    return validated_save(locked, by=by)


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
    owner_user: Any = None,
    mitigations: str = "",
    review_on: date | None = None,
    escalated: bool = False,
    status: str = RiskStatus.OPEN,
    closed_reason: str = "",
    by: Any = None,
) -> Risk:
    """Add a risk. The residual score defaults to the current one; the owner in Realise, when
    named, holds a role in the council; a risk added closed says why. A retired programme is
    refused."""
    refuse_retired("programme", programme)
    _owner_in(organisation, owner_user)
    return validated_save(
        Risk(
            organisation=organisation,
            title=title,
            likelihood=_rating(likelihood, "likelihood"),
            impact=_rating(impact, "impact"),
            target_likelihood=_rating(
                likelihood if target_likelihood is None else target_likelihood,
                "target_likelihood",
            ),
            target_impact=_rating(
                impact if target_impact is None else target_impact, "target_impact"
            ),
            programme=programme,
            project=project,
            cause=cause,
            effect=effect,
            owner=owner,
            owner_user=owner_user,
            mitigations=mitigations,
            review_on=review_on,
            escalated=escalated,
            status=status,
            closed_reason=closed_reason,
        ),
        by=by,
    )


RISK_EDITABLE = frozenset(
    {
        "title",
        "cause",
        "effect",
        "owner",
        "owner_user",
        "likelihood",
        "impact",
        "target_likelihood",
        "target_impact",
        "mitigations",
        "status",
        "closed_reason",
        "reopened_reason",
        "review_on",
        "escalated",
    }
)


def risk_update(*, risk: Risk, seen_version: Seen, changes: dict[str, Any], by: Any = None) -> Risk:
    """Edit a risk if nobody changed it since the version the user saw; else ``StaleEdit``.
    Reopening (status open) says why in ``reopened_reason`` and clears why it was closed; closing
    clears why it was reopened; no longer escalated clears the board."""
    unknown = sorted(set(changes) - RISK_EDITABLE)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here" for name in unknown})
    checked = {
        name: _rating(value, name) if name in RATED else value for name, value in changes.items()
    }
    if "owner_user" in checked:
        _owner_in(risk.organisation, checked["owner_user"])
    if checked.get("status") == RiskStatus.OPEN and "closed_reason" not in checked:
        checked["closed_reason"] = ""
    if checked.get("status") == RiskStatus.CLOSED and "reopened_reason" not in checked:
        checked["reopened_reason"] = ""
    if checked.get("escalated") is False:
        checked["escalated_to"] = None
    return locked_change(risk, seen_version, checked, by, reopen_needs_reason(checked))


def risk_rescore(
    *,
    risk: Risk,
    likelihood: int,
    impact: int,
    seen_version: Seen,
    target_likelihood: int | None = None,
    target_impact: int | None = None,
    by: Any = None,
) -> Risk:
    """Rescore a risk: its current likelihood and impact, and its residual ones when given, if
    nobody changed it since the version the user saw (else ``StaleEdit``). Only the ratings are
    written, under a row lock."""
    changes = {"likelihood": likelihood, "impact": impact}
    if target_likelihood is not None:
        changes["target_likelihood"] = target_likelihood
    if target_impact is not None:
        changes["target_impact"] = target_impact
    return risk_update(risk=risk, seen_version=seen_version, changes=changes, by=by)

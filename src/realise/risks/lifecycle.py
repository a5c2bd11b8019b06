"""Writes for a risk's lifecycle beyond editing it: close it with a reason, reopen it with a
reason, escalate it to a board, add a mitigation and mark one done. Each locks the row as stored,
refuses what breaks a rule by what is stored, and writes the history with who did it. Split from
``services.py`` (which re-exports these, so callers keep ``realise.risks.services``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from realise.core.concurrency import LATEST, Seen, lock_seen, save_locked
from realise.core.writes import validated_save
from realise.portfolio.models import Board
from realise.portfolio.reference import refuse_retired
from realise.risks.models import Risk, RiskMitigation, RiskStatus

REOPEN_REASON = "Say why the risk is being reopened"


@transaction.atomic
def locked_change(
    risk: Risk, seen_version: Seen, changes: dict[str, Any], by: Any, check: Any = None
) -> Risk:
    """Lock the risk as stored now (``StaleEdit`` if someone changed it since ``seen_version``),
    let ``check`` refuse the change by what is stored, then apply ``changes`` and save."""
    locked = lock_seen(obj=risk, seen_version=seen_version, attempted=changes)
    if check is not None:
        check(locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    return save_locked(locked, by=by)


def _open_before(doing: str) -> Any:
    def check(stored: Risk) -> None:
        if not stored.is_open:
            raise ValidationError(f"“{stored}” is closed: reopen it before {doing}")

    return check


def risk_close(*, risk: Risk, reason: str, seen_version: Seen, by: Any = None) -> Risk:
    """Close an open risk, saying why (kept with it, and in its history once reopened). Why it was
    last reopened leaves the risk, staying in its history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the risk is being closed"})
    changes = {"status": RiskStatus.CLOSED, "closed_reason": reason, "reopened_reason": ""}
    return locked_change(risk, seen_version, changes, by, _open_before("closing it again"))


def risk_reopen(*, risk: Risk, reason: str, seen_version: Seen, by: Any = None) -> Risk:
    """Reopen a closed risk, saying why (kept with it and told in its history, as the reason for
    closing it is); why it was closed stays in its history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REOPEN_REASON})

    def check(stored: Risk) -> None:
        if stored.is_open:
            raise ValidationError(f"“{stored}” is already open")

    changes = {"status": RiskStatus.OPEN, "closed_reason": "", "reopened_reason": reason}
    return locked_change(risk, seen_version, changes, by, check)


def reopen_needs_reason(changes: dict[str, Any]) -> Any:
    """The check for an edit setting ``changes``: one that reopens a closed risk says why in
    ``reopened_reason`` (a ``ValidationError`` naming that field otherwise)."""

    def check(stored: Risk) -> None:
        reopening = changes.get("status") == RiskStatus.OPEN and not stored.is_open
        if reopening and not str(changes.get("reopened_reason") or "").strip():
            raise ValidationError({"reopened_reason": REOPEN_REASON})

    return check


def risk_escalate(*, risk: Risk, board: Board, seen_version: Seen, by: Any = None) -> Risk:
    """Escalate an open risk to one of the council's boards in use, or move it to another."""
    if board.organisation_id != risk.organisation_id:
        raise ValidationError({"board": "Choose one of this council's boards"})
    refuse_retired("board", board)

    def check(stored: Risk) -> None:
        _open_before("escalating it")(stored)
        if stored.escalated_to_id == board.pk:
            raise ValidationError({"board": f"“{stored}” is already escalated to {board}"})

    changes = {"escalated": True, "escalated_to": board}
    return locked_change(risk, seen_version, changes, by, check)


# Mitigations ----------------------------------------------------------------------------------


def mitigation_add(
    *, risk: Risk, action: str, owner: str = "", due_on: date | None = None, by: Any = None
) -> RiskMitigation:
    """Add an action that mitigates an open risk: what will be done, by whom, by when."""
    if not (action or "").strip():
        raise ValidationError({"action": "Say what will be done to mitigate the risk"})
    if not risk.is_open:
        raise ValidationError(f"“{risk}” is closed: reopen it before adding a mitigation")
    return validated_save(
        RiskMitigation(
            organisation_id=risk.organisation_id,
            risk=risk,
            action=action,
            owner=owner,
            due_on=due_on,
        ),
        by=by,
    )


@transaction.atomic
def mitigation_done(
    *,
    mitigation: RiskMitigation,
    seen_version: Seen = LATEST,
    on: date | None = None,
    by: Any = None,
) -> RiskMitigation:
    """Mark a mitigation done on ``on`` (today when not given; never a day still to come)."""
    today = timezone.localdate()
    done_on = on or today
    if done_on > today:
        raise ValidationError({"done_on": "The day it was done cannot be in the future"})
    locked = lock_seen(obj=mitigation, seen_version=seen_version, attempted={"done_on": done_on})
    if locked.done_on is not None:
        raise ValidationError(f"“{locked}” was already marked done on {_day(locked.done_on)}")
    locked.done_on = done_on
    return save_locked(locked, by=by)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"

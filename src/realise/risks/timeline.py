"""A risk's history in words, as its page and the API show it: who did what and when ("Closed
the risk: the supplier signed", "Rescored the residual risk from 3 × 4 = 12 to 2 × 4 = 8"), read
from the history simple-history keeps of the risk and of its mitigations, never raw field names.
Four queries however long the history (the risk's records, its mitigations' records, the
people's names, nothing per record)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from realise.accounts.selectors import names_in
from realise.risks.models import Risk, RiskMitigation, RiskStatus
from realise.risks.selectors import owner_shown

NOBODY = "someone (no user recorded)"
TEXTS = (("cause", "Cause"), ("effect", "Effect"), ("mitigations", "Mitigation summary"))


@dataclass(frozen=True)
class HistoryEvent:
    """One saved change: when, by whom, and what it did in one or more sentences."""

    at: datetime
    by: str
    changes: tuple[str, ...]


def _day(value: date | None) -> str:
    return "none" if value is None else f"{value.day} {value:%B %Y}"


def _scored(likelihood: int, impact: int) -> str:
    return f"{likelihood} × {impact} = {likelihood * impact}"


def _quoted(text: str) -> str:
    return f"“{text}”"


class _Words:
    """Names for people, and the sentences for one record against the one before it."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def person(self, user: Any) -> str:
        if user is None:
            return ""
        return self.names.get(user.pk) or str(user)

    def actor(self, record: Any) -> str:
        if record.history_user_id is not None and record.history_user is not None:
            return self.person(record.history_user)
        return record.history_change_reason or NOBODY

    def owner(self, record: Any) -> str:
        return owner_shown(self.person(record.owner_user), record.owner) or "nobody"

    def risk_added(self, r: Any) -> list[str]:
        said = [
            f"Added the risk: current score {_scored(r.likelihood, r.impact)}, residual "
            f"{_scored(r.target_likelihood, r.target_impact)}"
        ]
        if r.owner or r.owner_user_id:
            said.append(f"Owner: {self.owner(r)}")
        if r.review_on is not None:
            said.append(f"Review date: {_day(r.review_on)}")
        if r.escalated:
            said.append(self._escalated(r))
        if r.status == RiskStatus.CLOSED:
            said.append(f"Added closed: {r.closed_reason}")
        return said

    def _escalated(self, r: Any) -> str:
        if r.escalated_to_id is None or r.escalated_to is None:
            return "Escalated the risk to the corporate risk register"
        return f"Escalated the risk to {r.escalated_to}"

    def risk_changed(self, r: Any, was: Any) -> list[str]:
        def changed(*names: str) -> bool:
            return any(getattr(r, n) != getattr(was, n) for n in names)

        said = self._status(r, was, changed) + self._scores(r, was, changed)
        if changed("escalated", "escalated_to_id"):
            said.append(self._escalated(r) if r.escalated else "Withdrew the escalation")
        if changed("owner", "owner_user_id"):
            said.append(f"Owner changed from {self.owner(was)} to {self.owner(r)}")
        if changed("review_on"):
            said.append(f"Review date changed from {_day(was.review_on)} to {_day(r.review_on)}")
        return said + self._texts(r, was, changed)

    @staticmethod
    def _status(r: Any, was: Any, changed: Callable[..., bool]) -> list[str]:
        if changed("status"):
            if r.status != RiskStatus.OPEN:
                return [f"Closed the risk: {r.closed_reason}"]
            why = r.reopened_reason  # empty when reopened before a reason was asked for
            return [f"Reopened the risk: {why}" if why else "Reopened the risk"]
        if changed("closed_reason") and r.closed_reason:
            return [f"Reason for closing changed to: {r.closed_reason}"]
        if changed("reopened_reason") and r.reopened_reason:
            return [f"Reason for reopening changed to: {r.reopened_reason}"]
        return []

    @staticmethod
    def _scores(r: Any, was: Any, changed: Callable[..., bool]) -> list[str]:
        said = []
        if changed("likelihood", "impact"):
            said.append(
                f"Rescored the current risk from {_scored(was.likelihood, was.impact)} "
                f"to {_scored(r.likelihood, r.impact)}"
            )
        if changed("target_likelihood", "target_impact"):
            said.append(
                f"Rescored the residual risk from "
                f"{_scored(was.target_likelihood, was.target_impact)} "
                f"to {_scored(r.target_likelihood, r.target_impact)}"
            )
        return said

    @staticmethod
    def _texts(r: Any, was: Any, changed: Callable[..., bool]) -> list[str]:
        said = []
        if changed("title"):
            said.append(f"Title changed from {_quoted(was.title)} to {_quoted(r.title)}")
        for name, label in TEXTS:
            if changed(name):
                now = getattr(r, name)
                said.append(f"{label} changed to: {now}" if now else f"{label} cleared")
        if changed("project_id", "programme_id"):
            scope = r.project or r.programme
            said.append(f"Moved to {scope}" if scope is not None else "Moved")
        return said

    def mitigation_added(self, m: Any) -> list[str]:
        text = f"Added the mitigation {_quoted(m.action)}"
        if m.owner:
            text += f", owned by {m.owner}"
        if m.due_on is not None:
            text += f", due {_day(m.due_on)}"
        return [text]

    def mitigation_changed(self, m: Any, was: Any) -> list[str]:
        said = []
        if m.done_on != was.done_on and m.done_on is not None:
            said.append(f"Marked the mitigation {_quoted(m.action)} done on {_day(m.done_on)}")
        if m.action != was.action:
            said.append(f"Mitigation {_quoted(was.action)} renamed {_quoted(m.action)}")
        if m.owner != was.owner:
            said.append(f"Mitigation {_quoted(m.action)} now owned by {m.owner or 'nobody'}")
        if m.due_on != was.due_on:
            said.append(f"Mitigation {_quoted(m.action)} now due {_day(m.due_on)}")
        return said


Describe = Callable[[Any], list[str]]
Compare = Callable[[Any, Any], list[str]]


def _events(
    records: list[Any], words: _Words, added: Describe, changed: Compare
) -> list[HistoryEvent]:
    """Each record in words against the one before it for the same row (records oldest first)."""
    before: dict[int, Any] = {}
    events = []
    for record in records:
        was = before.get(record.id)
        before[record.id] = record
        if record.history_type == "+":
            said = added(record)
        elif record.history_type == "~" and was is not None:
            said = changed(record, was)
        else:
            continue
        if said:
            events.append(HistoryEvent(record.history_date, words.actor(record), tuple(said)))
    return events


def risk_history(*, risk: Risk) -> tuple[HistoryEvent, ...]:
    """Every change to ``risk`` and its mitigations in words, newest first."""
    words = _Words(names_in(organisation=risk.organisation))
    order = ("history_date", "history_id")
    risk_records = list(
        Risk.history.filter(id=risk.pk)
        .select_related("history_user", "owner_user", "escalated_to", "project", "programme")
        .order_by(*order)
    )
    action_records = list(
        RiskMitigation.history.filter(risk_id=risk.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    events = _events(risk_records, words, words.risk_added, words.risk_changed)
    events += _events(action_records, words, words.mitigation_added, words.mitigation_changed)
    events.sort(key=lambda event: event.at, reverse=True)
    return tuple(events)

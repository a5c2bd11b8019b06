"""The council's decision log: every board decision on record (approvals, closures, stops, bid
decisions, anything else), oldest first, with the projects each is about. The API's list of
decisions reads the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from realise.portfolio.models import Decision, Organisation


@dataclass(frozen=True)
class LoggedProject:
    code: str
    name: str


@dataclass(frozen=True)
class LoggedDecision:
    pk: int
    decided_on: date
    board: str
    kind: str
    text: str
    projects: tuple[LoggedProject, ...]


def decision_log(*, organisation: Organisation) -> tuple[LoggedDecision, ...]:
    """Every decision of the council's boards, oldest first (two queries)."""
    decisions = (
        Decision.objects.filter(organisation=organisation)
        .select_related("board")
        .prefetch_related("projects")
        .order_by("decided_on", "id")
    )
    return tuple(
        LoggedDecision(
            pk=d.pk,
            decided_on=d.decided_on,
            board=d.board.name,
            kind=d.get_kind_display(),  # type: ignore[attr-defined]
            text=d.text,
            projects=tuple(
                LoggedProject(code=p.code, name=p.name)
                for p in sorted(d.projects.all(), key=lambda p: p.code)
            ),
        )
        for d in decisions
    )

"""Who validates a saving: the one place that decides whether an achieved saving is recorded as
validated (``achieved``) or kept as a claim awaiting finance (``claimed``). ADR 0005, ADR 0023.

Only someone holding the finance role validates (``Action.VALIDATE_SAVING`` in
``accounts/permissions.py``). An achieved saving recorded by anyone else is kept as a claim (the
web form, the API), or refused on its status where the caller asks (a spreadsheet import, which
says so in the council's own column rather than change what the file says). ``by=None`` is
Realise itself, which may validate: the demo loader, tests and benchmarks; every edge that acts
for a person passes the person.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError

from realise.accounts.access import Action, can
from realise.benefits.models import EntryStatus
from realise.portfolio.models import Organisation


class IfNotAllowed(StrEnum):
    """What becomes of an achieved saving from someone who may not validate it."""

    CLAIM = "claim"  # kept as claimed until finance validates it: the web form, the API
    REFUSE = "refuse"  # refused on its status, nothing written: a spreadsheet import


ONLY_FINANCE_VALIDATES = (
    "Only someone with the finance role can record an achieved (validated) saving: record it as "
    "claimed, and finance validates it in Realise"
)


class OnlyFinanceValidates(ValidationError):
    """An achieved saving refused (``IfNotAllowed.REFUSE``) because its recorder may not validate
    it: a ``ValidationError`` on ``status``, so an edge can say it in its own words, and on the
    fields of ``others``, the saving's other refusals (given at once, so none hides another)."""

    def __init__(self, others: dict[str, list[str]] | None = None) -> None:
        super().__init__({"status": [ONLY_FINANCE_VALIDATES], **(others or {})})
        self.others = dict(others or {})


def may_validate(*, organisation: Organisation, by: Any) -> bool:
    """Whether ``by`` may record a saving as validated in ``organisation`` (None: Realise)."""
    return by is None or can(by, organisation, Action.VALIDATE_SAVING)


def achieved_saving_status(*, organisation: Organisation, by: Any) -> str:
    """What an achieved saving recorded by ``by`` is kept as (``IfNotAllowed.CLAIM``), for an
    edge that tells the person before or after they record one."""
    allowed = may_validate(organisation=organisation, by=by)
    return EntryStatus.ACHIEVED if allowed else EntryStatus.CLAIMED


def recordable_statuses(*, organisation: Organisation, by: Any) -> tuple[str, ...]:
    """The statuses ``by`` may record a saving with, the one to offer first: finance records an
    achieved saving as validated; anyone else claims it, for finance to validate. Either may
    record a forecast, an in-year pressure or a mitigation (ADR 0029). A form offers these and
    no others, so nobody picks a status that would not be kept as they chose it."""
    return (
        achieved_saving_status(organisation=organisation, by=by),
        EntryStatus.FORECAST,
        EntryStatus.PRESSURE,
        EntryStatus.MITIGATION,
    )


def recorded_status(
    *, organisation: Organisation, status: str, by: Any, if_not_allowed: str
) -> str:
    """The status a saving asked for as ``status`` is recorded with; ``OnlyFinanceValidates``
    when it is achieved, ``by`` may not validate and the caller refuses rather than claims."""
    rule = IfNotAllowed(if_not_allowed)
    if status != EntryStatus.ACHIEVED or may_validate(organisation=organisation, by=by):
        return status
    if rule is IfNotAllowed.REFUSE:
        raise OnlyFinanceValidates
    return EntryStatus.CLAIMED

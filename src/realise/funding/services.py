"""Writes to funding: funds (set up, edited, closed and reopened), bids (checked against what is
left in the pot), their decisions (approved in full, part-funded or rejected), what has been paid
out of an award, and grants.

Every write that could take money from a pot locks the fund's row first (``_locked_fund``), then
reads the bid and what the fund has committed again inside that lock: two officers deciding at
the same moment are served one after the other, and the second sees what the first committed.
The rules of a decision are ``realise.finance.funds``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.core.concurrency import LATEST, Seen, guarded_update, lock_seen, save_locked
from realise.core.writes import validated_save
from realise.finance.funds import (
    award_problems,
    bid_decision_text,
    drawn_problems,
    rejection_problems,
)
from realise.funding.models import Bid, BidStatus, Fund, Grant
from realise.portfolio.models import Board, Decision, DecisionKind, Organisation, Project
from realise.portfolio.services import decision_record, to_amount


@transaction.atomic
def fund_create(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    pot: object,
    decided_by: str = "",
    by: Any = None,
) -> Fund:
    return validated_save(
        Fund(
            organisation=organisation,
            name=name,
            kind=kind,
            pot=to_amount(pot, field="pot"),
            decided_by=decided_by,
        ),
        by=by,
    )


FUND_EDITABLE = frozenset({"name", "kind", "pot", "decided_by"})


@transaction.atomic
def fund_update(*, fund: Fund, seen_version: Seen, changes: dict[str, Any], by: Any = None) -> Fund:
    """Edit a fund if nobody changed it since the version the user saw (else ``StaleEdit``). The
    row is locked meanwhile, so a pot is never cut below what a decision commits at that moment."""
    checked = {
        name: to_amount(value, field="pot") if name == "pot" else value
        for name, value in changes.items()
    }
    return guarded_update(
        obj=fund, seen_version=seen_version, changes=checked, allowed=FUND_EDITABLE, by=by
    )


@transaction.atomic
def fund_close(*, fund: Fund, closed_on: date, seen_version: Seen = LATEST, by: Any = None) -> Fund:
    """Close a fund: it takes no new bids and commits no more money (bids still waiting may be
    rejected or withdrawn); it stays on every page and report."""
    locked = lock_seen(obj=fund, seen_version=seen_version, attempted={"closed_on": closed_on})
    if locked.closed_on is not None:
        raise ValidationError(
            {"closed_on": f"{locked} has been closed since {_day(locked.closed_on)}"}
        )
    locked.closed_on = closed_on
    return save_locked(locked, by=by)


@transaction.atomic
def fund_reopen(*, fund: Fund, seen_version: Seen = LATEST, by: Any = None) -> Fund:
    """Open a closed fund again, so it takes bids and commits money once more."""
    locked = lock_seen(obj=fund, seen_version=seen_version, attempted={"closed_on": None})
    if locked.closed_on is None:
        raise ValidationError({"closed_on": f"{locked} is open"})
    locked.closed_on = None
    return save_locked(locked, by=by)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _locked_fund(fund_id: int) -> Fund:
    """The fund's row as stored now, locked until the transaction ends, so two writes that take
    from its pot run one after the other (PostgreSQL row lock; SQLite serialises writers)."""
    return Fund.objects.select_for_update().get(pk=fund_id)


def _refuse_if_closed(fund: Fund, what: str) -> None:
    if fund.is_closed:
        raise ValidationError({"fund": f"{fund} is closed: it {what}"})


@transaction.atomic
def bid_submit(
    *,
    fund: Fund,
    title: str,
    amount: object,
    purpose: str = "",
    project: Project | None = None,
    by: Any = None,
) -> Bid:
    """Bid for money from a fund; refused if it asks for more than the fund has left, or if the
    fund is closed."""
    fund = _locked_fund(fund.pk)
    _refuse_if_closed(fund, "takes no new bids")
    return validated_save(
        Bid(
            organisation_id=fund.organisation_id,
            fund=fund,
            title=title,
            amount=to_amount(amount),
            purpose=purpose,
            project=project,
        ),
        by=by,
    )


@transaction.atomic
def bid_decide(
    *,
    bid: Bid,
    approve: bool,
    decided_on: date,
    amount: object = None,
    reason: str = "",
    board: Board | None = None,
    decided_by: str = "",
    seen_version: Seen = LATEST,
    by: Any = None,
) -> Bid:
    """Approve a submitted bid in full (``amount`` None), approve a lower ``amount`` (part-fund,
    with a ``reason``) or reject it (with a ``reason``), recording the ``board`` and who decided.

    A board's decision goes on its decision log in the same transaction (an "Approve bid" or
    "Reject bid" decision naming the bid, the fund and the amount, linked to the bid's project),
    and the bid links to it. With no ``board``, a ``decided_by`` naming one of the council's boards
    in use is that board; with neither, the board the fund names as deciding its bids
    (``Fund.decided_by``), if it names one. A decision by an officer is not a board's and is not
    on the log. A bid is
    decided once; one submitted again and decided anew has a new decision, the old one kept.

    The fund's row is locked first; the bid and what the fund has committed are then read again
    inside the lock, so a bid decided meanwhile is refused and two approvals at the same moment
    can never together commit more than the pot."""
    fund = _locked_fund(bid.fund_id)
    current = Bid.objects.select_for_update().get(pk=bid.pk)
    if current.status != BidStatus.SUBMITTED:
        raise ValidationError({"status": _already_decided(current)})
    attempted = {"approve": approve, "amount": amount, "reason": reason}
    current = lock_seen(obj=current, seen_version=seen_version, attempted=attempted)
    if approve:
        _refuse_if_closed(fund, "commits no more money: the bid can be rejected or withdrawn")
        awarded = current.amount if amount in (None, "") else to_amount(amount)
        problems = award_problems(
            asked=current.amount,
            awarded=awarded,
            remaining=fund.pot - fund.committed(besides=current.pk),
            fund=fund.name,
            reason=reason,
        )
    else:
        awarded, problems = None, rejection_problems(reason=reason)
    if problems:
        raise ValidationError(problems)
    if board is None:
        board = _named_board(fund, decided_by or fund.decided_by)
    current.fund = fund
    current.status = BidStatus.APPROVED if approve else BidStatus.REJECTED
    current.awarded = awarded
    current.reason = reason
    current.board = board
    current.decided_on = decided_on
    current.decided_by = decided_by or (board.name if board is not None else fund.decided_by)
    current.decision = None if board is None else _board_decision(current, board, by)
    return save_locked(current, by=by)


def _named_board(fund: Fund, decider: str) -> Board | None:
    """The fund's council's board, still in use, named ``decider`` (any case), if any."""
    name = decider.strip()
    if not name:
        return None
    return Board.objects.filter(
        organisation_id=fund.organisation_id, name__iexact=name, retired=False
    ).first()


def _board_decision(bid: Bid, board: Board, by: Any) -> Decision:
    """Put ``board``'s decision on ``bid`` (status, award and reason set) on its decision log."""
    approved = bid.status == BidStatus.APPROVED
    return decision_record(
        organisation=bid.fund.organisation,
        board=board,
        decided_on=bid.decided_on,  # type: ignore[arg-type]
        kind=DecisionKind.APPROVE_BID if approved else DecisionKind.REJECT_BID,
        text=bid_decision_text(
            approve=approved,
            title=bid.title,
            fund=bid.fund.name,
            asked=bid.amount,
            awarded=bid.awarded,
            reason=bid.reason,
        ),
        projects=[bid.project] if bid.project_id else [],
        by=by,
    )


def _already_decided(bid: Bid) -> str:
    status = bid.get_status_display().lower()  # type: ignore[attr-defined]
    when = f" on {_day(bid.decided_on)}" if bid.decided_on else ""
    who = f" by {bid.decided_by}" if bid.decided_by else ""
    return f"{bid.title} has already been {status}{who}{when}: it can be decided only once"


@transaction.atomic
def bid_record_drawn(
    *, bid: Bid, drawn: object, seen_version: Seen = LATEST, by: Any = None
) -> Bid:
    """Record how much of an approved bid's award has been paid out so far (from £0 up to the
    award)."""
    current = lock_seen(obj=bid, seen_version=seen_version, attempted={"drawn": drawn})
    if current.status != BidStatus.APPROVED or current.awarded is None:
        raise ValidationError({"drawn": "Only an approved bid's award can be paid out"})
    paid = to_amount(drawn, field="drawn")
    problems = drawn_problems(drawn=paid, awarded=current.awarded)
    if problems:
        raise ValidationError(problems)
    current.drawn = paid
    return save_locked(current, by=by)


# What ``bid_update`` may change. Deciding a submitted bid is ``bid_decide``'s (it records when,
# by whom, the award and the reason); ``status`` here is any other move, such as withdrawn, or
# submitted again.
BID_EDITABLE = frozenset({"title", "amount", "purpose", "project", "status"})


@transaction.atomic
def bid_update(*, bid: Bid, seen_version: Seen, changes: dict[str, Any], by: Any = None) -> Bid:
    """Edit a bid if nobody changed it since the version the user saw (else ``StaleEdit``); an
    amount is checked against what is left in the fund, which is locked meanwhile. A bid is
    approved only by ``bid_decide``, and a closed fund takes no bid back to submitted."""
    fund = _locked_fund(bid.fund_id)
    status = changes.get("status")
    if status == BidStatus.APPROVED:
        raise ValidationError(
            {"status": "A bid is approved by deciding it: submit it again, then decide it"}
        )
    if status == BidStatus.SUBMITTED:
        _refuse_if_closed(fund, "takes no new bids")
    checked = {
        name: to_amount(value) if name == "amount" else value for name, value in changes.items()
    }
    return guarded_update(
        obj=bid, seen_version=seen_version, changes=checked, allowed=BID_EDITABLE, by=by
    )


@transaction.atomic
def grant_record(
    *,
    organisation: Organisation,
    funder: str,
    amount: object,
    scheme: str = "",
    awarded_on: date | None = None,
    project: Project | None = None,
    purpose: str = "",
    by: Any = None,
) -> Grant:
    return validated_save(
        Grant(
            organisation=organisation,
            funder=funder,
            scheme=scheme,
            amount=to_amount(amount),
            awarded_on=awarded_on,
            project=project,
            purpose=purpose,
        ),
        by=by,
    )


GRANT_EDITABLE = frozenset({"funder", "scheme", "amount", "awarded_on", "project", "purpose"})


def grant_update(
    *, grant: Grant, seen_version: Seen, changes: dict[str, Any], by: Any = None
) -> Grant:
    """Edit a grant if nobody changed it since the version the user saw; else ``StaleEdit``."""
    checked = {
        name: to_amount(value) if name == "amount" else value for name, value in changes.items()
    }
    return guarded_update(
        obj=grant, seen_version=seen_version, changes=checked, allowed=GRANT_EDITABLE, by=by
    )

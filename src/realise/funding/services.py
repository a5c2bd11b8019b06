"""Writes to funding: funds, bids (checked against what is left in the pot) and grants."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.core.concurrency import Seen, guarded_update
from realise.funding.models import Bid, BidStatus, Fund, Grant
from realise.portfolio.models import Organisation, Project
from realise.portfolio.services import to_amount, validated_save


@transaction.atomic
def fund_create(
    *, organisation: Organisation, name: str, kind: str, pot: object, decided_by: str = ""
) -> Fund:
    return validated_save(
        Fund(
            organisation=organisation,
            name=name,
            kind=kind,
            pot=to_amount(pot, field="pot"),
            decided_by=decided_by,
        )
    )


def _lock(fund: Fund) -> Fund:
    """Lock the fund row so two bids cannot both take the last of the pot (PostgreSQL)."""
    return Fund.objects.select_for_update().get(pk=fund.pk)


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
    """Bid for money from a fund; refused if it asks for more than the fund has left."""
    fund = _lock(fund)
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
    *, bid: Bid, approve: bool, decided_on: date, decided_by: str = "", by: Any = None
) -> Bid:
    """Approve or reject a submitted bid."""
    _lock(bid.fund)
    if bid.status != BidStatus.SUBMITTED:
        raise ValidationError({"status": f"The bid is already {bid.get_status_display()}"})
    bid.status = BidStatus.APPROVED if approve else BidStatus.REJECTED
    bid.decided_on = decided_on
    bid.decided_by = decided_by or bid.fund.decided_by
    return validated_save(bid, by=by)


# What ``bid_update`` may change. Deciding a submitted bid is ``bid_decide``'s (it records when and
# by whom); ``status`` here is any other move, such as withdrawn, or submitted again.
BID_EDITABLE = frozenset({"title", "amount", "purpose", "project", "status"})


@transaction.atomic
def bid_update(*, bid: Bid, seen_version: Seen, changes: dict[str, Any], by: Any = None) -> Bid:
    """Edit a bid if nobody changed it since the version the user saw (else ``StaleEdit``); an
    amount is checked against what is left in the fund, which is locked meanwhile."""
    _lock(bid.fund)
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

"""Bids for the council's funds and grants from outside it, through the funding services."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from realise.core.concurrency import LATEST
from realise.finance.money import format_money
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Grant
from realise.imports import cells
from realise.imports.context import Context
from realise.imports.kinds.columns import (
    AMOUNT,
    PROJECT,
    Kind,
    Values,
    as_day,
    as_money,
    chosen,
    differing,
    named,
    pk,
    plain,
    updated,
)


def _bid_create(ctx: Context, values: Values) -> Bid:
    bid = funding.bid_submit(
        fund=values["fund"],
        title=values["title"],
        amount=values["amount"],
        purpose=values.get("purpose", ""),
        project=values.get("project"),
        by=ctx.by,
    )
    _bid_status(ctx, bid, values)
    return bid


def _bid_status(ctx: Context, bid: Bid, values: Values) -> bool:
    """Move the bid to the row's status (Submitted when empty); whether it moved. Deciding a
    submitted bid records when, by whom, the award (the amount asked when the row gives none) and
    the reason (``bid_decide``); any other move is an edit."""
    status = values.get("status", BidStatus.SUBMITTED)
    if status == bid.status:
        return False
    if bid.status == BidStatus.SUBMITTED and status in (BidStatus.APPROVED, BidStatus.REJECTED):
        if not values.get("decided_on"):
            raise ValidationError({"decided_on": "Give the date the bid was decided"})
        funding.bid_decide(
            bid=bid,
            approve=status == BidStatus.APPROVED,
            decided_on=values["decided_on"],
            decided_by=values.get("decided_by", ""),
            amount=values.get("awarded"),
            reason=values.get("reason", ""),
            by=ctx.by,
        )
    else:
        funding.bid_update(bid=bid, seen_version=LATEST, changes={"status": status}, by=ctx.by)
    return True


def _bid_update(ctx: Context, bid: Bid, values: Values) -> bool:
    changes = differing(bid, values, ("amount", "purpose", "project"))
    if changes:
        bid = funding.bid_update(bid=bid, seen_version=LATEST, changes=changes, by=ctx.by)
    return _bid_status(ctx, bid, values) or bool(changes)


BIDS = Kind(
    name="bids",
    label="Bids",
    noun="bid",
    synonyms=("bids", "invest to save bids", "fund bids"),
    columns=(
        named(
            "fund",
            "Fund",
            Context.fund,
            required=True,
            synonyms=("pot", "fund name"),
            choices="funds",
        ),
        plain(
            "title",
            "Title",
            required=True,
            synonyms=("bid", "bid title", "name"),
            example="Self-service portal",
        ),
        AMOUNT,
        PROJECT,
        plain("purpose", "Purpose", synonyms=("description",)),
        chosen(
            "status",
            "Status",
            BidStatus,
            "bid status",
            synonyms=("decision", "outcome"),
            choices="bid_statuses",
            example="Submitted",
        ),
        plain("decided_on", "Decided on", as_day, synonyms=("decision date",)),
        plain("decided_by", "Decided by", synonyms=("approver",)),
        plain(
            "awarded",
            "Awarded",
            as_money,
            synonyms=("amount awarded", "approved amount"),
            hint="What an approved bid was awarded, when less than it asked for",
        ),
        plain("reason", "Reason", synonyms=("decision reason", "reason for decision")),
    ),
    key=lambda v: (v["fund"].pk, cells.normal(v["title"])),
    find=lambda ctx, v: Bid.objects.filter(
        organisation=ctx.organisation, fund=v["fund"], title=v["title"]
    ).first(),
    create=_bid_create,
    update=_bid_update,
    rows=lambda org: Bid.objects.filter(organisation=org).select_related("fund", "project"),
    describe=lambda v: f"{v['title']} ({format_money(v['amount'], places=2)})",
)

_GRANT_FIELDS = ("amount", "purpose")

GRANTS = Kind(
    name="grants",
    label="Grants",
    noun="grant",
    synonyms=("external grants", "external funding"),
    columns=(
        plain(
            "funder",
            "Funder",
            required=True,
            synonyms=("awarding body", "from", "grant funder"),
            example="Department for Education",
        ),
        plain("scheme", "Scheme", synonyms=("grant", "programme name")),
        AMOUNT,
        plain("awarded_on", "Awarded on", as_day, synonyms=("date awarded",)),
        PROJECT,
        plain("purpose", "Purpose", synonyms=("description",)),
    ),
    key=lambda v: (
        cells.normal(v["funder"]),
        cells.normal(v.get("scheme", "")),
        v.get("awarded_on"),
        pk(v.get("project")),
    ),
    find=lambda ctx, v: Grant.objects.filter(
        organisation=ctx.organisation,
        funder=v["funder"],
        scheme=v.get("scheme", ""),
        awarded_on=v.get("awarded_on"),
        project=v.get("project"),
    ).first(),
    create=lambda ctx, v: funding.grant_record(
        organisation=ctx.organisation,
        **{
            k: v[k]
            for k in ("funder", "amount", "scheme", "awarded_on", "project", "purpose")
            if k in v
        },
        by=ctx.by,
    ),
    update=lambda ctx, obj, v: updated(funding.grant_update, "grant", ctx, obj, v, _GRANT_FIELDS),
    rows=lambda org: Grant.objects.filter(organisation=org).select_related("project"),
    describe=lambda v: f"{v['funder']} ({format_money(v['amount'], places=2)})",
)

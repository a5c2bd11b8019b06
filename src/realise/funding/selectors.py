"""Reads of funding: invest-to-save return (Table 5), how much of each fund is used, grants."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from realise.benefits.selectors import savings_outlook
from realise.core.aggregates import MoneySum
from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.funding.models import Bid, BidStatus, Fund, FundKind, Grant
from realise.portfolio.models import Organisation, Project

APPROVED = Q(bids__status=BidStatus.APPROVED)


@dataclass(frozen=True)
class InvestmentReturn:
    """Table 5: invest-to-save bids, what they cost and the savings they return."""

    as_at: FinancialYear
    bids: int
    investment: Decimal
    savings_delivered: Decimal
    savings_projected: Decimal

    @property
    def savings(self) -> Decimal:
        return self.savings_delivered + self.savings_projected

    @property
    def return_on_investment(self) -> Decimal:
        return self.savings - self.investment


def invest_to_save_return(*, organisation: Organisation, as_at: FinancialYear) -> InvestmentReturn:
    """Approved invest-to-save bids against the cashable savings delivered up to ``as_at`` and
    projected after it."""
    totals = Fund.objects.filter(organisation=organisation, kind=FundKind.INVEST_TO_SAVE).aggregate(
        bid_count=Count("bids", filter=APPROVED),
        invested=MoneySum("bids__amount", filter=APPROVED),
    )
    outlook = savings_outlook(organisation=organisation, as_at=as_at)
    return InvestmentReturn(
        as_at=as_at,
        bids=totals["bid_count"] or 0,
        investment=totals["invested"] or ZERO,
        savings_delivered=outlook.delivered,
        savings_projected=outlook.projected,
    )


@dataclass(frozen=True)
class FundUsage:
    """A fund's pot, what approved bids have taken and what is left."""

    name: str
    kind: str
    pot: Decimal
    decided_by: str
    approved_bids: int
    committed: Decimal
    purposes: tuple[str, ...]

    @property
    def remaining(self) -> Decimal:
        return self.pot - self.committed


def fund_usage(*, organisation: Organisation, kind: str | None = None) -> tuple[FundUsage, ...]:
    """Every fund of the organisation (or of one kind) with its approved bids."""
    funds = Fund.objects.filter(organisation=organisation)
    if kind is not None:
        funds = funds.filter(kind=kind)
    purposes: dict[int, list[str]] = defaultdict(list)
    for fund_id, purpose in (
        Bid.objects.filter(fund__in=funds, status=BidStatus.APPROVED)
        .order_by("id")
        .values_list("fund_id", "purpose")
    ):
        if purpose:
            purposes[fund_id].append(purpose)
    rows = funds.annotate(
        approved=Count("bids", filter=APPROVED), committed=MoneySum("bids__amount", filter=APPROVED)
    ).order_by("name")
    return tuple(
        FundUsage(
            name=fund.name,
            kind=fund.kind,
            pot=fund.pot,
            decided_by=fund.decided_by,
            approved_bids=fund.approved,  # type: ignore[attr-defined]
            committed=fund.committed or ZERO,  # type: ignore[attr-defined]
            purposes=tuple(purposes[fund.pk]),
        )
        for fund in rows
    )


@dataclass(frozen=True)
class GrantLine:
    funder: str
    scheme: str
    amount: Decimal
    awarded_on: date | None
    project: str


def grants_list(*, organisation: Organisation) -> tuple[GrantLine, ...]:
    """External grants, largest first."""
    return tuple(
        GrantLine(
            funder=row["funder"],
            scheme=row["scheme"],
            amount=row["amount"],
            awarded_on=row["awarded_on"],
            project=row["project__name"] or "",
        )
        for row in Grant.objects.filter(organisation=organisation)
        .order_by("-amount", "funder")
        .values("funder", "scheme", "amount", "awarded_on", "project__name")
    )


@dataclass(frozen=True)
class BidLine:
    pk: int
    fund: str
    title: str
    project: str
    amount: Decimal
    status: str
    decided_on: date | None


def bids_list(*, organisation: Organisation, project: Project | None = None) -> tuple[BidLine, ...]:
    """Bids (for one project, if given), by fund then order of submission. One query."""
    bids = Bid.objects.filter(organisation=organisation)
    if project is not None:
        bids = bids.filter(project=project)
    labels = dict(BidStatus.choices)
    return tuple(
        BidLine(
            pk=row["pk"],
            fund=row["fund__name"],
            title=row["title"],
            project=row["project__name"] or "",
            amount=row["amount"],
            status=labels[row["status"]],
            decided_on=row["decided_on"],
        )
        for row in bids.order_by("fund__name", "id").values(
            "pk", "fund__name", "title", "project__name", "amount", "status", "decided_on"
        )
    )


def project_grants(*, project: Project) -> tuple[GrantLine, ...]:
    """External grants for one project, largest first."""
    return grants_list_for(organisation_id=project.organisation_id, project_id=project.pk)


def grants_list_for(*, organisation_id: int, project_id: int) -> tuple[GrantLine, ...]:
    return tuple(
        GrantLine(
            funder=row["funder"],
            scheme=row["scheme"],
            amount=row["amount"],
            awarded_on=row["awarded_on"],
            project=row["project__name"] or "",
        )
        for row in Grant.objects.filter(organisation_id=organisation_id, project_id=project_id)
        .order_by("-amount", "funder")
        .values("funder", "scheme", "amount", "awarded_on", "project__name")
    )


def funds(*, organisation: Organisation) -> QuerySet[Fund]:
    """The council's funds, by name: the choices of a bid's fund."""
    return Fund.objects.filter(organisation=organisation)

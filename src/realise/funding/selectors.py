"""Reads of funding: invest-to-save return (Table 5), how much of each fund is committed, drawn
and left, one fund with its bids, decisions and return, and grants."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from realise.benefits.selectors import (
    ProjectSavingsTotal,
    project_savings_totals,
    savings_outlook,
)
from realise.core.aggregates import MoneySum
from realise.core.concurrency import versioned
from realise.finance.calendar import FinancialYear
from realise.finance.funds import FundPosition, FundReturn
from realise.finance.money import ZERO
from realise.funding.models import Bid, BidStatus, Fund, FundKind, Grant
from realise.portfolio.models import Organisation, Project

APPROVED = Q(bids__status=BidStatus.APPROVED)


def with_totals(funds: QuerySet[Fund]) -> QuerySet[Fund]:
    """``funds`` each annotated with its approved bids (``approved``), what they were awarded
    (``committed_total``) and what has been paid out (``drawn_total``), in the same query."""
    return funds.annotate(
        approved=Count("bids", filter=APPROVED),
        committed_total=MoneySum("bids__awarded", filter=APPROVED),
        drawn_total=MoneySum("bids__drawn", filter=APPROVED),
    )


def position(fund: Fund) -> FundPosition:
    """The pot, committed and drawn of a fund read through ``with_totals``."""
    return FundPosition(
        pot=fund.pot,
        committed=getattr(fund, "committed_total", None) or ZERO,
        drawn=getattr(fund, "drawn_total", None) or ZERO,
    )


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
        invested=MoneySum("bids__awarded", filter=APPROVED),
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
    """A fund's pot, what approved bids have been awarded and paid, and what is left."""

    name: str
    kind: str
    pot: Decimal
    decided_by: str
    approved_bids: int
    committed: Decimal
    purposes: tuple[str, ...]
    pk: int = 0
    drawn: Decimal = ZERO
    closed_on: date | None = None

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
    return tuple(
        FundUsage(
            name=fund.name,
            kind=fund.kind,
            pot=fund.pot,
            decided_by=fund.decided_by,
            approved_bids=fund.approved,  # type: ignore[attr-defined]
            committed=position(fund).committed,
            purposes=tuple(purposes[fund.pk]),
            pk=fund.pk,
            drawn=position(fund).drawn,
            closed_on=fund.closed_on,
        )
        for fund in with_totals(funds).order_by("name")
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
    return _grant_lines(Grant.objects.filter(organisation=organisation))


def _grant_lines(rows: QuerySet[Grant]) -> tuple[GrantLine, ...]:
    """``rows`` as grant lines, largest first (one query)."""
    return tuple(
        GrantLine(
            funder=row["funder"],
            scheme=row["scheme"],
            amount=row["amount"],
            awarded_on=row["awarded_on"],
            project=row["project__name"] or "",
        )
        for row in rows.order_by("-amount", "funder").values(
            "funder", "scheme", "amount", "awarded_on", "project__name"
        )
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
    status_key: str = BidStatus.SUBMITTED
    awarded: Decimal | None = None
    drawn: Decimal = ZERO
    board: str = ""
    reason: str = ""
    decided_by: str = ""
    fund_pk: int = 0
    project_code: str = ""
    project_pk: int | None = None
    decision_pk: int | None = None

    @property
    def approved(self) -> bool:
        return self.status_key == BidStatus.APPROVED

    @property
    def waiting(self) -> bool:
        """Submitted and not yet decided."""
        return self.status_key == BidStatus.SUBMITTED

    @property
    def part_funded(self) -> bool:
        return self.approved and self.awarded is not None and self.awarded < self.amount


BID_FIELDS = (
    "pk",
    "fund_id",
    "fund__name",
    "title",
    "project__name",
    "project__code",
    "project_id",
    "amount",
    "status",
    "decided_on",
    "awarded",
    "drawn",
    "board__name",
    "reason",
    "decided_by",
    "decision_id",
)


def _bid_lines(bids: QuerySet[Bid]) -> tuple[BidLine, ...]:
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
            status_key=row["status"],
            awarded=row["awarded"],
            drawn=row["drawn"],
            board=row["board__name"] or "",
            reason=row["reason"],
            decided_by=row["decided_by"],
            fund_pk=row["fund_id"],
            project_code=row["project__code"] or "",
            project_pk=row["project_id"],
            decision_pk=row["decision_id"],
        )
        for row in bids.values(*BID_FIELDS)
    )


def bids_list(*, organisation: Organisation, project: Project | None = None) -> tuple[BidLine, ...]:
    """Bids (for one project, if given), by fund then order of submission. One query."""
    bids = Bid.objects.filter(organisation=organisation)
    if project is not None:
        bids = bids.filter(project=project)
    return _bid_lines(bids.order_by("fund__name", "id"))


@dataclass(frozen=True)
class FundedProject:
    """A project a fund's approved bids paid for: what it was awarded and the savings it has
    delivered and plans (cashable, every year)."""

    code: str
    name: str
    returns: FundReturn


@dataclass(frozen=True)
class FundPage:
    """One fund: its record (with its version, for the forms that change it), its pot against
    what is committed, drawn and left, every bid with its decision, and what the projects it
    funded return. ``unattached`` is what was awarded to bids for no project."""

    fund: Fund
    position: FundPosition
    bids: tuple[BidLine, ...]
    projects: tuple[FundedProject, ...]
    unattached: Decimal
    total: FundReturn


def fund_page(*, organisation: Organisation, pk: int) -> FundPage | None:
    """The fund ``pk`` of the council, or None (also for another council's). Four queries: the
    fund with its totals, its bids, and the savings of the projects it funded."""
    fund = with_totals(versioned(Fund.objects.filter(organisation=organisation, pk=pk))).first()
    if fund is None:
        return None
    bids = _bid_lines(Bid.objects.filter(organisation=organisation, fund=fund).order_by("id"))
    awarded: dict[int, Decimal] = defaultdict(lambda: ZERO)
    named: dict[int, tuple[str, str]] = {}
    unattached = ZERO
    for bid in bids:
        if not bid.approved or bid.awarded is None:
            continue
        if bid.project_pk is None:
            unattached += bid.awarded
        else:
            awarded[bid.project_pk] += bid.awarded
            named[bid.project_pk] = (bid.project_code, bid.project)
    savings = project_savings_totals(organisation=organisation, project_ids=set(awarded))
    projects = tuple(
        FundedProject(
            code=named[project][0],
            name=named[project][1],
            returns=FundReturn(
                awarded=awarded[project],
                delivered=savings.get(project, ProjectSavingsTotal()).delivered,
                planned=savings.get(project, ProjectSavingsTotal()).planned,
            ),
        )
        for project in sorted(awarded, key=lambda p: named[p][0])
    )
    total = FundReturn(
        awarded=sum((p.returns.awarded for p in projects), unattached),
        delivered=sum((p.returns.delivered for p in projects), ZERO),
        planned=sum((p.returns.planned for p in projects), ZERO),
    )
    return FundPage(fund, position(fund), bids, projects, unattached, total)


def bids_waiting(*, fund: Fund) -> int:
    """How many of the fund's bids are submitted and not yet decided."""
    return Bid.objects.filter(fund=fund, status=BidStatus.SUBMITTED).count()


def fund_to_change(*, organisation: Organisation, pk: int) -> Fund | None:
    """The council's fund ``pk`` read with its version, for a form that changes it; else None."""
    return versioned(Fund.objects.filter(organisation=organisation, pk=pk)).first()


def bid_to_change(*, organisation: Organisation, pk: int) -> Bid | None:
    """The council's bid ``pk`` with its fund, read with its version, for a form that decides it
    or records what was paid; else None."""
    found = versioned(Bid.objects.select_related("fund", "project"))
    return found.filter(organisation=organisation, pk=pk).first()


def project_grants(*, project: Project) -> tuple[GrantLine, ...]:
    """External grants for one project, largest first."""
    return grants_list_for(organisation_id=project.organisation_id, project_id=project.pk)


def grants_list_for(*, organisation_id: int, project_id: int) -> tuple[GrantLine, ...]:
    return _grant_lines(
        Grant.objects.filter(organisation_id=organisation_id, project_id=project_id)
    )


def funds(*, organisation: Organisation) -> QuerySet[Fund]:
    """The council's funds, by name."""
    return Fund.objects.filter(organisation=organisation)


def open_funds(*, organisation: Organisation) -> QuerySet[Fund]:
    """The council's funds that take bids (not closed), by name: the choices of a bid's fund."""
    return Fund.objects.filter(organisation=organisation, closed_on__isnull=True)

"""4. Investment and funding: Table 5 (return on invest-to-save), the crack-on fund and grants."""

from __future__ import annotations

from decimal import Decimal

from realise.finance.calendar import FinancialYear
from realise.funding.models import FundKind
from realise.funding.selectors import fund_usage, grants_list, invest_to_save_return
from realise.portfolio.models import Organisation
from realise.reports.annual.common import money_col
from realise.reports.context import (
    Bullets,
    Column,
    Section,
    Table,
    blank,
    count,
    in_pounds,
    pounds,
    pounds_column,
    text,
    total_label,
)


def invest_to_save_table(
    organisation: Organisation, year: FinancialYear, *, symbol: bool = False
) -> Table:
    """Table 5: what the invest-to-save fund's approved bids cost and what they return, as at
    ``year``; ``symbol`` puts £ in each cell (the console) rather than in the headings."""
    data = invest_to_save_return(organisation=organisation, as_at=year)

    def money(heading: str) -> Column:
        return pounds_column(heading, symbol=symbol)

    return Table(
        key="table-5-invest-to-save-return",
        title=f"Table 5. Return on invest-to-save, as at {year.label}",
        columns=(
            Column("Bids approved", numeric=True),
            money("Investment"),
            money(f"Savings delivered to {year.label}"),
            money(f"Savings projected after {year.label}"),
            money("Savings in all"),
            money("Return on investment"),
        ),
        rows=(
            (
                count(data.bids),
                *(
                    in_pounds(amount, symbol=symbol)
                    for amount in (
                        data.investment,
                        data.savings_delivered,
                        data.savings_projected,
                        data.savings,
                        data.return_on_investment,
                    )
                ),
            ),
        ),
        notes=("Return on investment is all savings, delivered and projected, less investment.",),
    )


def small_funds_table(organisation: Organisation, *, symbol: bool = False) -> Table:
    """The crack-on (small-change) funds: each pot, its approved bids, committed and remaining."""
    funds = fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE)
    return Table(
        key="crack-on-fund",
        title="Crack-on fund: small bids to enable change",
        columns=(
            Column("Fund"),
            pounds_column("Fund", symbol=symbol),
            Column("Bids approved", numeric=True),
            pounds_column("Committed", symbol=symbol),
            pounds_column("Remaining", symbol=symbol),
            Column("Decided by"),
        ),
        rows=tuple(
            (
                text(f.name),
                in_pounds(f.pot, symbol=symbol),
                count(f.approved_bids),
                in_pounds(f.committed, symbol=symbol),
                in_pounds(f.remaining, symbol=symbol),
                text(f.decided_by),
            )
            for f in funds
        ),
    )


def _grants(organisation: Organisation) -> Table:
    grants = grants_list(organisation=organisation)
    total = sum((g.amount for g in grants), Decimal(0))
    return Table(
        key="external-grants",
        title="External grants secured",
        columns=(Column("Funder"), Column("Scheme"), Column("Project"), money_col("Amount (£)")),
        rows=tuple(
            (text(g.funder), text(g.scheme), text(g.project), pounds(g.amount)) for g in grants
        ),
        total=(total_label(), blank(), blank(), pounds(total, summed=True)),
    )


def funding_section(organisation: Organisation, year: FinancialYear) -> Section:
    funds = fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE)
    purposes = tuple(p for f in funds for p in f.purposes)
    blocks: list[object] = [invest_to_save_table(organisation, year)]
    blocks.append(small_funds_table(organisation))
    if purposes:
        blocks.append(Bullets(purposes, heading="The crack-on fund's bids were used to:"))
    blocks.append(_grants(organisation))
    return Section("Investment and funding", tuple(blocks))  # type: ignore[arg-type]

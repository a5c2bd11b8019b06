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
    pounds,
    text,
    total_label,
)


def _table_5(organisation: Organisation, year: FinancialYear) -> Table:
    data = invest_to_save_return(organisation=organisation, as_at=year)
    return Table(
        key="table-5-invest-to-save-return",
        title=f"Table 5. Return on invest-to-save, as at {year.label}",
        columns=(
            Column("Bids approved", numeric=True),
            money_col("Investment (£)"),
            money_col(f"Savings delivered to {year.label} (£)"),
            money_col(f"Savings projected after {year.label} (£)"),
            money_col("Savings in all (£)"),
            money_col("Return on investment (£)"),
        ),
        rows=(
            (
                count(data.bids),
                pounds(data.investment),
                pounds(data.savings_delivered),
                pounds(data.savings_projected),
                pounds(data.savings),
                pounds(data.return_on_investment),
            ),
        ),
        notes=("Return on investment is all savings, delivered and projected, less investment.",),
    )


def _small_funds(organisation: Organisation) -> Table:
    funds = fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE)
    return Table(
        key="crack-on-fund",
        title="Crack-on fund: small bids to enable change",
        columns=(
            Column("Fund"),
            money_col("Fund (£)"),
            Column("Bids approved", numeric=True),
            money_col("Committed (£)"),
            money_col("Remaining (£)"),
            Column("Decided by"),
        ),
        rows=tuple(
            (
                text(f.name),
                pounds(f.pot),
                count(f.approved_bids),
                pounds(f.committed),
                pounds(f.remaining),
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
    blocks: list[object] = [_table_5(organisation, year), _small_funds(organisation)]
    if purposes:
        blocks.append(Bullets(purposes, heading="The crack-on fund's bids were used to:"))
    blocks.append(_grants(organisation))
    return Section("Investment and funding", tuple(blocks))  # type: ignore[arg-type]

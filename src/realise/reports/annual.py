"""The annual transformation report for an organisation and financial year.

Every figure comes from a selector (benefits, funding, portfolio, risks); this module arranges
them into a ``Report`` and words the paragraphs. It adds nothing up itself: totals are the
selectors' totals, checked against their rows so the spreadsheet formulas agree with them.
"""

from __future__ import annotations

from decimal import Decimal

from realise.benefits.selectors import (
    SavingsByYear,
    percent,
    savings_by_directorate,
    savings_by_year,
    savings_projected,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money, format_percent
from realise.funding.models import FundKind
from realise.funding.selectors import fund_usage, grants_list, invest_to_save_return
from realise.portfolio.models import Organisation
from realise.portfolio.selectors import ProjectLine, project_outcomes, project_profile
from realise.reports import charts
from realise.reports.context import (
    Bullets,
    Cell,
    Chart,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    blank,
    check_total,
    count,
    pounds,
    text,
    total_label,
)
from realise.reports.savings_table import REPORT, savings_by_year_table
from realise.risks.selectors import (
    IMPACT_NAMES,
    LIKELIHOOD_NAMES,
    highest_band,
    risk_heat_map,
    risks_in_band,
)

MILLION = Decimal(1_000_000)


def money_col(heading: str) -> Column:
    return Column(heading, numeric=True, unit="£")


def _day(value: object) -> str:
    return "" if value is None else f"{value:%-d %B %Y}"


def annual_report(*, organisation: Organisation, year: FinancialYear) -> Report:
    """The whole annual report, ready for any renderer."""
    by_year = savings_by_year(organisation=organisation)
    if not any(y.year == year for y in by_year.years):
        raise ValueError(
            f"{organisation.name} has no savings budgeted or recorded for {year.label}"
        )
    return Report(
        kind="annual",
        organisation=organisation.name,
        title=f"Transformation annual report {year.label}",
        subtitle=f"Savings, projects, investment and risk for the year to {_day(year.last_day)}",
        dated=_day(year.last_day),
        details=(("Financial year", year.label), ("Report status", "Public")),
        sections=(
            _summary(organisation, year, by_year),
            _projects(organisation, year),
            _savings(organisation, year, by_year),
            _funding(organisation, year),
            _risk(organisation),
        ),
    )


# --- 1. Summary ---------------------------------------------------------------------------


def _summary(organisation: Organisation, year: FinancialYear, data: SavingsByYear) -> Section:
    to_date = [y for y in data.years if y.year <= year and y.has_actuals]
    budget = to_date[-1].cumulative_budgeted if to_date else Decimal(0)
    achieved = to_date[-1].cumulative_achieved if to_date else Decimal(0)
    first, last = data.years[0].year, data.years[-1].year
    share = percent(achieved, budget)
    whole = percent(achieved, data.total_budgeted)
    outcomes = project_outcomes(organisation=organisation, year=year)
    paragraphs = [
        f"Savings achieved to the end of {year.label}: {format_money(achieved)} against "
        f"{format_money(budget)} budgeted for the same years"
        + (f" ({format_percent(share)})." if share is not None else "."),
        f"The plan from {first.label} to {last.label} budgets {format_money(data.total_budgeted)}"
        f" of savings; {format_money(achieved)} of it"
        + (f" ({format_percent(whole)})" if whole is not None else "")
        + " has been delivered so far.",
        f"In {year.label} {len(outcomes.completed)} projects were completed and "
        f"{len(outcomes.stopped)} stopped; {len(outcomes.continuing)} continue into "
        f"{(year + 1).label}.",
    ]
    return Section(
        "Summary",
        (*(Paragraph(p) for p in paragraphs), _savings_chart(data)),
    )


def _savings_chart(data: SavingsByYear) -> Chart:
    labels = [y.year.label for y in data.years]
    svg = charts.bar_chart(
        chart_id="savings-by-year",
        title="Savings budgeted and achieved by year",
        description="Cashable savings in £ million per financial year: budgeted against achieved.",
        categories=labels,
        series=[
            charts.Series("Budgeted", [y.budgeted / MILLION for y in data.years]),
            charts.Series("Achieved", [y.achieved / MILLION for y in data.years]),
        ],
    )
    table = Table(
        key="chart-savings-by-year",
        title="Savings budgeted and achieved by year (chart data)",
        columns=(Column("Year"), money_col("Budgeted (£)"), money_col("Achieved (£)")),
        rows=tuple(
            (
                text(y.year.label),
                pounds(y.budgeted),
                pounds(y.achieved) if y.has_actuals else blank(),
            )
            for y in data.years
        ),
    )
    return Chart("savings-by-year", "Savings budgeted and achieved by year", svg, table)


# --- 2. Projects --------------------------------------------------------------------------


def _project_rows(
    lines: tuple[ProjectLine, ...], with_decision: bool
) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for line in lines:
        row = [text(line.code), text(line.name), text(line.directorate)]
        if with_decision:
            row += [text(_day(line.ended_on)), text("; ".join(line.decisions))]
        else:
            row.append(text(_day(line.ended_on)) if line.ended_on else text(line.status))
        rows.append(tuple(row))
    return tuple(rows)


def _projects(organisation: Organisation, year: FinancialYear) -> Section:
    outcomes = project_outcomes(organisation=organisation, year=year)
    basic = (Column("Code"), Column("Project"), Column("Directorate"))
    blocks = [
        Table(
            "projects-completed",
            f"Projects completed in {year.label}",
            (*basic, Column("Completed on")),
            _project_rows(outcomes.completed, False),
        ),
        Table(
            "projects-stopped",
            f"Projects stopped in {year.label}, with the board's decision",
            (*basic, Column("Stopped on"), Column("Decision")),
            _project_rows(outcomes.stopped, True),
        ),
        Table(
            "projects-continuing",
            f"Projects continuing or starting in {(year + 1).label}",
            (*basic, Column("Status")),
            _project_rows(outcomes.continuing, False),
        ),
        _profile_chart(organisation, year),
    ]
    return Section("Projects", tuple(blocks))


def _profile_chart(organisation: Organisation, year: FinancialYear) -> Chart:
    years = tuple(year + offset for offset in range(-1, 4))
    profile = project_profile(organisation=organisation, years=years)
    names = ("Completed", "In progress", "Projected", "Ended without full delivery")
    fields = ("completed", "in_progress", "projected", "ended_without_full_delivery")
    svg = charts.bar_chart(
        chart_id="projects-by-status",
        title="Projects by status over time",
        description="Number of projects completed, in progress, projected and stopped each year.",
        categories=[p.year.label for p in profile],
        series=[
            charts.Series(n, [Decimal(getattr(p, f)) for p in profile])
            for n, f in zip(names, fields, strict=True)
        ],
        unit="Projects",
    )
    table = Table(
        key="table-1-projects-by-status",
        title="Table 1. Projects by status and year",
        columns=(Column("Year"), *(Column(n, numeric=True) for n in names)),
        rows=tuple((text(p.year.label), *(count(getattr(p, f)) for f in fields)) for p in profile),
    )
    return Chart("projects-by-status", "Projects by status over time", svg, table)


# --- 3. Savings ---------------------------------------------------------------------------


def _table_3(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_by_directorate(organisation=organisation, year=year)
    rows = data.rows
    check_total("Table 3 projected", [r.projected for r in rows], data.total_projected)
    check_total("Table 3 achieved", [r.achieved for r in rows], data.total_achieved)
    check_total("Table 3 under", [r.underachieved for r in rows], data.total_underachieved)
    return Table(
        key="table-3-savings-by-directorate",
        title=f"Table 3. Savings by directorate, {year.label}",
        columns=(
            Column("Directorate"),
            money_col("Projected (£)"),
            money_col("Achieved (£)"),
            money_col("Under-achieved (£)"),
            Column("Reasons for under-delivery"),
        ),
        rows=tuple(
            (
                text(r.directorate),
                pounds(r.projected),
                pounds(r.achieved),
                pounds(r.underachieved),
                text("; ".join(r.reasons)),
            )
            for r in rows
        ),
        total=(
            total_label(),
            pounds(data.total_projected, summed=True),
            pounds(data.total_achieved, summed=True),
            pounds(data.total_underachieved, summed=True),
            blank(),
        ),
    )


def _table_4(organisation: Organisation, year: FinancialYear) -> Table:
    data = savings_projected(organisation=organisation, year=year)
    carried = [sum((c.amount for c in r.carried_forward), Decimal(0)) for r in data.rows]
    check_total("Table 4 projected", [r.projected for r in data.rows], data.total_projected)
    check_total("Table 4 carried", carried, data.total_carried_forward)
    return Table(
        key="table-4-projected-savings",
        title=f"Table 4. Projected savings by directorate, {year.label}",
        columns=(
            Column("Directorate"),
            money_col("Projected (£)"),
            money_col("Carried forward, in addition (£)"),
            Column("Carried forward from"),
        ),
        rows=tuple(
            (
                text(r.directorate),
                pounds(r.projected),
                pounds(amount),
                text("; ".join(f"{c.from_year.label}: {c.reason}" for c in r.carried_forward)),
            )
            for r, amount in zip(data.rows, carried, strict=True)
        ),
        total=(
            total_label(),
            pounds(data.total_projected, summed=True),
            pounds(data.total_carried_forward, summed=True),
            blank(),
        ),
    )


def _directorate_chart(table: Table, year: FinancialYear) -> Chart:
    names = [row[0].text for row in table.rows]
    svg = charts.bar_chart(
        chart_id="savings-by-directorate",
        title=f"Savings by directorate, {year.label}",
        description="Projected against achieved cashable savings in £ million per directorate.",
        categories=names,
        series=[
            charts.Series(
                "Projected", [Decimal(row[1].value or 0) / MILLION for row in table.rows]
            ),
            charts.Series("Achieved", [Decimal(row[2].value or 0) / MILLION for row in table.rows]),
        ],
    )
    data = Table(
        key="chart-savings-by-directorate",
        title=f"Savings by directorate, {year.label} (chart data)",
        columns=table.columns[:3],
        rows=tuple(row[:3] for row in table.rows),
    )
    return Chart("savings-by-directorate", f"Savings by directorate, {year.label}", svg, data)


def _savings(organisation: Organisation, year: FinancialYear, data: SavingsByYear) -> Section:
    table_3 = _table_3(organisation, year)
    return Section(
        "Savings",
        (
            Paragraph(
                "Cashable savings only. Budgeted is the savings target for each year; achieved "
                "is the savings recorded as delivered."
            ),
            savings_by_year_table(data, REPORT),
            table_3,
            _directorate_chart(table_3, year),
            _table_4(organisation, year + 1),
        ),
    )


# --- 4. Investment and funding ------------------------------------------------------------


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


def _funding(organisation: Organisation, year: FinancialYear) -> Section:
    funds = fund_usage(organisation=organisation, kind=FundKind.SMALL_CHANGE)
    purposes = tuple(p for f in funds for p in f.purposes)
    blocks: list[object] = [_table_5(organisation, year), _small_funds(organisation)]
    if purposes:
        blocks.append(Bullets(purposes, heading="The crack-on fund's bids were used to:"))
    blocks.append(_grants(organisation))
    return Section("Investment and funding", tuple(blocks))  # type: ignore[arg-type]


# --- 5. Risk ------------------------------------------------------------------------------


def _risk(organisation: Organisation) -> Section:
    heat = risk_heat_map(organisation=organisation)
    grid = Table(
        key="risk-heat-map",
        title=f"Risk heat map: {heat.total} open risks by impact and likelihood",
        columns=(Column("Impact"), *(Column(n, numeric=True) for n in LIKELIHOOD_NAMES)),
        rows=tuple(
            (
                text(IMPACT_NAMES[impact - 1]),
                *(count(heat.count(likelihood, impact)) for likelihood in range(1, 6)),
            )
            for impact in range(5, 0, -1)
        ),
        total=(
            total_label(),
            *(
                count(sum(heat.count(likelihood, i) for i in range(1, 6)), summed=True)
                for likelihood in range(1, 6)
            ),
        ),
    )
    check_total("Risk bands", [b.count for b in heat.bands], heat.total)
    bands = Table(
        key="risks-by-band",
        title="Open risks by band",
        columns=(Column("Band"), Column("From score", numeric=True), Column("Risks", numeric=True)),
        rows=tuple(
            (text(b.name), count(b.min_score), count(b.count)) for b in reversed(heat.bands)
        ),
        total=(total_label(), blank(), count(heat.total, summed=True)),
    )
    top = highest_band(organisation=organisation)
    high = risks_in_band(organisation=organisation, band=top)
    listed = Table(
        key="high-risks",
        title=f"{top} risks ({len(high)})",
        columns=(
            Column("Risk"),
            Column("Owner"),
            Column("Likelihood", numeric=True),
            Column("Impact", numeric=True),
            Column("Score", numeric=True),
        ),
        rows=tuple(
            (text(r.title), text(r.owner), count(r.likelihood), count(r.impact), count(r.score))
            for r in high
        ),
    )
    intro = Paragraph(
        "Open risks on the transformation risk register, scored likelihood by impact on "
        "five-point scales and banded by the council's thresholds."
    )
    return Section("Risk", (intro, grid, bands, listed))

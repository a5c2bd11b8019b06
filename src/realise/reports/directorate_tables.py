"""Table 3 (a year's savings by directorate) and Table 4 (the next year projected, with what was
carried forward into it), each laid out once (ADR 0024).

Like Table 2 (``realise.reports.savings_table``), each builder turns its selector's result into
a table context that every surface renders: the annual report in each format, the Savings
page and the dashboard through the generic table component, and ``realise summary`` as a rich
table. A ``Wording`` says only how a surface words and which of the same figures it shows; the
figures and totals are the selector's for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.benefits.selectors import (
    DirectorateSavings,
    DirectorateSavingsTable,
    ProjectedSavingsTable,
)
from realise.reports.context import (
    Cell,
    Column,
    Table,
    blank,
    check_total,
    in_pounds,
    pounds_column,
    text,
    total_label,
)


@dataclass(frozen=True)
class Wording:
    """How one surface words Tables 3 and 4.

    ``symbol`` prints £ in each cell rather than in the heading; ``budget`` heads the year's
    budget column; ``carried_in`` adds what earlier years carried into the year (part of what
    is due); ``reasons`` adds the reasons for under-delivery; ``keys`` marks the totals for a
    page's ``data-figure``; ``empty`` says in words when a year has no rows (a page's table;
    a report's stays empty, so its spreadsheet rows are only figures). The titles take the
    year's label.
    """

    title_3: str
    title_4: str
    symbol: bool
    budget: str = "Projected"
    carried_in: bool = False
    reasons: bool = True
    keys: bool = False
    empty: bool = False


REPORT = Wording(
    "Table 3. Savings by directorate, {year}",
    "Table 4. Projected savings by directorate, {year}",
    symbol=False,
)
CONSOLE = Wording(REPORT.title_3, REPORT.title_4, symbol=True)
PAGE = Wording(
    "Projected, achieved and under-achieved savings in {year}, with reasons",
    "Projected savings for {year} with carry-forwards",
    symbol=True,
    carried_in=True,
    empty=True,
)
DASHBOARD = Wording(
    "Budgeted, carried in, achieved and under-achieved in {year}",
    "",
    symbol=True,
    budget="Budgeted",
    carried_in=True,
    reasons=False,
    keys=True,
    empty=True,
)


def _money(amount: Decimal, wording: Wording, *, summed: bool = False, key: str = "") -> Cell:
    return in_pounds(amount, symbol=wording.symbol, summed=summed, key=key if wording.keys else "")


def _money_column(heading: str, wording: Wording) -> Column:
    return pounds_column(heading, symbol=wording.symbol)


# Column C and the note on D (ADR 0029), only for a council that records pressures or mitigations.
ADJUSTMENTS = "Pressures (\u2212) and mitigations"
ADJUSTMENTS_NOTE = (
    "Under-achieved is what was due less what was achieved, less in-year pressures and "
    "mitigations: a pressure is shown negative and adds to the shortfall; a mitigation reduces it."
)


def savings_by_directorate_table(data: DirectorateSavingsTable, wording: Wording = REPORT) -> Table:
    """Table 3: each directorate's budget for the year (with what was carried in, where the
    surface shows it), achieved, pressures and mitigations (where the council records any) and
    under-achieved, and the reasons given. The totals are the selector's, checked against the
    rows so a spreadsheet's ``SUM`` agrees with them."""
    rows, year = data.rows, data.year
    adjusts = data.shows_adjustments
    check_total("Table 3 projected", [r.projected for r in rows], data.total_projected)
    check_total("Table 3 carried in", [r.carried_in for r in rows], data.total_carried_in)
    check_total("Table 3 achieved", [r.achieved for r in rows], data.total_achieved)
    check_total("Table 3 adjusted", [r.adjustments for r in rows], data.total_adjustments)
    check_total("Table 3 under", [r.underachieved for r in rows], data.total_underachieved)
    carried = (_money_column("Carried in", wording),) if wording.carried_in else ()
    reasons = (Column("Reasons for under-delivery"),) if wording.reasons else ()
    columns = (
        Column("Directorate"),
        _money_column(wording.budget, wording),
        *carried,
        _money_column("Achieved", wording),
        *((_money_column(ADJUSTMENTS, wording),) if adjusts else ()),
        _money_column("Under-achieved", wording),
        *reasons,
    )

    def row(r: DirectorateSavings) -> tuple[Cell, ...]:
        return (
            text(r.directorate),
            _money(r.projected, wording),
            *((_money(r.carried_in, wording),) if wording.carried_in else ()),
            _money(r.achieved, wording),
            *((_money(r.adjustments, wording),) if adjusts else ()),
            _money(r.underachieved, wording),
            *((text("; ".join(r.reasons)),) if wording.reasons else ()),
        )

    total = (
        total_label(),
        _money(data.total_projected, wording, summed=True, key="year-budgeted"),
        *((_money(data.total_carried_in, wording, summed=True),) if wording.carried_in else ()),
        _money(data.total_achieved, wording, summed=True, key="year-achieved"),
        *((_money(data.total_adjustments, wording, summed=True),) if adjusts else ()),
        _money(data.total_underachieved, wording, summed=True),
        *((blank(),) if wording.reasons else ()),
    )
    empty = (f"No savings budgeted or recorded for {year.label}.",)
    return Table(
        key="table-3-savings-by-directorate",
        title=wording.title_3.format(year=year.label),
        columns=columns,
        rows=tuple(row(r) for r in rows),
        total=total,
        notes=(empty if wording.empty and not rows else ())
        + ((ADJUSTMENTS_NOTE,) if adjusts else ()),
    )


def savings_projected_table(data: ProjectedSavingsTable, wording: Wording = REPORT) -> Table:
    """Table 4: each directorate's budget for the year and, in addition, what earlier years'
    under-delivery carried forward into it, with where it came from and why."""
    carried = [sum((c.amount for c in r.carried_forward), Decimal(0)) for r in data.rows]
    check_total("Table 4 projected", [r.projected for r in data.rows], data.total_projected)
    check_total("Table 4 carried", carried, data.total_carried_forward)
    return Table(
        key="table-4-projected-savings",
        title=wording.title_4.format(year=data.year.label),
        columns=(
            Column("Directorate"),
            _money_column("Projected", wording),
            _money_column("Carried forward, in addition", wording),
            Column("Carried forward from"),
        ),
        rows=tuple(
            (
                text(r.directorate),
                _money(r.projected, wording),
                _money(amount, wording),
                text("; ".join(f"{c.from_year.label}: {c.reason}" for c in r.carried_forward)),
            )
            for r, amount in zip(data.rows, carried, strict=True)
        ),
        total=(
            total_label(),
            _money(data.total_projected, wording, summed=True),
            _money(data.total_carried_forward, wording, summed=True),
            blank(),
        ),
    )

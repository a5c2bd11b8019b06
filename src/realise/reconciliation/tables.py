"""The tables of Realise a paper's figures are reconciled with (docs/adr/0031).

Each is built by the very builder that lays it out for the reports, the pages and the command
line (``realise.reports``), from the same selector: a figure in Realise is read from that table,
never computed a second time here. A ``Source`` says which builder, whether the table is of one
financial year, what its rows are, and the columns a paper's figures may name (each with the
heading it has in Realise's table and the kind of figure it holds: pounds, a percentage or a
count). ``figures_of`` reads a built table as {(row, heading): figure}.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from realise.benefits.selectors import (
    savings_by_confidence,
    savings_by_directorate,
    savings_by_year,
    savings_monitoring,
    savings_projected,
)
from realise.benefits.selectors.confidence import LABELS, NOT_RATED, OUTSIDE
from realise.core.years import financial_year_from
from realise.finance.calendar import FinancialYear
from realise.portfolio.choices import ConfidenceRating
from realise.portfolio.naming import name_key
from realise.reconciliation.choices import TableKind
from realise.reports import confidence_tables, directorate_tables, savings_table
from realise.reports.annual.risk import risks_by_band_table
from realise.reports.context import Table, slug
from realise.reports.monitoring import monitoring_tables
from realise.risks.selectors import risk_heat_map

if TYPE_CHECKING:
    from realise.portfolio.models import Organisation

TOTAL = "Total"
MONEY, PERCENT, COUNT = "money", "percent", "count"
# The delivery confidence ratings as the tables name them: the council's scale, then savings of
# projects with no rating and savings held outside projects.
RATINGS = (
    *(str(label) for _, label in ConfidenceRating.choices),
    *(LABELS[k] for k in (NOT_RATED, OUTSIDE)),
)


@dataclass(frozen=True)
class ColumnSpec:
    """A column a figure may name: ``key`` (what files and the API write), ``heading`` (as
    Realise's table heads it, without "(£)") and what it holds."""

    key: str
    heading: str
    kind: str


Builder = Callable[["Organisation", FinancialYear | None], Table]


@dataclass(frozen=True)
class Source:
    kind: TableKind
    build: Builder
    columns: tuple[ColumnSpec, ...]
    rows_are: str
    by_year: bool = False  # a table of one financial year (Tables 3 and 4, monitoring)
    year_rows: bool = False  # its rows are financial years (Table 2)
    fixed_rows: tuple[str, ...] = ()  # its rows are only these (the RAG ratings)
    aliases: tuple[str, ...] = ()
    # Its ratings (rows or columns) are only those something is rated: a rating left out of
    # Realise's table holds 0 (Amber/Green when no project is rated so), not "no such figure".
    leaves_out_ratings: bool = False

    @property
    def key(self) -> str:
        return str(self.kind.value)

    @property
    def name(self) -> str:
        return str(self.kind.label)

    def column(self, name: str) -> ColumnSpec:
        """The column ``name`` names (its key or its heading, capitals aside), else a
        ``ValidationError`` listing the columns there are."""
        wanted = name_key(name)
        known = ", ".join(f'"{c.heading}"' for c in self.columns)
        if not wanted:
            raise ValidationError(f"Choose the column: one of {known}")
        for spec in self.columns:
            if wanted in (spec.key, name_key(spec.heading)):
                return spec
        raise ValidationError(f'{self.name} has no column "{name}": use one of {known}')

    def row(self, text: str) -> str:
        """A row as stored: "Total", a financial year's label, one of the fixed rows, or the
        name as given; a ``ValidationError`` for what cannot be a row of this table."""
        name = " ".join(str(text).split())
        if not name:
            raise ValidationError(f"Name the row: {self.rows_are}, or Total")
        if name_key(name) == name_key(TOTAL):
            return TOTAL
        if self.year_rows:
            try:
                return FinancialYear(financial_year_from(name)).label
            except ValidationError:
                raise ValidationError(
                    f'"{name}" is not a row of {self.name}: its rows are {self.rows_are}, or Total'
                ) from None
        if self.fixed_rows:
            found = next((r for r in self.fixed_rows if name_key(r) == name_key(name)), None)
            if found is None:
                raise ValidationError(
                    f'"{name}" is not a row of {self.name}: use {", ".join(self.fixed_rows)} '
                    "or Total"
                )
            return found
        if len(name) > 120:
            raise ValidationError("A row's name has at most 120 characters")
        return name


def _money(key: str, heading: str) -> ColumnSpec:
    return ColumnSpec(key, heading, MONEY)


def _by_year(organisation: Organisation, year: FinancialYear | None) -> Table:
    data = savings_by_year(organisation=organisation)
    return savings_table.savings_by_year_table(data, savings_table.PAGE)


def _by_directorate(organisation: Organisation, year: FinancialYear | None) -> Table:
    assert year is not None
    data = savings_by_directorate(organisation=organisation, year=year)
    return directorate_tables.savings_by_directorate_table(data, directorate_tables.PAGE)


def _projected(organisation: Organisation, year: FinancialYear | None) -> Table:
    assert year is not None
    data = savings_projected(organisation=organisation, year=year)
    return directorate_tables.savings_projected_table(data, directorate_tables.REPORT)


def _monitoring(organisation: Organisation, year: FinancialYear | None) -> Table:
    assert year is not None
    return monitoring_tables(savings_monitoring(organisation=organisation, year=year))[0]


def _confidence(organisation: Organisation, year: FinancialYear | None) -> Table:
    assert year is not None
    data = savings_by_confidence(organisation=organisation, year=year)
    return confidence_tables.savings_by_confidence_table(data, confidence_tables.REPORT)


def _directorate_confidence(organisation: Organisation, year: FinancialYear | None) -> Table:
    assert year is not None
    data = savings_by_confidence(organisation=organisation, year=year)
    return confidence_tables.confidence_by_directorate_table(data, confidence_tables.REPORT)


def _bands(organisation: Organisation, year: FinancialYear | None) -> Table:
    return risks_by_band_table(risk_heat_map(organisation=organisation))


MONITORING_COLUMNS = (
    _money("budgeted", "Budgeted"),
    _money("validated", "Achieved, validated"),
    _money("claimed", "Claimed, awaiting validation"),
    _money("forecast", "Forecast"),
    _money("at-risk", "At risk"),
)

SOURCES: tuple[Source, ...] = (
    Source(
        TableKind.SAVINGS_BY_YEAR,
        _by_year,
        (
            _money("budgeted", "Budgeted"),
            _money("achieved", "Achieved"),
            ColumnSpec("percent-achieved", "% achieved", PERCENT),
            _money("claimed", "Claimed, awaiting finance"),
            _money("forecast", "Forecast"),
            ColumnSpec("cumulative-percent", "Cumulative % achieved", PERCENT),
        ),
        rows_are="the financial years, like 2023/24",
        year_rows=True,
        aliases=("table 2", "table2", "savings by year"),
    ),
    Source(
        TableKind.SAVINGS_BY_DIRECTORATE,
        _by_directorate,
        (
            _money("projected", "Projected"),
            _money("carried-in", "Carried in"),
            _money("achieved", "Achieved"),
            _money("under-achieved", "Under-achieved"),
        ),
        rows_are="the directorates",
        by_year=True,
        aliases=("table 3", "table3", "savings by directorate"),
    ),
    Source(
        TableKind.PROJECTED_BY_DIRECTORATE,
        _projected,
        (
            _money("projected", "Projected"),
            _money("carried-forward", "Carried forward, in addition"),
        ),
        rows_are="the directorates",
        by_year=True,
        aliases=("table 4", "table4", "projected savings"),
    ),
    Source(
        TableKind.MONITORING_BY_DIRECTORATE,
        _monitoring,
        (*MONITORING_COLUMNS, ColumnSpec("percent-expected", "Achieved or forecast", PERCENT)),
        rows_are="the directorates",
        by_year=True,
        aliases=("monitoring",),
    ),
    Source(
        TableKind.BY_CONFIDENCE,
        _confidence,
        (
            ColumnSpec("projects", "Projects", COUNT),
            _money("budgeted", "Budgeted"),
            _money("validated", "Achieved, validated"),
        ),
        rows_are="the delivery confidence ratings (Green to Red), Not rated and Not in a project",
        by_year=True,
        fixed_rows=RATINGS,
        aliases=("rag", "rag summary", "delivery confidence", "savings by delivery confidence"),
        leaves_out_ratings=True,
    ),
    Source(
        TableKind.DIRECTORATE_BY_CONFIDENCE,
        _directorate_confidence,
        (
            *(_money(slug(label), label) for label in RATINGS),
            _money("total", "Total"),
        ),
        rows_are="the directorates",
        by_year=True,
        aliases=("rag by directorate", "directorate by delivery confidence"),
        leaves_out_ratings=True,
    ),
    Source(
        TableKind.RISKS_BY_BAND,
        _bands,
        (ColumnSpec("risks", "Risks", COUNT),),
        rows_are="the council's risk bands",
        aliases=("risks", "risk bands"),
    ),
)
_BY_KEY = {s.key: s for s in SOURCES}


def source(key: str) -> Source:
    return _BY_KEY[key]


def source_named(name: str) -> Source:
    """The table ``name`` names: its key, its name or a short name ("Table 3", "RAG"); else a
    ``ValidationError`` listing them."""
    wanted = name_key(name)
    for each in SOURCES:
        if wanted in (each.key, name_key(each.name), *each.aliases):
            return each
    keys = ", ".join(s.key for s in SOURCES)
    raise ValidationError(f'"{name}" is not one of Realise\'s tables: use one of {keys}')


def _plain(heading: str) -> str:
    return heading.removesuffix(" (£)")


Figure = Decimal | int | None


def figures_of(table: Table) -> dict[tuple[str, str], Figure]:
    """Every figure of a built table: {(row's name_key, column heading): value}. A dash in a row
    (nothing recorded) reads as 0; a blank in the total row is left out: Realise's table has no
    total for that column."""
    headings = [_plain(c.heading) for c in table.columns]
    found: dict[tuple[str, str], Figure] = {}
    for row in table.rows:
        label = name_key(row[0].text)
        for column, heading, cell in zip(table.columns[1:], headings[1:], row[1:], strict=True):
            if column.numeric:
                found[(label, heading)] = 0 if cell.value is None else cell.value  # type: ignore[assignment]
    if table.total is not None:
        for heading, cell in zip(headings[1:], table.total[1:], strict=True):
            if cell.numeric:
                found[(name_key(TOTAL), heading)] = cell.value  # type: ignore[assignment]
    return found


def row_names(table: Table) -> set[str]:
    """The name_key of each row of a built table, its total's ("total") among them."""
    names = {name_key(row[0].text) for row in table.rows}
    return names | {name_key(TOTAL)} if table.total is not None else names


def left_out_rating(src: Source, row: str, heading: str, rows: set[str], headings: set[str]) -> str:
    """The rating a figure names that Realise's table of ``src`` leaves out because nothing is
    rated so (its figure is then 0), or "" when the figure names no such rating: the table's
    rows are the ratings and ``row`` is not among them, or its columns are and ``heading`` is
    not, for a row the table has. ``rows`` and ``headings`` are the built table's."""
    if not src.leaves_out_ratings:
        return ""
    if src.fixed_rows:
        return row if name_key(row) not in rows and row in RATINGS else ""
    if heading in RATINGS and heading not in headings and name_key(row) in rows:
        return heading
    return ""


def summed_headings(table: Table) -> set[str]:
    """The columns whose total is the sum of the rows above it."""
    if table.total is None:
        return set()
    return {
        _plain(column.heading)
        for column, cell in zip(table.columns, table.total, strict=True)
        if cell.summed
    }

"""Table 2, savings budgeted against achieved by year, laid out once (ADR 0024).

``savings_by_year_table`` turns the ``savings_by_year`` selector's result into a table context
(``realise.reports.context.Table``: headings, rows, total, notes). Every surface renders that
context: the annual report in each format (``REPORT``), the Savings page and the dashboard
through the generic table component (``PAGE``), and ``realise summary`` as a rich table
(``CONSOLE``). A ``Surface`` says only how one of them words the same figures; the figures, the
rows and the total are the same for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.benefits.selectors import SavingsByYear, YearSavings
from realise.finance.money import format_money, format_percent
from realise.reports.context import Cell, Column, Table, blank, check_total, text, total_label

TITLE = "Table 2. Transformation savings by year (cashable)"


@dataclass(frozen=True)
class Surface:
    """How one surface words Table 2.

    ``numbered`` labels years "Year 1 2022/23", counting from the council's first plan year;
    ``symbol`` prints £ in each cell rather than in the heading ("Budgeted (£)"); ``claims``
    shows claims awaiting finance as columns (with the forecast), as a note under the table, or
    not at all ("column", "note" or ""); ``dash`` shows a missing figure as a dash that a screen
    reader hears in words.
    """

    title: str
    numbered: bool
    symbol: bool
    percent_places: int
    claims: str
    cumulative: str = "Cumulative % achieved"
    dash: bool = False


REPORT = Surface(TITLE, numbered=True, symbol=False, percent_places=0, claims="note")
PAGE = Surface(
    "Cashable savings by financial year",
    numbered=False,
    symbol=True,
    percent_places=1,
    claims="column",
    dash=True,
)
CONSOLE = Surface(
    TITLE, numbered=True, symbol=True, percent_places=0, claims="", cumulative="Cumulative %"
)


def _money(amount: Decimal, surface: Surface, key: str, *, summed: bool = False) -> Cell:
    return Cell(amount, format_money(amount, symbol=surface.symbol), summed, key=key)


def _missing(surface: Surface, spoken: str = "", key: str = "") -> Cell:
    return Cell(None, "–", key=key, spoken=spoken) if surface.dash else Cell(None, "", key=key)


def _percent(value: Decimal | None, surface: Surface) -> Cell:
    if value is None:
        return _missing(surface)
    return Cell(value, format_percent(value, surface.percent_places))


def _columns(surface: Surface) -> tuple[Column, ...]:
    unit = "" if surface.symbol else " (£)"

    def money(heading: str) -> Column:
        return Column(heading + unit, numeric=True, unit="£", symbol=surface.symbol)

    percent = Column("% achieved", numeric=True, unit="%")
    claims = ()
    if surface.claims == "column":
        claims = (money("Claimed, awaiting finance"), money("Forecast"))
    cumulative = Column(surface.cumulative, numeric=True, unit="%")
    return (Column("Year"), money("Budgeted"), money("Achieved"), percent, *claims, cumulative)


def _row(number: int, y: YearSavings, surface: Surface) -> tuple[Cell, ...]:
    start = y.year.start
    achieved = (
        _money(y.achieved, surface, f"achieved-{start}")
        if y.has_actuals
        else _missing(surface, "none recorded yet", f"achieved-{start}")
    )
    claims = (
        (_money(y.claimed, surface, f"claimed-{start}"), _money(y.forecast, surface, ""))
        if surface.claims == "column"
        else ()
    )
    return (
        text(f"Year {number} {y.year.label}" if surface.numbered else y.year.label),
        _money(y.budgeted, surface, f"budgeted-{start}"),
        achieved,
        _percent(y.percent_achieved, surface),
        *claims,
        _percent(y.cumulative_percent, surface),
    )


def _total(data: SavingsByYear, surface: Surface) -> tuple[Cell, ...]:
    claims = (
        (_money(data.total_claimed, surface, "claimed-total", summed=True), blank())
        if surface.claims == "column"
        else ()
    )
    return (
        total_label(),
        _money(data.total_budgeted, surface, "budgeted-total", summed=True),
        _money(data.total_achieved, surface, "achieved-total", summed=True),
        blank(),
        *claims,
        blank(),
    )


def claims_note(data: SavingsByYear) -> tuple[str, ...]:
    """Savings claimed by project leads and not yet validated by finance: not counted as achieved,
    but shown apart (ADR 0005), so the committee knows what may yet be added."""
    claimed = [y for y in data.years if y.claimed]
    if not claimed:
        return ()
    each = "; ".join(f"{format_money(y.claimed)} in {y.year.label}" for y in claimed)
    return (
        "Achieved counts only savings validated by finance. Claimed savings awaiting validation, "
        f"not counted above: {each} ({format_money(data.total_claimed)} in all).",
    )


def savings_by_year_table(data: SavingsByYear, surface: Surface = REPORT) -> Table:
    """Table 2 for ``surface``. Its totals are the selector's, checked against its rows so a
    spreadsheet's ``SUM`` and the printed total agree."""
    check_total("Table 2 budgeted", [y.budgeted for y in data.years], data.total_budgeted)
    check_total("Table 2 achieved", [y.achieved for y in data.years], data.total_achieved)
    if surface.claims == "column":
        check_total("Table 2 claimed", [y.claimed for y in data.years], data.total_claimed)
    return Table(
        key="table-2-savings-by-year",
        title=surface.title,
        columns=_columns(surface),
        rows=tuple(
            _row(data.number(y.year, n), y, surface) for n, y in enumerate(data.years, start=1)
        ),
        total=_total(data, surface),
        notes=claims_note(data) if surface.claims == "note" else (),
    )

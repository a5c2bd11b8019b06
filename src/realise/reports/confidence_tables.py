"""Savings by the projects' delivery confidence, laid out once (ADR 0024): the year's savings
totalled by Red/Amber/Green rating, and the budget by directorate and rating.

Like Tables 2 to 4, each builder turns its selector's result (``savings_by_confidence``) into a
table context that every surface renders: the savings monitoring report in each format
(``REPORT``), and the dashboard and the Savings page through the generic table component
(``PAGE``). A ``Wording`` says only how a surface words the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from realise.benefits.selectors import SavingsByConfidence
from realise.reports.context import (
    Cell,
    Column,
    Table,
    check_total,
    count,
    in_pounds,
    pounds_column,
    text,
    total_label,
)

# Said under the tables on every surface: the delivery confidence is not the savings RAG.
MEANING = (
    "Delivery confidence is each project's own Red, Amber or Green rating, as last set on the "
    "project. It is a different measure from the savings RAG, which compares what is achieved "
    "or forecast with the budget. Savings held outside projects have no delivery confidence."
)


@dataclass(frozen=True)
class Wording:
    """``symbol`` prints £ in each cell rather than in the heading; ``keys`` marks figures for
    a page's ``data-figure``; ``empty`` says in words when nothing is budgeted in the year."""

    symbol: bool
    keys: bool = False
    empty: bool = False


REPORT = Wording(symbol=False)
PAGE = Wording(symbol=True, keys=True, empty=True)


def _money(amount: Decimal, wording: Wording, *, summed: bool = False, key: str = "") -> Cell:
    return in_pounds(amount, symbol=wording.symbol, summed=summed, key=key if wording.keys else "")


def _empty(data: SavingsByConfidence, wording: Wording) -> tuple[str, ...]:
    if wording.empty and not data.total_budgeted and not data.total_achieved:
        return (f"No savings budgeted or achieved in {data.year.label}.",)
    return ()


def savings_by_confidence_table(data: SavingsByConfidence, wording: Wording = REPORT) -> Table:
    """The year's projects, budgeted and validated savings for each delivery-confidence rating,
    with totals that are the whole year's (savings outside projects included)."""
    lines = data.by_rating
    check_total("Confidence projects", [x.projects for x in lines], data.total_projects)
    check_total("Confidence budgeted", [x.budgeted for x in lines], data.total_budgeted)
    check_total("Confidence achieved", [x.achieved for x in lines], data.total_achieved)
    return Table(
        key="savings-by-delivery-confidence",
        title=f"Savings by delivery confidence, {data.year.label}",
        columns=(
            Column("Delivery confidence"),
            Column("Projects", numeric=True),
            pounds_column("Budgeted", symbol=wording.symbol),
            pounds_column("Achieved, validated", symbol=wording.symbol),
        ),
        rows=tuple(
            (
                text(x.label),
                count(x.projects),
                _money(x.budgeted, wording, key=f"confidence-budgeted-{x.key}"),
                _money(x.achieved, wording, key=f"confidence-achieved-{x.key}"),
            )
            for x in lines
        ),
        total=(
            total_label(),
            count(data.total_projects, summed=True),
            _money(data.total_budgeted, wording, summed=True, key="confidence-budgeted-total"),
            _money(data.total_achieved, wording, summed=True, key="confidence-achieved-total"),
        ),
        notes=(*_empty(data, wording), MEANING),
    )


def confidence_by_directorate_table(data: SavingsByConfidence, wording: Wording = REPORT) -> Table:
    """The year's budgeted savings by directorate (rows) and delivery confidence (columns), with
    each directorate's total and each rating's; the grand total is the year's budget."""
    rows, lines = data.by_directorate, data.by_rating
    for i, line in enumerate(lines):
        check_total(f"Directorate by {line.label}", [r.budgeted[i] for r in rows], line.budgeted)
    for r in rows:
        check_total(f"{r.directorate} by confidence", list(r.budgeted), r.total)
    check_total("Directorates by confidence", [r.total for r in rows], data.total_budgeted)
    return Table(
        key="savings-by-directorate-and-confidence",
        title=f"Savings budgeted by directorate and delivery confidence, {data.year.label}",
        columns=(
            Column("Directorate"),
            *(pounds_column(x.label, symbol=wording.symbol) for x in lines),
            pounds_column("Total", symbol=wording.symbol),
        ),
        rows=tuple(
            (
                text(r.directorate),
                *(_money(amount, wording) for amount in r.budgeted),
                _money(r.total, wording),
            )
            for r in rows
        ),
        total=(
            total_label(),
            *(_money(x.budgeted, wording, summed=True) for x in lines),
            _money(data.total_budgeted, wording, summed=True, key="confidence-directorates-total"),
        ),
        notes=_empty(data, wording),
    )

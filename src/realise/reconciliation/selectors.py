"""Reads of published figures, and the reconciliation of a paper with Realise: each printed
figure against the same figure of Realise's own table (built by the report's builder, see
``tables``), and each printed total against the sum of the rows the paper printed above it. The
arithmetic is ``realise.finance.reconcile``; the words and figures shown here are what the page,
the API and ``realise reconcile check`` all show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count

from realise.core.concurrency import VERSION, versioned
from realise.finance.calendar import FinancialYear
from realise.finance.reconcile import (
    DIFFERS,
    MATCH,
    MISSING,
    Printed,
    compare,
    realise_shown,
    signed,
    sum_check,
)
from realise.portfolio.models import Organisation
from realise.portfolio.naming import name_key
from realise.reconciliation.models import PublishedFigure, PublishedPaper
from realise.reconciliation.tables import (
    SOURCES,
    TOTAL,
    ColumnSpec,
    Figure,
    Source,
    figures_of,
    left_out_rating,
    row_names,
    source,
    summed_headings,
)


@dataclass(frozen=True)
class PaperLine:
    pk: int
    title: str
    committee: str
    published_on: Any
    url: str
    figures: int
    version: int | None = None  # to send back to edit it (``services.paper_update``)


def papers_list(*, organisation: Organisation) -> tuple[PaperLine, ...]:
    """The council's papers, newest first, with how many figures each holds and its version."""
    rows = (
        versioned(PublishedPaper.objects.filter(organisation=organisation))
        .annotate(count=Count("figures"))
        .order_by("-published_on", "title")
        .values("pk", "title", "committee", "published_on", "url", "count", VERSION)
    )
    return tuple(
        PaperLine(
            r["pk"], r["title"], r["committee"], r["published_on"], r["url"], r["count"], r[VERSION]
        )
        for r in rows
    )


def paper_in(*, organisation: Organisation, pk: object) -> PublishedPaper | None:
    """The council's paper ``pk`` with the version it was read at, or None (also for another
    council's)."""
    if not str(pk).isdigit():
        return None
    found = PublishedPaper.objects.filter(organisation=organisation, pk=int(str(pk)))
    return versioned(found).first()


def figures_count(*, paper: PublishedPaper) -> int:
    """How many printed figures are entered for ``paper``."""
    return PublishedFigure.objects.filter(paper=paper).count()


def figure_in(*, paper: PublishedPaper, pk: object) -> PublishedFigure | None:
    """The paper's figure ``pk``, or None."""
    if not str(pk).isdigit():
        return None
    return PublishedFigure.objects.filter(paper=paper, pk=int(str(pk))).first()


@dataclass(frozen=True)
class FigureLine:
    """A printed figure against Realise's: what, as printed, Realise's figure in full, the
    difference (printed less Realise's) and the outcome: ``match``, ``differs`` or ``missing``
    (Realise's table has no such figure)."""

    pk: int
    table: str
    year: str
    row: str
    column: str
    where: str
    printed: str
    published: Decimal
    realise: Decimal | None
    realise_text: str
    difference: Decimal | None
    difference_text: str
    outcome: str
    note: str

    @property
    def group(self) -> str:
        """The table (and year) it is in, as a page groups the lines."""
        return f"{self.table}, {self.year}" if self.year else self.table


@dataclass(frozen=True)
class SumLine:
    """A printed total against the sum of the rows printed above it in the same column."""

    table: str
    year: str
    column: str
    total: str
    rows: int
    rows_sum: Decimal
    rows_sum_text: str
    difference: Decimal
    difference_text: str
    adds_up: bool


@dataclass(frozen=True)
class Reconciliation:
    paper: PublishedPaper
    figures: tuple[FigureLine, ...]
    sums: tuple[SumLine, ...]

    @property
    def differences(self) -> int:
        return sum(1 for f in self.figures if f.outcome != MATCH)

    @property
    def sums_off(self) -> int:
        return sum(1 for s in self.sums if not s.adds_up)

    @property
    def clean(self) -> bool:
        return not self.differences and not self.sums_off

    @property
    def summary(self) -> str:
        n, t = len(self.figures), len(self.sums)
        if not n:
            return "No published figures entered yet."
        if self.clean:
            totals = f" and all {t} published totals add up" if t else ""
            return f"All {n} published figures match Realise's, within rounding{totals}."
        totals = f"; {self.sums_off} of {t} published totals do not add up" if t else ""
        return f"{self.differences} of {n} published figures differ from Realise's{totals}."


@dataclass(frozen=True)
class _Built:
    figures: dict[tuple[str, str], Figure]
    summed: set[str]
    headings: set[str]
    rows: set[str]
    problem: str = ""


def _build(organisation: Organisation, src: Source, year: int | None) -> _Built:
    try:
        table = src.build(organisation, FinancialYear(year) if year is not None else None)
    except (ObjectDoesNotExist, ValueError) as exc:
        return _Built({}, set(), set(), set(), f"Realise cannot build {src.name}: {exc}")
    figures = figures_of(table)
    headings = {heading for _, heading in figures}
    return _Built(figures, summed_headings(table), headings, row_names(table))


def _missing(figure: PublishedFigure, spec: ColumnSpec, built: _Built) -> str:
    """Why Realise has no such figure: no such column, no total for it, or no such row."""
    if built.problem:
        return built.problem
    if spec.heading not in built.headings:
        return f"Realise's table has no {spec.heading} column"
    if figure.row == TOTAL:
        return f"Realise's table has no total for {spec.heading}"
    return f'Realise\'s table has no row "{figure.row}"'


def _year_label(year: int | None) -> str:
    return FinancialYear(year).label if year is not None else ""


def _line(figure: PublishedFigure, src: Source, spec: ColumnSpec, built: _Built) -> FigureLine:
    printed = figure.printed
    ours = built.figures.get((name_key(figure.row), spec.heading))
    rating = ""
    if ours is None and not built.problem:
        rating = left_out_rating(src, figure.row, spec.heading, built.rows, built.headings)
        ours = 0 if rating else None
    found = compare(printed, ours)
    note = ""
    if found.outcome == MISSING:
        note = _missing(figure, spec, built)
    elif rating:
        zero = realise_shown(Decimal(0), spec.kind)
        note = f"Realise's table leaves {rating} out, as it holds nothing: {zero}"
    elif found.outcome == MATCH and found.difference:
        note = "the same, once rounded as printed"
    return FigureLine(
        pk=figure.pk,
        table=src.name,
        year=_year_label(figure.financial_year),
        row=figure.row,
        column=spec.heading,
        where=figure.where,
        printed=printed.shown,
        published=printed.amount,
        realise=found.realise,
        realise_text="" if found.realise is None else realise_shown(found.realise, spec.kind),
        difference=found.difference,
        difference_text="" if found.difference is None else signed(found.difference, spec.kind),
        outcome=found.outcome,
        note=note,
    )


def _sums(
    figures: list[tuple[PublishedFigure, Source, ColumnSpec]], summed: dict[Any, set[str]]
) -> list[SumLine]:
    """A printed total against the printed rows of its column, for the columns whose total in
    Realise's table is the sum of its rows (not a percentage)."""
    columns: dict[tuple[str, int | None, str], dict[str, Printed]] = defaultdict(dict)
    specs: dict[tuple[str, int | None, str], tuple[Source, ColumnSpec]] = {}
    for figure, src, spec in figures:
        key = (src.key, figure.financial_year, spec.key)
        columns[key][figure.row] = figure.printed
        specs[key] = (src, spec)
    found = []
    for key, printed in columns.items():
        src, spec = specs[key]
        total = printed.get(TOTAL)
        parts = [p for row, p in printed.items() if row != TOTAL]
        if total is None or not parts or spec.heading not in summed[(key[0], key[1])]:
            continue
        check = sum_check(total, parts)
        found.append(
            SumLine(
                table=src.name,
                year=_year_label(key[1]),
                column=spec.heading,
                total=total.shown,
                rows=len(parts),
                rows_sum=check.parts_sum,
                rows_sum_text=realise_shown(check.parts_sum, spec.kind),
                difference=check.difference,
                difference_text=signed(check.difference, spec.kind),
                adds_up=check.adds_up,
            )
        )
    return found


_ORDER = {s.key: n for n, s in enumerate(SOURCES)}


def reconciliation(*, paper: PublishedPaper) -> Reconciliation:
    """Every printed figure of ``paper`` against Realise's, and every printed total against its
    printed rows. Each of Realise's tables is built once, as it stands now."""
    organisation = paper.organisation
    stored = sorted(
        PublishedFigure.objects.filter(paper=paper),
        key=lambda f: (_ORDER.get(f.table, 99), f.financial_year or 0, f.pk),
    )
    built: dict[tuple[str, int | None], _Built] = {}
    lines, named = [], []
    for figure in stored:
        src = source(figure.table)
        spec = next(c for c in src.columns if c.key == figure.column)
        at = (src.key, figure.financial_year)
        if at not in built:
            built[at] = _build(organisation, src, figure.financial_year)
        lines.append(_line(figure, src, spec, built[at]))
        named.append((figure, src, spec))
    summed = {at: b.summed for at, b in built.items()}
    return Reconciliation(paper, tuple(lines), tuple(_sums(named, summed)))


OUTCOMES = {MATCH: "Matches", DIFFERS: "Differs", MISSING: "Not in Realise"}

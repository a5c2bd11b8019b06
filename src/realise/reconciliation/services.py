"""Writes of published figures: a paper added, edited (its title, committee, date and address)
or deleted with its figures, its printed figures entered (a new figure for a table, year, row
and column, or a corrected one in its place) and a figure removed. Every rule is here: a paper's
title and date not the council's already, the table and its columns, whether the table is of
one year and the year is one of the council's plan years, what the rows may be, the figure as
printed and its unit. The web pages, the file upload, the API and the command line all call
these; the change log keeps every paper and figure, deleted ones too."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from realise.core.concurrency import Seen, lock_seen, save_locked
from realise.core.writes import validated_save
from realise.core.years import plan_year
from realise.finance.calendar import FinancialYear
from realise.finance.reconcile import UNITS_OF, PrintedError, check_unit, read_printed
from realise.portfolio.models import Organisation
from realise.portfolio.naming import name_key
from realise.reconciliation.models import PublishedFigure, PublishedPaper
from realise.reconciliation.tables import MONEY, Source, source_named

# The most figures one paper holds: a paper's tables, many times over.
MOST_FIGURES = 2000
DEFAULT_UNIT = {kind: units[0] for kind, units in UNITS_OF.items()}


@transaction.atomic
def paper_create(
    *,
    organisation: Organisation,
    title: str,
    published_on: date,
    committee: str = "",
    url: str = "",
    figures: Iterable[FigureIn] = (),
    by: Any = None,
) -> PublishedPaper:
    """Add a paper whose printed figures are to be reconciled, with any ``figures`` it printed
    (as ``figures_set``), all or nothing; a title and date the council has already is refused on
    the title."""
    _refuse_title(organisation, title, published_on)
    paper = PublishedPaper(
        organisation=organisation,
        title=title,
        committee=committee,
        published_on=published_on,
        url=url,
    )
    validated_save(paper, by=by)
    given = list(figures)
    if given:
        figures_set(paper=paper, figures=given, by=by)
    return paper


def _refuse_title(
    organisation: Organisation, title: str, published_on: date, paper: PublishedPaper | None = None
) -> None:
    """An empty title is refused, and so are a title (capitals aside) and date the council has
    for another paper, on the title."""
    if not str(title or "").strip():
        raise ValidationError({"title": "Enter the title of the paper"})
    others = PublishedPaper.objects.filter(
        organisation=organisation, title__iexact=str(title).strip(), published_on=published_on
    )
    if paper is not None:
        others = others.exclude(pk=paper.pk)
    found = others.first()
    if found is not None:
        raise ValidationError(
            {
                "title": f"{organisation.name} already has a paper called {found.title} on "
                f"{published_on:%-d %B %Y}"
            }
        )


# What ``paper_update`` may change: all a paper is, its figures aside.
PAPER_EDITABLE = frozenset({"title", "committee", "published_on", "url"})


@transaction.atomic
def paper_update(
    *, paper: PublishedPaper, seen_version: Seen, changes: dict[str, Any], by: Any = None
) -> PublishedPaper:
    """Rename a paper, or change its committee, date or address, if nobody changed it since the
    version the user saw (else ``StaleEdit``); its figures stay. A title and date the council has
    for another paper are refused on the title."""
    unknown = sorted(set(changes) - PAPER_EDITABLE)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here" for name in unknown})
    locked = lock_seen(obj=paper, seen_version=seen_version, attempted=changes)
    published_on = changes.get("published_on", locked.published_on)
    if isinstance(published_on, date):  # else the model says what a date is
        _refuse_title(locked.organisation, changes.get("title", locked.title), published_on, locked)
    for name, value in changes.items():
        setattr(locked, name, value)
    return save_locked(locked, by=by)


@transaction.atomic
def paper_delete(*, paper: PublishedPaper, by: Any = None) -> int:
    """Delete a paper and the figures it printed (how many); the change log keeps both, as they
    were, with who deleted them."""
    locked = PublishedPaper.objects.select_for_update().filter(pk=paper.pk).first()
    if locked is None:
        return 0
    figures = list(PublishedFigure.objects.filter(paper=locked))
    for row in (*figures, locked):  # one by one, so the change log records each as deleted
        if by is not None:
            row._history_user = by  # type: ignore[attr-defined]
        row.delete()
    return len(figures)


@dataclass(frozen=True)
class FigureIn:
    """A figure as someone gives it: the table (its key or name), the financial year (for a
    table of one year), the row, the column (its key or heading), the figure as printed, its
    unit for a figure in pounds (£, £k or £m; empty means £ or what the figure says) and where
    the paper prints it."""

    table: str
    row: str
    column: str
    printed: str | Decimal | int
    year: object = None
    unit: str = ""
    where: str = ""


@dataclass(frozen=True)
class Problem:
    """What is wrong with the figure at ``index`` (from 0) of what was given, and in which
    field: table, year, row, column, printed, unit or where."""

    index: int
    field: str
    message: str


class FiguresRefused(ValidationError):
    """Figures refused, none saved; ``problems`` says which and why. As a ``ValidationError``
    each is keyed ``figures.<index>.<field>`` (the API names the field so)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        keyed: dict[str, list[str]] = {}
        for p in self.problems:
            keyed.setdefault(f"figures.{p.index}.{p.field}", []).append(p.message)
        super().__init__(keyed)


def _messages(error: ValidationError | PrintedError) -> list[str]:
    return list(error.messages) if isinstance(error, ValidationError) else [str(error)]


class _Checked:
    """One figure checked against the rules, or the problems found with it."""

    def __init__(self, paper: PublishedPaper, index: int, given: FigureIn) -> None:
        self.index = index
        self.problems: list[Problem] = []
        self.figure: PublishedFigure | None = None
        source = self._step("table", lambda: source_named(given.table))
        if source is None:
            return
        year = self._step("year", lambda: _year(paper.organisation, source, given.year))
        row = self._step("row", lambda: source.row(given.row))
        spec = self._step("column", lambda: source.column(given.column))
        printed = None
        if spec is not None:
            printed = self._step("printed", lambda: _printed(given, spec.kind, spec.heading))
        where = " ".join(str(given.where or "").split())
        if len(where) > 100:
            self.problems.append(Problem(index, "where", "Say where in at most 100 characters"))
        if self.problems or printed is None or spec is None or row is None:
            return
        self.figure = PublishedFigure(
            organisation=paper.organisation,
            paper=paper,
            table=source.key,
            financial_year=year.start if year is not None else None,
            row=row,
            column=spec.key,
            value=printed.value,
            places=printed.places,
            unit=printed.unit,
            where=where,
        )

    def _step(self, field: str, work: Any) -> Any:
        try:
            return work()
        except (ValidationError, PrintedError) as error:
            for message in _messages(error):
                self.problems.append(Problem(self.index, field, message))
            return None

    @property
    def key(self) -> tuple[Any, ...]:
        f = self.figure
        assert f is not None
        return (f.table, f.financial_year, name_key(f.row), f.column)


def _year(organisation: Organisation, source: Source, value: object) -> FinancialYear | None:
    given = value not in (None, "")
    if not source.by_year:
        if given:
            covers = "every plan year: give the year as the row" if source.year_rows else "now"
            raise ValidationError(
                f"{source.name} is not of one year (it shows {covers}): leave the year empty"
            )
        return None
    if not given:
        raise ValidationError(f"{source.name} is of one financial year: give the year")
    return FinancialYear(plan_year(value, organisation.plan_years, field="year"))


def _printed(given: FigureIn, kind: str, heading: str) -> Any:
    unit = (given.unit or "").strip()
    if kind != MONEY and unit in ("", "£"):
        unit = DEFAULT_UNIT[kind]
    printed = read_printed(given.printed, unit or "£")
    check_unit(printed, kind, heading)
    return printed


@transaction.atomic
def figures_set(
    *, paper: PublishedPaper, figures: Iterable[FigureIn], by: Any = None
) -> list[PublishedFigure]:
    """Enter the figures a paper printed, all or none: each new one is added, and one the paper
    already has (same table, year, row and column) is corrected in its place. Anything wrong with
    any of them is ``FiguresRefused``, naming each figure and field, and nothing is saved."""
    given = list(figures)
    if not given:
        raise ValidationError("Give at least one figure")
    if not PublishedPaper.objects.select_for_update().filter(pk=paper.pk).exists():
        raise ValidationError(f"{paper} has been deleted: its figures cannot be entered")
    checked = [_Checked(paper, i, f) for i, f in enumerate(given)]
    problems = [p for c in checked for p in c.problems]
    seen: dict[tuple[Any, ...], int] = {}
    for c in checked:
        if c.figure is None:
            continue
        if c.key in seen:
            problems.append(
                Problem(
                    c.index, "row", f"The same figure is also given as figure {seen[c.key] + 1}"
                )
            )
        seen.setdefault(c.key, c.index)
    if problems:
        raise FiguresRefused(problems)
    stored = {
        _key_of(f): f for f in PublishedFigure.objects.select_for_update().filter(paper=paper)
    }
    new = [c for c in checked if c.key not in stored]
    if len(stored) + len(new) > MOST_FIGURES:
        raise ValidationError(f"A paper holds at most {MOST_FIGURES:,} figures")
    return [_save(stored.get(c.key), c.figure, by) for c in checked]  # type: ignore[arg-type]


def _key_of(figure: PublishedFigure) -> tuple[Any, ...]:
    return (figure.table, figure.financial_year, name_key(figure.row), figure.column)


# What entering a figure again changes: the figure as printed; its row keeps its first spelling.
FIGURE_FIELDS = ("value", "places", "unit", "where")


def _save(existing: PublishedFigure | None, figure: PublishedFigure, by: Any) -> PublishedFigure:
    if existing is None:
        return validated_save(figure, by=by)
    if all(getattr(existing, f) == getattr(figure, f) for f in FIGURE_FIELDS):
        return existing
    for name in FIGURE_FIELDS:
        setattr(existing, name, getattr(figure, name))
    return validated_save(existing, by=by)


@transaction.atomic
def figure_remove(*, figure: PublishedFigure, by: Any = None) -> None:
    """Take a figure off its paper (entered by mistake); its history keeps it."""
    if by is not None:
        figure._history_user = by  # type: ignore[attr-defined]
    figure.delete()

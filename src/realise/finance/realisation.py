"""Benefits realisation: what an approved business case planned, what is forecast now and what
finance has validated, by benefit line and financial year, and how accurate the plan proved 6,
12 and 24 months after its approval. Plain values in, plain values out: the case pages, the
benefits realisation report and the API ask ``track`` (ADR 0040).

Definitions (each figure in pounds and pence, per financial year of the approved plan):

- **planned**: the approved version's approved option, each benefit line's amount as the engine
  works it out (``realise.finance.appraisal.engine``: after any optimism-bias haircut);
- **forecast**: for each line and year, the latest word on it: an officers' re-forecast, if one
  was recorded after the newest version saved since the approval (or there is no such version);
  else that version's figure for the same option (£0 where it no longer has the line or year);
  else the plan;
- **actual**: savings finance has validated (achieved entries in the ledger, corrections netted)
  for the case's projects, by the year they are for. A saving counts against the one benefit line
  of its type (cashable, cost avoidance, income, non-cashable) naming its directorate, else the
  one line of its type naming no directorate. When two lines share a type and directorate, the
  savings cannot be told apart between them: those lines show no actual of their own and the
  savings are counted for the case as a whole, as "not matched to a line".
- **forecast accuracy** at a checkpoint (6, 12 and 24 months after the date of approval): the
  savings validated for the plan's years and recorded on or before that day, as a percentage of
  what the plan expected by then. The plan expects each year's amount to build up evenly over
  the year's days: by a day inside a year, the share of the year's days up to and including it
  (a year ended, all of it; a year not begun, nothing), added up and rounded once to the penny.
  A checkpoint that has not passed (it is today or later) shows "not yet"; one by which the plan
  expected nothing has no percentage.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from realise.finance.calendar import FinancialYear
from realise.finance.money import ZERO
from realise.finance.profile import round_half_up, to_pence
from realise.finance.savings import percent

CHECKPOINT_MONTHS = (6, 12, 24)

PLAN = "plan"
VERSION = "version"
REFORECAST = "re-forecast"


@dataclass(frozen=True)
class PlanLine:
    """A benefit line of an option: its ``type`` is the benefit type (``cashable``,
    ``cost_avoidance``, ``income`` or ``non_cashable``), ``amounts`` its money by year."""

    id: str
    name: str
    type: str
    directorate: str
    amounts: Mapping[FinancialYear, Decimal]


@dataclass(frozen=True)
class NewerVersion:
    """A version of the case saved after the approved one: its number, when it was saved and the
    approved option's benefit lines in it."""

    number: int
    saved_at: datetime
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class Reforecast:
    """Officers' re-forecast of one line in one year, and when it was recorded."""

    line: str
    year: FinancialYear
    amount: Decimal
    at: datetime


@dataclass(frozen=True)
class Validated:
    """Savings finance validated: for ``year``, of a type, in a directorate ("" for none),
    recorded on a day (a correction is a negative amount)."""

    year: FinancialYear
    type: str
    directorate: str
    amount: Decimal
    recorded_on: date


@dataclass(frozen=True)
class LineTrack:
    """One benefit line by year. ``sources`` says where each year's forecast comes from (``PLAN``,
    ``VERSION`` or ``REFORECAST``); ``actual`` is None when the line cannot be told apart from
    another (its savings are counted for the case as a whole)."""

    id: str
    name: str
    type: str
    directorate: str
    planned: tuple[Decimal, ...]
    forecast: tuple[Decimal, ...]
    sources: tuple[str, ...]
    actual: tuple[Decimal, ...] | None

    @property
    def total_planned(self) -> Decimal:
        return sum(self.planned, ZERO)

    @property
    def total_forecast(self) -> Decimal:
        return sum(self.forecast, ZERO)

    @property
    def total_actual(self) -> Decimal | None:
        return None if self.actual is None else sum(self.actual, ZERO)


@dataclass(frozen=True)
class YearTrack:
    year: FinancialYear
    planned: Decimal
    forecast: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Checkpoint:
    """``months`` after approval, on the day ``on``. Once passed: what the plan expected by then,
    what was validated by then and the one as a percentage of the other (unrounded; None when
    nothing was expected). Before: ``passed`` is False and the figures are None."""

    months: int
    on: date
    passed: bool
    expected: Decimal | None = None
    actual: Decimal | None = None
    accuracy: Decimal | None = None

    @property
    def label(self) -> str:
        return f"{self.months} months"


@dataclass(frozen=True)
class Tracking:
    """A case's plan, forecast and actual by line and year, the savings matched to no single line
    (by year), the savings validated for years outside the plan's, and the checkpoints."""

    years: tuple[FinancialYear, ...]
    lines: tuple[LineTrack, ...]
    unmatched: tuple[Decimal, ...]
    outside: Decimal = ZERO
    checkpoints: tuple[Checkpoint, ...] = field(default=())

    @property
    def by_year(self) -> tuple[YearTrack, ...]:
        rows = []
        for index, year in enumerate(self.years):
            matched = sum((line.actual[index] for line in self.lines if line.actual), ZERO)
            rows.append(
                YearTrack(
                    year=year,
                    planned=sum((line.planned[index] for line in self.lines), ZERO),
                    forecast=sum((line.forecast[index] for line in self.lines), ZERO),
                    actual=matched + self.unmatched[index],
                )
            )
        return tuple(rows)

    @property
    def total_planned(self) -> Decimal:
        return sum((y.planned for y in self.by_year), ZERO)

    @property
    def total_forecast(self) -> Decimal:
        return sum((y.forecast for y in self.by_year), ZERO)

    @property
    def total_actual(self) -> Decimal:
        return sum((y.actual for y in self.by_year), ZERO)

    @property
    def total_unmatched(self) -> Decimal:
        return sum(self.unmatched, ZERO)

    @property
    def lines_told_apart(self) -> bool:
        """Whether every line has actuals of its own (no two share a type and directorate)."""
        return all(line.actual is not None for line in self.lines)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 August plus 6
    months is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def share_elapsed(year: FinancialYear, on: date) -> Fraction:
    """The share of ``year``'s days up to and including ``on``: 0 before it starts, 1 once it has
    ended (1 April counts 1/365 of 2025/26; 31 March all of it)."""
    if on < year.first_day:
        return Fraction(0)
    if on >= year.last_day:
        return Fraction(1)
    days = (year.last_day - year.first_day).days + 1
    return Fraction((on - year.first_day).days + 1, days)


def expected_by(planned: Mapping[FinancialYear, Decimal], on: date) -> Decimal:
    """What a plan (an amount per year) expects by ``on``: each year's amount times the share of
    its days elapsed, added up exactly and rounded once to the penny, half up."""
    exact = sum(
        (Fraction(to_pence(amount)) * share_elapsed(year, on) for year, amount in planned.items()),
        Fraction(0),
    )
    return Decimal(round_half_up(exact.numerator, exact.denominator)).scaleb(-2)


def _key(line: PlanLine) -> tuple[str, str]:
    return line.type, line.directorate.strip().casefold()


def line_for(lines: Sequence[PlanLine], kind: str, directorate: str) -> int | None:
    """The index of the one line a saving of type ``kind`` in ``directorate`` counts against:
    the line of that type naming the directorate, else the line of that type naming none; None
    when there is no such line or more than one."""
    same_type = [i for i, line in enumerate(lines) if line.type == kind]
    wanted = directorate.strip().casefold()
    named = [i for i in same_type if wanted and _key(lines[i])[1] == wanted]
    if named:
        return named[0] if len(named) == 1 else None
    general = [i for i in same_type if not _key(lines[i])[1]]
    return general[0] if len(general) == 1 else None


def told_apart(lines: Sequence[PlanLine]) -> list[bool]:
    """For each line, whether a saving can ever count against it alone: no other line has its
    type and directorate."""
    keys = [_key(line) for line in lines]
    return [keys.count(key) == 1 for key in keys]


def _latest_reforecasts(
    reforecasts: Iterable[Reforecast], after: datetime | None
) -> dict[tuple[str, FinancialYear], Reforecast]:
    latest: dict[tuple[str, FinancialYear], Reforecast] = {}
    for item in reforecasts:
        if after is not None and item.at <= after:
            continue  # a version saved since says more
        key = (item.line, item.year)
        if key not in latest or item.at > latest[key].at:
            latest[key] = item
    return latest


def _all_lines(plan: Sequence[PlanLine], newer: NewerVersion | None) -> list[PlanLine]:
    """The plan's lines, then any line only the newer version has (planned at £0)."""
    lines = list(plan)
    known = {line.id for line in plan}
    if newer is not None:
        lines += [
            PlanLine(line.id, line.name, line.type, line.directorate, {})
            for line in newer.lines
            if line.id not in known
        ]
    return lines


def _forecast(
    line: PlanLine,
    years: Sequence[FinancialYear],
    newer: NewerVersion | None,
    reforecasts: Mapping[tuple[str, FinancialYear], Reforecast],
) -> tuple[tuple[Decimal, ...], tuple[str, ...]]:
    version = None
    if newer is not None:
        version = next((n for n in newer.lines if n.id == line.id), None)
    amounts: list[Decimal] = []
    sources: list[str] = []
    for year in years:
        said = reforecasts.get((line.id, year))
        if said is not None:
            amounts.append(said.amount)
            sources.append(REFORECAST)
        elif newer is not None:
            amounts.append(version.amounts.get(year, ZERO) if version else ZERO)
            sources.append(VERSION)
        else:
            amounts.append(line.amounts.get(year, ZERO))
            sources.append(PLAN)
    return tuple(amounts), tuple(sources)


def _actuals(
    lines: Sequence[PlanLine], years: Sequence[FinancialYear], savings: Iterable[Validated]
) -> tuple[list[list[Decimal]], list[Decimal], Decimal]:
    """Validated savings by line and year, those matched to no single line by year, and those
    for years outside ``years``."""
    index = {year: i for i, year in enumerate(years)}
    by_line = [[ZERO for _ in years] for _ in lines]
    unmatched = [ZERO for _ in years]
    outside = ZERO
    for saving in savings:
        at = index.get(saving.year)
        if at is None:
            outside += saving.amount
            continue
        line = line_for(lines, saving.type, saving.directorate)
        if line is None:
            unmatched[at] += saving.amount
        else:
            by_line[line][at] += saving.amount
    return by_line, unmatched, outside


def checkpoints(
    *,
    planned: Mapping[FinancialYear, Decimal],
    savings: Sequence[Validated],
    approved_on: date | None,
    today: date,
    months: Sequence[int] = CHECKPOINT_MONTHS,
) -> tuple[Checkpoint, ...]:
    """The forecast accuracy ``months`` after ``approved_on`` (none without a date of approval):
    validated savings for the plan's years recorded by each checkpoint against what the plan
    expected by then. A checkpoint not yet passed (today or later) has no figures."""
    if approved_on is None:
        return ()
    out = []
    for count in months:
        on = add_months(approved_on, count)
        if on >= today:
            out.append(Checkpoint(count, on, passed=False))
            continue
        expected = expected_by(planned, on)
        actual = sum((s.amount for s in savings if s.year in planned and s.recorded_on <= on), ZERO)
        out.append(Checkpoint(count, on, True, expected, actual, percent(actual, expected)))
    return tuple(out)


def track(
    *,
    years: Sequence[FinancialYear],
    plan: Sequence[PlanLine],
    newer: NewerVersion | None = None,
    reforecasts: Iterable[Reforecast] = (),
    savings: Iterable[Validated] = (),
    approved_on: date | None = None,
    today: date,
) -> Tracking:
    """Plan, forecast and actual of a case's benefit lines over the plan's ``years``, with the
    forecast accuracy at each checkpoint after ``approved_on`` that has passed by ``today``."""
    years = tuple(years)
    savings = tuple(savings)
    lines = _all_lines(plan, newer)
    latest = _latest_reforecasts(reforecasts, newer.saved_at if newer else None)
    by_line, unmatched, outside = _actuals(lines, years, savings)
    apart = told_apart(lines)
    tracked = []
    for line, actual, alone in zip(lines, by_line, apart, strict=True):
        forecast, sources = _forecast(line, years, newer, latest)
        tracked.append(
            LineTrack(
                id=line.id,
                name=line.name,
                type=line.type,
                directorate=line.directorate,
                planned=tuple(line.amounts.get(year, ZERO) for year in years),
                forecast=forecast,
                sources=sources,
                actual=tuple(actual) if alone else None,
            )
        )
    planned = {year: sum((line.amounts.get(year, ZERO) for line in plan), ZERO) for year in years}
    return Tracking(
        years=years,
        lines=tuple(tracked),
        unmatched=tuple(unmatched),
        outside=outside,
        checkpoints=checkpoints(
            planned=planned, savings=savings, approved_on=approved_on, today=today
        ),
    )

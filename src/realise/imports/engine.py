"""Run an import: read the file, match each sheet to a kind, turn every row into a service call
inside ONE transaction, and keep it only when nothing was rejected and the user confirmed.

A dry run does the same work and rolls it back, so the preview reports exactly what the confirmed
import will do (including rules only the database can check, such as what is left in a fund).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from realise.finance.casefile.workbook_layout import INPUTS, MARKER_LABEL, MARKER_ROW
from realise.imports import cells
from realise.imports.context import Context
from realise.imports.headings import SKIPPED_SHEETS, Match, best_match
from realise.imports.kinds import KINDS, Kind, Values
from realise.imports.kinds.columns import UNREAD
from realise.imports.readers import ImportFileError, Row, Sheet, read_workbook
from realise.portfolio.models import Organisation

# Enough to fix a file by; the count of the rest is still given.
MAX_PROBLEMS = 500

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Problem:
    """Something wrong, located as precisely as we can: file, sheet, row, column."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True)
class Change:
    action: str  # "create" or "update"
    kind: str
    sheet: str | None
    row: int
    description: str


@dataclass
class Outcome:
    file: str
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run and bool(self.changes)

    @property
    def created(self) -> list[Change]:
        return [c for c in self.changes if c.action == "create"]

    @property
    def updated(self) -> list[Change]:
        return [c for c in self.changes if c.action == "update"]

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


class _Rollback(Exception):
    """Raised inside the transaction to undo a dry run or a rejected import."""


def run_import(
    path: Path,
    *,
    organisation: Organisation,
    filename: str | None = None,
    kind: Kind | None = None,
    dry_run: bool = True,
    by: Any = None,
    progress: Progress | None = None,
) -> Outcome:
    """Import ``path`` into ``organisation``: all of it, or (on any problem, or a dry run) none."""
    name = filename or Path(path).name
    outcome = Outcome(name, dry_run)
    try:
        book = read_workbook(Path(path), name)
        try:
            outcome.notices.extend(book.notices)
            if _a_case_workbook(book.sheets):
                outcome.add(Problem(name, CASE_WORKBOOK, INPUTS, MARKER_ROW))
                return outcome
            _run_plan(
                _plan_sheets(book.sheets, kind, outcome),
                Context(organisation, by),
                outcome,
                progress,
            )
        finally:
            book.close()
    except ImportFileError as exc:
        outcome.add(Problem(name, str(exc).removeprefix(f"{name}: ").removeprefix(f"{name} ")))
    if outcome.ok and not outcome.changes and not outcome.unchanged:
        outcome.add(Problem(name, "found no rows to import: see the templates for the headings"))
    return outcome


CASE_WORKBOOK = (
    "is the workbook of a business case, not a list: store it on the business cases pages "
    "(Store a business case, or a case's New version), or open it in the business-case editor "
    "(Write a business case, Or start from a file)"
)


def _a_case_workbook(sheets: list[Sheet]) -> bool:
    """Whether the book is a format 2 case's workbook (its Inputs sheet has the marker); the
    rows looked at are put back for the import to read."""
    for index, sheet in enumerate(sheets):
        if sheet.name != INPUTS:
            continue
        first = list(islice(sheet.rows, MARKER_ROW))
        sheets[index] = Sheet(sheet.name, chain(first, sheet.rows))
        return any(values[:1] == [MARKER_LABEL] for _, values in first)
    return False


def _run_plan(plan: list[_SheetPlan], ctx: Context, outcome: Outcome, progress: Progress | None):
    """Apply every row in one transaction; undo it all for a dry run or on any problem."""
    try:
        with transaction.atomic():
            _apply(plan, ctx, outcome, progress)
            if outcome.dry_run or not outcome.ok:
                raise _Rollback
    except _Rollback:
        pass


@dataclass
class _SheetPlan:
    sheet: Sheet
    match: Match
    rows: Iterator[Row]
    pending: list[Any] = field(default_factory=list)
    cells: list[tuple[int, Any, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Each used position with its column and heading, worked out once per sheet."""
        self.cells = [
            (position, column, self.match.heading(column.field))
            for position, column in self.match.columns.items()
        ]


def _header(sheet: Sheet) -> tuple[int, list[Any]] | None:
    for number, values in sheet.rows:
        if any(not cells.is_blank(v) for v in values):
            return number, values
    return None


def _plan_sheets(sheets: list[Sheet], only: Kind | None, outcome: Outcome) -> list[_SheetPlan]:
    plans = []
    for sheet in sheets:
        if sheet.name is not None and cells.normal(sheet.name) in SKIPPED_SHEETS:
            continue
        header = _header(sheet)
        if header is None:
            continue
        found = best_match(header[1], sheet.name, only)
        label = f'Sheet "{sheet.name}"' if sheet.name else "The file"
        if found is None:
            outcome.notices.append(f"{label} was skipped: its headings match no kind of list")
            continue
        if found.missing:
            for column in found.missing:
                outcome.add(_missing(outcome.file, sheet, header[0], column, found.kind))
            continue
        if found.unused:
            unused = ", ".join(f'"{h}"' for h in found.unused)
            outcome.notices.append(f"{label} ({found.kind.label}): columns not used: {unused}")
        plans.append(_SheetPlan(sheet, found, sheet.rows))
    order = list(KINDS)
    plans.sort(key=lambda p: order.index(p.match.kind.name))
    return plans


def _missing(file: str, sheet: Sheet, row: int, column: Any, kind: Kind) -> Problem:
    also = f" (or {', '.join(column.synonyms[:3])})" if column.synonyms else ""
    return Problem(
        file,
        f'has no "{column.heading}" column{also}, which a list of {kind.label.lower()} needs',
        sheet.name,
        row,
    )


# Rows of a bulk kind held before they are inserted together (one prepared INSERT for them all).
BULK = 5_000


def _apply(plans: list[_SheetPlan], ctx: Context, outcome: Outcome, progress: Progress | None):
    for plan in plans:
        seen: dict[tuple[Any, ...], int] = {}
        for number, values in plan.rows:
            if progress is not None:
                progress(1)
            if all(cells.is_blank(v) for v in values):
                continue
            parsed, unread = _parse_row(plan, ctx, number, values, outcome)
            if not unread:
                _apply_row(plan, ctx, number, parsed, seen, outcome)
            else:
                _check_rest(plan, ctx, number, parsed, unread, outcome)
            if len(plan.pending) >= BULK:
                _flush(plan, ctx, outcome)
        _flush(plan, ctx, outcome)


def _flush(plan: _SheetPlan, ctx: Context, outcome: Outcome) -> None:
    """Insert the rows a bulk kind has built, once none of the file's rows is rejected."""
    insert = plan.match.kind.insert
    if plan.pending and insert is not None and outcome.ok:
        try:
            insert(ctx, plan.pending)
        except (ValidationError, DatabaseError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            for message in messages:
                outcome.add(
                    Problem(outcome.file, f"could not be saved: {message}", plan.sheet.name)
                )
    plan.pending = []


def _parse_row(
    plan: _SheetPlan, ctx: Context, number: int, values: list[Any], outcome: Outcome
) -> tuple[Values, list[str]]:
    """The row's cells as values, and the fields of those that could not be read (each reported
    where it is), a required empty one among them."""
    parsed: Values = {}
    unread: list[str] = []
    for position, column, heading in plan.cells:
        raw = values[position] if position < len(values) else None
        if raw is None or cells.is_blank(raw):
            if column.required:
                outcome.add(_at(plan, outcome, number, heading, "is empty: fill it in"))
                unread.append(column.field)
            continue
        try:
            parsed[column.field] = column.parse(raw, ctx)
        except cells.CellError as exc:
            outcome.add(_at(plan, outcome, number, heading, str(exc)))
            unread.append(column.field)
    return parsed, unread


def _check_rest(
    plan: _SheetPlan, ctx: Context, number: int, values: Values, unread: list[str], outcome: Outcome
) -> None:
    """A row with a cell that could not be read goes through its service with the cells that
    could, so every problem of the row comes in one pass: an unknown project code does not hide
    a negative amount. Only the service's refusals of cells it was given are reported (one about
    a cell left out, or about the whole row, may be no more than its absence). What the service
    writes stays in the import's transaction, which the problem undoes, so later rows that name
    this one are checked as the file means them. A row without one of its required cells goes no
    further: its service needs that cell."""
    if any(column.required and column.field in unread for _, column, _ in plan.cells):
        return
    values[UNREAD] = frozenset(unread)
    read = {heading for _, column, heading in plan.cells if column.field in values}
    try:
        with transaction.atomic():  # a database error undoes this row alone
            _write(plan, ctx, values)
    except ValidationError as exc:
        for column, message in _messages(plan.match, exc):
            if column in read:
                outcome.add(_at(plan, outcome, number, column, message))
    except DatabaseError:
        pass  # the row is refused already; what the database says may be its absent cells


def _at(plan: _SheetPlan, outcome: Outcome, row: int, column: str | None, msg: str) -> Problem:
    return Problem(outcome.file, msg, plan.sheet.name, row, column)


def _apply_row(plan, ctx, number, values: Values, seen: dict, outcome: Outcome) -> None:
    kind = plan.match.kind
    try:
        key = kind.key(values)
        if key in seen:
            raise ValidationError(
                f"repeats row {seen[key]}: the same {kind.noun} appears twice"
                + (" (give each a different Reference)" if kind.name == "savings" else "")
            )
        seen[key] = number
        action = _write(plan, ctx, values)
    except ValidationError as exc:
        for column, message in _messages(plan.match, exc):
            outcome.add(_at(plan, outcome, number, column, message))
        return
    except DatabaseError as exc:
        outcome.add(_at(plan, outcome, number, None, f"could not be saved ({exc})"))
        return
    if action:
        change = Change(action, kind.label, plan.sheet.name, number, kind.describe(values))
        outcome.changes.append(change)
    else:
        outcome.unchanged += 1


def _write(plan: _SheetPlan, ctx: Context, values: Values) -> str:
    """Create, build (for a bulk kind) or update the row's record through its kind's services:
    "create", "update", or "" when the record already says what the row does."""
    kind = plan.match.kind
    existing = kind.find(ctx, values)
    if existing is None and kind.build is not None:
        plan.pending.append(kind.build(ctx, values))
        return "create"
    if existing is None:
        kind.create(ctx, values)
        return "create"
    return "update" if kind.update(ctx, existing, values) else ""


def _messages(found: Match, exc: ValidationError) -> list[tuple[str | None, str]]:
    """Each message of a validation error with the heading of the column it is about."""
    if not hasattr(exc, "error_dict"):
        return [(None, m) for m in exc.messages]
    located = []
    for name, messages in exc.message_dict.items():
        heading = found.heading(name)
        for message in messages:
            if heading is None and name != "__all__":
                message = f"{name.replace('_', ' ').capitalize()}: {message}"
            located.append((heading, message))
    return located

"""The shared machinery of the kinds: what a column is (heading, synonyms, parser, how a value is
exported), what a kind is, the parsers, and the columns several kinds use. One table of columns
serves import, export and templates, so an exported list imports back unchanged.

A kind turns a row into calls of its domain's services (``realise.<app>.services``) and never
sets a model field itself: ``differing`` works out what a row changes, and the services write
it, with its history and logs (ADR 0023).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from realise.benefits.models import SavingKind
from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.imports import cells
from realise.imports.context import Context
from realise.portfolio.models import WHOLE_COUNCIL, Organisation

Values = dict[str, Any]
# In the values of a row with cells that could not be read (and were reported), which fields
# they were: the engine still checks the rest of the row (``engine._check_rest``), and a kind
# that compares a whole row with what is stored leaves such a row alone.
UNREAD = "_unread"
Parser = Callable[[Any, Context], Any]
Names = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column: ``field`` is the model field it fills (so validation errors find it)."""

    field: str
    heading: str
    parse: Callable[[Any, Context], Any]
    export: Callable[[Any], Any]
    required: bool = False
    synonyms: tuple[str, ...] = ()
    hint: str = ""
    choices: str | None = None  # a drop-down list in templates: see templates.LISTS
    example: Any = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    noun: str
    columns: tuple[Column, ...]
    key: Callable[[Values], tuple[Any, ...]]
    find: Callable[[Context, Values], Any]
    create: Callable[[Context, Values], Any]
    update: Callable[[Context, Any, Values], bool]
    rows: Callable[[Organisation], models.QuerySet[Any]]
    describe: Callable[[Values], str]
    synonyms: tuple[str, ...] = field(default=())
    # For kinds imported in bulk: make a validated, unsaved object; save many at once.
    build: Callable[[Context, Values], Any] | None = None
    insert: Callable[[Context, list[Any]], Any] | None = None

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)


# Parsers and exporters shared by the kinds ------------------------------------------------------


def as_text(value: Any, ctx: Context) -> str:
    return cells.text(value)


def as_money(value: Any, ctx: Context) -> Decimal:
    return cells.money(value)


def as_decimal(value: Any, ctx: Context) -> Decimal:
    return cells.decimal_value(value)


def as_year(value: Any, ctx: Context) -> int:
    return cells.year(value)


def as_day(value: Any, ctx: Context) -> date:
    return cells.day(value)


def as_rating(value: Any, ctx: Context) -> int:
    return cells.whole_number(value, low=1, high=5)


def as_yes_no(value: Any, ctx: Context) -> bool:
    return cells.yes_no(value)


def _choice(choices: type[models.TextChoices], what: str) -> Callable[[Any, Context], str]:
    return lambda value, ctx: cells.choice(value, choices.choices, what=what)


def _label(choices: type[models.TextChoices]) -> Callable[[Any], str]:
    return lambda value: str(choices(value).label) if value else ""


def _name(obj: Any) -> str:
    return "" if obj is None else str(getattr(obj, "name", obj))


def _code(obj: Any) -> str:
    return "" if obj is None else obj.code


def year_label(start: int) -> str:
    return FinancialYear(start).label


def _as_is(value: Any) -> Any:
    return "" if value is None else value


def _attr(name: str, convert: Callable[[Any], Any] = _as_is) -> Callable[[Any], Any]:
    return lambda obj: convert(getattr(obj, name))


def differing(obj: Any, values: Values, names: Names) -> Values:
    """The given fields of ``values`` that differ from what ``obj`` holds: the changes a row asks
    for. Read only: a service writes them."""
    return {n: values[n] for n in names if n in values and getattr(obj, n) != values[n]}


def updated(
    service: Callable[..., Any], what: str, ctx: Context, obj: Any, values: Values, names: Names
) -> bool:
    """Apply the fields of ``values`` that differ from ``obj`` (passed to ``service``, an update
    service such as ``risks.services.risk_update``, as its argument ``what``) by the person
    importing; whether anything changed. An import shows nobody a version, so it applies over
    whatever is stored now (``LATEST``), under the service's row lock."""
    changes = differing(obj, values, names)
    if changes:
        service(**{what: obj}, seen_version=LATEST, changes=changes, by=ctx.by)
    return bool(changes)


def pk(obj: Any) -> Any:
    return None if obj is None else obj.pk


def plain(name: str, heading: str, parse: Parser = as_text, **more: Any) -> Column:
    """A column exported as the attribute it fills, as it is (text, dates, numbers)."""
    return Column(name, heading, parse, _attr(name), **more)


def chosen(
    name: str, heading: str, options: type[models.TextChoices], what: str, **more: Any
) -> Column:
    """One of a model's choices: read by its label or stored value, exported by its label."""
    return Column(name, heading, _choice(options, what), _attr(name, _label(options)), **more)


def named(name: str, heading: str, lookup: Callable[[Context, Any], Any], **more: Any) -> Column:
    """A directorate, programme, stage, fund or board: read by name (``lookup`` is the Context
    method that finds it), exported by name."""
    return Column(name, heading, lambda value, ctx: lookup(ctx, value), _attr(name, _name), **more)


DIRECTORATE = named(
    "directorate",
    "Directorate",
    Context.directorate,
    synonyms=("service area", "service", "department", "dept"),
    choices="directorates",
)
PROJECT = Column(
    "project",
    "Project code",
    lambda v, ctx: ctx.project(v),
    _attr("project", _code),
    synonyms=("project", "code", "project ref", "project reference", "project id"),
    choices="projects",
)
YEAR = Column(
    "financial_year",
    "Year",
    as_year,
    _attr("financial_year", year_label),
    required=True,
    synonyms=("financial year", "fy", "budget year"),
    hint="Financial year such as 2025/26",
    choices="years",  # the template's example is a plan year: see templates._year_example
)
SAVING_KIND = chosen(
    "kind",
    "Kind",
    SavingKind,
    "kind of saving",
    synonyms=("saving type", "type", "category", "saving kind"),
    choices="saving_kinds",
    example="Cashable saving",
)


def scope(values: Values) -> tuple[Any, Any]:
    project = values.get("project")
    directorate = values.get("directorate")
    if project is not None and directorate is None:
        directorate = project.directorate
    return directorate, project


def scope_key(values: Values) -> tuple[Any, ...]:
    directorate, project = scope(values)
    return (
        pk(directorate),
        pk(project),
        values["financial_year"],
        values.get("kind", "cashable"),
    )


def describe_saving(values: Values) -> str:
    directorate, project = scope(values)
    where = project.code if project else (directorate.name if directorate else WHOLE_COUNCIL)
    amount = cells.shown(format_money(values["amount"], places=2))
    return f"{year_label(values['financial_year'])} {where}: {amount}"


AMOUNT = plain(
    "amount",
    "Amount",
    as_money,
    required=True,
    synonyms=("value", "£", "amount £", "saving", "savings", "budget", "target", "achieved"),
    hint="Pounds: £1,234.50, 1234.5, (1,200) or £1.2m",
    example=Decimal("250000.00"),
)

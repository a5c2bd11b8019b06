"""Changes to a record as a person reads them: the field's label, a choice's label, a related
record's name and dates in words; "Project lead: (empty) → Sam Jones", never "lead_user: None → 3".

The names of related records are looked up together, one query per kind of record, so a page
of changes costs the same few queries however long it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from realise.core.concurrency import FieldChange

EMPTY = "(empty)"


@dataclass(frozen=True)
class ShownChange:
    """One change to a record, as a person reads it: field label and values in words."""

    field: str
    before: str
    after: str
    by: str
    at: datetime


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _relation(field: Any) -> Any:
    """The model a field points at, for a foreign key or one-to-one; else None."""
    if field is not None and field.is_relation and field.related_model is not None:
        return field.related_model
    return None


class Names:
    """The names of the related records a set of changes mentions: asked for with ``want``,
    fetched by ``load`` in one query per related model, read with ``of``."""

    def __init__(self) -> None:
        self._wanted: dict[Any, set[Any]] = {}
        self._found: dict[tuple[Any, Any], str] = {}

    def want(self, model: type[models.Model], changes: Iterable[FieldChange]) -> None:
        for change in changes:
            related = _relation(_field(model, change.field))
            if related is None:
                continue
            for value in (change.before, change.after):
                if value not in (None, ""):
                    self._wanted.setdefault(related, set()).add(value)

    def load(self) -> Names:
        for related, keys in self._wanted.items():
            for row in related._default_manager.filter(pk__in=keys):
                self._found[(related, row.pk)] = str(row)
        self._wanted = {}
        return self

    def of(self, related: Any, key: Any) -> str:
        return self._found.get((related, key), "a record since deleted")


def in_words(field: Any, value: Any, names: Names) -> str:
    """One value of ``field`` in words."""
    if value is None or value == "":
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    related = _relation(field)
    if related is not None:
        return names.of(related, value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{value.day} {value:%B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def label_of(model: type[models.Model], name: str) -> str:
    """A field's label ("Project lead"), else its name in words ("Lead user")."""
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name))
    return capfirst(name.replace("_", " "))


def shown_changes(
    model: type[models.Model], changes: Iterable[FieldChange], names: Names | None = None
) -> list[ShownChange]:
    """``changes`` to a ``model`` row in words: "Stage: Understand → Deliver", not "3 → 5".
    Pass ``names`` already loaded when showing many records' changes together."""
    changes = tuple(changes)
    if names is None:
        names = Names()
        names.want(model, changes)
        names.load()
    shown = []
    for change in changes:
        field = _field(model, change.field)
        shown.append(
            ShownChange(
                field=label_of(model, change.field),
                before=in_words(field, change.before, names),
                after=in_words(field, change.after, names),
                by=change.by,
                at=change.at,
            )
        )
    return shown

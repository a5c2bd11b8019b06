"""Writes to a council's reference data: its directorates, programmes, lifecycle stages,
priorities and boards (risk bands: ``realise.risks.services``). Add, rename, move, retire and
restore, each a keyword-only service taking ``by=`` the person, re-exported by
``realise.portfolio.services``; the web's Settings, the API and ``realise setup`` call these.

A change never rewrites history. A renamed item keeps its id, so every record that uses it, and
every report, past years' too, shows its current name; its simple-history records keep each name
it had, and the change log shows the rename. A retired item stays on the records that have it and
in reports but is not offered for new records: ``refuse_retired`` is what every service that
creates a record (or changes which item a record uses) asks, so the web, the API and the import
all refuse it with the same message, while a record that already has it can still be edited.
Names that a reader would take for the same one (differing only in letter case or spaces,
``realise.portfolio.naming``) are refused within a kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from realise.core.writes import validated_save
from realise.portfolio.models import (
    Board,
    Directorate,
    LifecycleStage,
    Organisation,
    Priority,
    Programme,
    Retirable,
)
from realise.portfolio.naming import clashing_name, moved

Reference = Directorate | Programme | LifecycleStage | Priority | Board


@dataclass(frozen=True)
class Kind:
    """A kind of reference data: ``key`` in addresses and commands ("stage"), ``path`` in the
    API ("stages"), its names in messages, and its model."""

    key: str
    path: str
    singular: str
    plural: str
    model: type[Any]

    @property
    def title(self) -> str:
        return self.plural[0].upper() + self.plural[1:]


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("directorate", "directorates", "directorate", "directorates", Directorate),
        Kind("programme", "programmes", "programme", "programmes", Programme),
        Kind("stage", "stages", "lifecycle stage", "lifecycle stages", LifecycleStage),
        Kind("priority", "priorities", "priority", "priorities", Priority),
        Kind("board", "boards", "board", "boards", Board),
    )
}


def kind_named(key: str) -> Kind:
    """The kind called ``key`` (its key or its API path); else a ``ValueError`` naming them."""
    wanted = key.strip().lower()
    for kind in KINDS.values():
        if wanted in (kind.key, kind.path):
            return kind
    raise ValueError(f'"{key}" is not a kind of setting: choose {", ".join(KINDS)}')


def kind_of(item: models.Model) -> Kind:
    return next(kind for kind in KINDS.values() if isinstance(item, kind.model))


def in_order(model: type[Any], organisation: Organisation | int) -> models.QuerySet[Any]:
    """The council's items of ``model`` (retired ones too) in the order lists show them."""
    ordering = [f for f in model._meta.ordering if f != "organisation"]
    return model.objects.filter(organisation=organisation).order_by(*ordering, "pk")


# The rules every service asks ------------------------------------------------------------------


def refuse_retired(field: str, item: Retirable | None, *, kept: object = None) -> None:
    """A ``ValidationError`` on ``field`` if ``item`` is retired, unless it is ``kept``: the id
    the record already has (an edit that leaves it as it is)."""
    if item is None or not item.retired or (kept is not None and item.pk == kept):
        return
    name = getattr(item, "name", str(item))
    raise ValidationError(
        {
            field: f"{name} is retired: it stays on the records that already have it, but new "
            f"ones cannot use it. Choose another {kind_of(item).singular}, or ask a TMO admin "
            "to restore it in Settings"
        }
    )


def name_free(
    model: type[Any], organisation: Organisation, name: str, *, what: str, item: Any = None
) -> str:
    """``name`` without spaces at its ends, if no other ``what`` of the council has it or a name
    that differs only in letter case or spaces; else a ``ValidationError`` on ``name``."""
    wanted = (name or "").strip()
    if not wanted:
        raise ValidationError({"name": f"Enter the {what}'s name"})
    others = model.objects.filter(organisation=organisation)
    if item is not None:
        others = others.exclude(pk=item.pk)
    found = {row.name: row.retired for row in others.only("name", "retired")}
    clash = clashing_name(wanted, found)
    if clash is None:
        return wanted
    alike = "" if clash == wanted else ", which differs only in letter case or spaces"
    retired = " (it is retired: restore it instead)" if found[clash] else ""
    raise ValidationError(
        {
            "name": f'{organisation.name} already has a {what} called "{clash}"{alike}{retired}: '
            "choose a different name"
        }
    )


def _after_last(model: type[Any], organisation: Organisation) -> int:
    """The order of an item added at the end. While the council has never put the kind in an
    order of its own (every order 0: lists go by name), a new item joins that way too."""
    top = model.objects.filter(organisation=organisation).aggregate(top=models.Max("order"))
    last = top["top"] or 0
    return last + 1 if last or model is LifecycleStage else 0


# Adding ------------------------------------------------------------------------------------------


@transaction.atomic
def directorate_create(
    *, organisation: Organisation, name: str, order: int | None = None, by: Any = None
) -> Directorate:
    name = name_free(Directorate, organisation, name, what="directorate")
    place = _after_last(Directorate, organisation) if order is None else order
    return validated_save(Directorate(organisation=organisation, name=name, order=place), by=by)


@transaction.atomic
def programme_create(
    *,
    organisation: Organisation,
    name: str,
    directorate: Directorate | None = None,
    summary: str = "",
    by: Any = None,
) -> Programme:
    name = name_free(Programme, organisation, name, what="programme")
    refuse_retired("directorate", directorate)
    programme = Programme(
        organisation=organisation,
        name=name,
        directorate=directorate,
        summary=summary,
        order=_after_last(Programme, organisation),
    )
    return validated_save(programme, by=by)


@transaction.atomic
def priority_create(
    *, organisation: Organisation, name: str, plan: str = "", by: Any = None
) -> Priority:
    name = name_free(Priority, organisation, name, what="priority")
    place = _after_last(Priority, organisation)
    return validated_save(
        Priority(organisation=organisation, name=name, plan=plan, order=place), by=by
    )


@transaction.atomic
def lifecycle_stage_create(
    *, organisation: Organisation, name: str, order: int | None = None, by: Any = None
) -> LifecycleStage:
    name = name_free(LifecycleStage, organisation, name, what="lifecycle stage")
    place = _after_last(LifecycleStage, organisation) if order is None else order
    return validated_save(LifecycleStage(organisation=organisation, name=name, order=place), by=by)


@transaction.atomic
def board_create(*, organisation: Organisation, name: str, by: Any = None) -> Board:
    name = name_free(Board, organisation, name, what="board")
    place = _after_last(Board, organisation)
    return validated_save(Board(organisation=organisation, name=name, order=place), by=by)


_ADD = {
    "directorate": directorate_create,
    "programme": programme_create,
    "stage": lifecycle_stage_create,
    "priority": priority_create,
    "board": board_create,
}


def reference_add(
    *, kind: Kind | str, organisation: Organisation, name: str, by: Any = None
) -> Reference:
    """Add an item of ``kind`` called ``name``, at the end of the council's list of that kind."""
    chosen = kind if isinstance(kind, Kind) else kind_named(kind)
    created: Reference = _ADD[chosen.key](organisation=organisation, name=name, by=by)
    return created


# Renaming, moving, retiring and restoring --------------------------------------------------------


@transaction.atomic
def reference_change(
    *,
    item: Reference,
    name: str | None = None,
    position: int | None = None,
    retired: bool | None = None,
    by: Any = None,
) -> Reference:
    """Rename ``item``, move it to ``position`` in its council's list of its kind (1 is first;
    the others keep their order), retire it or restore it: whichever are given, in one
    transaction. Giving what it already has changes nothing. Returns the item as saved."""
    kind = kind_of(item)
    locked = kind.model.objects.select_for_update().get(pk=item.pk)
    changed = False
    if name is not None and name.strip() != locked.name:
        locked.name = name_free(
            kind.model, locked.organisation, name, what=kind.singular, item=locked
        )
        changed = True
    if retired is not None and bool(retired) != locked.retired:
        locked.retired = bool(retired)
        changed = True
    if changed:
        validated_save(locked, by=by)
    if position is not None:
        _move(kind, locked, position, by)
    found: Reference = kind.model.objects.get(pk=item.pk)
    return found


def _move(kind: Kind, item: Reference, position: int, by: Any) -> None:
    """Number the council's items of ``kind`` 1, 2, 3... with ``item`` at ``position``, saving
    (with history) only those whose number changes."""
    rows = list(in_order(kind.model, item.organisation_id).select_for_update())
    try:
        order = moved([row.pk for row in rows], item.pk, position)
    except ValueError as exc:
        raise ValidationError({"position": str(exc)}) from None
    if order == [row.pk for row in rows]:
        return  # already there: the numbers are left as they are (all 0: in order of name)
    wanted = {pk: place for place, pk in enumerate(order, start=1)}
    changing = [row for row in rows if row.order != wanted[row.pk]]
    if kind.model is LifecycleStage and changing:
        # A stage's order is unique: the moving stages wait past the end first (no history is
        # written for that moment), so no two share a number on the way.
        top = max(row.order for row in rows)
        for extra, row in enumerate(changing, start=1):
            kind.model.objects.filter(pk=row.pk).update(order=top + extra)
    for row in changing:
        row.order = wanted[row.pk]
        validated_save(row, by=by)

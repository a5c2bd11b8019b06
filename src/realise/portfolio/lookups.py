"""Reads the pages need beside the portfolio's tables (``selectors.py``): a council's
directorates, programmes, priorities, stages, boards, projects and people (who may lead a
project) to choose from in a form, its reference data as Settings lists it, one project found by
its key, and the records a request names (a programme or priorities by name, a lead by email
address). The web pages reach the portfolio's rows only through these and the selectors
(ADR 0021).

A form that makes or changes a record offers only what is in use (``offered=True``), plus the
item the record already has (``keeping``), so an edit never forces a retired value off it; lists
and filters of what is recorded offer everything."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from realise.core.concurrency import versioned
from realise.portfolio.models import (
    Board,
    Directorate,
    LifecycleStage,
    Organisation,
    Priority,
    Programme,
    Project,
)
from realise.portfolio.naming import same_name
from realise.portfolio.people import lead_named, people_of
from realise.portfolio.reference import Kind, in_order, kind_named
from realise.portfolio.selectors import directorate_named

__all__ = [
    "Listed",
    "boards",
    "directorate_named",
    "directorates",
    "lead_named",
    "lifecycle_stages",
    "people",
    "priorities",
    "priorities_named",
    "programme_named",
    "programmes",
    "project_filter_choices",
    "project_in",
    "project_to_change",
    "projects",
    "reference_in",
    "reference_items",
    "reference_named",
]

M = TypeVar("M", bound=models.Model)


def _offered(rows: models.QuerySet[M], offered: bool, keeping: object) -> models.QuerySet[M]:
    if not offered:
        return rows
    in_use = models.Q(retired=False)
    return rows.filter(in_use | models.Q(pk=keeping) if keeping else in_use)


def directorates(
    *, organisation: Organisation, offered: bool = False, keeping: object = None
) -> models.QuerySet[Directorate]:
    rows = Directorate.objects.filter(organisation=organisation)
    return _offered(rows, offered, keeping)


def programmes(
    *,
    organisation: Organisation,
    with_directorate: bool = False,
    offered: bool = False,
    keeping: object = None,
) -> models.QuerySet[Programme]:
    found = _offered(Programme.objects.filter(organisation=organisation), offered, keeping)
    return found.select_related("directorate") if with_directorate else found


def priorities(
    *, organisation: Organisation, offered: bool = False, keeping: Iterable[object] = ()
) -> models.QuerySet[Priority]:
    """The council's priorities; with ``offered``, those in use and those in ``keeping`` (the
    ones a project already has, retired or not)."""
    rows = Priority.objects.filter(organisation=organisation)
    if not offered:
        return rows
    return rows.filter(models.Q(retired=False) | models.Q(pk__in=list(keeping)))


def people(*, organisation: Organisation) -> models.QuerySet[Any]:
    """The council's people, who may lead its projects, each with ``shown_name``, by name."""
    return people_of(organisation=organisation)


def _choose(names: Iterable[str]) -> str:
    listed = ", ".join(names)
    return f"choose {listed}" if listed else "it has none yet"


def programme_named(*, organisation: Organisation, name: str) -> Programme:
    """The council's programme called ``name`` (any capitals); else a ``ValidationError`` on
    ``programme`` listing its programmes."""
    ours = programmes(organisation=organisation)
    found = ours.filter(name__iexact=(name or "").strip()).first()
    if found is None:
        known = _choose(ours.values_list("name", flat=True))
        raise ValidationError(
            {"programme": f'"{name}" is not a programme of {organisation.name}: {known}'}
        )
    return found


def priorities_named(*, organisation: Organisation, names: Iterable[str]) -> list[Priority]:
    """The council's priorities called ``names`` (any capitals, in that order); a name it does
    not have is a ``ValidationError`` on ``priorities`` listing its priorities."""
    ours = list(priorities(organisation=organisation))
    by_name = {p.name.casefold(): p for p in ours}
    found = []
    for name in names:
        priority = by_name.get((name or "").strip().casefold())
        if priority is None:
            known = _choose(p.name for p in ours)
            raise ValidationError(
                {"priorities": f'"{name}" is not a priority of {organisation.name}: {known}'}
            )
        if priority not in found:
            found.append(priority)
    return found


def lifecycle_stages(
    *, organisation: Organisation, offered: bool = False
) -> models.QuerySet[LifecycleStage]:
    return _offered(LifecycleStage.objects.filter(organisation=organisation), offered, None)


def boards(*, organisation: Organisation, offered: bool = False) -> models.QuerySet[Board]:
    return _offered(Board.objects.filter(organisation=organisation), offered, None)


@dataclass(frozen=True)
class Listed:
    """One item of a kind as Settings lists it: its place (1 is first) among ``of`` items."""

    item: Any
    position: int
    of: int


def reference_items(*, organisation: Organisation, kind: Kind | str) -> list[Listed]:
    """The council's items of ``kind`` (a programme with its directorate), retired ones too, in
    the order lists show them."""
    chosen = kind if isinstance(kind, Kind) else kind_named(kind)
    rows = in_order(chosen.model, organisation)
    if chosen.model is Programme:
        rows = rows.select_related("directorate")
    found = list(rows)
    return [Listed(row, place, len(found)) for place, row in enumerate(found, start=1)]


def reference_in(*, organisation: Organisation, kind: Kind, pk: object) -> Listed | None:
    """The council's item ``pk`` of ``kind`` with its place, or None (also another council's)."""
    return next(
        (i for i in reference_items(organisation=organisation, kind=kind) if i.item.pk == pk), None
    )


def reference_named(*, organisation: Organisation, kind: Kind, name: str) -> Any:
    """The council's item of ``kind`` called ``name`` (letter case and spaces aside, in use or
    retired); else a ``ValueError`` naming those it has."""
    rows = [listed.item for listed in reference_items(organisation=organisation, kind=kind)]
    found = next((row for row in rows if same_name(row.name, name)), None)
    if found is None:
        names = ", ".join(row.name for row in rows) or "none yet"
        raise ValueError(
            f'{organisation.name} has no {kind.singular} "{name}" ({kind.plural}: {names})'
        )
    return found


def projects(*, organisation: Organisation) -> models.QuerySet[Project]:
    return Project.objects.filter(organisation=organisation)


def project_in(*, organisation: Organisation, pk: object) -> Project | None:
    """The council's project ``pk``, or None (also for another council's)."""
    return Project.objects.filter(organisation=organisation, pk=pk).first()


def project_to_change(*, organisation: Organisation, code: str) -> Project | None:
    """The project with this code, read with its version (one snapshot) for a form that edits
    it, its directorate, programme and stage joined; None when the council has no such code."""
    found = versioned(
        Project.objects.select_related("directorate", "programme", "stage", "lead_user")
    )
    return found.filter(organisation=organisation, code=code).first()


def project_filter_choices(*, organisation: Organisation) -> dict[str, list[tuple[str, str]]]:
    """(id, name) of the council's directorates, programmes and stages, for the projects list's
    filters (three queries); a retired one is there too, marked so, for its past projects."""

    def pairs(rows: models.QuerySet[Any]) -> list[tuple[str, str]]:
        return [
            (str(pk), f"{name} (retired)" if retired else name)
            for pk, name, retired in rows.values_list("pk", "name", "retired")
        ]

    return {
        "directorate": pairs(directorates(organisation=organisation)),
        "programme": pairs(programmes(organisation=organisation)),
        "stage": pairs(lifecycle_stages(organisation=organisation)),
    }

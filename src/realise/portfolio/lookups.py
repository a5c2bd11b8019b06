"""Reads the pages need beside the portfolio's tables (``selectors.py``): a council's
directorates, programmes, priorities, stages, boards, projects and people (who may lead a
project) to choose from in a form, one project found by its key, and the records a request names
(a programme or priorities by name, a lead by email address). The web pages reach the
portfolio's rows only through these and the selectors (ADR 0021); each returns the same query a
page used to build itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
from realise.portfolio.people import lead_named, people_of
from realise.portfolio.selectors import directorate_named

__all__ = [
    "boards",
    "directorate_named",
    "directorates",
    "lead_named",
    "lifecycle_stages",
    "next_directorate_order",
    "next_stage_order",
    "people",
    "priorities",
    "priorities_named",
    "programme_named",
    "programmes",
    "project_filter_choices",
    "project_in",
    "project_to_change",
    "projects",
]


def directorates(*, organisation: Organisation) -> models.QuerySet[Directorate]:
    return Directorate.objects.filter(organisation=organisation)


def programmes(
    *, organisation: Organisation, with_directorate: bool = False
) -> models.QuerySet[Programme]:
    found = Programme.objects.filter(organisation=organisation)
    return found.select_related("directorate") if with_directorate else found


def priorities(*, organisation: Organisation) -> models.QuerySet[Priority]:
    return Priority.objects.filter(organisation=organisation)


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


def lifecycle_stages(*, organisation: Organisation) -> models.QuerySet[LifecycleStage]:
    return LifecycleStage.objects.filter(organisation=organisation)


def boards(*, organisation: Organisation) -> models.QuerySet[Board]:
    return Board.objects.filter(organisation=organisation)


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
    filters (three queries)."""

    def pairs(rows: models.QuerySet[models.Model]) -> list[tuple[str, str]]:
        return [(str(pk), name) for pk, name in rows.values_list("pk", "name")]

    return {
        "directorate": pairs(directorates(organisation=organisation)),
        "programme": pairs(programmes(organisation=organisation)),
        "stage": pairs(lifecycle_stages(organisation=organisation)),
    }


def _after_last(model: type[Directorate] | type[LifecycleStage], organisation: Organisation) -> int:
    top = model.objects.filter(organisation=organisation).aggregate(top=models.Max("order"))
    return (top["top"] or 0) + 1


def next_directorate_order(*, organisation: Organisation) -> int:
    """The place after the council's last directorate."""
    return _after_last(Directorate, organisation)


def next_stage_order(*, organisation: Organisation) -> int:
    """The place after the council's last lifecycle stage."""
    return _after_last(LifecycleStage, organisation)

"""Reads the pages need beside the portfolio's tables (``selectors.py``): a council's
directorates, programmes, stages, boards and projects to choose from in a form, and one project
found by its key. The web pages reach the portfolio's rows only through these and the selectors
(ADR 0021); each returns the same query a page used to build itself."""

from __future__ import annotations

from django.db import models

from realise.core.concurrency import versioned
from realise.portfolio.models import (
    Board,
    Directorate,
    LifecycleStage,
    Organisation,
    Programme,
    Project,
)


def directorates(*, organisation: Organisation) -> models.QuerySet[Directorate]:
    return Directorate.objects.filter(organisation=organisation)


def programmes(
    *, organisation: Organisation, with_directorate: bool = False
) -> models.QuerySet[Programme]:
    found = Programme.objects.filter(organisation=organisation)
    return found.select_related("directorate") if with_directorate else found


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
    found = versioned(Project.objects.select_related("directorate", "programme", "stage"))
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

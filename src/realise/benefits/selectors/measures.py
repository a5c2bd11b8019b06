"""Non-financial benefits (measures, KPIs) with their latest reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from realise.benefits.models import Measure, MeasureReading
from realise.portfolio.models import Organisation, Project


@dataclass(frozen=True)
class MeasureLine:
    """A non-financial benefit with its latest reading and the change from its baseline."""

    pk: int
    name: str
    unit: str
    project: str
    baseline: Decimal | None
    target: Decimal | None
    target_date: date | None
    latest: Decimal | None
    latest_on: date | None

    @property
    def change_from_baseline(self) -> Decimal | None:
        if self.baseline is None or self.latest is None:
            return None
        return self.latest - self.baseline


def measures_latest(*, organisation: Organisation) -> tuple[MeasureLine, ...]:
    """Every measure of the organisation with its latest reading, by name (two queries)."""
    return tuple(sorted(measures_list(organisation=organisation), key=lambda m: m.name))


def measures_list(
    *, organisation: Organisation, project: Project | None = None
) -> tuple[MeasureLine, ...]:
    """Measures (of one project, if given) with their latest reading. Two queries."""
    measures = Measure.objects.filter(organisation=organisation).select_related("project")
    if project is not None:
        measures = measures.filter(project=project)
    latest: dict[int, tuple[date, Decimal]] = {}
    for measure_id, taken_on, value in (
        MeasureReading.objects.filter(organisation=organisation, measure__in=measures)
        .order_by("measure_id", "taken_on", "id")
        .values_list("measure_id", "taken_on", "value")
    ):
        latest[measure_id] = (taken_on, value)
    return tuple(
        MeasureLine(
            pk=m.pk,
            name=m.name,
            unit=m.unit,
            project=m.project.name if m.project else "",
            baseline=m.baseline,
            target=m.target,
            target_date=m.target_date,
            latest=latest[m.pk][1] if m.pk in latest else None,
            latest_on=latest[m.pk][0] if m.pk in latest else None,
        )
        for m in measures
    )

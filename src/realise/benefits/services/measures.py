"""Measures (non-financial benefits) and their readings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from realise.benefits.models import Measure, MeasureReading
from realise.core.concurrency import Seen, guarded_update
from realise.portfolio.models import Organisation, Project
from realise.portfolio.services import to_amount, validated_save


@transaction.atomic
def measure_create(
    *,
    organisation: Organisation,
    name: str,
    unit: str,
    project: Project | None = None,
    baseline: object = None,
    target: object = None,
    target_date: date | None = None,
    by: Any = None,
) -> Measure:
    return validated_save(
        Measure(
            organisation=organisation,
            name=name,
            unit=unit,
            project=project,
            baseline=_number(baseline, "baseline"),
            target=_number(target, "target"),
            target_date=target_date,
        ),
        by=by,
    )


def _number(value: object, field: str) -> Any:
    return None if value is None else to_amount(value, field=field)


MEASURE_EDITABLE = frozenset({"name", "unit", "project", "baseline", "target", "target_date"})


def measure_update(
    *, measure: Measure, seen_version: Seen, changes: dict[str, Any], by: Any = None
) -> Measure:
    """Edit a measure if nobody changed it since the version the user saw; else ``StaleEdit``."""
    checked = {
        name: _number(value, name) if name in ("baseline", "target") else value
        for name, value in changes.items()
    }
    return guarded_update(
        obj=measure, seen_version=seen_version, changes=checked, allowed=MEASURE_EDITABLE, by=by
    )


@transaction.atomic
def measure_record_reading(
    *, measure: Measure, taken_on: date, value: object, note: str = ""
) -> MeasureReading:
    return validated_save(
        MeasureReading(
            organisation_id=measure.organisation_id,
            measure=measure,
            taken_on=taken_on,
            value=to_amount(value, field="value"),
            note=note,
        )
    )

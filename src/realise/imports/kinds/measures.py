"""Measures (non-financial benefits), through the benefits services."""

from __future__ import annotations

from decimal import Decimal

from realise.benefits import services as benefits
from realise.benefits.models import Measure
from realise.imports import cells
from realise.imports.kinds.columns import PROJECT, Kind, as_day, as_decimal, plain, updated

MEASURES = Kind(
    name="measures",
    label="Measures",
    noun="measure",
    synonyms=("kpis", "kpi", "benefits", "non financial benefits"),
    columns=(
        plain(
            "name",
            "Name",
            required=True,
            synonyms=("measure", "kpi", "indicator"),
            example="Calls answered out of hours",
        ),
        plain("unit", "Unit", required=True, synonyms=("units", "unit of measure"), example="%"),
        PROJECT,
        plain("baseline", "Baseline", as_decimal, example=Decimal("62")),
        plain("target", "Target", as_decimal, example=Decimal("80")),
        plain("target_date", "Target date", as_day, synonyms=("by",)),
    ),
    key=lambda v: (cells.normal(v["name"]),),
    find=lambda ctx, v: Measure.objects.filter(
        organisation=ctx.organisation, name=v["name"]
    ).first(),
    create=lambda ctx, v: benefits.measure_create(organisation=ctx.organisation, by=ctx.by, **v),
    update=lambda ctx, obj, v: updated(
        benefits.measure_update,
        "measure",
        ctx,
        obj,
        v,
        ("unit", "project", "baseline", "target", "target_date"),
    ),
    rows=lambda org: Measure.objects.filter(organisation=org).select_related("project"),
    describe=lambda v: f"{v['name']} ({v['unit']})",
)

"""The fixed lists of published figures: which of Realise's tables a figure is from, and the
units a paper prints figures in. Kept apart from the models and from ``tables`` (which builds
the tables), so a form, the API and the models name them without building anything."""

from __future__ import annotations

from django.db import models


class TableKind(models.TextChoices):
    SAVINGS_BY_YEAR = "savings-by-year", "Table 2: savings by year"
    SAVINGS_BY_DIRECTORATE = "savings-by-directorate", "Table 3: a year's savings by directorate"
    PROJECTED_BY_DIRECTORATE = (
        "projected-by-directorate",
        "Table 4: a year's projected savings by directorate",
    )
    MONITORING_BY_DIRECTORATE = (
        "monitoring-by-directorate",
        "Savings monitoring by directorate",
    )
    BY_CONFIDENCE = (
        "savings-by-delivery-confidence",
        "RAG summary: a year's savings by delivery confidence",
    )
    DIRECTORATE_BY_CONFIDENCE = (
        "directorate-by-delivery-confidence",
        "A year's savings budgeted by directorate and delivery confidence",
    )
    RISKS_BY_BAND = "risks-by-band", "Open risks by band"


class Unit(models.TextChoices):
    POUNDS = "£", "£ (pounds)"
    THOUSANDS = "£k", "£k (thousands of pounds)"
    MILLIONS = "£m", "£m (millions of pounds)"
    PERCENT = "%", "Per cent"
    COUNT = "count", "A count"


MONEY_UNITS = (Unit.POUNDS, Unit.THOUSANDS, Unit.MILLIONS)

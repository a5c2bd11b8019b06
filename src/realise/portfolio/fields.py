"""Model fields shared by every app: financial years (and a new council's plan years) and
money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models

from realise.core.years import financial_year_from
from realise.finance.plan_years import PlanYears


class FinancialYearField(models.PositiveSmallIntegerField):  # type: ignore[type-arg]
    """A UK financial year, stored as the calendar year it starts in (2022 is 2022/23)."""

    description = "Financial year (stored as its start year)"

    def to_python(self, value: Any) -> int | None:
        if value is None or value == "":
            return None
        return financial_year_from(value)


def new_plan_first_year() -> int:
    """A new council's first plan year (a field default): the financial year it is set up in."""
    return PlanYears.starting(date.today()).first.start


def new_plan_last_year() -> int:
    """A new council's last plan year (a field default): four years after its first."""
    return PlanYears.starting(date.today()).last.start


def money_field(**kwargs: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Pounds and pence: 14 digits, 2 decimal places; never float."""
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def positive_money_field(**kwargs: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Money that cannot be negative (budgets, pots, bids, grants)."""
    return money_field(validators=[MinValueValidator(Decimal("0"))], **kwargs)

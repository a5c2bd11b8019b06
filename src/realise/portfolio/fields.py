"""Model fields shared by every app: financial years and money."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from realise.finance.calendar import FinancialYear, YearLabelError

_STRICT_LABEL = re.compile(r"^\d{4}/\d{2}$")


def financial_year_from(value: object) -> int:
    """The start year of a financial year given as ``2022``, ``FinancialYear`` or ``"2022/23"``.

    Labels must be written ``YYYY/YY`` with consecutive years; anything else raises
    ``ValidationError`` with a message a council officer can act on.
    """
    if isinstance(value, FinancialYear):
        return value.start
    if isinstance(value, bool):
        raise ValidationError(f"{value!r} is not a financial year: write it like 2022/23")
    if isinstance(value, int):
        start = value
    elif isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():  # not "²" or "٢٠٢٢": digits int() refuses
            start = int(text)
        elif not _STRICT_LABEL.match(text):
            raise ValidationError(f'"{value}" is not a financial year: write it like 2022/23')
        else:
            try:
                start = FinancialYear.parse(text).start
            except YearLabelError as exc:
                raise ValidationError(str(exc)) from exc
    else:
        raise ValidationError(f"{value!r} is not a financial year: write it like 2022/23")
    try:
        return FinancialYear(start).start
    except YearLabelError as exc:
        raise ValidationError(str(exc)) from exc


class FinancialYearField(models.PositiveSmallIntegerField):  # type: ignore[type-arg]
    """A UK financial year, stored as the calendar year it starts in (2022 is 2022/23)."""

    description = "Financial year (stored as its start year)"

    def to_python(self, value: Any) -> int | None:
        if value is None or value == "":
            return None
        return financial_year_from(value)


def money_field(**kwargs: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Pounds and pence: 14 digits, 2 decimal places; never float."""
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def positive_money_field(**kwargs: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Money that cannot be negative (budgets, pots, bids, grants)."""
    return money_field(validators=[MinValueValidator(Decimal("0"))], **kwargs)

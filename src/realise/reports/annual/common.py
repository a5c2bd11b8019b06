"""What the annual report's sections share: money columns and dates in words."""

from __future__ import annotations

from decimal import Decimal

from realise.reports.context import Column

MILLION = Decimal(1_000_000)


def money_col(heading: str) -> Column:
    return Column(heading, numeric=True, unit="£")


def day(value: object) -> str:
    return "" if value is None else f"{value:%-d %B %Y}"

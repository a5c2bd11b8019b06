"""Sums of money in the database that come back exact to the penny on every database.

SQLite has no decimal type: it keeps an amount with pence as a binary float and adds floats, and
Django returns an aggregate's result as the float's 15 significant digits. An entry of
£5,000,000.01 and its reversal summed to £0.00999999999999801, which the API, the spreadsheets
and CSV then showed. Every amount Realise stores is whole pence, so the exact sum is a whole
number of pence and the float's error is far below half a penny: rounding the sum to the penny
gives it back exactly. PostgreSQL adds numerics exactly, so there the rounding changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Sum

from realise.finance.money import pence


class MoneySum(Sum):
    """``Sum`` of a money column (pounds and pence), exact on SQLite as on PostgreSQL."""

    output_field = DecimalField(max_digits=20, decimal_places=2)

    def convert_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        return None if value is None else pence(Decimal(value))

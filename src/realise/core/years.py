"""Financial years as people and programs send them ("2022/23", 2022), read strictly, with a
message a council officer can act on. In core so the API's shared pieces and the model field both
use it without core importing a domain app."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

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

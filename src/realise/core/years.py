"""Financial years as people and programs send them ("2022/23", 2022), read strictly, with a
message a council officer can act on, and checked against a council's plan years. In core so the
API's shared pieces, the model field and the savings services use it without core importing a
domain app."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.plan_years import PlanYears, PlanYearsError, check_plan_year, plan_problem

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


def plan_year(
    value: object, plan: PlanYears, *, field: str = "financial_year", what: str = "Financial year"
) -> int:
    """The start year of ``value`` (read as ``financial_year_from`` reads it) when it is one of
    ``plan``'s years. Otherwise a ``ValidationError`` on ``field``: the year is not a financial
    year (malformed, or reversed like 2019/18), or it is outside the plan years, saying which
    are allowed. The check every savings service makes of a year it is given."""
    try:
        start = financial_year_from(value)
        check_plan_year(FinancialYear(start), plan, what)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    except PlanYearsError as exc:
        raise ValidationError({field: str(exc)}) from None
    return start


def plan_years_from(first: object, last: object) -> PlanYears:
    """Plan years as someone sets them ("2021/22", "2025/26"): each a financial year, the last
    not before the first and no more than ``MOST_PLAN_YEARS`` years; a ``ValidationError`` on
    ``first_year`` or ``last_year`` otherwise."""
    errors: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    for field, value in (("first_year", first), ("last_year", last)):
        if value is None or (isinstance(value, str) and not value.strip()):
            label = "first" if field == "first_year" else "last"
            errors[field] = [f"Enter the {label} plan year, like 2022/23"]
            continue
        try:
            starts[field] = financial_year_from(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    begin, end = FinancialYear(starts["first_year"]), FinancialYear(starts["last_year"])
    problem = plan_problem(begin, end)
    if problem is not None:
        raise ValidationError({"last_year": problem})
    return PlanYears(begin, end)

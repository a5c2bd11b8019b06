"""Pieces every app's API router shares: query filters and money/year parsing for the JSON API."""

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from realise.finance.calendar import FinancialYear
from realise.portfolio.fields import financial_year_from

# A row id: at least 1 and within a 64-bit integer, so no database is asked for an impossible id.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    """Every error the API returns: a message, the field it concerns (if any), all errors."""

    message: str
    field: str | None = None
    errors: list[dict[str, str | None]]


class StaleOut(ErrorOut):
    """409: the record changed after you read it. Nothing was saved."""

    current_version: int | None
    changes: list[dict[str, str | None]]
    your_changes: dict[str, str | None]


# The error responses every endpoint documents; edits with a version also document 409.
ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 422}): ErrorOut}
EDIT_ERRORS: dict[Any, Any] = {**ERRORS, 409: StaleOut}


def year_start(value: str | int | None) -> int | None:
    """A ``year`` filter ("2022/23" or 2022) as its start year; ValidationError names it."""
    if value in (None, ""):
        return None
    try:
        return financial_year_from(value)
    except ValidationError as exc:
        raise ValidationError({"year": exc.messages}) from None


def year_label(start: int) -> str:
    return FinancialYear(start).label


class Page(LimitOffsetPagination):
    """``?limit=`` (1 to 500, default 100) and ``?offset=`` (from 0); lists answer with
    ``{"items": [...], "count": total}``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="How many items, at most 500")
        offset: int = Field(0, ge=0, le=MAX_ID // 2, description="How many items to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)

"""Pieces every app's API router shares: the base of every request body, query filters, money as
exact strings, and year and directorate parsing for the JSON API."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

from realise.accounts.access import record_in
from realise.core.years import financial_year_from
from realise.finance.calendar import FinancialYear
from realise.finance.money import PENNY, refuse_other_digits

# A row id: at least 1 and within a 64-bit integer, so no database is asked for an impossible id.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Body(Schema):
    """The base of every request body: a field the body does not take (misspelt, unknown, or
    read-only such as ``id`` or a project's ``status``) is refused with 422 naming it, never
    dropped while the rest is saved. The schema says so (``additionalProperties: false``)."""

    model_config = ConfigDict(extra="forbid")


def _two_places(value: Decimal) -> str:
    """An exact decimal string with two places ("1234.50"), never a float or an exponent."""
    return f"{value.quantize(PENNY, rounding=ROUND_HALF_UP):f}"


TWO_PLACES = r"^-?[0-9]+\.[0-9]{2}$"


def _decimal_string(description: str, **schema: Any) -> Any:
    """A Decimal sent as an exact string to two places, described so in the schema."""
    return Annotated[
        Decimal,
        PlainSerializer(_two_places, return_type=str),
        WithJsonSchema(
            {"type": "string", "pattern": TWO_PLACES, "description": description, **schema}
        ),
    ]


# Pounds and pence in a response: a string such as "1234.50" (stored values are whole pence, so
# nothing is rounded here), so no client reads money as a binary float.
Money = _decimal_string(
    'Pounds and pence as an exact decimal string, e.g. "1234.50"', examples=["1234.50"]
)
# A measure's value or a percentage in a response: an exact decimal string to two places.
TwoPlaces = _decimal_string('An exact decimal string to two places, e.g. "87.50"')


def _ascii_digits(value: Any) -> Any:
    """Text sent for a number must use the digits 0 to 9 (Python reads "١٢٣" as 123)."""
    return refuse_other_digits(value) if isinstance(value, str) else value


# A number or amount in a request body: a JSON number or a string of the digits 0 to 9.
DecimalIn = Annotated[Decimal, BeforeValidator(_ascii_digits)]


class FieldError(Schema):
    field: str | None = Field(
        ..., description="The body field or parameter concerned (e.g. amount, year), or null"
    )
    message: str = Field(..., description="What is wrong with it and what was expected")


class Change(Schema):
    field: str
    before: str | None
    after: str | None
    by: str = Field(..., description="Who saved the change")
    at: str = Field(..., description="When, ISO 8601 in UTC")


class Problem(Schema):
    """Every error the API answers: RFC 9457 problem details, served as
    application/problem+json (ADR 0017)."""

    type: str = Field(
        ...,
        description="Which problem: a URI naming its type (an identifier, not a link); "
        "about:blank when only the status says it",
        examples=["https://realise.example/problems/validation"],
    )
    title: str = Field(..., description="A short summary, the same for every problem of the type")
    status: int = Field(..., description="The HTTP status code")
    detail: str = Field(..., description="What went wrong this time, in plain words")
    instance: str = Field(..., description="The address that was asked for")
    field: str | None = Field(..., description="The first error's field, or null")
    errors: list[FieldError] = Field(..., description="Every error found (at least one)")
    message: str = Field(
        ...,
        description="Deprecated: the same as detail, kept for one release; read detail",
        json_schema_extra={"deprecated": True},
    )


class StaleProblem(Problem):
    """409: the record changed after you read it. Nothing was saved."""

    current_version: int | None = Field(..., description="The version to send again")
    changes: list[Change] = Field(..., description="What others changed since your version")
    your_changes: dict[str, str | None] = Field(..., description="What you sent")


# The error responses every endpoint documents; edits with a version also document 409.
ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 413, 415, 422, 500}): Problem}
EDIT_ERRORS: dict[Any, Any] = {**ERRORS, 409: StaleProblem}


class DirectorateFilter(Schema):
    directorate: str | None = Field(
        None, description="Only records of this directorate (its name, e.g. People)"
    )


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


M = TypeVar("M", bound=models.Model)


def row_of(rows: models.QuerySet[M], organisation: Any, pk: Any) -> M:
    """The row ``pk`` among ``rows`` (another domain's, from its lookups), or 404 as the access
    gateway answers for any row that is not the council's: the routers name no other domain's
    models."""
    return record_in(rows.model, organisation, pk, queryset=rows)

"""API: the benefits realisation of stored business cases (ADR 0040). A case's approved plan against
the current forecast and the savings finance has validated, by year and by benefit line, with the
forecast accuracy 6, 12 and 24 months after approval; the same totals for every case with an
approved version; and officers' re-forecasts of a benefit line. Mounted beside the cases' router
(``cases.py``). See docs/api.md, "Benefits realisation"."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from realise.accounts.access import Action, organisation_for
from realise.api.cases import case_found
from realise.api.common import ERRORS, Body, DecimalIn, Id, Money, TwoPlaces
from realise.cases import services
from realise.cases.tracking import CaseTracking, case_tracking, cases_tracked
from realise.finance.casefile import CaseFileError
from realise.finance.realisation import Checkpoint, LineTrack

router = Router(tags=["benefits realisation"])

Source = Literal["plan", "version", "re-forecast"]
YEAR = Field(..., description="The financial year, e.g. 2025/26")


class YearOut(Schema):
    year: str = YEAR
    planned: Money = Field(..., description="The approved option's benefits in the year")
    forecast: Money = Field(..., description="The latest word on the year: see the lines")
    actual: Money = Field(..., description="Savings finance has validated for the year")


class LineYearOut(Schema):
    year: str = YEAR
    planned: Money
    forecast: Money
    forecast_from: Source = Field(
        ...,
        description="Where the forecast comes from: the plan, a version saved since the "
        "approval, or an officers' re-forecast",
    )
    actual: Money | None = Field(
        ...,
        description="Savings validated against this line; null when the line shares its type "
        "and directorate with another, so its savings are counted for the case as a whole",
    )


class LineOut(Schema):
    id: str = Field(..., description="The benefit line's id in the case file")
    name: str
    type: str = Field(..., description="cashable, cost_avoidance, income or non_cashable")
    directorate: str = Field(..., description="The directorate the line names, or empty")
    years: list[LineYearOut]


class UnmatchedOut(Schema):
    year: str = YEAR
    actual: Money = Field(..., description="Savings validated that fit no single line")


class CheckpointOut(Schema):
    months: int = Field(..., description="6, 12 or 24 months after approval")
    on: date = Field(..., description="The checkpoint's date")
    passed: bool = Field(..., description="False until the day after the checkpoint")
    expected: Money | None = Field(
        ..., description="What the plan expected by then (its years pro rata by days)"
    )
    validated: Money | None = Field(
        ..., description="Savings validated for the plan's years, recorded by then"
    )
    accuracy: TwoPlaces | None = Field(
        ..., description="Validated as a percentage of expected; null if not passed or none due"
    )


class ReforecastOut(Schema):
    line: str
    line_name: str
    year: str = YEAR
    amount: Money
    note: str = Field(..., description="Why the forecast changed")
    recorded_by: str
    recorded_at: datetime
    applies: bool = Field(
        ..., description="False once a version saved after it gives the forecast instead"
    )


class TotalsOut(Schema):
    planned: Money
    forecast: Money
    actual: Money


class RealisationOut(Schema):
    case_id: int
    title: str
    version: int = Field(..., description="The approved version in force")
    option: str = Field(..., description="The option approved: its id in the file")
    option_name: str
    approved_on: date | None
    board: str
    scope: str = Field(..., description="Whose validated savings are the actuals, in words")
    forecast_version: int | None = Field(
        ..., description="The version saved since the approval whose figures are the forecast"
    )
    as_at: date
    totals: TotalsOut
    years: list[YearOut]
    lines: list[LineOut]
    unmatched: list[UnmatchedOut]
    outside: Money = Field(..., description="Savings validated for years outside the case's")
    checkpoints: list[CheckpointOut]
    reforecasts: list[ReforecastOut]


class CaseTotalsOut(Schema):
    case_id: int
    title: str
    version: int
    option_name: str
    approved_on: date | None
    totals: TotalsOut
    checkpoints: list[CheckpointOut]


class ReforecastIn(Body):
    line: str = Field(..., min_length=1, max_length=200, description="The benefit line's id")
    year: str = Field(..., description="One of the case's years, e.g. 2025/26")
    amount: DecimalIn = Field(
        ..., ge=0, max_digits=14, decimal_places=2, description="The benefit now expected"
    )
    note: str = Field(..., min_length=1, max_length=2000, description="Why the forecast changed")


def _checkpoint(point: Checkpoint) -> dict[str, Any]:
    return {
        "months": point.months,
        "on": point.on,
        "passed": point.passed,
        "expected": point.expected,
        "validated": point.actual,
        "accuracy": point.accuracy,
    }


def _line(line: LineTrack, tracked: CaseTracking) -> dict[str, Any]:
    years = tracked.tracking.years
    return {
        "id": line.id,
        "name": line.name,
        "type": line.type,
        "directorate": line.directorate,
        "years": [
            {
                "year": year.label,
                "planned": line.planned[i],
                "forecast": line.forecast[i],
                "forecast_from": line.sources[i],
                "actual": None if line.actual is None else line.actual[i],
            }
            for i, year in enumerate(years)
        ],
    }


def _totals(tracked: CaseTracking) -> dict[str, Any]:
    figures = tracked.tracking
    return {
        "planned": figures.total_planned,
        "forecast": figures.total_forecast,
        "actual": figures.total_actual,
    }


def realisation_shown(tracked: CaseTracking) -> dict[str, Any]:
    figures, approval = tracked.tracking, tracked.approval
    newer = tracked.plan.newer
    return {
        "case_id": tracked.case.pk,
        "title": tracked.case.title,
        "version": approval.version.number,
        "option": approval.version.option,
        "option_name": approval.version.option_name,
        "approved_on": approval.decided_on,
        "board": approval.board,
        "scope": tracked.scope,
        "forecast_version": newer.number if newer else None,
        "as_at": tracked.today,
        "totals": _totals(tracked),
        "years": [
            {"year": y.year.label, "planned": y.planned, "forecast": y.forecast, "actual": y.actual}
            for y in figures.by_year
        ],
        "lines": [_line(line, tracked) for line in figures.lines],
        "unmatched": [
            {"year": year.label, "actual": amount}
            for year, amount in zip(figures.years, figures.unmatched, strict=True)
            if amount
        ],
        "outside": figures.outside,
        "checkpoints": [_checkpoint(p) for p in figures.checkpoints],
        "reforecasts": [
            {
                "line": r.line,
                "line_name": r.line_name,
                "year": r.year.label,
                "amount": r.amount,
                "note": r.note,
                "recorded_by": r.by,
                "recorded_at": r.at,
                "applies": r.applies,
            }
            for r in tracked.reforecasts
        ],
    }


def _tracked(case: Any) -> CaseTracking:
    try:
        tracked = case_tracking(case=case)
    except CaseFileError as error:
        raise ValidationError({"case": [str(p) for p in error.problems]}) from None
    if tracked is None:
        raise Http404("This case has no approved version yet, so there is nothing to track")
    return tracked


@router.get(
    "/orgs/{org}/cases/{case_id}/realisation",
    response={200: RealisationOut, **ERRORS},
    summary="A case's planned, forecast and actual benefits",
)
def case_realisation(request: HttpRequest, org: str, case_id: Id) -> Any:
    """The approved plan against the current forecast and the savings finance has validated, by
    year and by benefit line, and the forecast accuracy 6, 12 and 24 months after approval, as
    at today. 404 when no version of the case is approved."""
    return realisation_shown(_tracked(case_found(request, org, case_id)))


@router.get(
    "/orgs/{org}/realisation",
    response={200: list[CaseTotalsOut], **ERRORS},
    summary="Every approved case's planned, forecast and actual benefits",
)
def realisation_list(request: HttpRequest, org: str) -> Any:
    """Each case with an approved version, by title: its planned, forecast and actual benefits
    over its years and its forecast accuracy after approval (the realisation report's summary)."""
    organisation = organisation_for(request.user, org)
    return [
        {
            "case_id": t.case.pk,
            "title": t.case.title,
            "version": t.approval.version.number,
            "option_name": t.approval.version.option_name,
            "approved_on": t.approval.decided_on,
            "totals": _totals(t),
            "checkpoints": [_checkpoint(p) for p in t.tracking.checkpoints],
        }
        for t in cases_tracked(organisation=organisation)
    ]


@router.post(
    "/orgs/{org}/cases/{case_id}/reforecasts",
    response={201: RealisationOut, **ERRORS},
    summary="Re-forecast a benefit line",
)
def case_reforecast(request: HttpRequest, org: str, case_id: Id, payload: ReforecastIn) -> Any:
    """Record the benefit now expected from one line of the approved version in one of the
    case's years, and why (those who may store the case: finance, TMO admins, the project's
    lead). A re-forecast of the same line and year replaces the figure; the case's history keeps
    the earlier one. Answers with the case's realisation as it now stands."""
    case = case_found(request, org, case_id, Action.EDIT_CASE)
    services.case_reforecast(by=request.user, case=case, **payload.dict())
    return Status(201, realisation_shown(_tracked(case)))

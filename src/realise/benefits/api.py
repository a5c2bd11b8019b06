"""API: savings targets, the savings ledger (append, list, validate or reject claims, history),
measures and their readings, and the savings report tables."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, can, organisation_for, record_in, require
from realise.benefits import selectors, services
from realise.benefits.models import (
    CarryForward,
    EntryStatus,
    Measure,
    SavingKind,
    SavingsEntry,
    SavingsTarget,
)
from realise.core.api import (
    ERRORS,
    DecimalIn,
    DirectorateFilter,
    Id,
    Money,
    Page,
    TwoPlaces,
    directorate_named,
    year_label,
    year_start,
)
from realise.finance.calendar import FinancialYear
from realise.finance.money import round_to
from realise.portfolio.models import Directorate, Project

router = Router(tags=["savings and measures"])
KindName = Literal[tuple(SavingKind.values)]  # type: ignore[valid-type]


class ScopedOut(Schema):
    id: int
    year: str
    kind: str
    directorate: str | None
    project: str | None
    amount: Money

    @staticmethod
    def resolve_year(obj: Any) -> str:
        return year_label(obj.financial_year)

    @staticmethod
    def resolve_directorate(obj: Any) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_project(obj: Any) -> str | None:
        return obj.project.code if obj.project else None


class TargetOut(ScopedOut):
    variance_reason: str


class EntryOut(ScopedOut):
    status: str
    recorded_on: date
    recorded_at: datetime
    recorded_by: str | None
    note: str
    reverses: int | None
    validates: int | None

    @staticmethod
    def resolve_recorded_by(obj: SavingsEntry) -> str | None:
        return obj.recorded_by.get_username() if obj.recorded_by else None

    @staticmethod
    def resolve_reverses(obj: SavingsEntry) -> int | None:
        return obj.reverses_id

    @staticmethod
    def resolve_validates(obj: SavingsEntry) -> int | None:
        return obj.validates_id


class TargetFilters(DirectorateFilter):
    year: str | None = Field(None, description="Only this financial year, e.g. 2022/23")
    kind: KindName | None = Field(None, description="Only this kind of saving")


class LedgerFilters(TargetFilters):
    status: Literal["achieved", "claimed", "forecast"] | None = Field(
        None,
        description="achieved (validated by finance), claimed (awaiting finance) or forecast",
    )


class EntryIn(Schema):
    year: str = Field(..., description="Financial year, e.g. 2022/23")
    amount: DecimalIn = Field(..., gt=0, max_digits=14, decimal_places=2)
    status: Literal["achieved", "forecast"] = Field(
        "achieved",
        description="An achieved saving from someone who may not validate is kept as claimed",
    )
    kind: KindName = SavingKind.CASHABLE
    project_id: Id | None = None
    recorded_on: date
    note: str = ""


class ValidateIn(Schema):
    recorded_on: date | None = None
    note: str = ""


class RejectIn(Schema):
    reason: str = Field(..., min_length=1)
    recorded_on: date | None = None


class EventOut(Schema):
    entry_id: Id
    action: str
    status: str
    amount: Money
    recorded_on: date
    recorded_at: datetime
    by: str
    note: str


class MeasureOut(Schema):
    id: int
    name: str
    unit: str
    project: str | None
    baseline: TwoPlaces | None
    target: TwoPlaces | None
    target_date: date | None

    @staticmethod
    def resolve_project(obj: Measure) -> str | None:
        return obj.project.code if obj.project else None


class ReadingIn(Schema):
    taken_on: date
    value: DecimalIn = Field(..., max_digits=14, decimal_places=2)
    note: str = ""


class ReadingOut(Schema):
    id: int
    measure_id: Id
    taken_on: date
    value: TwoPlaces
    note: str


class YearSavingsOut(Schema):
    year: str
    budgeted: Money
    achieved: Money
    claimed: Money
    forecast: Money
    percent_achieved: TwoPlaces | None = Field(
        None, description="Achieved as a percentage of budgeted, to 2 places (half up)"
    )
    cumulative_budgeted: Money
    cumulative_achieved: Money
    cumulative_percent: TwoPlaces | None = Field(
        None, description="Cumulative achieved over cumulative budgeted, to 2 places (half up)"
    )


class SavingsByYearOut(Schema):
    kind: str
    years: list[YearSavingsOut]
    total_budgeted: Money
    total_achieved: Money
    total_claimed: Money


class DirectorateRowOut(Schema):
    directorate: str
    projected: Money
    carried_in: Money
    achieved: Money
    claimed: Money
    underachieved: Money
    reasons: list[str]


class SavingsByDirectorateOut(Schema):
    year: str
    rows: list[DirectorateRowOut]
    total_projected: Money
    total_achieved: Money
    total_claimed: Money
    total_underachieved: Money


def _scoped(organisation: Any, queryset: Any, filters: TargetFilters) -> Any:
    start = year_start(filters.year)
    if start is not None:
        queryset = queryset.filter(financial_year=start)
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        queryset = queryset.filter(directorate=directorate)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset.select_related("directorate", "project")


@router.get(
    "/orgs/{org}/savings/targets",
    response={200: list[TargetOut], **ERRORS},
    summary="List savings targets (budgeted savings)",
)
@paginate(Page)
def targets_list(request: HttpRequest, org: str, filters: Query[TargetFilters]) -> Any:
    """Budgeted savings; filter by year, directorate and kind."""
    organisation = organisation_for(request.user, org)
    targets = SavingsTarget.objects.filter(organisation=organisation)
    return _scoped(organisation, targets, filters).order_by("financial_year", "id")


@router.get(
    "/orgs/{org}/savings/entries",
    response={200: list[EntryOut], **ERRORS},
    summary="List the savings ledger",
)
@paginate(Page)
def entries_list(request: HttpRequest, org: str, filters: Query[LedgerFilters]) -> Any:
    """The savings ledger, oldest first; filter by year, directorate, status and kind."""
    organisation = organisation_for(request.user, org)
    entries = _scoped(organisation, SavingsEntry.objects.filter(organisation=organisation), filters)
    if filters.status:
        entries = entries.filter(status=filters.status)
    return entries.select_related("recorded_by").order_by("id")


@router.post(
    "/orgs/{org}/savings/entries", response={201: EntryOut, **ERRORS}, summary="Record a saving"
)
def entry_append(request: HttpRequest, org: str, payload: EntryIn) -> Any:
    """Append a saving to the ledger. Project leads record on their projects. An achieved saving
    from anyone without the finance role (a project lead or a TMO admin) is kept as *claimed*
    until finance validates it."""
    organisation = organisation_for(request.user, org)
    project = None
    if payload.project_id is not None:
        project = record_in(Project, organisation, payload.project_id)
    require(request.user, organisation, Action.RECORD_SAVING, project=project)
    status = payload.status
    if status == EntryStatus.ACHIEVED and not can(
        request.user, organisation, Action.VALIDATE_SAVING
    ):
        status = EntryStatus.CLAIMED
    entry = services.saving_record(
        organisation=organisation,
        year=payload.year,
        amount=payload.amount,
        status=status,
        kind=payload.kind,
        project=project,
        recorded_on=payload.recorded_on,
        note=payload.note,
        by=request.user,
    )
    return Status(201, entry)


class CarryForwardIn(Schema):
    from_year: str = Field(..., description="The year the saving fell short in, e.g. 2022/23")
    to_year: str = Field(..., description="The later year it moves to, e.g. 2023/24")
    amount: DecimalIn = Field(
        ...,
        gt=0,
        max_digits=14,
        decimal_places=2,
        description="No more than the shortfall still to carry forward from from_year",
    )
    reason: str = Field(..., min_length=1)
    kind: KindName = SavingKind.CASHABLE
    project_id: Id | None = Field(None, description="The project whose saving fell short")
    directorate: str | None = Field(
        None, description="The directorate's name, when no project is given"
    )


class CarryForwardOut(Schema):
    id: int
    from_year: str
    to_year: str
    kind: str
    directorate: str | None
    project: str | None
    amount: Money
    reason: str

    @staticmethod
    def resolve_from_year(obj: CarryForward) -> str:
        return year_label(obj.from_year)

    @staticmethod
    def resolve_to_year(obj: CarryForward) -> str:
        return year_label(obj.to_year)

    @staticmethod
    def resolve_directorate(obj: CarryForward) -> str | None:
        return obj.directorate.name if obj.directorate else None

    @staticmethod
    def resolve_project(obj: CarryForward) -> str | None:
        return obj.project.code if obj.project else None


def _year_named(field: str, value: str) -> int:
    """A financial year in a request body, checked here so an error names its field."""
    try:
        start = year_start(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.message_dict["year"]}) from None
    if start is None:
        raise ValidationError({field: "Give a financial year, e.g. 2022/23"})
    return start


@router.get(
    "/orgs/{org}/savings/carry-forwards",
    response={200: list[CarryForwardOut], **ERRORS},
    summary="List carry-forwards",
)
@paginate(Page)
def carry_forwards_list(request: HttpRequest, org: str) -> Any:
    """Under-delivery carried from one year to a later one, with the reason."""
    organisation = organisation_for(request.user, org)
    return (
        CarryForward.objects.filter(organisation=organisation)
        .select_related("directorate", "project")
        .order_by("id")
    )


@router.post(
    "/orgs/{org}/savings/carry-forwards",
    response={201: CarryForwardOut, **ERRORS},
    summary="Carry a shortfall forward to a later year",
)
def carry_forward_create(request: HttpRequest, org: str, payload: CarryForwardIn) -> Any:
    """Carry a project's or a directorate's under-delivery forward to a later year. Refused with
    422 when it names neither, or when the amount is more than the shortfall left in from_year
    (the message gives the shortfall)."""
    organisation = organisation_for(request.user, org)
    project = None
    if payload.project_id is not None:
        project = record_in(Project, organisation, payload.project_id)
    directorate = None
    if payload.directorate:
        directorate = Directorate.objects.filter(
            organisation=organisation, name__iexact=payload.directorate.strip()
        ).first()
        if directorate is None:
            raise ValidationError(
                {"directorate": f'"{payload.directorate}" is not a directorate of {organisation}'}
            )
    require(request.user, organisation, Action.RECORD_SAVING, project=project)
    carry = services.savings_carry_forward(
        organisation=organisation,
        from_year=_year_named("from_year", payload.from_year),
        to_year=_year_named("to_year", payload.to_year),
        amount=payload.amount,
        reason=payload.reason,
        kind=payload.kind,
        directorate=directorate,
        project=project,
    )
    return Status(201, carry)


def _entry(request: HttpRequest, org: str, entry_id: Id, action: Action) -> SavingsEntry:
    organisation = organisation_for(request.user, org)
    entry = record_in(SavingsEntry, organisation, entry_id)
    require(request.user, organisation, action)
    return entry


@router.post(
    "/orgs/{org}/savings/entries/{entry_id}/validate",
    response={201: EntryOut, **ERRORS},
    summary="Validate a claimed saving (finance)",
)
def entry_validate(request: HttpRequest, org: str, entry_id: Id, payload: ValidateIn) -> Any:
    """Finance confirms a claim: returns the achieved (validated) entry appended for it."""
    entry = _entry(request, org, entry_id, Action.VALIDATE_SAVING)
    validated = services.saving_validate(
        entry=entry,
        recorded_on=payload.recorded_on or timezone.localdate(),
        note=payload.note,
        by=request.user,
    )
    return Status(201, validated)


@router.post(
    "/orgs/{org}/savings/entries/{entry_id}/reject",
    response={201: EntryOut, **ERRORS},
    summary="Reject a claimed saving (finance)",
)
def entry_reject(request: HttpRequest, org: str, entry_id: Id, payload: RejectIn) -> Any:
    """Finance rejects a claim, saying why: returns the entry that closes it."""
    entry = _entry(request, org, entry_id, Action.VALIDATE_SAVING)
    closing = services.saving_reject(
        entry=entry,
        reason=payload.reason,
        recorded_on=payload.recorded_on or timezone.localdate(),
        by=request.user,
    )
    return Status(201, closing)


@router.get(
    "/orgs/{org}/savings/entries/{entry_id}/history",
    response={200: list[EventOut], **ERRORS},
    summary="A saving's history",
)
def entry_history(request: HttpRequest, org: str, entry_id: Id) -> Any:
    """A saving's history: recorded or claimed, then validated, rejected or reversed."""
    entry = _entry(request, org, entry_id, Action.VIEW)
    organisation = organisation_for(request.user, org)
    return list(selectors.saving_history(organisation=organisation, entry=entry))


@router.get(
    "/orgs/{org}/measures",
    response={200: list[MeasureOut], **ERRORS},
    summary="List measures (non-financial benefits)",
)
@paginate(Page)
def measures_list(request: HttpRequest, org: str, filters: Query[DirectorateFilter]) -> Any:
    """Non-financial measures, by name; filter by the directorate of their project."""
    organisation = organisation_for(request.user, org)
    measures = Measure.objects.filter(organisation=organisation).select_related("project")
    directorate = directorate_named(organisation, filters.directorate)
    if directorate is not None:
        measures = measures.filter(project__directorate=directorate)
    return measures.order_by("name", "id")


@router.post(
    "/orgs/{org}/measures/{measure_id}/readings",
    response={201: ReadingOut, **ERRORS},
    summary="Record a reading of a measure",
)
def measure_reading_add(request: HttpRequest, org: str, measure_id: Id, payload: ReadingIn) -> Any:
    """Record a reading of a measure (project leads on their projects' measures)."""
    organisation = organisation_for(request.user, org)
    measure = record_in(Measure, organisation, measure_id)
    require(request.user, organisation, Action.RECORD_MEASURE, project=measure.project)
    reading = services.measure_record_reading(measure=measure, **payload.dict())
    return Status(201, reading)


PERCENT_STEP = Decimal("0.01")


def _percent(value: Decimal | None) -> Decimal | None:
    """The selectors' exact percentage, rounded once for the API to 2 places, half up."""
    return None if value is None else round_to(value, PERCENT_STEP)


@router.get(
    "/orgs/{org}/reports/savings-by-year",
    response={200: SavingsByYearOut, **ERRORS},
    summary="Savings by year (Table 2)",
)
def report_savings_by_year(
    request: HttpRequest, org: str, kind: KindName = SavingKind.CASHABLE
) -> Any:
    """Table 2 of the savings report: for each financial year, the savings budgeted against those
    achieved (only savings finance has validated count), with claims awaiting finance shown
    apart in ``claimed``, and the running totals. Choose the kind of saving with ``kind``."""
    organisation = organisation_for(request.user, org)
    table = selectors.savings_by_year(organisation=organisation, kind=kind)
    years = [
        YearSavingsOut(
            year=y.year.label,
            budgeted=y.budgeted,
            achieved=y.achieved,
            claimed=y.claimed,
            forecast=y.forecast,
            percent_achieved=_percent(y.percent_achieved),
            cumulative_budgeted=y.cumulative_budgeted,
            cumulative_achieved=y.cumulative_achieved,
            cumulative_percent=_percent(y.cumulative_percent),
        )
        for y in table.years
    ]
    return SavingsByYearOut(
        kind=table.kind,
        years=years,
        total_budgeted=table.total_budgeted,
        total_achieved=table.total_achieved,
        total_claimed=table.total_claimed,
    )


@router.get(
    "/orgs/{org}/reports/savings-by-directorate",
    response={200: SavingsByDirectorateOut, **ERRORS},
    summary="Savings by directorate (Table 3)",
)
def report_savings_by_directorate(
    request: HttpRequest, org: str, year: str, kind: KindName = SavingKind.CASHABLE
) -> Any:
    """Table 3 of the savings report: one financial year's savings by directorate (``year`` is
    required, e.g. 2022/23): projected, carried in from earlier years, achieved (validated),
    claimed (awaiting finance), under-achieved and the reasons given for it."""
    organisation = organisation_for(request.user, org)
    start = year_start(year)
    if start is None:
        raise ValidationError({"year": "Give a financial year, e.g. 2022/23"})
    table = selectors.savings_by_directorate(
        organisation=organisation, year=FinancialYear(start), kind=kind
    )
    return SavingsByDirectorateOut(
        year=table.year.label,
        rows=[
            DirectorateRowOut(
                directorate=r.directorate,
                projected=r.projected,
                carried_in=r.carried_in,
                achieved=r.achieved,
                claimed=r.claimed,
                underachieved=r.underachieved,
                reasons=list(r.reasons),
            )
            for r in table.rows
        ],
        total_projected=table.total_projected,
        total_achieved=table.total_achieved,
        total_claimed=table.total_claimed,
        total_underachieved=table.total_underachieved,
    )

"""What each kind of spreadsheet holds: its columns (heading, synonyms, parser, how a value is
exported), its stable key, and how a row becomes a service call.

One table of columns serves import, export and templates, so an exported list imports back
unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from realise.benefits import services as benefits
from realise.benefits.models import EntryStatus, Measure, SavingKind, SavingsEntry, SavingsTarget
from realise.core.concurrency import LATEST
from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.funding import services as funding
from realise.funding.models import Bid, BidStatus, Grant
from realise.imports import cells
from realise.imports.context import Context
from realise.portfolio import services as portfolio
from realise.portfolio.models import (
    WHOLE_COUNCIL,
    ConfidenceRating,
    Decision,
    DecisionKind,
    Organisation,
    Project,
    ProjectStatus,
)
from realise.portfolio.services import validated_save
from realise.risks import services as risks
from realise.risks.models import Risk, RiskStatus

Values = dict[str, Any]
Parser = Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Column:
    """One column: ``field`` is the model field it fills (so validation errors find it)."""

    field: str
    heading: str
    parse: Callable[[Any, Context], Any]
    export: Callable[[Any], Any]
    required: bool = False
    synonyms: tuple[str, ...] = ()
    hint: str = ""
    choices: str | None = None  # a drop-down list in templates: see templates.LISTS
    example: Any = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    noun: str
    columns: tuple[Column, ...]
    key: Callable[[Values], tuple[Any, ...]]
    find: Callable[[Context, Values], Any]
    create: Callable[[Context, Values], Any]
    update: Callable[[Context, Any, Values], bool]
    rows: Callable[[Organisation], models.QuerySet[Any]]
    describe: Callable[[Values], str]
    synonyms: tuple[str, ...] = field(default=())
    # For kinds imported in bulk: make a validated, unsaved object; save many at once.
    build: Callable[[Context, Values], Any] | None = None
    insert: Callable[[Context, list[Any]], Any] | None = None

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)


# Parsers and exporters shared by the kinds ------------------------------------------------------


def _text(value: Any, ctx: Context) -> str:
    return cells.text(value)


def _money(value: Any, ctx: Context) -> Decimal:
    return cells.money(value)


def _decimal(value: Any, ctx: Context) -> Decimal:
    return cells.decimal_value(value)


def _year(value: Any, ctx: Context) -> int:
    return cells.year(value)


def _day(value: Any, ctx: Context) -> date:
    return cells.day(value)


def _rating(value: Any, ctx: Context) -> int:
    return cells.whole_number(value, low=1, high=5)


def _yes_no(value: Any, ctx: Context) -> bool:
    return cells.yes_no(value)


def _choice(choices: type[models.TextChoices], what: str) -> Callable[[Any, Context], str]:
    return lambda value, ctx: cells.choice(value, choices.choices, what=what)


def _label(choices: type[models.TextChoices]) -> Callable[[Any], str]:
    return lambda value: str(choices(value).label) if value else ""


def _name(obj: Any) -> str:
    return "" if obj is None else str(getattr(obj, "name", obj))


def _code(obj: Any) -> str:
    return "" if obj is None else obj.code


def _year_label(start: int) -> str:
    return FinancialYear(start).label


def _as_is(value: Any) -> Any:
    return "" if value is None else value


def _attr(name: str, convert: Callable[[Any], Any] = _as_is) -> Callable[[Any], Any]:
    return lambda obj: convert(getattr(obj, name))


def _assign(obj: Any, values: Values, names: tuple[str, ...]) -> bool:
    """Set the given fields that differ and save with validation; whether anything changed."""
    changed = False
    for name in names:
        if name in values and getattr(obj, name) != values[name]:
            setattr(obj, name, values[name])
            changed = True
    if changed:
        validated_save(obj)
    return changed


def _pk(obj: Any) -> Any:
    return None if obj is None else obj.pk


def _plain(name: str, heading: str, parse: Parser = _text, **more: Any) -> Column:
    """A column exported as the attribute it fills, as it is (text, dates, numbers)."""
    return Column(name, heading, parse, _attr(name), **more)


def _chosen(
    name: str, heading: str, options: type[models.TextChoices], what: str, **more: Any
) -> Column:
    """One of a model's choices: read by its label or stored value, exported by its label."""
    return Column(name, heading, _choice(options, what), _attr(name, _label(options)), **more)


def _named(name: str, heading: str, lookup: Callable[[Context, Any], Any], **more: Any) -> Column:
    """A directorate, programme, stage, fund or board: read by name (``lookup`` is the Context
    method that finds it), exported by name."""
    return Column(name, heading, lambda value, ctx: lookup(ctx, value), _attr(name, _name), **more)


DIRECTORATE = _named(
    "directorate",
    "Directorate",
    Context.directorate,
    synonyms=("service area", "service", "department", "dept"),
    choices="directorates",
)
PROJECT = Column(
    "project",
    "Project code",
    lambda v, ctx: ctx.project(v),
    _attr("project", _code),
    synonyms=("project", "code", "project ref", "project reference", "project id"),
    choices="projects",
)
YEAR = Column(
    "financial_year",
    "Year",
    _year,
    _attr("financial_year", _year_label),
    required=True,
    synonyms=("financial year", "fy", "budget year"),
    hint="Financial year such as 2025/26",
    choices="years",
    example="2025/26",
)
SAVING_KIND = _chosen(
    "kind",
    "Kind",
    SavingKind,
    "kind of saving",
    synonyms=("saving type", "type", "category", "saving kind"),
    choices="saving_kinds",
    example="Cashable saving",
)

# Projects ---------------------------------------------------------------------------------------

_PROJECT_FIELDS = (
    "name",
    "summary",
    "directorate",
    "programme",
    "stage",
    "planned_start",
    "planned_end",
    "forecast_end",
    "confidence",
    "lead_officer",
)


def _project_status(ctx: Context, project: Project, values: Values) -> None:
    status = values.get("status")
    if not status or status == project.status:
        return
    ended = status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
    if ended and not values.get("actual_end"):
        raise ValidationError(
            {"actual_end": "A complete or stopped project needs its actual end date"}
        )
    on = values.get("actual_end") if ended else values.get("planned_start")
    # The sheet applies over whatever is stored now (an import shows nobody a version); the
    # service writes the stored row, so bring this instance (the import's cache) up to date.
    portfolio.project_change_status(
        project=project, status=status, on=on or date.today(), seen_version=LATEST, by=ctx.by
    )
    project.refresh_from_db(fields=["status", "actual_end"])


def _project_create(ctx: Context, values: Values) -> Project:
    fields = {k: values[k] for k in _PROJECT_FIELDS if k in values and k != "name"}
    project = portfolio.project_create(
        organisation=ctx.organisation, code=values["code"], name=values["name"], by=ctx.by, **fields
    )
    ctx.remember("projects", project.code, project)
    _project_status(ctx, project, values)
    return project


def _project_update(ctx: Context, project: Project, values: Values) -> bool:
    before = project.status
    changed = _assign(project, values, _PROJECT_FIELDS)
    _project_status(ctx, project, values)
    return changed or project.status != before


PROJECTS = Kind(
    name="projects",
    label="Projects",
    noun="project",
    synonyms=("project list", "portfolio"),
    columns=(
        _plain(
            "code",
            "Code",
            required=True,
            synonyms=("project code", "reference", "ref", "project ref", "id"),
            example="P-101",
        ),
        _plain(
            "name",
            "Name",
            required=True,
            synonyms=("project", "project name", "title"),
            example="Digital front door",
        ),
        DIRECTORATE,
        _named("programme", "Programme", Context.programme, choices="programmes"),
        _chosen(
            "status",
            "Status",
            ProjectStatus,
            "project status",
            synonyms=("project status", "state"),
            choices="project_statuses",
            example="In progress",
        ),
        _named(
            "stage", "Stage", Context.stage, synonyms=("lifecycle stage", "phase"), choices="stages"
        ),
        _plain(
            "planned_start",
            "Planned start",
            _day,
            synonyms=("start", "start date"),
            example=date(2025, 4, 1),
        ),
        _plain("planned_end", "Planned end", _day, synonyms=("end date",)),
        _plain("forecast_end", "Forecast end", _day),
        _plain("actual_end", "Actual end", _day, synonyms=("completed", "completion date")),
        _chosen(
            "confidence",
            "Confidence",
            ConfidenceRating,
            "delivery confidence",
            synonyms=("delivery confidence", "rag", "rag status"),
            choices="confidence",
        ),
        _plain(
            "lead_officer",
            "Lead officer",
            synonyms=("lead", "project lead", "owner", "project manager"),
        ),
        _plain("summary", "Summary", synonyms=("description",)),
    ),
    key=lambda v: (cells.normal(v["code"]),),
    find=lambda ctx, v: Project.objects.filter(
        organisation=ctx.organisation, code=v["code"]
    ).first(),
    create=_project_create,
    update=_project_update,
    rows=lambda org: Project.objects.filter(organisation=org).select_related(
        "directorate", "programme", "stage"
    ),
    describe=lambda v: f"{v['code']} {v['name']}",
)

# Savings targets --------------------------------------------------------------------------------


def _scope(values: Values) -> tuple[Any, Any]:
    project = values.get("project")
    directorate = values.get("directorate")
    if project is not None and directorate is None:
        directorate = project.directorate
    return directorate, project


def _target_find(ctx: Context, values: Values) -> SavingsTarget | None:
    directorate, project = _scope(values)
    return SavingsTarget.objects.filter(
        organisation=ctx.organisation,
        financial_year=values["financial_year"],
        kind=values.get("kind", SavingKind.CASHABLE),
        directorate=directorate,
        project=project,
    ).first()


def _target_create(ctx: Context, values: Values) -> SavingsTarget:
    return benefits.savings_target_set(
        organisation=ctx.organisation,
        year=values["financial_year"],
        amount=values["amount"],
        kind=values.get("kind", SavingKind.CASHABLE),
        directorate=values.get("directorate"),
        project=values.get("project"),
        variance_reason=values.get("variance_reason", ""),
    )


def _scope_key(values: Values) -> tuple[Any, ...]:
    directorate, project = _scope(values)
    return (
        _pk(directorate),
        _pk(project),
        values["financial_year"],
        values.get("kind", "cashable"),
    )


def _describe_saving(values: Values) -> str:
    directorate, project = _scope(values)
    scope = project.code if project else (directorate.name if directorate else WHOLE_COUNCIL)
    amount = cells.shown(format_money(values["amount"], places=2))
    return f"{_year_label(values['financial_year'])} {scope}: {amount}"


AMOUNT = _plain(
    "amount",
    "Amount",
    _money,
    required=True,
    synonyms=("value", "£", "amount £", "saving", "savings", "budget", "target", "achieved"),
    hint="Pounds: £1,234.50, 1234.5, (1,200) or £1.2m",
    example=Decimal("250000.00"),
)

TARGETS = Kind(
    name="targets",
    label="Savings targets",
    noun="savings target",
    synonyms=("targets", "budgeted savings", "savings budget", "savings targets"),
    columns=(
        YEAR,
        AMOUNT,
        SAVING_KIND,
        DIRECTORATE,
        PROJECT,
        _plain(
            "variance_reason",
            "Variance reason",
            synonyms=("variance", "reason", "comment", "comments"),
        ),
    ),
    key=_scope_key,
    find=_target_find,
    create=_target_create,
    update=lambda ctx, obj, v: _assign(obj, v, ("amount", "variance_reason")),
    rows=lambda org: (
        SavingsTarget.objects.filter(organisation=org)
        .select_related("directorate", "project")
        .order_by("financial_year", "id")
    ),
    describe=_describe_saving,
)

# The savings ledger -----------------------------------------------------------------------------


def _content_key(
    year: int,
    kind: str,
    status: str,
    directorate_id: Any,
    project_id: Any,
    amount: Decimal,
    recorded_on: date,
    note: str,
) -> str:
    content = [
        year,
        kind,
        status,
        directorate_id,
        project_id,
        str(amount),
        recorded_on.isoformat(),
        note,
    ]
    digest = hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
    return f"row:{digest[:64]}"


def ledger_key(values: Values) -> str:
    """The stable key of a ledger row: its Reference, else a hash of what the row says."""
    key = values.get("_key")
    if key is None:
        reference = values.get("reference")
        key = f"ref:{cells.normal(reference)}"[:80] if reference else _content_of(values)
        values["_key"] = key
    return key


def _content_of(values: Values) -> str:
    """The hash of what a ledger row says, worked out once per row and only when needed: for a
    row without a Reference, or one whose Reference is already in the ledger."""
    content = values.get("_content")
    if content is None:
        directorate, project = _scope(values)
        content = values["_content"] = _content_key(
            values["financial_year"],
            values.get("kind", SavingKind.CASHABLE),
            values.get("status", EntryStatus.ACHIEVED),
            _pk(directorate),
            _pk(project),
            values["amount"],
            values["recorded_on"],
            values.get("note", ""),
        )
    return content


def _ledger_keys(ctx: Context) -> dict[str, Any]:
    """Every ledger entry of the council by its import key, and (for entries recorded some other
    way) by the hash of its content, each with its content hash (or, for an entry of this import,
    the entry, hashed only if asked), so an exported ledger imports back without duplicates and a
    re-import needs no query per row."""
    if ctx.ledger_keys is None:
        keys: dict[str, Any] = {}
        fields = (
            "pk",
            "import_key",
            "financial_year",
            "kind",
            "status",
            "directorate_id",
            "project_id",
            "amount",
            "recorded_on",
            "note",
        )
        for pk, key, *content in (
            SavingsEntry.objects.filter(organisation=ctx.organisation)
            .values_list(*fields)
            .iterator()
        ):
            content_key = _content_key(*content)
            keys[key or content_key] = content_key
            if not key.startswith("ref:"):  # exported with Realise's own reference
                keys[f"ref:{cells.normal(own_reference(pk))}"] = content_key
        ctx.ledger_keys = keys
    return ctx.ledger_keys


def _entry_find(ctx: Context, values: Values) -> Any:
    """The content hash of the entry already holding this row's key (or the entry itself, when
    this import made it), if any."""
    return _ledger_keys(ctx).get(ledger_key(values))


ONLY_FINANCE_VALIDATES = (
    "only someone with the finance role can import an achieved (validated) saving: put Claimed "
    "in this column and finance will validate it in Realise, or ask someone with the finance "
    "role to import the file"
)
STATUS_HINT = (
    "Achieved (validated), Claimed (awaiting finance) or Forecast; empty means Achieved. Only "
    "someone with the finance role can import Achieved: otherwise put Claimed, and finance "
    "validates it in Realise"
)


def _entry_fields(ctx: Context, values: Values) -> dict[str, Any]:
    status = values.get("status", EntryStatus.ACHIEVED)
    if status == EntryStatus.ACHIEVED and not ctx.may_validate:
        said = "Achieved" if "status" in values else "An empty status means Achieved"
        raise ValidationError({"status": f"{said}: {ONLY_FINANCE_VALIDATES}"})
    return {
        "organisation": ctx.organisation,
        "year": values["financial_year"],
        "amount": values["amount"],
        "status": status,
        "kind": values.get("kind", SavingKind.CASHABLE),
        "directorate": values.get("directorate"),
        "project": values.get("project"),
        "recorded_on": values["recorded_on"],
        "note": values.get("note", ""),
        "by": ctx.by,
        "import_key": ledger_key(values),
    }


def _entry_create(ctx: Context, values: Values) -> SavingsEntry:
    entry = benefits.saving_record(**_entry_fields(ctx, values))
    _ledger_keys(ctx)[entry.import_key] = _content_of(values)
    return entry


def _entry_build(ctx: Context, values: Values) -> benefits.NewEntry:
    entry = benefits.saving_build(**_entry_fields(ctx, values))
    _ledger_keys(ctx)[entry.import_key] = entry
    return entry


def _entry_update(ctx: Context, stored: Any, values: Values) -> bool:
    """The ledger is append-only: a row already imported must say the same as before."""
    if isinstance(stored, benefits.NewEntry):  # appended earlier in this import
        stored = _content_key(
            stored.financial_year,
            stored.kind,
            stored.status,
            stored.directorate_id,
            stored.project_id,
            stored.amount,
            stored.recorded_on,
            stored.note,
        )
    if stored != _content_of(values):
        raise ValidationError(
            {
                "reference": "This reference is already in the savings ledger with other "
                "figures: the ledger only grows, so record a correction under a new reference"
            }
        )
    return False


def own_reference(pk: int) -> str:
    """The reference an export gives an entry that came with none of the council's own (recorded
    on the web, through the API, or imported without one): two entries may say exactly the same
    (two people recording the same claim), and each must still import back as itself."""
    return f"realise-{pk}"


def _entry_reference(entry: SavingsEntry) -> str:
    key = entry.import_key
    return key[4:] if key.startswith("ref:") else own_reference(entry.pk)


SAVINGS = Kind(
    name="savings",
    label="Savings ledger",
    noun="ledger entry",
    synonyms=(
        "ledger",
        "savings ledger",
        "achieved savings",
        "savings achieved",
        "savings tracker",
    ),
    columns=(
        Column(
            "reference",
            "Reference",
            _text,
            _entry_reference,
            synonyms=("ref", "entry reference", "id", "line"),
            hint="Optional: your own reference, so a corrected row is not taken for a new one",
        ),
        YEAR,
        AMOUNT,
        _chosen(
            "status",
            "Status",
            EntryStatus,
            "ledger status",
            synonyms=("achieved or forecast", "type of entry"),
            choices="entry_statuses",
            example="Claimed (awaiting finance)",
            hint=STATUS_HINT,
        ),
        SAVING_KIND,
        DIRECTORATE,
        PROJECT,
        _plain(
            "recorded_on",
            "Recorded on",
            _day,
            required=True,
            synonyms=("date", "as of", "as at", "recorded"),
            example=date(2025, 9, 30),
        ),
        _plain("note", "Note", synonyms=("notes", "comment", "comments")),
    ),
    key=lambda v: (ledger_key(v),),
    find=_entry_find,
    create=_entry_create,
    update=_entry_update,
    build=_entry_build,
    insert=lambda ctx, objs: benefits.savings_insert(entries=objs),
    rows=lambda org: (
        SavingsEntry.objects.filter(organisation=org)
        .select_related("directorate", "project")
        .order_by("financial_year", "id")
    ),
    describe=_describe_saving,
)

# Bids and grants --------------------------------------------------------------------------------


def _bid_create(ctx: Context, values: Values) -> Bid:
    bid = funding.bid_submit(
        fund=values["fund"],
        title=values["title"],
        amount=values["amount"],
        purpose=values.get("purpose", ""),
        project=values.get("project"),
    )
    _bid_status(bid, values)
    return bid


def _bid_status(bid: Bid, values: Values) -> None:
    status = values.get("status", BidStatus.SUBMITTED)
    if status == bid.status:
        return
    if bid.status == BidStatus.SUBMITTED and status in (BidStatus.APPROVED, BidStatus.REJECTED):
        if not values.get("decided_on"):
            raise ValidationError({"decided_on": "Give the date the bid was decided"})
        funding.bid_decide(
            bid=bid,
            approve=status == BidStatus.APPROVED,
            decided_on=values["decided_on"],
            decided_by=values.get("decided_by", ""),
        )
    else:
        _assign(bid, {"status": status}, ("status",))


def _bid_update(ctx: Context, bid: Bid, values: Values) -> bool:
    before = bid.status
    changed = _assign(bid, values, ("amount", "purpose", "project"))
    _bid_status(bid, values)
    return changed or bid.status != before


BIDS = Kind(
    name="bids",
    label="Bids",
    noun="bid",
    synonyms=("bids", "invest to save bids", "fund bids"),
    columns=(
        _named(
            "fund",
            "Fund",
            Context.fund,
            required=True,
            synonyms=("pot", "fund name"),
            choices="funds",
        ),
        _plain(
            "title",
            "Title",
            required=True,
            synonyms=("bid", "bid title", "name"),
            example="Self-service portal",
        ),
        AMOUNT,
        PROJECT,
        _plain("purpose", "Purpose", synonyms=("description",)),
        _chosen(
            "status",
            "Status",
            BidStatus,
            "bid status",
            synonyms=("decision", "outcome"),
            choices="bid_statuses",
            example="Submitted",
        ),
        _plain("decided_on", "Decided on", _day, synonyms=("decision date",)),
        _plain("decided_by", "Decided by", synonyms=("approver",)),
    ),
    key=lambda v: (v["fund"].pk, cells.normal(v["title"])),
    find=lambda ctx, v: Bid.objects.filter(
        organisation=ctx.organisation, fund=v["fund"], title=v["title"]
    ).first(),
    create=_bid_create,
    update=_bid_update,
    rows=lambda org: Bid.objects.filter(organisation=org).select_related("fund", "project"),
    describe=lambda v: f"{v['title']} ({format_money(v['amount'], places=2)})",
)

GRANTS = Kind(
    name="grants",
    label="Grants",
    noun="grant",
    synonyms=("external grants", "external funding"),
    columns=(
        _plain(
            "funder",
            "Funder",
            required=True,
            synonyms=("awarding body", "from", "grant funder"),
            example="Department for Education",
        ),
        _plain("scheme", "Scheme", synonyms=("grant", "programme name")),
        AMOUNT,
        _plain("awarded_on", "Awarded on", _day, synonyms=("date awarded",)),
        PROJECT,
        _plain("purpose", "Purpose", synonyms=("description",)),
    ),
    key=lambda v: (
        cells.normal(v["funder"]),
        cells.normal(v.get("scheme", "")),
        v.get("awarded_on"),
        _pk(v.get("project")),
    ),
    find=lambda ctx, v: Grant.objects.filter(
        organisation=ctx.organisation,
        funder=v["funder"],
        scheme=v.get("scheme", ""),
        awarded_on=v.get("awarded_on"),
        project=v.get("project"),
    ).first(),
    create=lambda ctx, v: funding.grant_record(
        organisation=ctx.organisation,
        **{
            k: v[k]
            for k in ("funder", "amount", "scheme", "awarded_on", "project", "purpose")
            if k in v
        },
    ),
    update=lambda ctx, obj, v: _assign(obj, v, ("amount", "purpose")),
    rows=lambda org: Grant.objects.filter(organisation=org).select_related("project"),
    describe=lambda v: f"{v['funder']} ({format_money(v['amount'], places=2)})",
)

# Risks ------------------------------------------------------------------------------------------

_RISK_FIELDS = (
    "cause",
    "effect",
    "owner",
    "likelihood",
    "impact",
    "target_likelihood",
    "target_impact",
    "mitigations",
    "review_on",
    "escalated",
    "status",
)


def _risk_create(ctx: Context, values: Values) -> Risk:
    fields = {k: values[k] for k in _RISK_FIELDS if k in values and k != "status"}
    risk = risks.risk_create(
        organisation=ctx.organisation,
        title=values["title"],
        programme=values.get("programme"),
        project=values.get("project"),
        **fields,
    )
    _assign(risk, values, ("status",))
    return risk


RISKS = Kind(
    name="risks",
    label="Risks",
    noun="risk",
    synonyms=("risk register", "risk log"),
    columns=(
        _plain(
            "title",
            "Title",
            required=True,
            synonyms=("risk", "risk title", "description", "risk description"),
            example="Staff capacity",
        ),
        _named("programme", "Programme", Context.programme, choices="programmes"),
        PROJECT,
        _plain(
            "likelihood",
            "Likelihood",
            _rating,
            required=True,
            synonyms=("probability", "l"),
            choices="ratings",
            example=3,
        ),
        _plain(
            "impact",
            "Impact",
            _rating,
            required=True,
            synonyms=("severity", "i"),
            choices="ratings",
            example=4,
        ),
        _plain(
            "target_likelihood",
            "Target likelihood",
            _rating,
            synonyms=("residual likelihood",),
            choices="ratings",
        ),
        _plain(
            "target_impact",
            "Target impact",
            _rating,
            synonyms=("residual impact",),
            choices="ratings",
        ),
        _plain("cause", "Cause"),
        _plain("effect", "Effect", synonyms=("consequence",)),
        _plain("owner", "Owner", synonyms=("risk owner",)),
        _plain("mitigations", "Mitigations", synonyms=("actions",)),
        _chosen("status", "Status", RiskStatus, "risk status", choices="risk_statuses"),
        _plain("review_on", "Review on", _day, synonyms=("review date",)),
        Column(
            "escalated",
            "Escalated",
            _yes_no,
            lambda r: "Yes" if r.escalated else "No",
            synonyms=("corporate", "on corporate register"),
            choices="yes_no",
        ),
    ),
    key=lambda v: (cells.normal(v["title"]), _pk(v.get("programme")), _pk(v.get("project"))),
    find=lambda ctx, v: Risk.objects.filter(
        organisation=ctx.organisation,
        title=v["title"],
        programme=v.get("programme"),
        project=v.get("project"),
    ).first(),
    create=_risk_create,
    update=lambda ctx, obj, v: _assign(obj, v, _RISK_FIELDS),
    rows=lambda org: Risk.objects.filter(organisation=org).select_related("programme", "project"),
    describe=lambda v: f"{v['title']} ({v['likelihood']} × {v['impact']})",
)

# Measures ---------------------------------------------------------------------------------------

MEASURES = Kind(
    name="measures",
    label="Measures",
    noun="measure",
    synonyms=("kpis", "kpi", "benefits", "non financial benefits"),
    columns=(
        _plain(
            "name",
            "Name",
            required=True,
            synonyms=("measure", "kpi", "indicator"),
            example="Calls answered out of hours",
        ),
        _plain("unit", "Unit", required=True, synonyms=("units", "unit of measure"), example="%"),
        PROJECT,
        _plain("baseline", "Baseline", _decimal, example=Decimal("62")),
        _plain("target", "Target", _decimal, example=Decimal("80")),
        _plain("target_date", "Target date", _day, synonyms=("by",)),
    ),
    key=lambda v: (cells.normal(v["name"]),),
    find=lambda ctx, v: Measure.objects.filter(
        organisation=ctx.organisation, name=v["name"]
    ).first(),
    create=lambda ctx, v: benefits.measure_create(organisation=ctx.organisation, **v),
    update=lambda ctx, obj, v: _assign(
        obj, v, ("unit", "project", "baseline", "target", "target_date")
    ),
    rows=lambda org: Measure.objects.filter(organisation=org).select_related("project"),
    describe=lambda v: f"{v['name']} ({v['unit']})",
)

# Decisions --------------------------------------------------------------------------------------


def _project_codes(value: Any, ctx: Context) -> list[Project]:
    codes = [c.strip() for c in cells.text(value).replace(";", ",").split(",") if c.strip()]
    return [ctx.project(code) for code in codes]


def _decision_create(ctx: Context, values: Values) -> Decision:
    return portfolio.decision_record(
        organisation=ctx.organisation,
        board=values["board"],
        decided_on=values["decided_on"],
        kind=values["kind"],
        text=values["text"],
        projects=values.get("projects", ()),
    )


def _decision_update(ctx: Context, decision: Decision, values: Values) -> bool:
    wanted = {p.pk for p in values.get("projects", ())}
    if "projects" not in values or wanted == set(decision.projects.values_list("pk", flat=True)):
        return False
    decision.projects.set(values["projects"])
    return True


DECISIONS = Kind(
    name="decisions",
    label="Decisions",
    noun="decision",
    synonyms=("board decisions", "decision log"),
    columns=(
        _named(
            "board",
            "Board",
            Context.board,
            required=True,
            synonyms=("committee", "decided by", "meeting"),
            choices="boards",
            example="Cabinet",
        ),
        _plain(
            "decided_on",
            "Date",
            _day,
            required=True,
            synonyms=("decided on", "decision date", "meeting date"),
            example=date(2025, 6, 20),
        ),
        _chosen(
            "kind",
            "Kind",
            DecisionKind,
            "kind of decision",
            required=True,
            synonyms=("type", "decision type"),
            choices="decision_kinds",
            example="Approve business case",
        ),
        _plain(
            "text",
            "Decision",
            required=True,
            synonyms=("text", "decision text", "details", "description"),
            example="Approved the business case for P-101",
        ),
        Column(
            "projects",
            "Projects",
            _project_codes,
            lambda d: ", ".join(p.code for p in d.projects.order_by("code")),
            synonyms=("project codes", "project code", "project"),
            hint="Project codes separated by commas",
        ),
    ),
    key=lambda v: (v["board"].pk, v["decided_on"], v["kind"], cells.normal(v["text"])),
    find=lambda ctx, v: Decision.objects.filter(
        organisation=ctx.organisation,
        board=v["board"],
        decided_on=v["decided_on"],
        kind=v["kind"],
        text=v["text"],
    ).first(),
    create=_decision_create,
    update=_decision_update,
    rows=lambda org: Decision.objects.filter(organisation=org).select_related("board"),
    describe=lambda v: f"{v['board'].name} {v['decided_on']:%d/%m/%Y}: {v['text'][:60]}",
)

# In the order an import applies them: projects before the rows that name them.
KINDS: dict[str, Kind] = {
    k.name: k for k in (PROJECTS, MEASURES, TARGETS, SAVINGS, BIDS, GRANTS, RISKS, DECISIONS)
}


def kind_named(name: str) -> Kind:
    found = KINDS.get(name.strip().lower())
    if found is None:
        raise ValueError(f'"{name}" is not a kind of list: choose one of {", ".join(KINDS)}')
    return found

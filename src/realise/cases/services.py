"""Writes to the stored business cases: make a case with its first version, save a new version,
submit the latest for a decision, approve it (one option, with the board's decision recorded) or
reject it (saying why), and supersede a case as a whole. Each checks every rule, writes the rows'
history with who did it and refuses what breaks a rule with a ``ValidationError`` naming the
field; nothing is written then.

A document is read (``realise.cases.documents``) before it is saved: a file that cannot be used
is refused whole, with every problem located (file, line, field). A saved version's content
never changes (the model refuses it); a change is a new version.

Approving records the option approved and nothing else: turning it into savings targets is a
later step, which will read ``selectors.approval_in_force`` (the version in force, its option
and the option's figures) and call the benefits services; nothing here writes targets.

Once a version is approved, officers re-forecast its benefit lines year by year
(``case_reforecast``); the benefits realisation (``realise.cases.tracking``) compares the plan
with that forecast and with the savings finance has validated."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from realise.cases.documents import Document, read_document
from realise.cases.models import OPEN, Case, CaseReforecast, CaseStatus, CaseVersion
from realise.cases.tracking import Plan, case_plan
from realise.core.limits import case_limits
from realise.core.writes import validated_save
from realise.core.years import financial_year_from
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError
from realise.portfolio.models import Board, DecisionKind, Organisation, Programme, Project
from realise.portfolio.reference import refuse_retired
from realise.portfolio.services import decision_record, to_amount

DEFAULT_SOURCE = "the case file"


def document_read(*, text: str, source: str = "") -> Document:
    """The case file ``text`` read and checked, or a ``ValidationError`` on ``document`` with one
    message per problem (``dorset.yaml:41 scenarios[2].level: unknown savings level 'top'``)."""
    try:
        return read_document(text, source=source or DEFAULT_SOURCE, limits=case_limits())
    except CaseFileError as error:
        raise ValidationError({"document": [str(p) for p in error.problems]}) from None


def _locked(case: Case) -> Case:
    """The case, locked until the transaction ends: one change at a time per case."""
    return Case.objects.select_for_update(of=("self",)).select_related("project").get(pk=case.pk)


def _latest(case: Case) -> CaseVersion | None:
    return CaseVersion.objects.filter(case=case).order_by("-number").first()


def _open_case(case: Case) -> None:
    if case.is_superseded:
        raise ValidationError(
            {
                "case": f"“{case}” was superseded on {case.superseded_on:%d %B %Y}: it takes no "
                "more versions or decisions. Start a new case instead"
            }
        )


def _add_version(
    case: Case, document: Document, *, number: int, source: str, note: str, by: Any
) -> CaseVersion:
    version = CaseVersion(
        organisation_id=case.organisation_id,
        case=case,
        number=number,
        document=document.text,
        format=document.format,
        checksum=document.checksum,
        source=source,
        note=note,
        created_by=by if getattr(by, "pk", None) else None,
        created_at=timezone.now(),
    )
    return _saved(version, by)


def _saved(version: CaseVersion, by: Any) -> CaseVersion:
    """A version written the one way, its document kept exactly as written."""
    return validated_save(version, by=by, verbatim=("document",))


@transaction.atomic
def case_create(
    *,
    organisation: Organisation,
    title: str,
    document: str,
    programme: Programme | None = None,
    project: Project | None = None,
    source: str = "",
    note: str = "",
    by: Any = None,
) -> Case:
    """Store a new business case of a programme or a project with its first version, a draft.
    The document is checked first: a file that cannot be used is refused with its problems."""
    refuse_retired("programme", programme)
    read = document_read(text=document, source=source)
    case = validated_save(
        Case(organisation=organisation, title=title, programme=programme, project=project), by=by
    )
    _add_version(case, read, number=1, source=source, note=note or "First version", by=by)
    return case


def _refuse_stale(latest: CaseVersion | None, seen: int | None, what: str) -> None:
    if seen is not None and latest is not None and latest.number != seen:
        raise ValidationError(
            {
                "seen": f"Version {latest.number} was saved after version {seen}, which you "
                f"were looking at. Nothing was {what}: look at version {latest.number} (or "
                "compare the two), then try again"
            }
        )


@transaction.atomic
def case_version_save(
    *,
    case: Case,
    document: str,
    source: str = "",
    note: str = "",
    seen: int | None = None,
    by: Any = None,
) -> CaseVersion:
    """Save ``document`` as the case's next version, a draft. ``seen``, when given, is the latest
    version the person was looking at: if someone saved a newer one since, nothing is saved. Any
    earlier draft or submitted version is superseded by it (a submitted one must then be
    submitted again as this version); an approved version stays approved, in force, until this
    one is approved. A file identical to the latest version is refused: there is nothing new."""
    locked = _locked(case)
    _open_case(locked)
    latest = _latest(locked)
    _refuse_stale(latest, seen, "saved")
    read = document_read(text=document, source=source)
    if latest is not None and latest.checksum == read.checksum:
        raise ValidationError(
            {"document": f"The file is the same as version {latest.number}: nothing to save"}
        )
    number = (latest.number if latest else 0) + 1
    for older in CaseVersion.objects.filter(case=locked, status__in=OPEN):
        older.status, older.reason = CaseStatus.SUPERSEDED, f"Replaced by version {number}"
        _saved(older, by)
    return _add_version(locked, read, number=number, source=source, note=note, by=by)


def _latest_in(case: Case, status: str, doing: str, seen: int | None) -> CaseVersion:
    """The case's latest version, if it is ``status``; else a ``ValidationError`` saying what
    the case's latest version is, so what must happen first."""
    _open_case(case)
    latest = _latest(case)
    _refuse_stale(latest, seen, doing)
    if latest is None or latest.status != status:
        where = (
            "it has no version yet"
            if latest is None
            else f"its latest version, {latest.number}, is {latest.get_status_display().lower()}"
        )
        need = {CaseStatus.DRAFT: "a draft", CaseStatus.SUBMITTED: "submitted"}[status]
        raise ValidationError(
            {"status": f"“{case}” cannot be {doing}: {where}, and it must be {need}"}
        )
    return latest


@transaction.atomic
def case_submit(*, case: Case, seen: int | None = None, by: Any = None) -> CaseVersion:
    """Submit the case's latest version, a draft, for a board's decision."""
    version = _latest_in(_locked(case), CaseStatus.DRAFT, "submitted", seen)
    version.status = CaseStatus.SUBMITTED
    return _saved(version, by)


def _option(version: CaseVersion, option: str) -> Any:
    read = document_read(text=version.document, source=version.source)
    chosen = read.option((option or "").strip())
    if chosen is None:
        known = ", ".join(f"{o.id} ({o.name})" for o in read.options) or "it has none"
        raise ValidationError(
            {"option": f"“{option}” is not an option of version {version.number}: choose {known}"}
        )
    return chosen


@transaction.atomic
def case_approve(
    *,
    case: Case,
    option: str,
    board: Board,
    decided_on: date,
    text: str = "",
    seen: int | None = None,
    by: Any = None,
) -> CaseVersion:
    """Record that ``board`` approved the case's submitted version on ``decided_on``, choosing
    ``option`` (a scenario's id in the file). The board's decision is recorded (an "Approve
    business case" decision, linked to the case's project) and the version approved before, if
    any, is superseded: the approved version is the one in force, and only its option is kept."""
    locked = _locked(case)
    version = _latest_in(locked, CaseStatus.SUBMITTED, "approved", seen)
    chosen = _option(version, option)
    refuse_retired("board", board)
    said = f" {text.strip()}" if text.strip() else ""
    decision = decision_record(
        organisation=locked.organisation,
        board=board,
        decided_on=decided_on,
        kind=DecisionKind.APPROVE_BUSINESS_CASE,
        text=f"Approved the business case “{locked}”, version {version.number}: "
        f"{chosen.name}.{said}",
        projects=[locked.project] if locked.project else [],
        by=by,
    )
    for before in CaseVersion.objects.filter(case=locked, status=CaseStatus.APPROVED):
        before.status = CaseStatus.SUPERSEDED
        before.reason = f"Replaced by version {version.number}, approved on {decided_on:%d %B %Y}"
        _saved(before, by)
    version.status, version.option, version.option_name = (
        CaseStatus.APPROVED,
        chosen.id,
        chosen.name,
    )
    version.decision, version.reason = decision, ""
    return _saved(version, by)


@transaction.atomic
def case_reject(
    *,
    case: Case,
    reason: str,
    board: Board | None = None,
    decided_on: date | None = None,
    seen: int | None = None,
    by: Any = None,
) -> CaseVersion:
    """Record that the case's submitted version was rejected, and why. With ``board`` (and
    ``decided_on``) the board's decision is recorded too. A version approved before stays in
    force."""
    locked = _locked(case)
    version = _latest_in(locked, CaseStatus.SUBMITTED, "rejected", seen)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the case was rejected"})
    if board is not None:
        if decided_on is None:
            raise ValidationError({"decided_on": "Give the date of the board's decision"})
        refuse_retired("board", board)
        version.decision = decision_record(
            organisation=locked.organisation,
            board=board,
            decided_on=decided_on,
            kind=DecisionKind.OTHER,
            text=f"Rejected the business case “{locked}”, version {version.number}: "
            f"{reason.strip()}",
            projects=[locked.project] if locked.project else [],
            by=by,
        )
    version.status, version.reason = CaseStatus.REJECTED, reason
    return _saved(version, by)


@transaction.atomic
def case_supersede(
    *,
    case: Case,
    reason: str,
    on: date | None = None,
    replaced_by: Case | None = None,
    by: Any = None,
) -> Case:
    """Supersede a case as a whole (e.g. by another case, ``replaced_by``): its approved, draft
    and submitted versions are superseded, and it takes no more versions or decisions."""
    locked = _locked(case)
    _open_case(locked)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the case is superseded"})
    if replaced_by is not None and replaced_by.is_superseded:
        raise ValidationError({"replaced_by": f"“{replaced_by}” is itself superseded"})
    locked.superseded_on = on or timezone.localdate()
    locked.superseded_by, locked.superseded_reason = replaced_by, reason
    validated_save(locked, by=by)
    kept = (CaseStatus.APPROVED, *OPEN)
    for version in CaseVersion.objects.filter(case=locked, status__in=kept):
        version.status, version.reason = CaseStatus.SUPERSEDED, f"The case was superseded: {reason}"
        _saved(version, by)
    return locked


def _plan_in_force(case: Case) -> Plan:
    try:
        plan = case_plan(case=case)
    except CaseFileError as error:
        raise ValidationError({"case": [str(p) for p in error.problems]}) from None
    if plan is None:
        raise ValidationError(
            {"case": f"“{case}” has no approved version: there is no plan to re-forecast"}
        )
    return plan


def _year_of(plan: Plan, year: object) -> int:
    try:
        start = financial_year_from(year)
    except ValidationError as error:
        raise ValidationError({"year": error.messages}) from None
    if FinancialYear(start) not in plan.years:
        first, last = plan.years[0].label, plan.years[-1].label
        raise ValidationError(
            {
                "year": f"{FinancialYear(start).label} is not one of the case's years: choose "
                f"one from {first} to {last}"
            }
        )
    return start


@transaction.atomic
def case_reforecast(
    *,
    case: Case,
    line: str,
    year: object,
    amount: object,
    note: str,
    by: Any = None,
) -> CaseReforecast:
    """Record the officers' re-forecast of one benefit line of the approved version in force, in
    one of the case's years (``2025/26``): the benefit now expected there, and why. A re-forecast
    of the same line and year changes the figure (its history keeps the earlier one). It is the
    forecast until a version saved after it says otherwise (ADR 0040)."""
    locked = _locked(case)
    _open_case(locked)
    plan = _plan_in_force(locked)
    names = plan.line_names
    line_id = (line or "").strip()
    if line_id not in names:
        known = ", ".join(f"{key} ({name})" for key, name in names.items()) or "it has none"
        raise ValidationError(
            {
                "line": f"“{line}” is not a benefit line of version {plan.version.number}'s "
                f"option {plan.version.option_name}: choose {known}"
            }
        )
    start = _year_of(plan, year)
    value = to_amount(amount)
    if value < 0:
        raise ValidationError({"amount": "A forecast benefit is £0 or more"})
    row = CaseReforecast.objects.filter(
        version=plan.version, line=line_id, financial_year=start
    ).first() or CaseReforecast(
        organisation_id=locked.organisation_id,
        version=plan.version,
        line=line_id,
        financial_year=start,
    )
    row.line_name, row.amount, row.note = names[line_id], value, note or ""
    row.recorded_by = by if getattr(by, "pk", None) else None
    row.recorded_at = timezone.now()
    return validated_save(row, by=by)

"""Reads of the stored business cases: a council's cases with where each stands, one case with
its versions (who saved each, when and why), a version's document read again, two versions
compared, the approval in force and the case's history in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import Max, OuterRef, Subquery

from realise.accounts.selectors import names_in
from realise.cases.documents import Document, Option, read_document
from realise.cases.models import Case, CaseDraft, CaseReforecast, CaseStatus, CaseVersion
from realise.core.limits import case_limits
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.upgrade import to_format_1
from realise.finance.audit import AuditReport, audit_case
from realise.finance.calendar import FinancialYear
from realise.finance.casediff import Change, by_section, diff_facts
from realise.finance.money import format_money
from realise.portfolio.models import Organisation

NOBODY = "someone (no user recorded)"


def _latest(field: str) -> Subquery:
    rows = CaseVersion.objects.filter(case=OuterRef("pk")).order_by("-number")
    return Subquery(rows.values(field)[:1])


def cases_list(*, organisation: Organisation, status: str = "") -> models.QuerySet[Case]:
    """The council's cases by title, each with ``latest_number`` and ``latest_status`` (its
    latest version's) and ``in_force`` (the number of its approved version, or None); with
    ``status``, only the cases whose latest version has it."""
    in_force = CaseVersion.objects.filter(case=OuterRef("pk"), status=CaseStatus.APPROVED)
    rows = (
        Case.objects.filter(organisation=organisation)
        .select_related("programme", "project")
        .annotate(
            latest_number=Max("versions__number"),
            latest_status=_latest("status"),
            in_force=Subquery(in_force.values("number")[:1]),
        )
        .order_by("title", "id")
    )
    return rows.filter(latest_status=status) if status else rows


def case_in(*, organisation: Organisation, pk: object) -> Case | None:
    """The council's case ``pk`` (None for another council's), with its programme, project and
    the case that superseded it."""
    rows = Case.objects.select_related("programme", "project", "superseded_by")
    return rows.filter(organisation=organisation, pk=pk).first()


def case_versions(*, case: Case) -> list[CaseVersion]:
    """The case's versions, newest first, each with who saved it and the decision on it (the
    documents themselves are not read)."""
    rows = CaseVersion.objects.filter(case=case).defer("document")
    return list(rows.select_related("created_by", "decision__board").order_by("-number"))


def version_in(*, case: Case, number: object) -> CaseVersion | None:
    """Version ``number`` of the case, with its document, or None."""
    if not str(number).isdigit():
        return None
    rows = CaseVersion.objects.select_related("created_by", "decision__board")
    return rows.filter(case=case, number=int(str(number))).first()


def version_document(*, version: CaseVersion) -> Document:
    """The version's document, read again (it was checked when saved). Raises ``CaseFileError``
    if this installation can no longer read it."""
    return read_document(
        version.document, source=version.source or f"version {version.number}", limits=case_limits()
    )


def saved_by(version: CaseVersion, names: dict[int, str]) -> str:
    """Who saved the version, by the council's name for them."""
    if version.created_by_id is None:
        return NOBODY
    return names.get(version.created_by_id) or str(version.created_by)


def people_named(*, organisation: Organisation) -> dict[int, str]:
    return names_in(organisation=organisation)


@dataclass(frozen=True)
class Comparison:
    """Two versions of a case side by side: every change from ``old`` to ``new``."""

    old: CaseVersion
    new: CaseVersion
    changes: tuple[Change, ...]

    @property
    def sections(self) -> list[tuple[str, list[Change]]]:
        return by_section(self.changes)


def versions_compared(*, old: CaseVersion, new: CaseVersion) -> Comparison:
    """Every changed figure, added or removed line and changed assumption from ``old`` to
    ``new``. Raises ``CaseFileError`` if either can no longer be read."""
    before = version_document(version=old)
    after = version_document(version=new)
    return Comparison(old, new, diff_facts(before.facts, after.facts))


@dataclass(frozen=True)
class Approval:
    """The approved version of a case in force, the option approved and the board's decision:
    what a later step will turn into savings targets."""

    case: Case
    version: CaseVersion
    option: Option
    document: Document
    decided_on: date | None
    board: str


def approval_in_force(*, case: Case) -> Approval | None:
    """The case's approved version with its option, or None when no version is approved."""
    version = (
        CaseVersion.objects.select_related("decision__board")
        .filter(case=case, status=CaseStatus.APPROVED)
        .first()
    )
    if version is None:
        return None
    document = version_document(version=version)
    option = document.option(version.option) or Option(version.option, version.option_name)
    decision = version.decision
    return Approval(
        case=case,
        version=version,
        option=option,
        document=document,
        decided_on=decision.decided_on if decision else None,
        board=str(decision.board) if decision else "",
    )


@dataclass(frozen=True)
class CaseEvent:
    """One thing that happened to a case: when, who and what, in words."""

    at: datetime
    by: str
    what: str


def _event_text(record: Any, before: Any) -> str | None:
    number = record.number
    if before is None:
        note = f": {record.note}" if record.note else ""
        return f"Saved version {number}{note}"
    if record.status == before.status:
        return None
    if record.status == CaseStatus.SUBMITTED:
        return f"Submitted version {number} for a decision"
    if record.status == CaseStatus.APPROVED:
        return f"Recorded the approval of version {number}: {record.option_name}"
    if record.status == CaseStatus.REJECTED:
        return f"Recorded the rejection of version {number}: {record.reason}"
    if record.status == CaseStatus.SUPERSEDED:
        return f"Version {number} superseded: {record.reason}"
    return f"Version {number}: {record.get_status_display().lower()}"


def case_events(*, case: Case) -> list[CaseEvent]:
    """What happened to the case, newest first: each version saved, submitted, approved,
    rejected or superseded, each benefit re-forecast, and the case superseded, with who did it.
    Four queries."""
    names = names_in(organisation=case.organisation)
    records = CaseVersion.history.filter(case_id=case.pk).order_by("history_date", "history_id")
    events: list[CaseEvent] = []
    last: dict[int, Any] = {}
    for record in records:
        text = _event_text(record, last.get(record.id))
        last[record.id] = record
        if text is not None:
            events.append(CaseEvent(record.history_date, _who(record, names), text))
    events += _reforecast_events(case, names)
    superseded = (
        Case.history.filter(id=case.pk, superseded_on__isnull=False)
        .order_by("history_date")
        .first()
    )
    if superseded is not None:
        text = f"Superseded the case: {superseded.superseded_reason}"
        events.append(CaseEvent(superseded.history_date, _who(superseded, names), text))
    events.sort(key=lambda e: e.at)  # stable: what happened at one moment stays in its order
    return events[::-1]


def _reforecast_events(case: Case, names: dict[int, str]) -> list[CaseEvent]:
    records = CaseReforecast.history.filter(version__case_id=case.pk).order_by(
        "history_date", "history_id"
    )
    events: list[CaseEvent] = []
    last: dict[int, Any] = {}
    for record in records:
        before = last.get(record.id)
        last[record.id] = record
        year = FinancialYear(record.financial_year).label
        was = "" if before is None else f" (was {format_money(before.amount)})"
        what = (
            f"Re-forecast ‘{record.line_name}’ in {year} at {format_money(record.amount)}"
            f"{was}: {record.note}"
        )
        events.append(CaseEvent(record.history_date, _who(record, names), what))
    return events


def _who(record: Any, names: dict[int, str]) -> str:
    if record.history_user_id is None:
        return NOBODY
    return names.get(record.history_user_id) or NOBODY


def drafts_of(*, organisation: Organisation, user: Any) -> list[CaseDraft]:
    """The cases ``user`` is writing in the web editor, the last changed first."""
    rows = CaseDraft.objects.filter(organisation=organisation, created_by_id=user.pk)
    return list(rows.select_related("case").defer("document").order_by("-updated_at", "-id"))


def draft_in(*, organisation: Organisation, user: Any, pk: object) -> CaseDraft | None:
    """``user``'s draft ``pk`` in the council, or None (also for someone else's)."""
    if not str(pk).isdigit():
        return None
    rows = CaseDraft.objects.select_related("case__project", "case__programme")
    return rows.filter(organisation=organisation, created_by_id=user.pk, pk=int(str(pk))).first()


def draft_for_case(*, case: Case, user: Any) -> CaseDraft | None:
    """``user``'s draft of ``case``, if they have started one."""
    rows = CaseDraft.objects.filter(case=case, created_by_id=user.pk).defer("document")
    return rows.order_by("-updated_at").first()


def draft_document(*, draft: CaseDraft) -> Document:
    """The draft read as a case file (it was checked when kept)."""
    return read_document(draft.document, source="the draft", limits=case_limits())


def draft_appraisal(*, draft: CaseDraft) -> Appraisal:
    """The draft as an option appraisal, to edit and to work out its figures."""
    return draft_document(draft=draft).appraisal


def draft_audit(*, case: Appraisal) -> AuditReport | None:
    """The arithmetic audit of the figures a published paper printed, which a draft keeps from
    a format 1 file (``realise.finance.audit``); None when it holds none to check."""
    as_format_1 = to_format_1(case)
    if as_format_1 is None or not (as_format_1.published or as_format_1.published_sums):
        return None
    return audit_case(as_format_1)

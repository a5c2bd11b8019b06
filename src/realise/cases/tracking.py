"""Reads of a business case's benefits realisation (ADR 0040): its approved plan against the current
forecast and the savings finance has validated, by benefit line and financial year, with the
forecast accuracy 6, 12 and 24 months after approval; the same for every case of a council with
an approved version; and what may be re-forecast.

The figures are worked out by ``realise.finance.realisation`` from plain values loaded here:

- the plan: the approved version's approved option, run through the appraisal engine;
- the forecast: the version saved since, if it is open (a draft or submitted) and still has the
  option; the officers' re-forecasts of the approved version (``CaseReforecast``);
- the actuals: the validated savings of the case's project, or of its programme's projects
  (``realise.benefits.selectors.validated_savings``: the ledger is read through its selector).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from realise.accounts.selectors import names_in
from realise.benefits.selectors import validated_savings
from realise.cases.models import OPEN, Case, CaseReforecast, CaseStatus, CaseVersion
from realise.cases.selectors import Approval, approval_in_force, version_document
from realise.finance.appraisal.engine import BENEFIT, run_option
from realise.finance.appraisal.model import Appraisal
from realise.finance.calendar import FinancialYear
from realise.finance.casefile import CaseFileError
from realise.finance.realisation import (
    NewerVersion,
    PlanLine,
    Reforecast,
    Tracking,
    track,
)
from realise.portfolio.models import Organisation, Project

NOBODY = "someone (no user recorded)"


def option_lines(appraisal: Appraisal, option: str) -> tuple[PlanLine, ...]:
    """The benefit lines of ``option`` by year, as the engine works them out."""
    result = run_option(appraisal, option)
    years = appraisal.years
    return tuple(
        PlanLine(
            line.id,
            line.name,
            line.category,
            line.directorate,
            dict(zip(years, line.amounts, strict=True)),
        )
        for line in result.group(BENEFIT)
    )


@dataclass(frozen=True)
class Plan:
    """What an approval in force planned, and the version since whose figures are the forecast
    (``newer``; ``newer_note`` says why a version since is not used, when one is not)."""

    approval: Approval
    years: tuple[FinancialYear, ...]
    lines: tuple[PlanLine, ...]
    newer: NewerVersion | None
    newer_note: str

    @property
    def version(self) -> CaseVersion:
        return self.approval.version

    @property
    def line_names(self) -> dict[str, str]:
        """Every line that may be re-forecast: the plan's, then any the version since adds."""
        names = {line.id: line.name for line in self.lines}
        for line in self.newer.lines if self.newer else ():
            names.setdefault(line.id, line.name)
        return names


def _newer(case: Case, approval: Approval) -> tuple[NewerVersion | None, str]:
    latest = CaseVersion.objects.filter(case=case).order_by("-number").first()
    if latest is None or latest.number <= approval.version.number or latest.status not in OPEN:
        return None, ""
    option = approval.version.option
    try:
        appraisal = version_document(version=latest).appraisal
        appraisal.option(option)
    except CaseFileError:
        return None, f"Version {latest.number} cannot be read, so the forecast does not use it."
    except KeyError:
        return None, (
            f"Version {latest.number} has no option “{approval.option.name}”, so the forecast "
            "does not use it."
        )
    lines = option_lines(appraisal, option)
    return NewerVersion(latest.number, latest.created_at, lines), ""


def case_plan(*, case: Case) -> Plan | None:
    """The case's approved plan and the version since, or None when no version is approved.
    Raises ``CaseFileError`` if the approved version can no longer be read."""
    approval = approval_in_force(case=case)
    if approval is None:
        return None
    appraisal = approval.document.appraisal
    lines = option_lines(appraisal, approval.version.option)
    newer, note = _newer(case, approval)
    return Plan(approval, appraisal.years, lines, newer, note)


@dataclass(frozen=True)
class ReforecastShown:
    """A re-forecast as the case page lists it. ``applies`` is False once a version saved after
    it gives the forecast instead."""

    line: str
    line_name: str
    year: FinancialYear
    amount: Decimal
    note: str
    by: str
    at: datetime
    applies: bool


@dataclass(frozen=True)
class CaseTracking:
    """A case's benefits realisation as it stands on ``today``: the plan, the figures, the
    re-forecasts, and the scope its actuals come from in words."""

    case: Case
    plan: Plan
    tracking: Tracking
    reforecasts: tuple[ReforecastShown, ...]
    scope: str
    today: date

    @property
    def approval(self) -> Approval:
        return self.plan.approval


def _project_ids(case: Case) -> tuple[set[int], str]:
    if case.project_id is not None:
        return {case.project_id}, f"project {case.project}"
    ids = set(
        Project.objects.filter(organisation_id=case.organisation_id, programme_id=case.programme_id)
        .order_by()
        .values_list("pk", flat=True)
    )
    programme = f"the {case.programme} programme"
    if not ids:
        return ids, f"{programme}, which has no projects yet"
    return ids, f"the {len(ids)} project{'s' if len(ids) != 1 else ''} of {programme}"


def _reforecasts(plan: Plan) -> tuple[list[Reforecast], tuple[ReforecastShown, ...]]:
    rows = list(
        CaseReforecast.objects.filter(version=plan.version)
        .select_related("recorded_by")
        .order_by("line", "financial_year")
    )
    names = names_in(organisation=plan.approval.case.organisation) if rows else {}
    after = plan.newer.saved_at if plan.newer else None
    figures = [
        Reforecast(r.line, FinancialYear(r.financial_year), r.amount, r.recorded_at) for r in rows
    ]
    shown = tuple(
        ReforecastShown(
            line=r.line,
            line_name=r.line_name,
            year=FinancialYear(r.financial_year),
            amount=r.amount,
            note=r.note,
            by=_who(r, names),
            at=r.recorded_at,
            applies=after is None or r.recorded_at > after,
        )
        for r in rows
    )
    return figures, shown


def _who(row: CaseReforecast, names: dict[int, str]) -> str:
    if row.recorded_by_id is None:
        return NOBODY
    return names.get(row.recorded_by_id) or str(row.recorded_by)


def case_tracking(*, case: Case, today: date | None = None) -> CaseTracking | None:
    """The case's plan, forecast and actual by line and year with the forecast accuracy at 6, 12
    and 24 months after approval, as on ``today`` (the local date unless given); None when no
    version is approved. Raises ``CaseFileError`` if the approved version cannot be read."""
    plan = case_plan(case=case)
    if plan is None:
        return None
    on = today or timezone.localdate()
    figures, shown = _reforecasts(plan)
    ids, scope = _project_ids(case)
    tracking = track(
        years=plan.years,
        plan=plan.lines,
        newer=plan.newer,
        reforecasts=figures,
        savings=validated_savings(organisation=case.organisation, project_ids=ids),
        approved_on=plan.approval.decided_on,
        today=on,
    )
    return CaseTracking(case, plan, tracking, shown, scope, on)


def cases_tracked(*, organisation: Organisation, today: date | None = None) -> list[CaseTracking]:
    """Every case of the council with an approved version, by title, as ``case_tracking``."""
    cases = (
        Case.objects.filter(organisation=organisation, versions__status=CaseStatus.APPROVED)
        .select_related("organisation", "programme", "project")
        .order_by("title", "id")
    )
    found = (case_tracking(case=case, today=today) for case in cases)
    return [t for t in found if t is not None]

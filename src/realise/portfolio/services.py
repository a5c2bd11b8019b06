"""Writes to the portfolio. Every function validates with ``full_clean()`` before saving and runs
in one transaction, so a failed write changes nothing. The council's reference data
(directorates, programmes, stages, priorities, boards) is written by ``reference.py``, whose
services are re-exported here; a retired item is refused for a new record (``refuse_retired``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from realise.core.concurrency import LATEST, Seen, lock_seen, save_locked
from realise.core.writes import validated_save
from realise.core.years import plan_years_from
from realise.finance.money import MoneyError, refuse_other_digits
from realise.portfolio.models import (
    AssessmentStatus,
    Board,
    ConfidenceScale,
    Decision,
    LifecycleStage,
    Milestone,
    MilestoneStatus,
    Organisation,
    Priority,
    Programme,
    Project,
    ProjectChange,
    ProjectStatus,
)
from realise.portfolio.naming import clashing_name
from realise.portfolio.people import account_name, member_lead, names_of
from realise.portfolio.reference import (
    board_create,
    directorate_create,
    lifecycle_stage_create,
    priority_create,
    programme_create,
    reference_add,
    reference_change,
    refuse_retired,
)

__all__ = [
    "PROJECT_EDITABLE",
    "board_create",
    "decision_link_projects",
    "decision_record",
    "directorate_create",
    "lifecycle_stage_create",
    "milestone_create",
    "organisation_create",
    "priority_create",
    "programme_create",
    "project_change_status",
    "project_create",
    "project_move_stage",
    "project_update",
    "reference_add",
    "reference_change",
    "refuse_retired",
    "to_amount",
    "validated_save",
]

M = TypeVar("M", bound=models.Model)


def to_amount(value: object, *, field: str = "amount") -> Decimal:
    """Money as given by a caller (Decimal, int or text like "£1,234.50"), exactly: no rounding,
    so an amount with more than 2 decimal places fails validation instead of being hidden."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(refuse_other_digits(value).strip().replace("£", "").replace(",", ""))
        except MoneyError as exc:
            raise ValidationError({field: str(exc)}) from None
        except InvalidOperation:
            raise ValidationError({field: f'"{value}" is not an amount of money'}) from None
        if number.is_finite():
            return number
    raise ValidationError({field: f"{value!r} is not an amount of money: give pounds as text"})


@transaction.atomic
def organisation_create(
    *, slug: str, name: str, first_year: object = None, last_year: object = None
) -> Organisation:
    """A council. Its plan years are ``first_year`` to ``last_year`` ("2021/22", "2025/26");
    without them, the financial year it is set up in and the four after it. A TMO admin changes
    them later with ``benefits.services.plan_years_set``."""
    organisation = Organisation(slug=slug, name=name)
    if first_year is not None or last_year is not None:
        plan = plan_years_from(first_year, last_year)
        organisation.first_plan_year, organisation.last_plan_year = (
            plan.first.start,
            plan.last.start,
        )
    return validated_save(organisation)


@transaction.atomic
def project_create(
    *,
    organisation: Organisation,
    code: str,
    name: str,
    started_on: date | None = None,
    priorities: Iterable[Priority] = (),
    lead_user: Any = None,
    by: AbstractBaseUser | None = None,
    **fields: Any,
) -> Project:
    """Create a project as proposed. With ``started_on``, it moves to in progress that day. A
    code the organisation already uses is refused on the ``code`` field; a lead who holds no role
    in the organisation on ``lead_user``, and another council's directorate, programme or
    priority on its own field. The project's history records its lead as created; later changes
    of lead are logged by ``project_update``."""
    _refuse_taken_code(organisation, code)
    if lead_user is not None:
        member_lead(organisation=organisation, user=lead_user)
    chosen = _own_priorities(organisation.pk, priorities)
    for field in ("directorate", "programme", "stage"):
        refuse_retired(field, fields.get(field))
    fields.setdefault("confidence_scale", ConfidenceScale.FIVE_POINT)
    fields.setdefault("equality_impact_assessment", AssessmentStatus.NOT_RECORDED)
    fields.setdefault("climate_impact_assessment", AssessmentStatus.NOT_RECORDED)
    project = validated_save(
        Project(
            organisation=organisation,
            code=code,
            name=name,
            status=ProjectStatus.PROPOSED,
            lead_user=lead_user,
            **fields,
        ),
        by=by,
    )
    if chosen:  # a new project has none to replace: no query for each imported row
        project.priorities.set(chosen)
    if started_on is not None:
        project = project_change_status(
            project=project,
            status=ProjectStatus.IN_PROGRESS,
            on=started_on,
            seen_version=LATEST,  # written a moment ago, in this transaction
            by=by,
        )
    return project


def _refuse_taken_code(organisation: Organisation, code: str) -> None:
    """A code the council already uses is refused on ``code``, and so is one that differs from it
    only in letter case (p-1 beside P-1), as directorate names are: people would take the two for
    one project."""
    near = Project.objects.filter(organisation=organisation, code__iexact=str(code).strip())
    clash = clashing_name(str(code), near.values_list("code", flat=True)) if code else None
    if clash is not None:
        alike = "" if clash == str(code).strip() else ", which differs only in letter case"
        message = f"already has a project with the code {clash}{alike}: enter a different code"
        raise ValidationError({"code": f"{organisation.name} {message}"})


def _person_name(organisation: Organisation, user: Any) -> str:
    """The council's name for ``user`` (their address if they no longer hold a role there)."""
    if user is None:
        return ""
    return names_of(organisation=organisation, user_ids=[user.pk]).get(user.pk) or account_name(
        user
    )


def _own_priorities(
    organisation_id: int, priorities: Iterable[Priority], kept: set[int] | None = None
) -> list[Priority]:
    """The priorities, each of the council's own and in use, or one the project already has."""
    chosen = list(priorities)
    for priority in chosen:
        if priority.organisation_id != organisation_id:
            raise ValidationError({"priorities": f"{priority} belongs to another organisation"})
        if priority.pk not in (kept or set()):
            refuse_retired("priorities", priority)
    return chosen


# What ``project_update`` may change; status and stage have their own services (they keep a log).
PROJECT_EDITABLE = frozenset(
    {
        "name",
        "summary",
        "directorate",
        "programme",
        "priorities",
        "planned_start",
        "planned_end",
        "forecast_end",
        "confidence_scale",
        "confidence",
        "lead_officer",
        "lead_user",
        "equality_impact_assessment",
        "climate_impact_assessment",
    }
)


@transaction.atomic
def project_update(
    *,
    project: Project,
    seen_version: Seen,
    changes: dict[str, Any],
    by: AbstractBaseUser | None = None,
    note: str = "",
) -> Project:
    """Edit a project if nobody changed it since the version the user saw (its latest history id,
    ``realise.core.concurrency.current_version``); else ``StaleEdit`` says what changed. The row
    is re-read under a lock and only ``changes`` are written. ``priorities`` replaces the
    project's priorities (each of its own council's). A new ``lead_user`` must hold a role in the
    project's council (else a ``ValidationError`` on ``lead_user``); the change of lead is logged
    (``ProjectChange``, with ``note`` as why) by the council's names for the people, at once. A
    retired directorate, programme or priority is refused unless the project already has it."""
    unknown = sorted(set(changes) - PROJECT_EDITABLE)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here" for name in unknown})
    fields = dict(changes)
    priorities = fields.pop("priorities", None)
    organisation = project.organisation
    for field in ("directorate", "programme"):
        if field in fields:
            refuse_retired(field, fields[field], kept=getattr(project, f"{field}_id"))
    kept = set(project.priorities.values_list("pk", flat=True)) if priorities is not None else set()
    chosen = None if priorities is None else _own_priorities(organisation.pk, priorities, kept)
    lead_name = ""
    if fields.get("lead_user") is not None:
        lead_name = member_lead(organisation=organisation, user=fields["lead_user"])
    attempted = dict(changes)
    if chosen is not None:  # what the user sent, in words, should the edit be refused as stale
        attempted["priorities"] = ", ".join(p.name for p in chosen)
    locked = lock_seen(obj=project, seen_version=seen_version, attempted=attempted)
    old_lead = locked.lead_user
    for name, value in fields.items():
        setattr(locked, name, value)
    if chosen is not None:
        locked.priorities.set(chosen)
    save_locked(locked, by=by)  # after the priorities: the version covers them
    if "lead_user" in fields and locked.lead_user_id != getattr(old_lead, "pk", None):
        old_name = _person_name(organisation, old_lead)
        _log_change(
            locked, ProjectChange.Field.LEAD, old_name, lead_name, timezone.localdate(), note, by
        )
    return locked


def _log_change(
    project: Project, field: str, old: str, new: str, on: date, note: str, by: Any
) -> ProjectChange:
    return validated_save(
        ProjectChange(
            organisation_id=project.organisation_id,
            project=project,
            field=field,
            old_value=old,
            new_value=new,
            changed_on=on,
            note=note,
            recorded_by=by,
        )
    )


@transaction.atomic
def project_change_status(
    *,
    project: Project,
    status: str,
    on: date,
    seen_version: Seen,
    note: str = "",
    by: AbstractBaseUser | None = None,
) -> Project:
    """Change a project's status and record the change, if nobody changed the project since
    ``seen_version`` (the version the user saw; ``LATEST`` for callers that showed nobody one);
    else ``StaleEdit`` says what changed. The project row is re-read under a lock, so only the
    status and actual end are written, and the log row is written in the same transaction.
    Completing or stopping a project sets its actual end to ``on``. Returns the saved project."""
    if status not in ProjectStatus.values:
        raise ValidationError({"status": f'"{status}" is not a project status'})
    attempted = {"status": status, "on": on, "note": note}
    locked = lock_seen(obj=project, seen_version=seen_version, attempted=attempted)
    old = locked.status
    if old == status:
        raise ValidationError(
            {
                "status": f"The project is already {locked.get_status_display()}: choose a "
                "different status, or go back if its status has not changed"
            }
        )
    locked.status = status
    ended = status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
    locked.actual_end = on if ended else None
    save_locked(locked, by=by)
    _log_change(locked, ProjectChange.Field.STATUS, old, status, on, note, by)
    return locked


@transaction.atomic
def project_move_stage(
    *,
    project: Project,
    stage: LifecycleStage,
    on: date,
    seen_version: Seen,
    note: str = "",
    by: AbstractBaseUser | None = None,
) -> Project:
    """Move a project to another stage of its council's lifecycle and record the move, if nobody
    changed the project since ``seen_version`` (as ``project_change_status``); else
    ``StaleEdit``. A move to the stage it is already at is refused. Returns the saved project."""
    attempted = {"stage": stage, "on": on, "note": note}
    locked = lock_seen(obj=project, seen_version=seen_version, attempted=attempted)
    if locked.stage_id != stage.pk:
        refuse_retired("stage", stage)
    if locked.stage_id == stage.pk:
        raise ValidationError(
            {
                "stage": f"The project is already at the {stage.name} stage: choose a "
                "different stage, or go back if it has not moved"
            }
        )
    old = locked.stage.name if locked.stage else ""
    locked.stage = stage
    save_locked(locked, by=by)
    _log_change(locked, ProjectChange.Field.STAGE, old, stage.name, on, note, by)
    return locked


@transaction.atomic
def decision_record(
    *,
    organisation: Organisation,
    board: Board,
    decided_on: date,
    kind: str,
    text: str,
    projects: Iterable[Project] = (),
    by: AbstractBaseUser | None = None,
) -> Decision:
    refuse_retired("board", board)
    decision = validated_save(
        Decision(
            organisation=organisation, board=board, decided_on=decided_on, kind=kind, text=text
        ),
        by=by,
    )
    return decision_link_projects(decision=decision, projects=projects)


@transaction.atomic
def decision_link_projects(*, decision: Decision, projects: Iterable[Project]) -> Decision:
    """Link ``decision`` to exactly ``projects``, each of its own council's."""
    linked = list(projects)
    for project in linked:
        if project.organisation_id != decision.organisation_id:
            raise ValidationError({"projects": f"{project} belongs to another organisation"})
    decision.projects.set(linked)
    return decision


@transaction.atomic
def milestone_create(
    *,
    organisation: Organisation,
    name: str,
    due_on: date,
    programme: Programme | None = None,
    project: Project | None = None,
    status: str = MilestoneStatus.PLANNED,
) -> Milestone:
    refuse_retired("programme", programme)
    return validated_save(
        Milestone(
            organisation=organisation,
            name=name,
            due_on=due_on,
            programme=programme,
            project=project,
            status=status,
        )
    )

"""Councils and their transformation portfolio: directorates, programmes, priorities, lifecycle
stages, projects with their status history, boards and decisions, milestones."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from realise.finance.plan_years import PlanYears
from realise.portfolio.choices import (
    FIVE_POINT_RATINGS,
    RAG_RATINGS,
    RATINGS_BY_SCALE,
    AssessmentStatus,
    ConfidenceRating,
    ConfidenceScale,
    DecisionKind,
    MilestoneStatus,
    ProjectStatus,
)
from realise.portfolio.fields import FinancialYearField, new_plan_first_year, new_plan_last_year

__all__ = [
    "FIVE_POINT_RATINGS",
    "RAG_RATINGS",
    "RATINGS_BY_SCALE",
    "WHOLE_COUNCIL",
    "AssessmentStatus",
    "Board",
    "ConfidenceRating",
    "ConfidenceScale",
    "Decision",
    "DecisionKind",
    "Directorate",
    "LifecycleStage",
    "Milestone",
    "MilestoneStatus",
    "Organisation",
    "OrganisationDataVersion",
    "OrganisationOwned",
    "Priority",
    "Programme",
    "Project",
    "ProjectChange",
    "ProjectStatus",
    "Retirable",
]


class Organisation(models.Model):
    """A council. Every council-owned row points here."""

    slug = models.SlugField(unique=True, help_text="Short name used in commands, e.g. dorset")
    name = models.CharField(max_length=200)
    first_plan_year = FinancialYearField(
        default=new_plan_first_year,
        help_text="The first financial year of the council's savings plan: 2021 is 2021/22",
    )
    last_plan_year = FinancialYearField(
        default=new_plan_last_year,
        help_text="The last financial year of the council's savings plan: 2025 is 2025/26",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_plan_year__lte=models.F("last_plan_year")),
                name="organisation_plan_years_in_order",
                violation_error_message="The last plan year cannot be before the first",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def plan_years(self) -> PlanYears:
        """The financial years the council's savings are budgeted, recorded and reported in.
        Set them with ``benefits.services.plan_years_set``."""
        return PlanYears.of(self.first_plan_year, self.last_plan_year)


class OrganisationOwned(models.Model):
    """Base for every row that belongs to a council."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

    class Meta:
        abstract = True

    def _same_organisation(self, field: str, other: models.Model | None) -> dict[str, str]:
        """An error for ``field`` if ``other`` belongs to a different council."""
        other_org = getattr(other, "organisation_id", None)
        if other is not None and other_org != self.organisation_id:
            return {field: f"{other} belongs to another organisation"}
        return {}


# What a figure or record with no directorate is shown against, in every table and message.
WHOLE_COUNCIL = "Whole council"


class Retirable(models.Model):
    """Reference data a council may retire: it stays on the records that have it and in reports,
    but is not offered for new ones (``realise.portfolio.reference``)."""

    retired = models.BooleanField(default=False, help_text="Kept on past records, not offered")

    class Meta:
        abstract = True


class Directorate(OrganisationOwned, Retirable):
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                name="directorate_unique_name_any_case",
                violation_error_message="Another directorate has this name in other letter case",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Programme(OrganisationOwned, Retirable):
    """A programme of projects, e.g. Our Future Council or A Better Life."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Leave empty for a whole-council programme",
    )
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="programme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = self._same_organisation("directorate", self.directorate)
        if errors:
            raise ValidationError(errors)


class Priority(OrganisationOwned, Retirable):
    """A council plan priority a project serves."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    plan = models.CharField(max_length=200, blank=True, help_text="e.g. Council Plan 2022-24")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order", "name"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="priority_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class LifecycleStage(OrganisationOwned, Retirable):
    """One stage of a council's own lifecycle, e.g. Understand, Innovate, Deliver, Embed."""

    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="stage_unique_name"),
            models.UniqueConstraint(fields=["organisation", "order"], name="stage_unique_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Project(OrganisationOwned):
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Leave empty for whole-council work",
    )
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT)
    priorities = models.ManyToManyField(Priority, blank=True)
    stage = models.ForeignKey(LifecycleStage, null=True, blank=True, on_delete=models.PROTECT)
    status = models.CharField(
        max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    forecast_end = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    confidence_scale = models.CharField(
        max_length=20, choices=ConfidenceScale.choices, default=ConfidenceScale.FIVE_POINT
    )
    confidence = models.CharField(
        max_length=20, choices=ConfidenceRating.choices, blank=True, help_text="Delivery confidence"
    )
    lead_officer = models.CharField(max_length=200, blank=True)
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
        verbose_name="project lead",
        help_text="The person who may edit the project and claim its savings",
    )
    equality_impact_assessment = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.NOT_RECORDED
    )
    climate_impact_assessment = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.NOT_RECORDED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="project_unique_code")
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="project_org_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        errors |= self._same_organisation("directorate", self.directorate)
        errors |= self._same_organisation("programme", self.programme)
        errors |= self._same_organisation("stage", self.stage)
        allowed = RATINGS_BY_SCALE.get(ConfidenceScale(self.confidence_scale), ())
        if self.confidence and self.confidence not in allowed:
            errors["confidence"] = (
                f'"{self.get_confidence_display()}" is not on the '
                f"{self.get_confidence_scale_display()} scale"
            )
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = "The planned end is before the planned start"
        if self.planned_start and self.actual_end and self.actual_end < self.planned_start:
            errors["actual_end"] = "The actual end is before the planned start"
        ended = self.status in (ProjectStatus.COMPLETE, ProjectStatus.STOPPED)
        if ended and not self.actual_end:
            errors["actual_end"] = "A complete or stopped project needs its actual end date"
        if not ended and self.actual_end:
            errors["actual_end"] = "Only a complete or stopped project has an actual end date"
        if errors:
            raise ValidationError(errors)


class ProjectChange(OrganisationOwned):
    """A change of a project's status, lifecycle stage or lead, written by the project services.
    A lead is recorded by the council's name for the person at the time of the change."""

    class Field(models.TextChoices):
        STATUS = "status", "Status"
        STAGE = "stage", "Stage"
        LEAD = "lead", "Lead"

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="changes")
    field = models.CharField(max_length=10, choices=Field.choices)
    old_value = models.CharField(max_length=255, blank=True)
    new_value = models.CharField(max_length=255, blank=True)
    changed_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["organisation", "project", "changed_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "project", "changed_on"], name="change_org_proj")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.field} {self.old_value} → {self.new_value}"


class Board(OrganisationOwned, Retirable):
    """A governance body that decides: DARTboard, Performance Board, Cabinet, Design Authority."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="board_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Decision(OrganisationOwned):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="decisions")
    decided_on = models.DateField()
    kind = models.CharField(max_length=30, choices=DecisionKind.choices)
    text = models.TextField()
    projects = models.ManyToManyField(Project, blank=True, related_name="decisions")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "decided_on", "id"]
        indexes = [models.Index(fields=["organisation", "decided_on"], name="decision_org_date")]

    def __str__(self) -> str:
        return f"{self.board} {self.decided_on}: {self.get_kind_display()}"

    def clean(self) -> None:
        errors = self._same_organisation("board", getattr(self, "board", None))
        if errors:
            raise ValidationError(errors)


class Milestone(OrganisationOwned):
    name = models.CharField(max_length=200)
    due_on = models.DateField()
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "due_on"]
        indexes = [models.Index(fields=["organisation", "due_on"], name="milestone_org_date")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = self._same_organisation("programme", self.programme)
        errors |= self._same_organisation("project", self.project)
        if not self.programme_id and not self.project_id:
            errors["project"] = "A milestone belongs to a programme or a project"
        if errors:
            raise ValidationError(errors)


class OrganisationDataVersion(models.Model):
    """Changes whenever any of a council's data changes, in the same transaction as the change
    (``realise.portfolio.versions``): caches of figures computed from that data are keyed by it.
    ``token`` is fresh and random at every change, so no value is ever reused, even after a
    rolled-back transaction or a restore; ``version`` counts the changes, for people."""

    # No database constraint: while an organisation is deleted its rows' signals bump after
    # this row may have gone; the row is dropped when the organisation's own deletion ends.
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="data_version",
    )
    version = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.version}"

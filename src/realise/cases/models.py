"""A council's stored business cases and their versions.

A case belongs to a programme or a project. Each save of its document is a ``CaseVersion``: the
file as written, its format and checksum, who saved it, when and why. A version's content never
changes once saved (``CaseVersion.save`` refuses it); only its place in the case's path does:

- a new version is a **draft**; saving another makes any earlier draft or submitted version
  **superseded** (at most one version is open at a time: the latest);
- the latest draft is **submitted** for a decision;
- a board **approves** it (one of its options, with the board's decision recorded) or
  **rejects** it (saying why); approving makes the version approved before it superseded, so a
  case has at most one approved version, the one in force;
- a case may be **superseded** as a whole (e.g. by another case): its approved and open versions
  are superseded and it takes no more versions.

Approving a version makes its option the plan (ADR 0039): each ``CaseTarget`` records one line's
part of a savings target the approval set in the savings ledger, and each ``CaseBudget`` the
staff it releases or a cost line's money in a year. Both are written once, with the approval.

Once a version is approved, officers may re-forecast its benefit lines year by year
(``CaseReforecast``): the benefits realisation (ADR 0040) compares the plan with that forecast and
with the savings finance has validated.

The rules are the services' (``realise.cases.services``); the constraints below hold them in the
database too."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from realise.benefits.models import SavingKind, SavingsTarget
from realise.finance.calendar import FinancialYear
from realise.portfolio.fields import FinancialYearField, money_field, positive_money_field
from realise.portfolio.models import Decision, Directorate, OrganisationOwned, Programme, Project


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded"


OPEN = (CaseStatus.DRAFT, CaseStatus.SUBMITTED)


class Case(OrganisationOwned):
    """A business case of a programme or a project; its history is its versions."""

    title = models.CharField(max_length=200)
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="business_cases",
        help_text="The programme the case is for (or give a project)",
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="business_cases",
        help_text="The project the case is for (or give a programme)",
    )
    superseded_on = models.DateField(
        null=True, blank=True, help_text="When the case as a whole was superseded"
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name="superseded by",
        help_text="The case that replaces this one, if any",
    )
    superseded_reason = models.TextField(blank=True, verbose_name="why it was superseded")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title", "id"]
        verbose_name = "business case"
        indexes = [models.Index(fields=["organisation", "title"], name="case_org_title")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_superseded(self) -> bool:
        return self.superseded_on is not None

    def clean(self) -> None:
        errors = self._same_organisation("programme", self.programme)
        errors |= self._same_organisation("project", self.project)
        errors |= self._same_organisation("superseded_by", self.superseded_by)
        if not self.programme_id and not self.project_id:
            errors["programme"] = "A business case is for a programme or a project: choose one"
        if self.superseded_by_id is not None and self.superseded_by_id == self.pk:
            errors["superseded_by"] = "A case cannot supersede itself"
        if errors:
            raise ValidationError(errors)


# What a saved version keeps for good: a change to any of these is refused.
FROZEN = (
    "organisation_id",
    "case_id",
    "number",
    "document",
    "format",
    "checksum",
    "source",
    "note",
    "created_by_id",
    "created_at",
)
CHANGED_CONTENT = "A saved version of a business case cannot be changed: save a new version"
# The targets and budgets an approval set are its record: a change is a later approval's.
WRITTEN_ONCE = (
    "What an approval of a business case set is kept as it was: a change is a later approval"
)


class CaseVersion(OrganisationOwned):
    """One save of a case's document: immutable content, and where it stands in the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first save, then 2, 3 …")
    document = models.TextField(help_text="The case file as written")
    format = models.PositiveSmallIntegerField(
        help_text="The file format: 1 is realise-business-case/1"
    )
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the document's UTF-8 bytes")
    source = models.CharField(max_length=255, blank=True, help_text="The file it came from")
    note = models.TextField(blank=True, help_text="What changed and why, in the saver's words")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="saved by",
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name="saved at")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    option = models.CharField(
        max_length=100, blank=True, help_text="The option (scenario) approved: its id in the file"
    )
    option_name = models.CharField(max_length=200, blank=True, verbose_name="option approved")
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="business_case_versions",
        help_text="The board's decision that approved or rejected this version",
    )
    reason = models.TextField(blank=True, help_text="Why it was rejected or superseded")
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "number"]
        verbose_name = "business case version"
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="case_version_number"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="approved"),
                name="case_one_approved_version",
                violation_error_message="A case has at most one approved version",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="case_one_open_version",
                violation_error_message="A case has at most one draft or submitted version",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "case", "number"], name="case_version_org")]

    def __str__(self) -> str:
        return f"{self.case} version {self.number}"

    def clean(self) -> None:
        errors = self._same_organisation("case", self.case if self.case_id else None)
        errors |= self._same_organisation("decision", self.decision)
        if self.status == CaseStatus.APPROVED and not self.option:
            errors["option"] = "Say which option was approved"
        if self.status == CaseStatus.REJECTED and not self.reason.strip():
            errors["reason"] = "Say why the case was rejected"
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves a new version, or its status; any change to its content is refused."""
        if not self._state.adding:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*FROZEN).first()
            if stored is not None and any(stored[f] != getattr(self, f) for f in FROZEN):
                raise ValidationError(CHANGED_CONTENT)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("A version of a business case is never deleted")


class CaseDraft(OrganisationOwned):
    """A business case being written in the web editor: the document as it stands (a format 2
    file, ``realise.finance.appraisal.document``), whose draft it is and where it started. A
    draft is its writer's own workspace, never a version: it becomes one only when its writer
    saves it with a note (a new case's first version, or a case's next), and is then gone."""

    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drafts",
        help_text="The case it will be saved to; none for a new case",
    )
    based_on = models.PositiveIntegerField(
        null=True, blank=True, help_text="The case's latest version when the draft was started"
    )
    title = models.CharField(max_length=200, help_text="The case's title, as the draft says")
    document = models.TextField(help_text="The draft as a business-case file (format 2)")
    started_from = models.CharField(max_length=255, blank=True, help_text="Where it started")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="written by",
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name="started at")
    updated_at = models.DateTimeField(default=timezone.now, verbose_name="last changed")
    # Who changed it and when; the document itself is kept only as it stands (a saved version
    # keeps the case's history for good).
    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        ordering = ["organisation", "-updated_at", "id"]
        verbose_name = "business case draft"
        indexes = [models.Index(fields=["organisation", "created_by"], name="case_draft_writer")]

    def __str__(self) -> str:
        return f"Draft: {self.title}"

    def clean(self) -> None:
        errors = self._same_organisation("case", self.case if self.case_id else None)
        if errors:
            raise ValidationError(errors)


class CaseReforecast(OrganisationOwned):
    """Officers' re-forecast of one benefit line of an approved version, in one financial year:
    the amount now expected and why. One row per version, line and year; a later re-forecast of
    the same changes it, and its history keeps every earlier figure with who set it and when.
    Only the approved version in force is re-forecast (``services.case_reforecast``)."""

    version = models.ForeignKey(CaseVersion, on_delete=models.PROTECT, related_name="reforecasts")
    line = models.CharField(max_length=200, help_text="The benefit line's id in the case file")
    line_name = models.CharField(max_length=200, verbose_name="benefit line")
    financial_year = FinancialYearField(help_text="Start year: 2025 is 2025/26")
    amount = positive_money_field(help_text="The benefit now expected in the year")
    note = models.TextField(blank=True, help_text="Why the forecast changed")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="recorded by",
    )
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name="recorded at")
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "line", "financial_year"]
        verbose_name = "benefit re-forecast"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "line", "financial_year"], name="case_reforecast_one_per_year"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "version"], name="case_reforecast_org"),
        ]

    def __str__(self) -> str:
        year = FinancialYear(self.financial_year).label if self.financial_year else ""
        return f"{self.version}: {self.line_name} {year}"

    def clean(self) -> None:
        errors = self._same_organisation("version", self.version if self.version_id else None)
        if not self.note.strip():
            errors["note"] = "Say why the forecast changed"
        if errors:
            raise ValidationError(errors)


class CaseTarget(OrganisationOwned):
    """One line's part of a savings target an approval set: which approved version and option,
    which line of it, the year, kind and scope, the line's amount, and the target in the savings
    ledger it set (``target``). The target's amount is the sum of its lines'. Written once, by
    ``services.case_approve``; never changed or deleted. A later approval writes its own rows,
    pointing at the same targets where they carry on (re-baselined) and at £0 for a line whose
    target the new version no longer has."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="targets")
    version = models.ForeignKey(CaseVersion, on_delete=models.PROTECT, related_name="targets")
    option = models.CharField(max_length=100, help_text="The option approved: its id in the file")
    line = models.CharField(max_length=200, help_text="The line's id in the case")
    line_name = models.CharField(max_length=200)
    financial_year = FinancialYearField(help_text="Start year: 2025 is 2025/26")
    kind = models.CharField(max_length=20, choices=SavingKind.choices)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = money_field(help_text="The line's saving in the year: its part of the target")
    target = models.ForeignKey(SavingsTarget, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["case", "version", "financial_year", "id"]
        verbose_name = "savings target from a business case"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "line", "financial_year", "target"],
                name="case_target_once",
                violation_error_message="This version's line already has its part of this target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.line_name} {self.financial_year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(WRITTEN_ONCE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(WRITTEN_ONCE)


class BudgetKind(models.TextChoices):
    FTE = "fte", "Staff released (FTE)"
    COST = "cost", "Cost"


class CaseBudget(OrganisationOwned):
    """What an approved version budgets besides savings, for one year: the staff it releases (FTE)
    or one cost line's money. Written once, by ``services.case_approve``; never changed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="budgets")
    version = models.ForeignKey(CaseVersion, on_delete=models.PROTECT, related_name="budgets")
    option = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=BudgetKind.choices)
    line = models.CharField(max_length=200, blank=True, help_text="The cost line's id")
    line_name = models.CharField(max_length=200)
    category = models.CharField(
        max_length=20, blank=True, help_text="A cost's kind: capital, revenue or unclassified"
    )
    financial_year = FinancialYearField(help_text="Start year: 2025 is 2025/26")
    amount = models.DecimalField(
        max_digits=20, decimal_places=6, help_text="Pounds for a cost; FTE for staff released"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["case", "version", "kind", "id"]
        verbose_name = "budget from a business case"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "line", "financial_year"], name="case_budget_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.line_name} {self.financial_year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(WRITTEN_ONCE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(WRITTEN_ONCE)

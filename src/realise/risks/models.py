"""The risk register: programme- and project-level risks scored likelihood x impact, and each
council's own bands."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from realise.finance import risk as scoring
from realise.portfolio.models import Board, OrganisationOwned, Programme, Project, Retirable

RATING = [MinValueValidator(1), MaxValueValidator(5)]
SCORE = [MinValueValidator(scoring.MIN_SCORE), MaxValueValidator(scoring.MAX_SCORE)]


class RiskBand(OrganisationOwned, Retirable):
    """A band of scores, e.g. high from 15. A score falls in the band in use with the highest
    start at or below it; a retired band bands nothing (``realise.risks.services``)."""

    name = models.CharField(max_length=40)
    min_score = models.PositiveSmallIntegerField(validators=SCORE)
    action = models.CharField(max_length=200, blank=True, help_text="e.g. Plan for change")
    colour = models.CharField(max_length=20, blank=True, help_text="e.g. red, amber, green")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "min_score"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="band_unique_name"),
            models.UniqueConstraint(
                fields=["organisation", "min_score"],
                condition=models.Q(retired=False),
                name="band_unique_min_in_use",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (from {self.min_score})"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(OrganisationOwned):
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    owner = models.CharField(
        max_length=200, blank=True, help_text="A name or a post, e.g. Head of Adult Social Care"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks_owned",
        verbose_name="owner in Realise",
        help_text="Someone with a role in the council",
    )
    likelihood = models.PositiveSmallIntegerField(validators=RATING)
    impact = models.PositiveSmallIntegerField(validators=RATING)
    target_likelihood = models.PositiveSmallIntegerField(
        validators=RATING,
        verbose_name="residual likelihood",
        help_text="Residual likelihood once mitigated",
    )
    target_impact = models.PositiveSmallIntegerField(
        validators=RATING,
        verbose_name="residual impact",
        help_text="Residual impact once mitigated",
    )
    mitigations = models.TextField(blank=True, verbose_name="mitigation summary")
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    closed_reason = models.TextField(blank=True, verbose_name="why it was closed")
    reopened_reason = models.TextField(
        blank=True, verbose_name="why it was reopened", help_text="Kept until it is closed again"
    )
    review_on = models.DateField(null=True, blank=True, verbose_name="review date")
    escalated = models.BooleanField(default=False, help_text="On the corporate risk register")
    escalated_to = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_risks",
        verbose_name="escalated to",
        help_text="The board the risk was escalated to",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "likelihood", "impact"], name="risk_org_cell"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def level(self) -> str:
        return "project" if self.project_id else "programme"

    @property
    def score(self) -> int:
        return scoring.score(self.likelihood, self.impact)

    @property
    def target_score(self) -> int:
        return scoring.score(self.target_likelihood, self.target_impact)

    def clean(self) -> None:
        errors = self._same_organisation("programme", self.programme)
        errors |= self._same_organisation("project", self.project)
        errors |= self._same_organisation("escalated_to", self.escalated_to)
        if not self.programme_id and not self.project_id:
            errors["programme"] = "A risk belongs to a programme or a project"
        if self.status == RiskStatus.CLOSED and not self.closed_reason.strip():
            errors["closed_reason"] = "Say why the risk is closed"
        if self.escalated_to_id and not self.escalated:
            errors["escalated"] = "A risk escalated to a board is escalated"
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == RiskStatus.OPEN


class RiskMitigation(OrganisationOwned):
    """One action that reduces a risk: what is to be done, by whom, by when, and when it was."""

    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="actions")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=200, blank=True, help_text="Who will do it")
    due_on = models.DateField(null=True, blank=True, verbose_name="due date")
    done_on = models.DateField(null=True, blank=True, verbose_name="done on")
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", "id"]
        verbose_name = "risk mitigation"

    def __str__(self) -> str:
        return self.action

    def clean(self) -> None:
        errors = self._same_organisation("risk", self.risk if self.risk_id else None)
        if errors:
            raise ValidationError(errors)


class HeatMapRows(models.TextChoices):
    """Which rating runs down a heat map's rows (the other runs across its columns)."""

    IMPACT = "impact", "Impact down the side, likelihood across the top"
    LIKELIHOOD = "likelihood", "Likelihood down the side, impact across the top"


class RiskSettings(models.Model):
    """How a council shows its risk register. Councils without a row get the defaults: the heat
    map with impact as its rows (``realise.risks.services.heat_map_rows_set``)."""

    organisation = models.OneToOneField(
        "portfolio.Organisation", on_delete=models.PROTECT, related_name="risk_settings"
    )
    heat_map_rows = models.CharField(
        max_length=20,
        choices=HeatMapRows.choices,
        default=HeatMapRows.IMPACT,
        verbose_name="heat map rows",
        help_text="The rating down the side of the heat map, on the pages and in reports",
        error_messages={"invalid_choice": 'The heat map\'s rows are "impact" or "likelihood"'},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "risk settings"
        verbose_name_plural = "risk settings"

    def __str__(self) -> str:
        return f"{self.organisation}: heat map rows by {self.heat_map_rows}"

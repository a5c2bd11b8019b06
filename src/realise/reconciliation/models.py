"""What a council published: a committee paper, and the figures it printed, each naming the
table of Realise it comes from, the financial year, the row and the column, and the figure as
printed (its value, unit and decimal places). The rules are ``realise.reconciliation.services``;
the comparison with Realise's own figures is ``realise.reconciliation.selectors``."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from realise.finance.reconcile import MOST_PLACES, Printed
from realise.portfolio.fields import FinancialYearField
from realise.portfolio.models import OrganisationOwned
from realise.reconciliation.choices import TableKind, Unit


class PublishedPaper(OrganisationOwned):
    """A committee paper (or any published report) whose printed figures are reconciled."""

    title = models.CharField(max_length=200)
    committee = models.CharField(
        max_length=200, blank=True, help_text="e.g. Cabinet, or Audit and Governance Committee"
    )
    published_on = models.DateField(help_text="The date of the meeting, or of the paper")
    url = models.URLField(max_length=500, blank=True, help_text="Where the paper is published")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-published_on", "title"]
        verbose_name = "published paper"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title", "published_on"], name="paper_unique_title_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on:%-d %B %Y})"


class PublishedFigure(OrganisationOwned):
    """One figure a paper printed: the ``column`` of the ``row`` of one of Realise's tables (for
    ``financial_year``, for the tables of one year), as printed: ``value`` in ``unit``, shown to
    ``places`` decimal places."""

    paper = models.ForeignKey(PublishedPaper, on_delete=models.PROTECT, related_name="figures")
    table = models.CharField(max_length=40, choices=TableKind.choices)
    financial_year = FinancialYearField(
        null=True, blank=True, help_text="For the tables of one year; empty for the others"
    )
    row = models.CharField(max_length=120, help_text="As Realise's table names it, or Total")
    column = models.CharField(max_length=40, help_text="The column's key in Realise's table")
    value = models.DecimalField(max_digits=20, decimal_places=MOST_PLACES)
    places = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(MOST_PLACES)], help_text="Decimal places printed"
    )
    unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.POUNDS)
    where = models.CharField(max_length=100, blank=True, help_text="e.g. page 12, Table 3")
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "table", "financial_year", "id"]
        verbose_name = "published figure"
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "table", "financial_year", "row", "column"],
                condition=models.Q(financial_year__isnull=False),
                name="figure_unique_in_year",
            ),
            models.UniqueConstraint(
                fields=["paper", "table", "row", "column"],
                condition=models.Q(financial_year__isnull=True),
                name="figure_unique_without_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_table_display()}: {self.row}, {self.column}"

    @property
    def printed(self) -> Printed:
        """The figure as printed, for ``realise.finance.reconcile``."""
        value = Decimal(self.value).quantize(Decimal(1).scaleb(-self.places))
        return Printed(value, self.places, self.unit)

"""Benefits: savings targets by financial year, the append-only savings ledger, carry-forwards of
under-delivery, and non-financial measures with their readings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from realise.finance.calendar import FinancialYear
from realise.finance.money import format_money
from realise.portfolio.fields import FinancialYearField, money_field, positive_money_field
from realise.portfolio.models import WHOLE_COUNCIL, Directorate, OrganisationOwned, Project


def _money(amount: Decimal) -> str:
    """An amount as the ledger holds it, in pounds and pence: £1,200.00, −£12,500.00."""
    return format_money(Decimal(amount), places=2)


class SavingKind(models.TextChoices):
    CASHABLE = "cashable", "Cashable saving"
    COST_AVOIDANCE = "cost_avoidance", "Cost avoidance"
    INCOME = "income", "Income"
    TACTICAL = "tactical", "Tactical (outside the programme)"
    NON_CASHABLE = "non_cashable", "Non-cashable"


class Scoped(OrganisationOwned):
    """A saving that belongs to a directorate, a project (and so its directorate), or the whole
    council when both are empty."""

    financial_year = FinancialYearField(help_text="Start year: 2022 is 2022/23")
    kind = models.CharField(max_length=20, choices=SavingKind.choices, default=SavingKind.CASHABLE)
    directorate = models.ForeignKey(Directorate, null=True, blank=True, on_delete=models.PROTECT)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        abstract = True

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.financial_year)

    def scope_errors(self) -> dict[str, str]:
        return scope_errors(self.organisation_id, self.directorate, self.project)


def scope_errors(
    organisation_id: int | None, directorate: Directorate | None, project: Project | None
) -> dict[str, str]:
    """The rules of a saving's scope: its directorate and project belong to its council, and a
    project's saving is in that project's directorate. A function as well as ``Scoped``'s method,
    so a large import checks rows by these rules without making a model instance of each."""
    errors: dict[str, str] = {}
    for field, other in (("directorate", directorate), ("project", project)):
        if other is not None and getattr(other, "organisation_id", None) != organisation_id:
            errors[field] = f"{other} belongs to another organisation"
    directorate_id = None if directorate is None else directorate.pk
    if project is not None and project.directorate_id != directorate_id:
        errors["directorate"] = (
            f"{project} is in {project.directorate or 'no directorate'}, "
            f"not {directorate or 'no directorate'}"
        )
    return errors


class SavingsTarget(Scoped):
    """A budgeted saving for one financial year."""

    amount = positive_money_field()
    variance_reason = models.TextField(
        blank=True, help_text="Why delivery differs from the budget, when it does"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "financial_year", "directorate", "project"]
        indexes = [
            models.Index(fields=["organisation", "financial_year", "kind"], name="target_org_year")
        ]

    def __str__(self) -> str:
        scope = self.project or self.directorate or WHOLE_COUNCIL
        return f"{self.year.label} {scope}: {self.get_kind_display()} {_money(self.amount)}"

    def clean(self) -> None:
        errors = self.scope_errors()
        if errors:
            raise ValidationError(errors)


class EntryStatus(models.TextChoices):
    """``achieved`` is validated by finance and counts in reports; ``claimed`` is an achieved
    saving a project lead has recorded that finance has not yet confirmed or rejected.
    ``pressure`` and ``mitigation`` are in-year pressures and mitigations (ADR 0029)."""

    ACHIEVED = "achieved", "Achieved (validated)"
    FORECAST = "forecast", "Forecast"
    CLAIMED = "claimed", "Claimed (awaiting finance)"
    PRESSURE = "pressure", "In-year pressure"
    MITIGATION = "mitigation", "Mitigation"


# Column C of a council's savings monitoring (ADR 0029): each entry is recorded over £0 with its
# reason and counts with its sign, a pressure negative, so the shortfall is D = A - B - C.
ADJUSTMENT_SIGNS = {EntryStatus.PRESSURE: -1, EntryStatus.MITIGATION: 1}


class LedgerQuerySet(models.QuerySet["SavingsEntry"]):
    """The ledger only grows: bulk updates and deletes are refused."""

    def claims_waiting(self) -> LedgerQuerySet:
        """Claims finance has neither validated nor rejected (nor the claimant withdrawn): a
        claimed entry that closes nothing and that nothing has closed."""
        return self.filter(
            status=EntryStatus.CLAIMED, reverses__isnull=True, reversed_by__isnull=True
        )

    def update(self, **kwargs: Any) -> NoReturn:
        raise ValidationError("The savings ledger is append-only: record a reversing entry")

    def delete(self) -> NoReturn:
        raise ValidationError("The savings ledger is append-only: record a reversing entry")


# The rule for every entry that reverses none: corrections are reversing entries, never negative.
NOT_POSITIVE = (
    "An amount saved must be more than £0: to take back a saving already recorded, correct its "
    "entry instead (the ledger keeps both)"
)
ADJUSTMENT_NOT_POSITIVE = (
    "Enter a pressure or a mitigation as an amount over £0: Realise shows a pressure as negative"
)
NO_REASON = "Say why: a pressure or a mitigation needs its reason"


def new_entry_errors(status: str, amount: Decimal | None, note: str) -> dict[str, str]:
    """The rules of an entry that reverses none: more than £0, and a pressure or a mitigation
    with its reason. ``SavingsEntry.clean`` and a bulk import (``saving_build``) both ask."""
    errors: dict[str, str] = {}
    adjusts = status in ADJUSTMENT_SIGNS
    if amount is not None and amount <= Decimal(0):
        errors["amount"] = ADJUSTMENT_NOT_POSITIVE if adjusts else NOT_POSITIVE
    if adjusts and not note.strip():
        errors["note"] = NO_REASON
    return errors


class SavingsEntry(Scoped):
    """One line of the append-only savings ledger: an amount achieved or forecast.

    A correction is a new entry that reverses an earlier one (``reverses``), never an edit.
    """

    status = models.CharField(max_length=20, choices=EntryStatus.choices)
    amount = money_field()
    recorded_on = models.DateField(help_text="The date the saving is recorded as of")
    note = models.TextField(blank=True)
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        help_text="The entry this one cancels",
    )
    validates = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="validation",
        help_text="The claim finance confirmed with this achieved entry",
    )
    rejects = models.BooleanField(
        default=False,
        db_default=False,
        help_text="This entry closes a claim finance rejected (its note gives the reason)",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    import_key = models.CharField(
        max_length=80,
        blank=True,
        default="",
        help_text="Set by spreadsheet imports so importing the same row twice appends it once",
    )

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "financial_year", "id"]
        verbose_name_plural = "savings entries"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "import_key"],
                condition=~models.Q(import_key=""),
                name="entry_unique_import_key",
                violation_error_message="This row is already in the savings ledger",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "financial_year", "kind", "status"], name="entry_org_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year.label} {self.get_status_display()} {_money(self.amount)}"

    def clean(self) -> None:
        errors = self.scope_errors()
        original = self.reverses
        if original is not None:
            same = (
                original.organisation_id == self.organisation_id
                and original.financial_year == self.financial_year
                and original.kind == self.kind
                and original.status == self.status
                and original.directorate_id == self.directorate_id
                and original.project_id == self.project_id
            )
            if not same:
                errors["reverses"] = "A reversing entry must match the entry it reverses"
            elif self.amount != -original.amount:
                errors["amount"] = f"A reversing entry must be {_money(-original.amount)}"
            if original.reverses_id is not None:
                errors["reverses"] = "A reversing entry cannot itself be reversed: record anew"
        else:
            errors |= new_entry_errors(self.status, self.amount, self.note)
        errors |= self._validation_errors() | self._rejection_errors()
        if errors:
            raise ValidationError(errors)

    def _rejection_errors(self) -> dict[str, str]:
        if not self.rejects:
            return {}
        claim = self.reverses
        if claim is None or claim.status != EntryStatus.CLAIMED or claim.reverses_id is not None:
            return {"rejects": "A rejection closes a claimed saving: only a claim can be rejected"}
        return {}

    def _validation_errors(self) -> dict[str, str]:
        claim = self.validates
        if claim is None:
            return {}
        if claim.status != EntryStatus.CLAIMED or self.status != EntryStatus.ACHIEVED:
            return {"validates": "Only a claimed saving can be validated, as an achieved one"}
        if self.amount != claim.amount:
            return {"amount": f"A validation must be {_money(claim.amount)}, the amount claimed"}
        return {}

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError("The savings ledger is append-only: record a reversing entry")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError("The savings ledger is append-only: record a reversing entry")


class CarryForward(OrganisationOwned):
    """Under-delivery moved from one financial year to a later one, with the reason."""

    from_year = FinancialYearField()
    to_year = FinancialYearField()
    kind = models.CharField(max_length=20, choices=SavingKind.choices, default=SavingKind.CASHABLE)
    directorate = models.ForeignKey(Directorate, null=True, blank=True, on_delete=models.PROTECT)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    amount = positive_money_field()
    reason = models.TextField()
    reversed_at = models.DateTimeField(null=True, blank=True)  # see ``carry_forward_reverse``
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)
    reversal_reason = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "from_year", "to_year"]
        indexes = [
            models.Index(fields=["organisation", "to_year", "from_year"], name="carry_org_years")
        ]

    def __str__(self) -> str:
        return (
            f"{_money(self.amount)} from {FinancialYear(self.from_year).label} "
            f"to {FinancialYear(self.to_year).label}"
        )

    # The scope rules are the same as a target's.
    scope_errors = Scoped.scope_errors

    def clean(self) -> None:
        errors = self.scope_errors()
        # Compared only once both are years: a value the field refused is still here as typed.
        both = isinstance(self.from_year, int) and isinstance(self.to_year, int)
        if both and self.to_year <= self.from_year:
            errors["to_year"] = (
                f"A carry-forward goes to a later year than "
                f"{FinancialYear(self.from_year).label}, not "
                f"{FinancialYear(self.to_year).label}"
            )
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = "A carry-forward must be more than £0"
        if not self.reason.strip():
            errors["reason"] = "Say why the saving is carried forward"
        if errors:
            raise ValidationError(errors)


class Measure(OrganisationOwned):
    """A non-financial benefit, e.g. the share of out-of-hours calls answered."""

    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, help_text="e.g. %, places, calls")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="measure_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = self._same_organisation("project", self.project)
        if errors:
            raise ValidationError(errors)


class MeasureReading(OrganisationOwned):
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="readings")
    taken_on = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "measure", "taken_on"]
        indexes = [
            models.Index(fields=["organisation", "measure", "taken_on"], name="reading_org_date")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} on {self.taken_on}"

    def clean(self) -> None:
        errors = self._same_organisation("measure", getattr(self, "measure", None))
        if errors:
            raise ValidationError(errors)


class SavingsRag(models.Model):
    """How a council rates savings delivery Red, Amber or Green in its monitoring report.

    A line is Green when savings achieved and forecast reach ``green_from`` per cent of its
    budget, Amber from ``amber_from`` per cent, Red below. Councils without a row get the
    defaults (95% and 80%).
    """

    DEFAULT_GREEN = Decimal(95)
    DEFAULT_AMBER = Decimal(80)

    organisation = models.OneToOneField(
        "portfolio.Organisation", on_delete=models.PROTECT, related_name="savings_rag"
    )
    green_from = models.DecimalField(
        max_digits=5, decimal_places=2, default=DEFAULT_GREEN, help_text="Per cent of budget"
    )
    amber_from = models.DecimalField(
        max_digits=5, decimal_places=2, default=DEFAULT_AMBER, help_text="Per cent of budget"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "savings RAG thresholds"
        verbose_name_plural = "savings RAG thresholds"

    def __str__(self) -> str:
        return f"{self.organisation}: Green from {self.green_from}%, Amber from {self.amber_from}%"

    def clean(self) -> None:
        both = self.amber_from is not None and self.green_from is not None
        if both and not Decimal(0) <= self.amber_from <= self.green_from:
            raise ValidationError(
                {"amber_from": "Amber must start at or below Green, and not below 0%"}
            )

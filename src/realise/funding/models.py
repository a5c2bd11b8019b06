"""Funding: funds with a pot (invest-to-save, the crack-on fund, external money), bids against
them with their decisions, and external grants. The arithmetic and the rules of a decision are
``realise.finance.funds``; the writes are ``realise.funding.services``."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from realise.core.aggregates import MoneySum
from realise.finance.money import ZERO, format_money
from realise.portfolio.fields import positive_money_field
from realise.portfolio.models import Board, Decision, OrganisationOwned, Project


class FundKind(models.TextChoices):
    INVEST_TO_SAVE = "invest_to_save", "Invest to save"
    SMALL_CHANGE = "small_change", "Small change (e.g. crack-on fund)"
    EXTERNAL = "external", "External (money from outside the council)"
    OTHER = "other", "Other"


class Fund(OrganisationOwned):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FundKind.choices)
    pot = positive_money_field(help_text="The most the fund can commit")
    decided_by = models.CharField(
        max_length=200, blank=True, help_text="Who approves bids, e.g. a board or an officer"
    )
    closed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the fund closed: a closed fund takes no new bids and commits no more",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="fund_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    def committed(self, *, besides: int | None = None) -> Decimal:
        """What approved bids have been awarded from the pot (besides the bid ``besides``, if
        given), read from the database now."""
        if self.pk is None:
            return Decimal(0)
        approved = Bid.objects.filter(fund_id=self.pk, status=BidStatus.APPROVED)
        if besides is not None:
            approved = approved.exclude(pk=besides)
        return approved.aggregate(total=MoneySum("awarded"))["total"] or Decimal(0)

    def clean(self) -> None:
        """A pot is never cut below what approved bids have taken, so nothing is overspent."""
        if self.pot is None:
            return
        committed = self.committed()
        if self.pot < committed:
            raise ValidationError(
                {
                    "pot": f"{self.name} has {format_money(committed)} committed to approved "
                    "bids: the pot cannot be less"
                }
            )


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Bid(OrganisationOwned):
    """A bid for money from a fund. ``amount`` is what it asked for; once approved, ``awarded`` is
    what the fund committed to it (less than asked when part-funded) and ``drawn`` what has been
    paid out of that."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="bids")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    amount = positive_money_field(help_text="What the bid asked for")
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.SUBMITTED)
    awarded = positive_money_field(
        null=True, blank=True, help_text="What the fund committed to the approved bid"
    )
    drawn = positive_money_field(default=ZERO, help_text="What has been paid out of the award")
    board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_bids",
        help_text="The board that decided the bid",
    )
    reason = models.TextField(blank=True, help_text="Why the bid was decided as it was")
    decided_by = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_bids",
        help_text="The board's decision on the bid, on its decision log (the latest, if decided "
        "more than once)",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "fund", "id"]
        indexes = [models.Index(fields=["organisation", "fund", "status"], name="bid_org_fund")]

    def __str__(self) -> str:
        return self.title

    def remaining_pot(self) -> Decimal:
        """What the fund has left, not counting this bid."""
        return self.fund.pot - self.fund.committed(besides=self.pk)

    @property
    def part_funded(self) -> bool:
        return (
            self.status == BidStatus.APPROVED
            and self.awarded is not None
            and (self.awarded < self.amount)
        )

    def clean(self) -> None:
        fund = getattr(self, "fund", None)
        errors = self._same_organisation("fund", fund)
        errors |= self._same_organisation("project", self.project)
        errors |= self._same_organisation("board", self.board)
        # What this bid takes from the pot: its award once approved, else what it asks for.
        taking = self.awarded if self.status == BidStatus.APPROVED else self.amount
        if fund is not None and taking is not None and not errors:
            live = self.status in (BidStatus.SUBMITTED, BidStatus.APPROVED)
            remaining = self.remaining_pot()
            if live and taking > remaining:
                errors["amount"] = (
                    f"{format_money(taking)} is more than the {format_money(remaining)} "
                    f"left in {fund.name}"
                )
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = "A bid must ask for more than £0"
        errors |= self._award_errors()
        if errors:
            raise ValidationError(errors)

    def _award_errors(self) -> dict[str, str]:
        """An approved bid has its date and an award of no more than it asked for; nothing is
        drawn beyond the award."""
        errors = {}
        if self.status == BidStatus.APPROVED:
            if not self.decided_on:
                errors["decided_on"] = "Give the date the bid was approved"
            if self.awarded is None:
                errors["awarded"] = "Give the amount the bid was awarded"
            elif self.amount is not None and self.awarded > self.amount:
                errors["awarded"] = (
                    f"{format_money(self.awarded)} is more than the {format_money(self.amount)} "
                    "the bid asked for"
                )
        award = self.awarded if self.status == BidStatus.APPROVED else None
        if self.drawn and (award is None or self.drawn > award):
            errors["drawn"] = (
                "Only an approved bid's award can be paid out"
                if award is None
                else f"{format_money(self.drawn)} is more than the {format_money(award)} awarded"
            )
        return errors


class Grant(OrganisationOwned):
    """Money from outside the council, e.g. a Department for Education grant."""

    funder = models.CharField(max_length=200)
    scheme = models.CharField(max_length=200, blank=True)
    amount = positive_money_field()
    awarded_on = models.DateField(null=True, blank=True)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.PROTECT)
    purpose = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "funder", "id"]
        indexes = [models.Index(fields=["organisation", "funder"], name="grant_org_funder")]

    def __str__(self) -> str:
        return f"{self.funder}: {format_money(self.amount, places=2)}"

    def clean(self) -> None:
        errors = self._same_organisation("project", self.project)
        if errors:
            raise ValidationError(errors)

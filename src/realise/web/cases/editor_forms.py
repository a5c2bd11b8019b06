"""The web editor's forms for a case's settings, a baseline and an option, and what every editor
form shares (``EditorForm``): percentages and pounds as typed, and the layout a page shows.

Each form reads what was typed (pounds, percentages, years) and builds the part of the case it
edits (``realise.finance.appraisal.model``); whether the case is then one Realise accepts is
``rules.validate``'s to say, through the draft service. Each form also says which of its fields
shows a problem found at a place in the case (``field_for``), so the rules' messages appear next
to what the person typed, and in the error summary. An option's lines are in ``line_forms``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from realise.finance.appraisal.model import (
    Appraisal,
    Baseline,
    DiscountSchedule,
    OptimismBias,
    Option,
)
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.model import Path
from realise.finance.money import MoneyError, refuse_other_digits
from realise.web.widgets import MoneyField, NumberField

HUNDRED = Decimal(100)


def ascii_digits(text: str) -> str:
    """``text`` when its digits are 0 to 9; else a field error saying so."""
    try:
        return refuse_other_digits(text)
    except MoneyError as error:
        raise ValidationError(str(error)) from None


def percent_text(share: Decimal | None) -> str:
    """A share (0.3333) as the percentage typed (``33.33``)."""
    if share is None:
        return ""
    return f"{(share * HUNDRED).normalize():f}"


class PercentField(forms.CharField):
    """A percentage as typed (``40``, ``33.33`` or ``33.33%``), cleaned to a share (0.3333),
    exactly."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return percent_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        cleaned = ascii_digits(text).replace("%", "").strip()
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError("Enter a percentage, like 40 or 33.33") from None
        if not number.is_finite():
            raise ValidationError("Enter a percentage, like 40 or 33.33")
        return number / HUNDRED


def amount_field(label: str, *, required: bool = False, help_text: str = "") -> MoneyField:
    return MoneyField(
        label=label,
        required=required,
        allow_negative=True,  # a negative amount is the rules' to refuse, with their words
        help_text=help_text,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


def text_field(
    label: str, *, required: bool = True, help_text: str = "", max_length: int = 200
) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


def radio_field(label: str, choices: Sequence[tuple[str, str]], *, help_text: str = "") -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": f"Choose {label[0].lower()}{label[1:].rstrip('?')}"},
    )


@dataclass
class Panel:
    """One radio of a question, with the fields it reveals when chosen."""

    value: str
    label: str
    id: str
    checked: bool
    hint: str = ""
    fields: list[Any] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)


@dataclass
class Grid:
    """Boxes side by side, one per year: an amount or a share in each."""

    id: str
    legend: str
    hint: str
    fields: list[Any]
    wide: set[str] = field(default_factory=set)  # errors about the whole row, not one year

    @property
    def errors(self) -> list[str]:
        return [
            error if error in self.wide else f"{f.label}: {error}"
            for f in self.fields
            for error in f.errors
        ]


class EditorForm(forms.Form):
    """A form of the editor: ``layout`` lists what the page shows, in order (a field, a question
    whose radios reveal fields, a grid of years); ``field_for`` names the field that shows a
    problem found at ``suffix`` (a path below the part of the case the form edits)."""

    paths: ClassVar[dict[Path, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wide: set[str] = set()  # the rules' words about a whole row of years

    def layout(self) -> list[dict[str, Any]]:
        return [self.item(name) for name in self.fields]

    def item(self, name: str) -> dict[str, Any]:
        """A field as the page shows it: amounts and percentages in narrower boxes."""
        kind = self.fields[name]
        narrow = isinstance(kind, MoneyField | PercentField | NumberField) or name in (
            "start_year",
            "years",
        )
        return {
            "kind": "field",
            "field": self[name],
            "classes": "govuk-input--width-10" if narrow else "",
        }

    def field_for(self, suffix: Path) -> str | None:
        return self.paths.get(tuple(suffix))

    def panels(self, name: str, reveal: dict[str, tuple[list[str], list[Grid]]]) -> Any:
        bound = self[name]
        chosen = str(bound.value() or "")
        return {
            "kind": "radios",
            "field": bound,
            "panels": [
                Panel(
                    value=str(value),
                    label=str(label),
                    id=f"{bound.auto_id}_{index}",
                    checked=str(value) == chosen,
                    hint=self.hints.get(f"{name}:{value}", ""),
                    fields=[self.item(f) for f in reveal.get(str(value), ([], []))[0]],
                    grids=reveal.get(str(value), ([], []))[1],
                )
                for index, (value, label) in enumerate(self.fields[name].choices)  # type: ignore[attr-defined]
            ],
        }

    hints: ClassVar[dict[str, str]] = {}


# The case's settings.

DISCOUNTS = [
    ("green_book", "The Green Book rate: 3.5% a year, 3% a year after 30 years"),
    ("flat", "Another rate, the same every year"),
]


def _year_text(value: Any) -> FinancialYear:
    try:
        return FinancialYear.parse(ascii_digits(str(value)))
    except YearLabelError as error:
        raise ValidationError(str(error)) from None


class SettingsForm(EditorForm):
    title = text_field("Title", help_text="For example: Replace the case management system")
    start_year = text_field(
        "First financial year", help_text="The year the case starts in, for example 2026/27"
    )
    years = text_field("Number of years", help_text="How many years the case covers, from 1 to 50")
    discount = radio_field("Discount rate", DISCOUNTS)
    rate = PercentField(label="Discount rate (%)", help_text="For example 3.5 or 0")
    bias_costs = PercentField(
        label="Optimism bias on costs (%)",
        help_text="How much to raise every cost by, for example 24. Leave empty for none",
    )
    bias_benefits = PercentField(
        label="Optimism bias on benefits (%)",
        help_text="How much to reduce every benefit by, for example 10. Leave empty for none",
    )
    paths: ClassVar[dict[Path, str]] = {
        ("title",): "title",
        ("start_year",): "start_year",
        ("years",): "years",
        ("discount_rate",): "rate",
        ("optimism_bias", "costs"): "bias_costs",
        ("optimism_bias", "benefits"): "bias_benefits",
    }

    @classmethod
    def initial_for(cls, case: Appraisal) -> dict[str, Any]:
        flat = not isinstance(case.discount_rate, DiscountSchedule)
        return {
            "title": case.title,
            "start_year": case.first_year.label,
            "years": str(case.year_count),
            "discount": "flat" if flat else "green_book",
            "rate": case.discount_rate if flat else None,
            "bias_costs": case.optimism_bias.costs or None,
            "bias_benefits": case.optimism_bias.benefits or None,
        }

    def layout(self) -> list[dict[str, Any]]:
        return [
            self.item("title"),
            self.item("start_year"),
            self.item("years"),
            self.panels("discount", {"flat": (["rate"], [])}),
            self.item("bias_costs"),
            self.item("bias_benefits"),
        ]

    def clean_start_year(self) -> FinancialYear:
        return _year_text(self.cleaned_data["start_year"])

    def clean_years(self) -> int:
        text = ascii_digits(self.cleaned_data["years"]).strip()
        if not text.isdigit():
            raise ValidationError("Enter the number of years as a whole number, like 10")
        return int(text)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("discount") == "flat" and data.get("rate") is None:
            self.add_error("rate", "Enter the discount rate")
        return data

    def applied(self, case: Appraisal) -> Appraisal:
        data = self.cleaned_data
        rate = data["rate"] if data["discount"] == "flat" else DiscountSchedule.GREEN_BOOK
        bias = OptimismBias(
            costs=data["bias_costs"] or Decimal(0), benefits=data["bias_benefits"] or Decimal(0)
        )
        return replace(
            case,
            title=data["title"],
            first_year=data["start_year"],
            year_count=data["years"],
            discount_rate=rate,
            optimism_bias=bias,
        )


# A baseline.


class BaselineForm(EditorForm):
    name = text_field("Name", help_text="For example: Addressable third-party spend")
    amount = amount_field("Amount (£)", required=True, help_text="A year's spend or budget")
    fte = NumberField(
        label="Staff (FTE)", required=False, help_text="Optional: the full-time equivalent staff"
    )
    directorate = text_field("Directorate", required=False, help_text="Optional: who owns it")
    paths: ClassVar[dict[Path, str]] = {
        ("id",): "name",
        ("name",): "name",
        ("amount",): "amount",
        ("fte",): "fte",
    }

    @classmethod
    def initial_for(cls, baseline: Baseline) -> dict[str, Any]:
        return {
            "name": baseline.name,
            "amount": baseline.amount,
            "fte": baseline.fte,
            "directorate": baseline.directorate,
        }

    def baseline(self, baseline_id: str) -> Baseline:
        data = self.cleaned_data
        return Baseline(
            id=baseline_id,
            name=data["name"],
            amount=data["amount"],
            fte=data["fte"],
            directorate=data["directorate"],
        )


# An option.

ROLES = [
    ("preferred", "The preferred option"),
    ("do_nothing", "Do nothing (the baseline the others are compared with)"),
    ("other", "Another option"),
]
OWN_BIAS = [("case", "The case's optimism bias"), ("own", "Its own optimism bias")]


class OptionForm(EditorForm):
    name = text_field("Name", help_text="For example: Option A - replace the system")
    description = forms.CharField(
        label="Description", required=False, max_length=2000, widget=forms.Textarea
    )
    role = radio_field("What kind of option is it?", ROLES)
    bias = radio_field("Which optimism bias applies to it?", OWN_BIAS)
    bias_costs = PercentField(label="Optimism bias on costs (%)", help_text="For example 24")
    bias_benefits = PercentField(label="Optimism bias on benefits (%)", help_text="For example 10")
    paths: ClassVar[dict[Path, str]] = {
        ("id",): "name",
        ("name",): "name",
        ("preferred",): "role",
        ("do_nothing",): "role",
        ("optimism_bias", "costs"): "bias_costs",
        ("optimism_bias", "benefits"): "bias_benefits",
    }

    @classmethod
    def initial_for(cls, option: Option | None) -> dict[str, Any]:
        if option is None:
            return {"role": "other", "bias": "case"}
        role = "preferred" if option.preferred else "do_nothing" if option.do_nothing else "other"
        own = option.optimism_bias
        return {
            "name": option.name,
            "description": option.description,
            "role": role,
            "bias": "case" if own is None else "own",
            "bias_costs": own.costs if own else None,
            "bias_benefits": own.benefits if own else None,
        }

    def layout(self) -> list[dict[str, Any]]:
        return [
            self.item("name"),
            self.item("description"),
            self.item("role"),
            self.panels("bias", {"own": (["bias_costs", "bias_benefits"], [])}),
        ]

    def option(self, option: Option) -> Option:
        """``option`` (its lines kept) with what the form says."""
        data = self.cleaned_data
        bias = None
        if data["bias"] == "own":
            bias = OptimismBias(
                costs=data["bias_costs"] or Decimal(0),
                benefits=data["bias_benefits"] or Decimal(0),
            )
        return replace(
            option,
            name=data["name"],
            description=data["description"],
            preferred=data["role"] == "preferred",
            do_nothing=data["role"] == "do_nothing",
            optimism_bias=bias,
        )


def taken_ids(items: Iterable[Any], *, but: int | None = None) -> list[str]:
    """The ids in use among ``items``, leaving out item ``but`` (the one being edited)."""
    return [item.id for index, item in enumerate(items) if index != but]

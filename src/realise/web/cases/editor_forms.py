"""The web editor's forms: a case's settings, a baseline, an option, and an option's cost lines,
budgets released (offsets) and benefit lines.

Each form reads what was typed (pounds, percentages, years) and builds the part of the case it
edits (``realise.finance.appraisal.model``); whether the case is then one Realise accepts is
``rules.validate``'s to say, through the draft service. Each form also says which of its fields
shows a problem found at a place in the case (``field_for``), so the rules' messages appear next
to what the person typed, and in the error summary.

A line's money falls across the years in one of a few ways (its *profile*), chosen by radios,
each revealing only the boxes it needs: an amount in each year; a total with the share of it in
each year; the same amount every year from one year to another; or, for a benefit, a full
annual value (an amount, or a percentage of a baseline with the share kept) reached by a ramp
(the share earned in each year) or phased in (the share that starts in each year)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    Baseline,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.model import Path
from realise.web.widgets import MoneyField, NumberField, _ascii_digits

HUNDRED = Decimal(100)


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
        cleaned = _ascii_digits(text).replace("%", "").strip()
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError("Enter a percentage, like 40 or 33.33") from None
        if not number.is_finite():
            raise ValidationError("Enter a percentage, like 40 or 33.33")
        return number / HUNDRED


def _amount(label: str, *, required: bool = False, help_text: str = "") -> MoneyField:
    return MoneyField(
        label=label,
        required=required,
        allow_negative=True,  # a negative amount is the rules' to refuse, with their words
        help_text=help_text,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


def _text(label: str, *, required: bool = True, help_text: str = "", max_length: int = 200) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


def _radios(label: str, choices: Sequence[tuple[str, str]], *, help_text: str = "") -> Any:
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

    @property
    def errors(self) -> list[str]:
        return [f"{f.label}: {error}" for f in self.fields for error in f.errors]


class EditorForm(forms.Form):
    """A form of the editor: ``layout`` lists what the page shows, in order (a field, a question
    whose radios reveal fields, a grid of years); ``field_for`` names the field that shows a
    problem found at ``suffix`` (a path below the part of the case the form edits)."""

    paths: ClassVar[dict[Path, str]] = {}

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
        return FinancialYear.parse(_ascii_digits(str(value)))
    except YearLabelError as error:
        raise ValidationError(str(error)) from None


class SettingsForm(EditorForm):
    title = _text("Title", help_text="For example: Replace the case management system")
    start_year = _text(
        "First financial year", help_text="The year the case starts in, for example 2026/27"
    )
    years = _text("Number of years", help_text="How many years the case covers, from 1 to 50")
    discount = _radios("Discount rate", DISCOUNTS)
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
        text = _ascii_digits(self.cleaned_data["years"]).strip()
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
    name = _text("Name", help_text="For example: Addressable third-party spend")
    amount = _amount("Amount (£)", required=True, help_text="A year's spend or budget")
    fte = NumberField(
        label="Staff (FTE)", required=False, help_text="Optional: the full-time equivalent staff"
    )
    directorate = _text("Directorate", required=False, help_text="Optional: who owns it")
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
    name = _text("Name", help_text="For example: Option A - replace the system")
    description = forms.CharField(
        label="Description", required=False, max_length=2000, widget=forms.Textarea
    )
    role = _radios("What kind of option is it?", ROLES)
    bias = _radios("Which optimism bias applies to it?", OWN_BIAS)
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


# Lines: costs, budgets released, benefits.

PROFILES = {
    "amounts": ("An amount in each year", "Type the amount for each year it applies to"),
    "phased": ("A total, with the share of it in each year", "The shares add up to 100%"),
    "annual": (
        "The same amount every year, from one year to another",
        "For running costs, budgets released and steady benefits",
    ),
    "ramp": (
        "A full annual value, built up year by year",
        "The share of the full value earned in each year: a third, two thirds, then all of it. "
        "Later years keep the last share",
    ),
    "staged": (
        "A full annual value, phased in",
        "The share of the full value that starts in each year, adding up to 100%: 10, 40, 40, "
        "10 earns 10%, 50%, 90% then all of it",
    ),
}
KINDS = [("capital", "Capital"), ("revenue", "Revenue"), ("unclassified", "Not classified")]
RECURRENCES = [("one_off", "One-off"), ("recurring", "Recurring (every year)")]
TYPES = [
    ("cashable", "Cashable: a budget is reduced"),
    ("income", "Income: money comes in"),
    ("cost_avoidance", "Cost avoidance: a cost that would have risen does not"),
    ("non_cashable", "Non-cashable: time or quality, no budget changes"),
]
VALUES = [("amount", "An amount"), ("baseline", "A percentage of a baseline")]
NAME_HINTS = {
    "costs": "For example: Implementation partner",
    "offsets": "For example: Current system licence",
    "benefits": "For example: Caseworker time released",
}
GRID_PREFIX = {"amounts": "amount", "phased": "share", "ramp": "ramp", "staged": "stage"}


class LineForm(EditorForm):
    """A line of an option: its name, how its money falls across ``years``, and for benefits
    what its full annual value is. Subclasses say which profiles they offer."""

    group = ""
    profiles: tuple[str, ...] = ()

    name = _text("Name", help_text="For example: Implementation partner")

    def __init__(
        self,
        *args: Any,
        years: Sequence[FinancialYear],
        baselines: Sequence[Baseline] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = tuple(years)
        self.baselines = tuple(baselines)
        self.fields["name"].help_text = NAME_HINTS[self.group]
        self.hints = {f"profile:{key}": PROFILES[key][1] for key in self.profiles}
        self.fields["profile"] = _radios(
            "How is its money spread across the years?",
            [(key, PROFILES[key][0]) for key in self.profiles],
        )
        for profile in self.profiles:
            prefix = GRID_PREFIX.get(profile)
            if prefix is None:
                continue
            for year in self.years:
                self.fields[f"{prefix}_{year.start}"] = (
                    _amount(year.label) if profile == "amounts" else PercentField(label=year.label)
                )
        if "phased" in self.profiles:
            self.fields["total"] = _amount("Total (£)")
        if "annual" in self.profiles:
            choices = [(str(y.start), y.label) for y in self.years]
            self.fields["annual"] = _amount("Amount each year (£)")
            self.fields["first"] = forms.ChoiceField(
                label="From", choices=[("", "Choose a year"), *choices], required=False
            )
            self.fields["last"] = forms.ChoiceField(
                label="To", choices=[("", "The last year of the case"), *choices], required=False
            )

    # Where a problem found below the line shows.
    def field_for(self, suffix: Path) -> str | None:
        suffix = tuple(suffix)
        simple = {
            ("id",): "name",
            ("name",): "name",
            ("total",): "total",
            ("annual",): "annual",
            ("from",): "first",
            ("to",): "last",
            ("full_value",): "full_value",
            ("baseline",): "baseline",
            ("percent",): "percent",
            ("retention",): "retention",
        }
        if suffix in simple:
            return simple[suffix] if simple[suffix] in self.fields else None
        keys = {"amounts": "amounts", "ramp": "ramp", "phasing": self._phasing_profile()}
        if suffix and suffix[0] in keys:
            prefix = GRID_PREFIX[keys[str(suffix[0])]]
            year = self._year(suffix[1]) if len(suffix) > 1 else self.years[0]
            name = f"{prefix}_{year.start}" if year else None
            return name if name in self.fields else None
        return None

    def _phasing_profile(self) -> str:
        return "phased" if "phased" in self.profiles else "staged"

    def _year(self, label: Any) -> FinancialYear | None:
        try:
            return FinancialYear.parse(str(label))
        except YearLabelError:
            return None

    def grid(self, profile: str, legend: str, hint: str = "") -> Grid:
        prefix = GRID_PREFIX[profile]
        return Grid(
            id=f"{prefix}-years",
            legend=legend,
            hint=hint,
            fields=[self[f"{prefix}_{y.start}"] for y in self.years],
        )

    def reveal(self) -> dict[str, tuple[list[str], list[Grid]]]:
        shown: dict[str, tuple[list[str], list[Grid]]] = {
            "amounts": ([], [self.grid("amounts", "Amount in each year (£)")]),
            "annual": (["annual", "first", "last"], []),
        }
        if "phased" in self.profiles:
            shown["phased"] = (
                ["total"],
                [self.grid("phased", "Share of the total in each year (%)", "For example 30")],
            )
        return shown

    def heading_fields(self) -> list[dict[str, Any]]:
        return [self.item("name")]

    def layout(self) -> list[dict[str, Any]]:
        return [*self.heading_fields(), self.panels("profile", self.reveal())]

    # Reading what was typed.
    def _by_year(self, prefix: str) -> dict[FinancialYear, Decimal]:
        found = {}
        for year in self.years:
            value = self.cleaned_data.get(f"{prefix}_{year.start}")
            if value is not None:
                found[year] = value
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        profile = data.get("profile")
        if profile == "phased" and data.get("total") is None:
            self.add_error("total", "Enter the total")
        if profile == "annual":
            if data.get("annual") is None:
                self.add_error("annual", "Enter the amount each year")
            if not data.get("first"):
                self.add_error("first", "Choose the first year")
        return data

    def profile(self) -> Any:
        data = self.cleaned_data
        profile = data["profile"]
        if profile == "amounts":
            return Amounts(self._by_year("amount"))
        if profile == "phased":
            return Phased(data["total"], self._by_year("share"))
        if profile == "annual":
            last = FinancialYear(int(data["last"])) if data.get("last") else None
            return Annual(data["annual"], FinancialYear(int(data["first"])), last)
        raise ValueError(profile)

    @staticmethod
    def initial_profile(profile: Any) -> dict[str, Any]:
        """The boxes filled from a line's profile, for editing it."""
        if isinstance(profile, Amounts):
            return {"profile": "amounts"} | {
                f"amount_{y.start}": v for y, v in profile.by_year.items()
            }
        if isinstance(profile, Phased):
            return {"profile": "phased", "total": profile.total} | {
                f"share_{y.start}": s for y, s in profile.shares.items()
            }
        if isinstance(profile, Annual):
            return {
                "profile": "annual",
                "annual": profile.amount,
                "first": str(profile.first.start),
                "last": str(profile.last.start) if profile.last else "",
            }
        return {}


class CostForm(LineForm):
    group = "costs"
    profiles = ("amounts", "phased", "annual")
    kind = _radios("Is it capital or revenue?", KINDS)
    recurrence = _radios("Is it one-off or recurring?", RECURRENCES)

    def heading_fields(self) -> list[dict[str, Any]]:
        return [self.item("name"), self.item("kind"), self.item("recurrence")]

    @classmethod
    def initial_for(cls, line: CostLine | None) -> dict[str, Any]:
        if line is None:
            return {"kind": "unclassified", "recurrence": "one_off", "profile": "amounts"}
        return {
            "name": line.name,
            "kind": line.kind.value,
            "recurrence": line.recurrence.value,
        } | cls.initial_profile(line.profile)

    def line(self, line_id: str) -> CostLine:
        data = self.cleaned_data
        return CostLine(
            id=line_id,
            name=data["name"],
            profile=self.profile(),
            kind=CostKind(data["kind"]),
            recurrence=Recurrence(data["recurrence"]),
        )


class OffsetForm(LineForm):
    group = "offsets"
    profiles = ("amounts", "annual")

    @classmethod
    def initial_for(cls, line: Offset | None) -> dict[str, Any]:
        if line is None:
            return {"profile": "annual"}
        return {"name": line.name} | cls.initial_profile(line.profile)

    def line(self, line_id: str) -> Offset:
        return Offset(id=line_id, name=self.cleaned_data["name"], profile=self.profile())


class BenefitForm(LineForm):
    group = "benefits"
    profiles = ("amounts", "annual", "ramp", "staged")
    type = _radios("What type of benefit is it?", TYPES)
    directorate = _text(
        "Directorate", required=False, help_text="Optional: who owns the benefit, e.g. Adults"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"] = _radios(
            "What is its full annual value?",
            VALUES,
            help_text="Only for a value built up year by year or phased in",
        )
        self.fields["value"].required = False
        self.fields["full_value"] = _amount("Full annual value (£)")
        self.fields["baseline"] = forms.ChoiceField(
            label="Baseline",
            required=False,
            choices=[("", "Choose a baseline")] + [(b.id, b.name) for b in self.baselines],
        )
        self.fields["percent"] = PercentField(
            label="Percentage of the baseline (%)", help_text="For example 10"
        )
        self.fields["retention"] = PercentField(
            label="Share kept (%)",
            help_text="Optional: the share of the saving the council keeps, for example 75. "
            "Leave empty for all of it",
        )

    def heading_fields(self) -> list[dict[str, Any]]:
        return [self.item("name"), self.item("type"), self.item("directorate")]

    def reveal(self) -> dict[str, tuple[list[str], list[Grid]]]:
        shown = super().reveal()
        shown["ramp"] = ([], [self.grid("ramp", "Share of the full value earned (%)")])
        shown["staged"] = ([], [self.grid("staged", "Share of the full value starting (%)")])
        return shown

    def layout(self) -> list[dict[str, Any]]:
        return [
            *super().layout(),
            self.panels(
                "value",
                {
                    "amount": (["full_value"], []),
                    "baseline": (["baseline", "percent", "retention"], []),
                },
            ),
        ]

    def field_for(self, suffix: Path) -> str | None:
        if (
            tuple(suffix) in (("full_value",), ("baseline",), ("percent",))
            and not self["value"].value()
        ):
            return "value"
        return super().field_for(suffix)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("profile") in ("ramp", "staged"):
            value = data.get("value")
            if not value:
                self.add_error("value", "Choose what its full annual value is")
            elif value == "amount" and data.get("full_value") is None:
                self.add_error("full_value", "Enter the full annual value")
            elif value == "baseline":
                if not data.get("baseline"):
                    self.add_error("baseline", "Choose the baseline")
                if data.get("percent") is None:
                    self.add_error("percent", "Enter the percentage of the baseline")
        return data

    def profile(self) -> Any:
        data = self.cleaned_data
        if data["profile"] not in ("ramp", "staged"):
            return super().profile()
        if data["value"] == "amount":
            full: Decimal | PercentOf = data["full_value"]
        else:
            retention = data["retention"] if data["retention"] is not None else Decimal(1)
            full = PercentOf(data["baseline"], data["percent"], retention)
        if data["profile"] == "ramp":
            return Ramp(full, self._by_year("ramp"))
        return Staged(full, self._by_year("stage"))

    @classmethod
    def initial_for(cls, line: BenefitLine | None) -> dict[str, Any]:
        if line is None:
            return {"type": "cashable", "profile": "amounts"}
        initial = {"name": line.name, "type": line.type.value, "directorate": line.directorate}
        profile = line.profile
        if isinstance(profile, Ramp | Staged):
            key, prefix = ("ramp", "ramp") if isinstance(profile, Ramp) else ("staged", "stage")
            initial |= {"profile": key} | {
                f"{prefix}_{y.start}": s for y, s in profile.shares.items()
            }
            value = profile.full_value
            if isinstance(value, PercentOf):
                initial |= {
                    "value": "baseline",
                    "baseline": value.baseline,
                    "percent": value.percent,
                    "retention": None if value.retention == 1 else value.retention,
                }
            else:
                initial |= {"value": "amount", "full_value": value}
            return initial
        return initial | cls.initial_profile(profile)

    def line(self, line_id: str) -> BenefitLine:
        data = self.cleaned_data
        return BenefitLine(
            id=line_id,
            name=data["name"],
            profile=self.profile(),
            type=BenefitType(data["type"]),
            directorate=data["directorate"],
        )


LINE_FORMS: dict[str, type[LineForm]] = {
    "costs": CostForm,
    "offsets": OffsetForm,
    "benefits": BenefitForm,
}


def taken_ids(items: Iterable[Any], *, but: int | None = None) -> list[str]:
    """The ids in use among ``items``, leaving out item ``but`` (the one being edited)."""
    return [item.id for index, item in enumerate(items) if index != but]

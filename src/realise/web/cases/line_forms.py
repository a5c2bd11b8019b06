"""The web editor's forms for an option's lines: its costs, budgets released (offsets) and
benefits.

A line's money falls across the years in one of a few ways (its *profile*), chosen by radios,
each revealing only the boxes it needs: an amount in each year; a total with the share of it in
each year; the same amount every year from one year to another; or, for a benefit, a full
annual value (an amount, or a percentage of a baseline with the share kept) reached by a ramp
(the share earned in each year) or phased in (the share that starts in each year)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Baseline,
    BenefitLine,
    BenefitType,
    CostKind,
    CostLine,
    Offset,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.calendar import FinancialYear, YearLabelError
from realise.finance.model import Path
from realise.web.cases.editor_forms import (
    EditorForm,
    Grid,
    PercentField,
    amount_field,
    radio_field,
    text_field,
)

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
# The fields that show a problem at a key of the line (the file's ``from`` is the form's first).
SIMPLE_PATHS = {(key,): key for key in ("total", "annual", "full_value", "baseline", "percent")}
SIMPLE_PATHS |= {("id",): "name", ("name",): "name", ("from",): "first", ("to",): "last"}
SIMPLE_PATHS |= {("retention",): "retention"}


class LineForm(EditorForm):
    """A line of an option: its name, how its money falls across ``years``, and for benefits
    what its full annual value is. Subclasses say which profiles they offer."""

    group = ""
    profiles: tuple[str, ...] = ()

    name = text_field("Name", help_text="For example: Implementation partner")

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
        self.fields["profile"] = radio_field(
            "How is its money spread across the years?",
            [(key, PROFILES[key][0]) for key in self.profiles],
        )
        for profile in self.profiles:
            prefix = GRID_PREFIX.get(profile)
            if prefix is None:
                continue
            for year in self.years:
                self.fields[f"{prefix}_{year.start}"] = (
                    amount_field(year.label)
                    if profile == "amounts"
                    else PercentField(label=year.label)
                )
        if "phased" in self.profiles:
            self.fields["total"] = amount_field("Total (£)")
        if "annual" in self.profiles:
            choices = [(str(y.start), y.label) for y in self.years]
            self.fields["annual"] = amount_field("Amount each year (£)")
            self.fields["first"] = forms.ChoiceField(
                label="From", choices=[("", "Choose a year"), *choices], required=False
            )
            self.fields["last"] = forms.ChoiceField(
                label="To", choices=[("", "The last year of the case"), *choices], required=False
            )

    # Where a problem found below the line shows.
    def field_for(self, suffix: Path) -> str | None:
        suffix = tuple(suffix)
        if suffix in SIMPLE_PATHS:
            return SIMPLE_PATHS[suffix] if SIMPLE_PATHS[suffix] in self.fields else None
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
            wide=self.wide,
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
        typed = {year: self.cleaned_data.get(f"{prefix}_{year.start}") for year in self.years}
        return {year: value for year, value in typed.items() if value is not None}

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
    kind = radio_field("Is it capital or revenue?", KINDS)
    recurrence = radio_field("Is it one-off or recurring?", RECURRENCES)

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
    type = radio_field("What type of benefit is it?", TYPES)
    directorate = text_field(
        "Directorate", required=False, help_text="Optional: who owns the benefit, e.g. Adults"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"] = radio_field(
            "What is its full annual value?",
            VALUES,
            help_text="Only for a value built up year by year or phased in",
        )
        self.fields["value"].required = False
        self.fields["full_value"] = amount_field("Full annual value (£)")
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


LINE_FORMS: dict[str, type[LineForm]] = {"costs": CostForm, "offsets": OffsetForm}
LINE_FORMS["benefits"] = BenefitForm

"""What a format 2 case says, as facts for ``casediff``: the case's assumptions, its baselines,
each option with its cost lines, offsets and benefit lines as written (every amount, share and
year), and the format 1 parts it carries (layers, levels, releases, published figures), named as
format 1's facts name them. Keyed by the ids in the file, so moving a line is no change."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    BenefitLine,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Staged,
)
from realise.finance.casediff import Fact, Key, Kind, Value, shown
from realise.finance.casefacts import case_facts
from realise.finance.model import BusinessCase, Scenario

CASE = "The case"
BASELINES = "Baselines"
OPTIONS = "Options"
Add = Callable[[Key, str, str, str, Kind, Value], None]
_CASE_KEYS = {("title",), ("organisation",), ("first_year",), ("years",), ("discount_rate",)}


def _q(name: str) -> str:
    return f"‘{name}’"


def appraisal_facts(case: Appraisal) -> tuple[Fact, ...]:
    facts: list[Fact] = []

    def add(key: Key, section: str, where: str, what: str, kind: Kind, value: Value) -> None:
        facts.append(Fact(key, section, where, what, kind, value))

    add(("title",), CASE, "The case", "title", "text", case.title)
    add(("organisation",), CASE, "The case", "council", "text", case.organisation)
    add(("first_year",), CASE, "The case", "start year", "year", case.first_year)
    add(("years",), CASE, "The case", "years modelled", "number", Decimal(case.year_count))
    rate = case.discount_rate
    if isinstance(rate, DiscountSchedule):
        add(("discount_rate",), CASE, "The case", "discount rate", "text", "Green Book schedule")
    else:
        add(("discount_rate",), CASE, "The case", "discount rate", "share", rate)
    _bias(add, ("optimism_bias",), CASE, "The case", case.optimism_bias)
    for baseline in case.baselines:
        key, where = ("baselines", baseline.id), f"Baseline {_q(baseline.name)}"
        add(key, BASELINES, where, "baseline", "line", shown(baseline.amount, "money"))
        add((*key, "name"), BASELINES, where, "name", "text", baseline.name)
        add((*key, "amount"), BASELINES, where, "amount", "money", baseline.amount)
        add((*key, "fte"), BASELINES, where, "FTE", "fte", baseline.fte)
        add((*key, "directorate"), BASELINES, where, "directorate", "text", baseline.directorate)
    for option in case.options:
        _option(add, option)
    carried = BusinessCase(
        organisation=case.organisation,
        title=case.title,
        first_year=case.first_year,
        year_count=case.year_count,
        layers=case.layers,
        levels=case.levels,
        scenarios=tuple(
            Scenario(o.id, o.name, o.level, o.releases, {}) for o in case.options if o.level
        ),
        other_benefits=case.other_benefits,
        published=case.published,
        published_sums=case.published_sums,
        presentation=case.presentation,
    )
    facts += [f for f in case_facts(carried) if f.key not in _CASE_KEYS]
    for layer_id, owner in case.layer_owners.items():
        add(("layers", layer_id, "directorate"), "Operating-model layers",
            f"Layer {_q(layer_id)}", "owning directorate", "text", owner)  # fmt: skip
    return tuple(facts)


def _bias(add: Add, key: Key, section: str, where: str, bias: OptimismBias | None) -> None:
    if bias is None:
        return
    add((*key, "costs"), section, where, "optimism bias on costs", "share", bias.costs)
    add((*key, "benefits"), section, where, "optimism bias on benefits", "share", bias.benefits)


def _option(add: Add, option: Option) -> None:
    key, where = ("options", option.id), f"Option {_q(option.name)}"
    marks = [
        m for m, on in (("preferred", option.preferred), ("do nothing", option.do_nothing)) if on
    ]
    add(key, OPTIONS, where, "option", "line", ", ".join(marks) or "an option")
    add((*key, "name"), OPTIONS, where, "name", "text", option.name)
    add((*key, "description"), OPTIONS, where, "description", "text", option.description)
    add(
        (*key, "preferred"),
        OPTIONS,
        where,
        "preferred",
        "text",
        "yes" if option.preferred else "no",
    )
    add(
        (*key, "do_nothing"),
        OPTIONS,
        where,
        "do nothing",
        "text",
        "yes" if option.do_nothing else "no",
    )
    _bias(add, (*key, "optimism_bias"), OPTIONS, where, option.optimism_bias)
    groups: tuple[tuple[str, str, tuple[CostLine | Offset | BenefitLine, ...]], ...] = (
        ("costs", "cost line", option.costs),
        ("offsets", "budget released", option.offsets),
        ("benefits", "benefit line", option.benefits),
    )
    for group, label, lines in groups:
        for line in lines:
            at = f"{where}, {label} {_q(line.name)}"
            line_key = (*key, group, line.id)
            add(line_key, OPTIONS, at, label, "line", _describe(line))
            add((*line_key, "name"), OPTIONS, at, "name", "text", line.name)
            if isinstance(line, CostLine):
                add((*line_key, "kind"), OPTIONS, at, "kind", "text", line.kind.value)
                add(
                    (*line_key, "recurrence"),
                    OPTIONS,
                    at,
                    "recurrence",
                    "text",
                    line.recurrence.value,
                )
            if isinstance(line, BenefitLine):
                add((*line_key, "type"), OPTIONS, at, "type", "text", line.type.value)
                add(
                    (*line_key, "directorate"), OPTIONS, at, "directorate", "text", line.directorate
                )
            _profile(add, line_key, at, line.profile)


def _describe(line: CostLine | Offset | BenefitLine) -> str:
    profile = line.profile
    if isinstance(profile, Amounts):
        return ", ".join(
            f"{shown(v, 'money')} in {y.label}" for y, v in sorted(profile.by_year.items())
        )
    if isinstance(profile, Annual):
        to = f" to {profile.last.label}" if profile.last else ""
        return f"{shown(profile.amount, 'money')} a year from {profile.first.label}{to}"
    if isinstance(profile, Phased):
        return f"{shown(profile.total, 'money')} phased over {len(profile.shares)} years"
    if isinstance(profile, Ramp | Staged):
        how = "ramped" if isinstance(profile, Ramp) else "phased in"
        return f"{_full(profile.full_value)} a year, {how}"
    return ""


def _full(value: Decimal | PercentOf) -> str:
    if isinstance(value, Decimal):
        return shown(value, "money")
    kept = "" if value.retention == 1 else f", {shown(value.retention, 'share')} kept"
    return f"{shown(value.percent, 'share')} of baseline {_q(value.baseline)}{kept}"


def _profile(add: Add, key: Key, at: str, profile: object) -> None:
    if isinstance(profile, Amounts):
        for year, amount in sorted(profile.by_year.items()):
            add((*key, year.label), OPTIONS, at, f"amount in {year.label}", "money", amount)
    elif isinstance(profile, Annual):
        add((*key, "annual"), OPTIONS, at, "amount a year", "money", profile.amount)
        add((*key, "from"), OPTIONS, at, "first year", "year", profile.first)
        add((*key, "to"), OPTIONS, at, "last year", "year", profile.last)
    elif isinstance(profile, Phased):
        add((*key, "total"), OPTIONS, at, "total", "money", profile.total)
        for year, share in sorted(profile.shares.items()):
            add(
                (*key, "phasing", year.label), OPTIONS, at, f"share in {year.label}", "share", share
            )
    elif isinstance(profile, Ramp | Staged):
        value = profile.full_value
        if isinstance(value, Decimal):
            add((*key, "full_value"), OPTIONS, at, "full value a year", "money", value)
        else:
            add((*key, "baseline"), OPTIONS, at, "baseline", "text", value.baseline)
            add((*key, "percent"), OPTIONS, at, "share of the baseline", "share", value.percent)
            add((*key, "retention"), OPTIONS, at, "share kept", "share", value.retention)
        name = "ramp" if isinstance(profile, Ramp) else "phasing"
        what = "share earned" if name == "ramp" else "share starting"
        for year, share in sorted(profile.shares.items()):
            add((*key, name, year.label), OPTIONS, at, f"{what} in {year.label}", "share", share)

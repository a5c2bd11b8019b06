"""The financial case of a business-case file: baselines, savings levels, each scenario's
release points, benefit, cost and cost-benefit profiles, the scenarios compared with payback and
NPV, the J-curve, and the audit of the printed figures. Needs no database: every figure comes
from ``realise.finance``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from realise.core.limits import case_limits
from realise.finance.audit import AuditReport, audit_case
from realise.finance.casefile import load_case
from realise.finance.model import BusinessCase, SavingsLevel
from realise.finance.money import format_in_unit, format_money
from realise.finance.scenario import ScenarioResult, run_case
from realise.finance.tables import fte_text, scenario_rows
from realise.reports import charts
from realise.reports.context import (
    Cell,
    Chart,
    Column,
    Paragraph,
    Report,
    Section,
    Table,
    blank,
    check_total,
    pct,
    text,
    total_label,
)

MILLION = Decimal(1_000_000)
ZERO = Decimal(0)


def _m(amount: Decimal, *, summed: bool = False, step: Decimal | None = None) -> Cell:
    """Exact pounds shown in £m to 2 places (or the step the case prints)."""
    return Cell(amount, format_in_unit(amount, "£m", places=2, step=step), summed)


def _fte(value: Decimal, *, summed: bool = False) -> Cell:
    return Cell(value, fte_text(value), summed, unit="FTE")


M = "£m"


def _money_col(heading: str) -> Column:
    return Column(heading, numeric=True, unit=M)


def case_report_from_file(path: Path) -> Report:
    """Load, run and audit a business-case file (raises ``CaseFileError`` for a bad file)."""
    return case_report(load_case(path, limits=case_limits()))


def case_report(case: BusinessCase) -> Report:
    results = run_case(case)
    first, last = case.years[0], case.years[-1]
    return Report(
        kind="case",
        organisation=case.organisation,
        title=case.title,
        subtitle=f"The financial case: scenarios, costs and benefits from {first.label} to "
        f"{last.label}",
        dated=f"{first.label} to {last.label}",
        details=(
            ("Scenarios", str(len(case.scenarios))),
            ("Discount rate (NPV)", f"{(case.discount_rate * 100).normalize():f}%"),
        ),
        sections=(
            _summary(case, results),
            Section("Baselines and savings levels", (_baselines(case), *_levels(case))),
            *(_scenario(case, result) for result in results),
            Section(
                "The scenarios compared", (_comparison(case, results), _j_curve(case, results))
            ),
            Section("Audit of the printed figures", _audit(audit_case(case))),
        ),
    )


def _summary(case: BusinessCase, results: tuple[ScenarioResult, ...]) -> Section:
    best = max(results, key=lambda r: r.npv)
    paragraphs = [
        f"This financial case models {len(results)} scenarios over {case.year_count} years, "
        f"from {case.years[0].label} to {case.years[-1].label}. Amounts are in £ million "
        "unless a table says otherwise.",
        f"The highest net present value is {best.scenario.name} at "
        f"{format_money(best.npv, unit='m', places=2)}; it {best.payback.phrase}.",
    ]
    return Section("Summary", tuple(Paragraph(p) for p in paragraphs))


def _baselines(case: BusinessCase) -> Table:
    layers = case.layers
    return Table(
        key="baselines",
        title="Baselines by layer",
        columns=(
            Column("Layer"),
            _money_col("Baseline cost (£m)"),
            Column("Baseline FTE", True, "FTE"),
        ),
        rows=tuple(
            (text(layer.name), _m(layer.baseline_cost), _fte(layer.baseline_fte))
            for layer in layers
        ),
        total=(
            total_label(),
            _m(sum((layer.baseline_cost for layer in layers), ZERO), summed=True),
            _fte(sum((layer.baseline_fte for layer in layers), ZERO), summed=True),
        ),
    )


def _level_table(case: BusinessCase, level: SavingsLevel) -> Table:
    rows = []
    for layer in case.layers:
        saving = level.savings.get(layer.id)
        if saving is None:
            continue
        rows.append(
            (
                text(layer.name),
                _m(saving.amount),
                _fte(saving.fte),
                pct(saving.percent, 1),
            )
        )
    check_total(level.name, [r[1].value for r in rows], level.total_amount)  # type: ignore[misc]
    return Table(
        key=f"level-{level.id}",
        title=f"{level.name} savings level",
        columns=(
            Column("Layer"),
            _money_col("Annual saving (£m)"),
            Column("FTE", True, "FTE"),
            Column("% of baseline", True, "%"),
        ),
        rows=tuple(rows),
        total=(
            total_label(),
            _m(level.total_amount, summed=True),
            _fte(level.total_fte, summed=True),
            blank(),
        ),
    )


def _levels(case: BusinessCase) -> tuple[Table, ...]:
    return tuple(_level_table(case, level) for level in case.levels)


def _year_columns(result: ScenarioResult) -> tuple[Column, ...]:
    return tuple(_money_col(f"{y.year.short_label} (£m)") for y in result.years)


def _releases(case: BusinessCase, result: ScenarioResult) -> Table:
    rows = [
        (
            text(case.layer(layer_id).name),
            text(f"{tranche.released_on:%-d %B %Y}"),
            pct(tranche.share * 100, 1),
        )
        for layer_id, tranches in result.scenario.releases.items()
        for tranche in tranches
    ]
    return Table(
        key=f"{result.scenario.id}-releases",
        title=f"{result.scenario.name}: release points",
        columns=(
            Column("Layer"),
            Column("Released on"),
            Column("Share of the layer's saving", True, "%"),
        ),
        rows=tuple(rows),
        notes=("A release starts earning the day after its date.",),
    )


def _benefits(case: BusinessCase, result: ScenarioResult) -> Table:
    rows = []
    for layer in case.layers:
        profile = result.layer_profile(layer.id)
        if any(pye for _, _, pye in profile):
            rows.append((text(layer.name), *(_m(pye) for _, _, pye in profile)))
    for index, year in enumerate(result.years, start=1):
        check_total(
            f"Benefit profile {year.year.label}",
            [r[index].value for r in rows],
            year.part_year_effect,
        )  # type: ignore[misc]
    return Table(
        key=f"{result.scenario.id}-benefits",
        title=f"{result.scenario.name}: benefit profile (in-year benefit by layer)",
        columns=(Column("Layer"), *_year_columns(result)),
        rows=tuple(rows),
        total=(total_label(), *(_m(y.part_year_effect, summed=True) for y in result.years)),
    )


def _costs(result: ScenarioResult) -> Table:
    rows = [
        (text(category), *(_m(by_year.get(y.year, ZERO)) for y in result.years))
        for category, by_year in result.costs_by_category.items()
    ]
    for index, year in enumerate(result.years, start=1):
        check_total(f"Cost profile {year.year.label}", [r[index].value for r in rows], year.cost)  # type: ignore[misc]
    return Table(
        key=f"{result.scenario.id}-costs",
        title=f"{result.scenario.name}: one-off cost profile",
        columns=(Column("Cost"), *_year_columns(result)),
        rows=tuple(rows),
        total=(total_label(), *(_m(y.cost, summed=True) for y in result.years)),
    )


def _cost_benefit(case: BusinessCase, result: ScenarioResult) -> Table:
    show = case.presentation
    rows = []
    for row, values in scenario_rows(result):
        if row.kind == "fte":
            rows.append((text(row.label), *(_fte(v) for v in values)))
        else:
            rows.append((text(row.label), *(_m(v, step=show.step(row.key)) for v in values)))
    return Table(
        key=f"{result.scenario.id}-cost-benefit",
        title=f"{result.scenario.name}: cost and benefit",
        columns=(Column("£m"), *(Column(y.year.short_label, True, M) for y in result.years)),
        rows=tuple(rows),
        notes=(
            "Full-year, part-year and cumulative part-year effects are shown to the step the "
            "case prints them at; every figure is computed exactly and rounded once, here.",
        ),
    )


def _scenario(case: BusinessCase, result: ScenarioResult) -> Section:
    payback = result.payback.text
    rate = f"{(result.discount_rate * 100).normalize():f}%"
    blocks: list[Paragraph | Table] = []
    if result.scenario.description:
        blocks.append(Paragraph(" ".join(result.scenario.description.split())))
    blocks += [
        Paragraph(
            f"Savings level: {result.level.name}. Payback year: {payback}. Net present value at "
            f"{rate}: {format_money(result.npv, unit='m', places=2)}."
        ),
        _releases(case, result),
        _benefits(case, result),
        _costs(result),
        _cost_benefit(case, result),
    ]
    return Section(result.scenario.name, tuple(blocks))


def _comparison(case: BusinessCase, results: tuple[ScenarioResult, ...]) -> Table:
    first = case.years[0].short_label
    return Table(
        key="scenarios-compared",
        title="The scenarios compared (£m)",
        columns=(
            Column("Scenario"),
            Column("Savings level"),
            _money_col(f"In-year benefit {first}"),
            _money_col("Full-year effect, final year"),
            _money_col("Total one-off cost"),
            _money_col("Cumulative net, end of period"),
            Column("Payback year"),
            _money_col("NPV"),
            Column("FTE released", True, "FTE"),
        ),
        rows=tuple(
            (
                text(r.scenario.name),
                text(r.level.name),
                _m(r.years[0].part_year_effect),
                _m(r.years[-1].full_year_effect),
                _m(r.total_cost),
                _m(r.years[-1].cumulative_net),
                text(r.payback.text),
                _m(r.npv),
                _fte(r.years[-1].cumulative_fte_released),
            )
            for r in results
        ),
        notes=(
            f"NPV discounts each year's net benefit at "
            f"{(case.discount_rate * 100).normalize():f}%, the first year undiscounted.",
        ),
    )


def _j_curve(case: BusinessCase, results: tuple[ScenarioResult, ...]) -> Chart:
    labels = [y.short_label for y in case.years]
    svg = charts.line_chart(
        chart_id="j-curve",
        title="Cumulative net benefit by scenario (the J-curve)",
        description="Cumulative benefit less cumulative cost in £ million, year by year, for "
        "each scenario; below zero the scenario has not yet paid back.",
        categories=labels,
        series=[
            charts.Series(r.scenario.name, [y.cumulative_net / MILLION for y in r.years])
            for r in results
        ],
    )
    table = Table(
        key="j-curve",
        title="Cumulative net benefit by scenario (chart data, £m)",
        columns=(Column("Scenario"), *(Column(label, True, M) for label in labels)),
        rows=tuple(
            (text(r.scenario.name), *(_m(y.cumulative_net) for y in r.years)) for r in results
        ),
    )
    return Chart("j-curve", "Cumulative net benefit by scenario (the J-curve)", svg, table)


def _audit(report: AuditReport) -> tuple[Paragraph | Table, ...]:
    def number(value: Decimal) -> Cell:
        return Cell(value, f"{value.normalize():,f}")

    table = Table(
        key="audit-findings",
        title="Printed figures that do not add up",
        columns=(
            Column("Figure"),
            Column("Where it is printed"),
            Column("Unit"),
            Column("Printed", True),
            Column("Computed", True),
            Column("Difference", True),
            Column("Check"),
        ),
        rows=tuple(
            (
                text(f.figure),
                text(f"{f.where} (line {f.line})" if f.line else f.where),
                text(f.unit),
                number(f.printed),
                number(f.expected.quantize(Decimal("0.0001"))),
                number(f.difference.quantize(Decimal("0.0001"))),
                text(f.kind),
            )
            for f in report.findings
        ),
    )
    return (Paragraph(report.summary), table)

"""`realise model`: run, check and compare business cases without a database."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from realise.core.limits import case_limits
from realise.core.spreadsheet_text import csv_cell
from realise.finance.audit import AuditReport, audit_case
from realise.finance.casefile import CaseFileError, load_case
from realise.finance.model import BusinessCase
from realise.finance.money import format_in_unit, format_millions, format_money, pence
from realise.finance.scenario import ScenarioResult, run_case, run_scenario
from realise.finance.schema import case_schema
from realise.finance.tables import fte_text, scenario_rows

app = typer.Typer(
    help="Model a business case: run its scenarios, audit its printed figures, compare options.",
    no_args_is_help=True,
)
console = Console(width=max(Console().width, 132))
errors = Console(stderr=True, soft_wrap=True)


class RunFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


CaseFile = Annotated[Path, typer.Argument(help="The business-case YAML file.", show_default=False)]
ScenarioOption = Annotated[
    str | None, typer.Option("--scenario", "-s", help="Only this scenario (its id).")
]
RunFormatOption = Annotated[RunFormat, typer.Option("--format", "-f", help="Output format.")]
CheckFormatOption = Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", help="Write to this file.")]


def _load(path: Path) -> BusinessCase:
    try:
        return load_case(path, limits=case_limits())
    except CaseFileError as exc:
        errors.print(f"[bold red]{path} cannot be used:[/]", highlight=False)
        for problem in exc.problems:
            errors.print(f"  {problem}", highlight=False, markup=False)
        raise typer.Exit(2) from None


def _results(case: BusinessCase, scenario: str | None) -> tuple[ScenarioResult, ...]:
    if scenario is None:
        return run_case(case)
    try:
        return (run_scenario(case, scenario),)
    except KeyError as exc:
        errors.print(f"[red]{exc.args[0]}[/]", highlight=False)
        raise typer.Exit(2) from None


def _money(value: Decimal) -> str:
    return f"{pence(value):f}"


def results_json(results: tuple[ScenarioResult, ...]) -> dict[str, Any]:
    """The documented JSON shape of `realise model run --format json`."""
    return {
        "scenarios": [
            {
                "id": r.scenario.id,
                "name": r.scenario.name,
                "level": r.level.id,
                "payback_year": r.payback_year.start if r.payback_year else None,
                "payback_year_label": r.payback_year.label if r.payback_year else None,
                "npv": _money(r.npv),
                "discount_rate": f"{r.discount_rate:f}",
                "years": [
                    {
                        "year": y.year.start,
                        "label": y.year.label,
                        "full_year_effect": _money(y.full_year_effect),
                        "part_year_effect": _money(y.part_year_effect),
                        "cumulative_part_year_effect": _money(y.cumulative_part_year_effect),
                        "cost": _money(y.cost),
                        "cumulative_cost": _money(y.cumulative_cost),
                        "cumulative_net": _money(y.cumulative_net),
                        "fte_released": f"{y.fte_released.normalize():f}",
                    }
                    for y in r.years
                ],
            }
            for r in results
        ]
    }


def _csv_text(results: tuple[ScenarioResult, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    data = results_json(results)["scenarios"]
    fields = [k for k in data[0]["years"][0] if k not in ("year",)] if data else []
    writer.writerow(["scenario", "year", *fields])
    for scenario in data:
        # The id is the case author's text: quoted if it starts like a formula ("-s1"). The
        # figures are Realise's numbers, written as in the JSON, never quoted.
        scenario_id = csv_cell(scenario["id"])
        for year in scenario["years"]:
            writer.writerow([scenario_id, year["year"], *(year[k] for k in fields)])
    return out.getvalue()


def _scenario_table(case: BusinessCase, result: ScenarioResult) -> Table:
    title = f"{result.scenario.name} ({result.level.name} savings level)"
    table = Table(title=title, title_justify="left", caption=_caption(result))
    show = case.presentation
    table.add_column(show.unit, style="bold")
    for year in result.years:
        table.add_column(year.year.short_label, justify="right")
    for row, values in scenario_rows(result):
        step = show.step(row.key)
        shown = [
            fte_text(v)
            if row.kind == "fte"
            else format_in_unit(v, show.unit, places=show.places, step=step)
            for v in values
        ]
        table.add_row(row.label, *shown)
    return table


def _caption(result: ScenarioResult) -> str:
    payback = result.payback_year.label if result.payback_year else "not within the period"
    rate = f"{(result.discount_rate * 100).normalize():f}%"
    return f"Payback: {payback}.  NPV at {rate}: {format_money(result.npv, unit='m', places=2)}"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        errors.print(f"Wrote {output}", highlight=False)


@app.command()
def run(
    file: CaseFile,
    scenario: ScenarioOption = None,
    fmt: RunFormatOption = RunFormat.table,
    output: OutputOption = None,
) -> None:
    """Compute every scenario of a business case, year by year.

    Amounts in JSON and CSV are exact pounds and pence; tables show £m as business cases print.

    Example: realise model run examples/dorset-our-future-council.yaml --scenario s4 --format json
    """
    case = _load(file)
    results = _results(case, scenario)
    if fmt is RunFormat.json:
        _write(json.dumps(results_json(results), indent=2) + "\n", output)
    elif fmt is RunFormat.csv:
        _write(_csv_text(results), output)
    elif fmt is RunFormat.xlsx:
        _write_workbook(case, results, output)
    else:
        target = Console(file=output.open("w", encoding="utf-8"), width=120) if output else console
        target.print(f"[bold]{case.organisation}: {case.title}[/]", highlight=False)
        for result in results:
            target.print(_scenario_table(case, result))


def _write_workbook(
    case: BusinessCase, results: tuple[ScenarioResult, ...], output: Path | None
) -> None:
    if output is None:
        errors.print("[red]--format xlsx needs --output FILE.xlsx[/]")
        raise typer.Exit(2)
    from realise.reports.case_workbook import write_case_workbook

    write_case_workbook(case, output, scenario_ids=[r.scenario.id for r in results])
    errors.print(f"Wrote {output}", highlight=False)


def _report_table(report: AuditReport) -> Table:
    table = Table(title="Printed figures that do not add up", title_justify="left")
    for heading, justify in (
        ("Figure", "left"),
        ("Where it is printed", "left"),
        ("Printed", "right"),
        ("Computed", "right"),
        ("Difference", "right"),
        ("Check", "left"),
    ):
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for f in report.findings:
        where = f"{f.where} (line {f.line})" if f.line else f.where
        unit = "" if f.unit == "£" else f" {f.unit}"
        check = f.kind + (f"; {f.note}" if f.note else "")
        table.add_row(
            f.figure,
            where,
            f"{f.printed:,f}{unit}",
            f"{_shown(f.expected, f.tolerance):,f}{unit}",
            f"{_shown(f.difference, f.tolerance):+,f}",
            check,
        )
    return table


def _shown(value: Decimal, tolerance: Decimal) -> Decimal:
    """A computed value to two more places than the figure was printed to."""
    places = max(-(tolerance * 2).normalize().as_tuple().exponent, 0) + 2  # type: ignore[operator]
    return value.quantize(Decimal(1).scaleb(-places))


def _plain(value: Decimal) -> Decimal:
    return (
        value.quantize(Decimal("0.0001")).normalize() if value.as_tuple().exponent != 0 else value
    )


def _report_json(report: AuditReport) -> dict[str, Any]:
    return {
        "clean": report.clean,
        "figures_checked": report.figures_checked,
        "sums_checked": report.sums_checked,
        "summary": report.summary,
        "findings": [
            {
                "figure": f.figure,
                "where": f.where,
                "line": f.line,
                "unit": f.unit,
                "check": f.kind,
                "printed": f"{f.printed:f}",
                "computed": f"{_plain(f.expected):f}",
                "difference": f"{_plain(f.difference):f}",
                "allowed": f"{_plain(f.tolerance):f}",
                "note": f.note,
            }
            for f in report.findings
        ],
    }


@app.command()
def check(
    file: CaseFile,
    fmt: CheckFormatOption = CheckFormat.table,
) -> None:
    """Audit the printed figures of a business case against the computed ones.

    Lists each printed figure that differs from its computed value, or from the sum of its
    printed parts, by more than its printed precision allows; then a one-line summary.
    Exits 1 when anything differs, 0 when everything adds up.

    Example: realise model check examples/dorset-our-future-council.yaml
    """
    case = _load(file)
    report = audit_case(case)
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps(_report_json(report), indent=2) + "\n")
    else:
        if report.findings:
            console.print(_report_table(report))
        console.print(report.summary, highlight=False)
    raise typer.Exit(0 if report.clean else 1)


@app.command()
def compare(file: CaseFile) -> None:
    """Show the scenarios side by side so a Cabinet can choose.

    Example: realise model compare examples/dorset-our-future-council.yaml
    """
    case = _load(file)
    results = run_case(case)
    first = case.years[0].short_label
    table = Table(
        title=f"{case.organisation}: {case.title} — scenarios compared (£m)", title_justify="left"
    )
    for heading in (
        "Scenario",
        "Savings level",
        f"In-year benefit {first}",
        "Full-year effect (final year)",
        "Total one-off cost",
        "Cumulative net (end of period)",
        "Payback year",
        "NPV",
        "FTE released",
    ):
        table.add_column(
            heading, justify="left" if heading in ("Scenario", "Savings level") else "right"
        )
    for r in results:
        last = r.years[-1]
        table.add_row(
            r.scenario.name,
            r.level.name,
            format_millions(r.years[0].part_year_effect),
            format_millions(last.full_year_effect),
            format_millions(r.total_cost),
            format_millions(last.cumulative_net),
            r.payback_year.label if r.payback_year else "beyond the period",
            format_millions(r.npv),
            fte_text(last.cumulative_fte_released),
        )
    console.print(table)
    rate = f"{(case.discount_rate * 100).normalize():f}%"
    console.print(f"NPV discounts each year's net benefit at {rate}, the first year undiscounted.")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the business-case file format.

    Example: realise model schema > business-case.schema.json
    """
    sys.stdout.write(json.dumps(case_schema(), indent=2) + "\n")

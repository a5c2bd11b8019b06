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

from realise.cli import model_options as options
from realise.cli.common import err_unwrapped as errors
from realise.cli.common import writable
from realise.cli.model_audit import report_json, report_table
from realise.cli.model_workbooks import write_appraisal_workbook, write_workbook
from realise.core.limits import case_limits
from realise.core.spreadsheet_text import csv_cell
from realise.finance.appraisal.engine import run_appraisal, run_option
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.upgrade import to_format_1
from realise.finance.audit import audit_case
from realise.finance.casefile import CaseFileError, read_text
from realise.finance.casefile.formats import load_any, upgrade_text
from realise.finance.model import BusinessCase
from realise.finance.money import format_in_unit, format_millions, format_money, pence
from realise.finance.scenario import ScenarioResult, run_case, run_scenario
from realise.finance.schema import case_schema, format_2_schema
from realise.finance.tables import fte_text, scenario_rows
from realise.reports.context import Cell, Column, Table
from realise.reports.renderers.console import FittedTable

app = typer.Typer(
    help="Model a business case: run its scenarios, audit its printed figures, compare options.",
    no_args_is_help=True,
)


class _Screen:
    """The terminal, measured each time it is printed to (COLUMNS set for one command holds)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(Console(), name)


console: Any = _Screen()
# A table written to a file is never narrowed to a terminal: it is as wide as its figures.
FILE_WIDTH = 1000


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


def _writable(output: Path | None) -> None:
    """Refuse, before any work, an output file that cannot be written."""
    if output is None:
        return
    try:
        writable(output)
    except ValueError as exc:
        errors.print(f"[red]{exc}[/]", highlight=False)
        raise typer.Exit(2) from None


def _load(path: Path) -> BusinessCase | Appraisal:
    """A case file of either format; a format 2 file that says only what format 1 can is
    shown exactly as format 1."""
    try:
        case = load_any(path, limits=case_limits())
        return (to_format_1(case) or case) if isinstance(case, Appraisal) else case
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
                "payback": r.payback.text,
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


def _text(text: str) -> Cell:
    return Cell(text, text)


def _figure(value: Decimal, text: str) -> Cell:
    return Cell(value, text)


def _scenario_table(case: BusinessCase, result: ScenarioResult) -> FittedTable:
    """The financial case of one scenario: every figure whole, however narrow the terminal."""
    show = case.presentation
    columns = (
        Column(show.unit),
        *(Column(y.year.short_label, numeric=True, unit=show.unit) for y in result.years),
    )
    rows = []
    for row, values in scenario_rows(result):
        step = show.step(row.key)
        rows.append(
            (
                _text(row.label),
                *(
                    _figure(
                        v,
                        fte_text(v)
                        if row.kind == "fte"
                        else format_in_unit(v, show.unit, places=show.places, step=step),
                    )
                    for v in values
                ),
            )
        )
    return FittedTable(Table("scenario", "", columns, tuple(rows)))


def _caption(result: ScenarioResult) -> str:
    rate = f"{(result.discount_rate * 100).normalize():f}%"
    npv = format_money(result.npv, unit="m", places=2)
    return f"Payback: {result.payback.text}.  NPV at {rate}: {npv}"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        errors.print(f"[red]Cannot write {output}: {exc.strerror or exc}[/]", highlight=False)
        raise typer.Exit(2) from None
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
    --format xlsx --output FILE.xlsx writes the case workbook of live formulas: format 1's for a
    case in its shape, format 2's (which Realise reads back) for any other.

    Example: realise model run examples/dorset-our-future-council.yaml --scenario s4 --format json
    """
    _writable(output)
    case = _load(file)
    if isinstance(case, Appraisal):
        _run_options(case, scenario, fmt, output, file)
        return
    results = _results(case, scenario)
    if fmt is RunFormat.json:
        _write(json.dumps(results_json(results), indent=2) + "\n", output)
    elif fmt is RunFormat.csv:
        _write(_csv_text(results), output)
    elif fmt is RunFormat.xlsx:
        write_workbook(case, results, output)
    else:
        target = Console(file=io.StringIO(), width=FILE_WIDTH) if output else console
        target.print(f"[bold]{case.organisation}: {case.title}[/]", highlight=False)
        for result in results:
            title = f"{result.scenario.name} ({result.level.name} savings level)"
            target.print(title, highlight=False, markup=False)
            target.print(_scenario_table(case, result))
            target.print(_caption(result), highlight=False)
        if output is not None:
            _write(target.file.getvalue(), output)  # type: ignore[attr-defined]


def _run_options(
    case: Appraisal, option: str | None, fmt: RunFormat, output: Path | None, file: Path
) -> None:
    try:
        results = (run_option(case, option),) if option else run_appraisal(case)
    except KeyError as exc:
        errors.print(f"[red]{exc.args[0]}[/]", highlight=False)
        raise typer.Exit(2) from None
    if fmt is RunFormat.xlsx:
        write_appraisal_workbook(case, output, file)
        return
    if fmt is not RunFormat.table:
        _write(options.written(case, results, fmt.value), output)
        return
    target = Console(file=io.StringIO(), width=FILE_WIDTH) if output else console
    options.print_options(target, case, results)
    if output is not None:
        _write(target.file.getvalue(), output)  # type: ignore[attr-defined]


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
    if isinstance(case, Appraisal):
        console.print(
            "This case prints no figures in format 1's shape to check: nothing to audit.",
            highlight=False,
        )
        raise typer.Exit(0)
    report = audit_case(case)
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps(report_json(report), indent=2) + "\n")
    else:
        if report.findings:
            console.print("Printed figures that do not add up", highlight=False)
            console.print(report_table(report))
        console.print(report.summary, highlight=False)
    raise typer.Exit(0 if report.clean else 1)


@app.command()
def compare(file: CaseFile) -> None:
    """Show the scenarios side by side so a Cabinet can choose.

    Example: realise model compare examples/dorset-our-future-council.yaml
    """
    case = _load(file)
    if isinstance(case, Appraisal):
        title = f"{case.organisation}: {case.title} — options compared (£)"
        console.print(title, highlight=False, markup=False)
        console.print(options.compare_table(case, run_appraisal(case)))
        console.print(f"NPV discounts each year's net at {options.rate_text(case)}.")
        return
    results = run_case(case)
    first = case.years[0].short_label
    columns = (
        Column("Scenario"),
        Column("Savings level"),
        *(
            Column(heading, numeric=True, unit="£m")
            for heading in (
                f"In-year benefit {first}",
                "Full-year effect (final year)",
                "Total one-off cost",
                "Cumulative net (end of period)",
            )
        ),
        Column("Payback year"),
        Column("NPV", numeric=True, unit="£m"),
        Column("FTE released", numeric=True, unit="FTE"),
    )
    rows = []
    for r in results:
        last = r.years[-1]
        money = (r.years[0].part_year_effect, last.full_year_effect, r.total_cost)
        rows.append(
            (
                _text(r.scenario.name),
                _text(r.level.name),
                *(_figure(v, format_millions(v)) for v in money),
                _figure(last.cumulative_net, format_millions(last.cumulative_net)),
                _text(r.payback.text),
                _figure(r.npv, format_millions(r.npv)),
                _figure(last.cumulative_fte_released, fte_text(last.cumulative_fte_released)),
            )
        )
    title = f"{case.organisation}: {case.title} — scenarios compared (£m)"
    console.print(title, highlight=False, markup=False)
    console.print(FittedTable(Table("compare", "", columns, tuple(rows))))
    rate = f"{(case.discount_rate * 100).normalize():f}%"
    console.print(f"NPV discounts each year's net benefit at {rate}, the first year undiscounted.")


@app.command()
def schema(
    version: Annotated[
        int, typer.Option("--case-format", help="The file format: 1 or 2.", min=1, max=2)
    ] = 2,
) -> None:
    """Print the JSON Schema of a business-case file format (format 2 unless asked).

    Example: realise model schema --case-format 2 > business-case.schema.json
    """
    chosen = format_2_schema() if version == 2 else case_schema()
    sys.stdout.write(json.dumps(chosen, indent=2) + "\n")


@app.command()
def upgrade(file: CaseFile, output: OutputOption = None) -> None:
    """Print a format 1 case as format 2, or write it with --output, losing nothing: every value
    as the file gave it, and the same figures (comments are not carried over).

    Example: realise model upgrade examples/dorset-our-future-council.yaml --output dorset-2.yaml
    """
    _writable(output)
    try:
        text = read_text(file, case_limits())
        upgraded = upgrade_text(text, source=file.name, limits=case_limits())
    except CaseFileError as exc:
        errors.print(f"[bold red]{file} cannot be upgraded:[/]", highlight=False)
        for problem in exc.problems:
            errors.print(f"  {problem}", highlight=False, markup=False)
        raise typer.Exit(2) from None
    _write(upgraded, output)

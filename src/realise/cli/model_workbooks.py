"""`realise model run --format xlsx`: a case as a workbook of live formulas (format 1's shape, or
format 2's for a case that says more than format 1 can)."""

from __future__ import annotations

from pathlib import Path

import typer

from realise.cli.common import err_unwrapped as errors
from realise.core.limits import case_limits
from realise.finance.appraisal.model import Appraisal
from realise.finance.model import BusinessCase
from realise.finance.scenario import ScenarioResult


def write_workbook(
    case: BusinessCase, results: tuple[ScenarioResult, ...], output: Path | None
) -> None:
    if output is None:
        errors.print("[red]--format xlsx needs --output FILE.xlsx[/]")
        raise typer.Exit(2)
    from realise.reports.case_workbook import write_case_workbook

    try:
        write_case_workbook(case, output, scenario_ids=[r.scenario.id for r in results])
    except OSError as exc:
        errors.print(f"[red]Cannot write {output}: {exc.strerror or exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    errors.print(f"Wrote {output}", highlight=False)


def write_appraisal_workbook(case: Appraisal, output: Path | None, file: Path) -> None:
    """The format 2 workbook of live formulas, keeping the file's format 1 sections as written."""
    if output is None:
        errors.print("[red]--format xlsx needs --output FILE.xlsx[/]")
        raise typer.Exit(2)
    from realise.finance.casefile import read_text
    from realise.finance.casefile.formats import file_data
    from realise.reports.case_workbook.appraisal import write_appraisal_workbook as write

    limits = case_limits()
    document = file_data(read_text(file, limits), source=file.name, limits=limits)
    try:
        write(case, output, document=document)
    except OSError as exc:
        errors.print(f"[red]Cannot write {output}: {exc.strerror or exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    errors.print(f"Wrote {output}", highlight=False)

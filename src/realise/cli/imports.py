"""`realise import` and `realise export`: thin wrappers over realise.imports. Django is set up
inside each command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Column, Table
from rich.text import Text

from realise.cli.common import OrganisationOption, err_unwrapped, organisation_named, out, run

KINDS_HELP = "projects, measures, targets, savings, bids, grants, risks or decisions"


def import_command(
    organisation: OrganisationOption,
    file: str = typer.Argument(..., help="The .xlsx, .ods or .csv file, or the word: template"),
    template_kind: str = typer.Argument(
        "", help=f"After `template`: the kind of list ({KINDS_HELP})"
    ),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="Check and preview, row by row as the import page does; change nothing",
    ),
    kind: str = typer.Option(
        "", "--kind", help=f"Read every sheet as this kind of list ({KINDS_HELP})"
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="With `template`: the file to write (default: realise-KIND-template.xlsx)",
        ),
    ] = None,
    acting: str = typer.Option(
        "",
        "--as",
        metavar="EMAIL",
        help="Who is importing: the email of a person with a role in the organisation "
        "(required unless --dry-run). The change log records them, the file and its checksum",
    ),
) -> None:
    """Import projects, savings, bids, grants, risks, measures or decisions from a spreadsheet.

    --dry-run checks the whole file and lists, row by row, what it would create or update (the
    preview the import page shows, first 200 rows), changing nothing. All or nothing: if any row
    has a problem, nothing changes and every problem is listed with its file, sheet, row and
    column, and the command exits with code 1. Importing the same file
    again creates no duplicates. The import is made by the person named with --as, with their
    role's rights, as on the web: savings rows whose Status is Achieved (or empty) are imported
    as validated only when that person holds the finance role. Targets and savings rows must be
    in the council's plan years (see `realise organisation plan-years`). The change log records
    them, the file's name and its checksum, and the operating-system account that ran the
    command.
    `realise import template KIND` writes a template with headings and drop-down lists.
    A file over the size limits (20 MB; for .xlsx and .ods, 200 MB unpacked:
    docs/formats/import.md) is refused before it is read, as on the web.

    Example: realise import savings.xlsx --organisation dorset --as finance@dorset.gov.uk
    """
    if file == "template":
        run(lambda: _template(template_kind, organisation, output))
        return
    if not run(lambda: _import(Path(file), organisation, dry_run, kind, acting)):
        raise typer.Exit(code=1)


def _template(kind: str, organisation: str, output: Path | None) -> None:
    from realise.imports.kinds import kind_named
    from realise.imports.templates import template_xlsx

    if not kind:
        raise ValueError("Say which template: realise import template KIND --organisation ORG")
    spec = kind_named(kind)
    target = output or Path(f"realise-{spec.name}-template.xlsx")
    target.write_bytes(template_xlsx(spec, organisation_named(organisation)))
    out.print(f"Wrote the {spec.label.lower()} template to {target}")


def _import(path: Path, organisation: str, dry_run: bool, kind: str, acting: str) -> bool:
    from realise.accounts.access import person_acting
    from realise.core.attribution import command_reason, recorded_as
    from realise.core.limits import workbook_limits
    from realise.imports.engine import run_import
    from realise.imports.kinds import kind_named

    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    org = organisation_named(organisation)
    # A file too large to import is refused for its size (by run_import, before it is read and
    # before anything is written), whoever runs the command; nor is it read to checksum it.
    small = path.stat().st_size <= workbook_limits().max_file
    if small and not acting and not dry_run:
        raise ValueError(
            "Say who is importing with --as EMAIL (a person with a role in "
            f"{org.slug}): the change log records who made every change"
        )
    by = person_acting(acting, org) if acting else None
    # The file's checksum names it in the change log.
    reason = command_reason("import", file=path if small else None)
    spec = kind_named(kind) if kind else None
    columns = (TextColumn("Reading rows"), BarColumn(), MofNCompleteColumn())
    with (
        Progress(
            *columns, console=err_unwrapped, transient=True, disable=not err_unwrapped.is_terminal
        ) as bar,
        recorded_as(by, reason=reason),
    ):
        task = bar.add_task("rows", total=None)
        outcome = run_import(
            path,
            organisation=org,
            kind=spec,
            dry_run=dry_run,
            by=by,
            progress=lambda n: bar.advance(task, n),
        )
    _report(outcome)
    return outcome.ok


def _preview(outcome: Any) -> None:
    """The rows the import creates or updates, as the import page lists them."""
    from realise.imports.preview import HEADINGS, import_preview

    shown = import_preview(outcome, done=outcome.applied)
    if not shown.rows:
        return
    columns = [Column(h, justify="right" if h == "Row" else "left") for h in HEADINGS]
    table = Table(*columns, title=shown.caption, title_justify="left")
    for row in shown.rows:
        table.add_row(*(Text(cell) for cell in row.cells))  # as written: never read as markup
    out.print(table)


def _report(outcome: Any) -> None:
    """Print what an import did (or would do) row by row, and every problem."""
    _preview(outcome)
    for notice in outcome.notices:
        err_unwrapped.print(f"[yellow]Note:[/yellow] {notice}", highlight=False)
    for problem in outcome.problems:
        err_unwrapped.print(f"[red]Error:[/red] {problem}", highlight=False)
    if outcome.problem_count > len(outcome.problems):
        err_unwrapped.print(
            f"... and {outcome.problem_count - len(outcome.problems)} more problems"
        )
    counts = (
        f"{len(outcome.created)} to create, {len(outcome.updated)} to update, "
        f"{outcome.unchanged} already up to date"
    )
    if not outcome.ok:
        fine = len(outcome.created) + len(outcome.updated) + outcome.unchanged
        rest = f"; the {fine} row(s) without problems will import once they are" if fine else ""
        err_unwrapped.print(
            f"Nothing was imported: {outcome.problem_count} problem(s) to correct{rest}."
        )
    elif outcome.dry_run:
        out.print(f"Dry run, nothing changed: {counts}.")
    else:
        out.print(counts.replace("to create", "created").replace("to update", "updated") + ".")


def export_command(
    organisation: OrganisationOption,
    kind: str = typer.Argument(..., help=f"The list to export: {KINDS_HELP}"),
    fmt: str = typer.Option("xlsx", "--format", help="xlsx, ods or csv"),
    output: Annotated[
        Path | None,
        typer.Option("--output", help="The file to write (default: ORGANISATION-KIND.FORMAT)"),
    ] = None,
) -> None:
    """Export one list of an organisation as XLSX, ODS or CSV (the headings import back).

    Text that starts like a formula stays text: in CSV it gets a single quote before it.

    Example: realise export savings --organisation dorset --format csv --output savings.csv
    """

    def body() -> None:
        from realise.imports.exports import export_file
        from realise.imports.kinds import kind_named

        spec = kind_named(kind)
        data = export_file(spec.name, organisation_named(organisation), fmt)
        target = output or Path(f"{organisation}-{spec.name}.{fmt}")
        target.write_bytes(data)
        out.print(f"Wrote {spec.label.lower()} to {target}")

    run(body)

"""`realise report ...`: committee reports in PDF, Word, Excel, ODS, CSV or HTML.

Django is set up only by the commands that read the database (annual, risk, monitoring,
realisation); the business case report runs from its file alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from realise.cli.common import (
    OrganisationOption,
    clear_errors,
    council_and_year,
    err,
    organisation_named,
    run,
    writable,
)
from realise.reports.context import Report
from realise.reports.formats import Format, Rendered, render

app = typer.Typer(
    help="Committee reports: the annual transformation report, the risk report, a business "
    "case's financial case, savings monitoring and benefits realisation, in PDF, Word, Excel, "
    "ODS, CSV or HTML.",
    no_args_is_help=True,
)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        help="File to write (default: a name made from the report, in the current folder).",
    ),
]
YearOption = Annotated[
    str,
    typer.Option(
        metavar="YEAR",
        help="Financial year, like 2024/25 (default: the latest with data, as the Reports page "
        "shows: the latest with savings achieved, else the latest up to now with any budget or "
        "saving).",
        show_default=False,
    ),
]


def _write(rendered: Rendered, output: Path) -> Path:
    if output.suffix.lstrip(".").lower() != rendered.extension:
        if rendered.extension == "zip":
            err.print(f"Several tables: writing a .zip of CSV files instead of {output.name}.")
        output = output.with_suffix(f".{rendered.extension}")
    try:
        output.write_bytes(rendered.content)
    except OSError as exc:
        raise ValueError(f"Cannot write {output}: {exc.strerror or exc}") from None
    return output


def _produce(build: Callable[[], Report], fmt: Format, output: Path | None, default: str) -> None:
    target = writable(output or Path(f"{default}.{fmt.value}"))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("Gathering the figures", total=3)
        report = build()
        progress.update(task, advance=1, description=f"Rendering {fmt.value.upper()}")
        rendered = render(report, fmt)
        progress.update(task, advance=1, description=f"Writing {target}")
        written = _write(rendered, target)
        progress.update(task, advance=1)
    err.print(f"Wrote {written}", highlight=False)


@app.command()
def annual(
    organisation: OrganisationOption,
    year: YearOption = "",
    fmt: FormatOption = Format.pdf,
    output: OutputOption = None,
) -> None:
    """The annual transformation report for an organisation and financial year.

    Example: realise report annual -o dorset --year 2022/23 --format pdf --output annual.pdf
    """

    def body() -> None:
        from realise.reports.annual import annual_report

        org, fy = council_and_year(organisation, year)
        default = f"{org.slug}-annual-report-{fy.start}-{(fy.start + 1) % 100:02d}"
        _produce(lambda: annual_report(organisation=org, year=fy), fmt, output, default)

    run(body)


@app.command()
def monitoring(
    organisation: OrganisationOption,
    year: YearOption = "",
    as_at: Annotated[
        str | None, typer.Option(help="Count entries recorded on or before this date (YYYY-MM-DD).")
    ] = None,
    fmt: FormatOption = Format.xlsx,
    output: OutputOption = None,
) -> None:
    """Savings monitoring for a year to date, by directorate and project, with RAG ratings.

    Example: realise report monitoring -o dorset --year 2022/23 --format xlsx
    """

    def body() -> None:
        from realise.reports.monitoring import monitoring_report

        day = _date(as_at)
        org, fy = council_and_year(organisation, year)
        default = f"{org.slug}-savings-monitoring-{fy.start}-{(fy.start + 1) % 100:02d}"
        _produce(
            lambda: monitoring_report(organisation=org, year=fy, as_at=day), fmt, output, default
        )

    run(body)


@app.command()
def risk(
    organisation: OrganisationOption,
    fmt: FormatOption = Format.pdf,
    output: OutputOption = None,
) -> None:
    """The risk report: the heat map, open risks by band and every open risk, as they stand
    today. Any council with a risk register has one, with or without savings.

    Example: realise report risk -o dorset --format pdf --output risks.pdf
    """

    def body() -> None:
        from realise.reports.risk import risk_report

        org = organisation_named(organisation)
        _produce(lambda: risk_report(organisation=org), fmt, output, f"{org.slug}-risk-report")

    run(body)


@app.command()
def realisation(
    organisation: OrganisationOption,
    case: Annotated[
        int | None,
        typer.Option(
            "--case",
            metavar="ID",
            help="Only this business case (its number, as `realise case list` shows it); "
            "default: every case with an approved version.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.pdf,
    output: OutputOption = None,
) -> None:
    """The benefits realisation report: each approved business case's plan against the current
    forecast and the savings finance has validated, by year and by benefit line, with the
    forecast accuracy 6, 12 and 24 months after approval, as it stands today.

    Example: realise report realisation -o dorset --case 1 --format xlsx
    """

    def body() -> None:
        from realise.cases.selectors import case_in
        from realise.reports.realisation import realisation_report

        org = organisation_named(organisation)
        chosen = None
        if case is not None:
            chosen = case_in(organisation=org, pk=case)
            if chosen is None:
                raise ValueError(f"{org.name} has no business case {case}: see realise case list")
        default = f"{org.slug}-benefits-realisation" + (f"-case-{case}" if chosen else "")
        report = realisation_report(organisation=org, case=chosen)  # refuses a case not approved
        _produce(lambda: report, fmt, output, default)

    run(body)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'--as-at "{text}" is not a date: write it like 2023-03-31') from None


@app.command()
def case(
    file: Annotated[Path, typer.Argument(help="The business-case YAML file.", show_default=False)],
    fmt: FormatOption = Format.pdf,
    output: OutputOption = None,
) -> None:
    """The financial case of a business-case file: scenarios, profiles, payback, NPV, audit.

    Example: realise report case examples/dorset-our-future-council.yaml -f docx --output case.docx
    """
    from realise.finance.casefile import CaseFileError

    def build() -> Report:
        from realise.reports.case import case_report_from_file

        if not file.is_file():
            raise ValueError(f"{file}: no such file")
        try:
            return case_report_from_file(file)
        except CaseFileError as exc:
            problems = "\n  ".join(str(p) for p in exc.problems)
            raise ValueError(f"{file} cannot be used:\n  {problems}") from None

    def body() -> None:
        target = output or Path(f"{file.stem}-financial-case.{fmt.value}")
        writable(target)
        build_first = build()
        _produce(lambda: build_first, fmt, target, file.stem)

    with clear_errors():
        body()

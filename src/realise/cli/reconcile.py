"""`realise reconcile ...`: committee papers and the figures they printed, checked against
Realise's own (docs/adr/0031). Thin wrappers over ``realise.reconciliation``: the same rules and
messages as the web pages and the API; Django is set up inside each command. ``check`` exits 1
when any figure differs or any printed total does not add up, so it can gate a paper's release."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from realise.cli.common import OrganisationOption, organisation_named, out, run

app = typer.Typer(
    help="Check a committee paper's printed figures against Realise: add the paper, enter its "
    "figures from a CSV file or spreadsheet, and list every difference with its size and every "
    "printed total that is not the sum of its rows; edit or delete a paper.",
    no_args_is_help=True,
)

Org = OrganisationOption
Acting = Annotated[
    str,
    typer.Option(
        "--as",
        metavar="EMAIL",
        help="Who is entering the figures: the email of someone in finance or a TMO admin of the "
        "council. The change log records them",
    ),
]
FiguresFile = Annotated[
    Path,
    typer.Argument(
        help="A CSV file or spreadsheet: a heading row (Table, Year, Row, Column, Amount, Unit, "
        "Where), then one figure a line",
        exists=True,
        dir_okay=False,
    ),
]


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


def _acting(org: Any, acting: str) -> tuple[Any, str]:
    from realise.accounts.access import Action, person_acting
    from realise.core.attribution import command_reason

    if not acting:
        raise ValueError(
            f"Say who is entering the figures with --as EMAIL (finance or a TMO admin of "
            f"{org.slug}): the change log records who made every change"
        )
    return person_acting(acting, org, Action.RECONCILE), command_reason("reconcile")


def _paper(org: Any, number: int) -> Any:
    from realise.reconciliation.selectors import paper_in

    found = paper_in(organisation=org, pk=number)
    if found is None:
        raise ValueError(
            f"{org.name} has no paper {number}: see `realise reconcile papers -o {org.slug}`"
        )
    return found


def _from_file(path: Path) -> Any:
    from realise.reconciliation.files import figures_from_file

    return figures_from_file(path, path.name)


def _save(work: Any, read: Any) -> Any:
    """Run ``work``; a refusal names the file's line and column of each figure refused."""
    from realise.reconciliation.files import refusal_messages
    from realise.reconciliation.services import FiguresRefused

    try:
        return work()
    except FiguresRefused as refused:
        if read is None:
            raise
        raise ValueError("\n".join(refusal_messages(refused, read))) from None


@app.command("papers")
def papers_command(organisation: Org) -> None:
    """List the council's papers, newest first, with their numbers.

    Example: realise reconcile papers -o dorset
    """

    def body() -> None:
        from realise.reconciliation.selectors import papers_list

        org = organisation_named(organisation)
        table = Table(
            "Number", "Paper", "Committee", "Date", "Figures", title=f"{org.name}: papers"
        )
        for p in papers_list(organisation=org):
            table.add_row(
                str(p.pk), p.title, p.committee, f"{p.published_on:%-d %B %Y}", str(p.figures)
            )
        out.print(table)

    run(body)


@app.command("add")
def add_command(
    organisation: Org,
    title: Annotated[str, typer.Option(help="The paper's title")],
    published_on: Annotated[
        str, typer.Option("--date", help="The date of the meeting or paper, like 2024-07-18")
    ],
    acting: Acting = "",
    committee: Annotated[str, typer.Option(help="The committee, e.g. Cabinet")] = "",
    url: Annotated[str, typer.Option(help="Where the paper is published")] = "",
    figures: Annotated[
        Path | None,
        typer.Option(
            help="A file of the figures it printed (as `reconcile figures` reads)",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Add a committee paper, with the figures it printed from a file if given.

    Example: realise reconcile add -o dorset --title "Annual report 2023/24" --date 2024-07-18
    --figures paper.csv --as finance@dorset.example
    """

    def body() -> None:
        from realise.core.attribution import recorded_as
        from realise.reconciliation.services import paper_create

        org = organisation_named(organisation)
        by, reason = _acting(org, acting)
        day = _day(published_on)
        read = _from_file(figures) if figures is not None else None
        with recorded_as(by, reason=reason):
            paper = _save(
                lambda: paper_create(
                    organisation=org,
                    title=title,
                    published_on=day,
                    committee=committee,
                    url=url,
                    figures=read.figures if read else (),
                    by=by,
                ),
                read,
            )
        count = len(read.figures) if read else 0
        out.print(f"Added paper {paper.pk}: {paper} with {count} figures.", highlight=False)

    run(body)


def _day(text: str, option: str = "--date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'{option} "{text}" is not a date like 2024-07-18') from None


@app.command("edit")
def edit_command(
    organisation: Org,
    paper: Annotated[int, typer.Argument(help="The paper's number (see `reconcile papers`)")],
    acting: Acting = "",
    title: Annotated[str | None, typer.Option(help="Its new title")] = None,
    published_on: Annotated[
        str | None, typer.Option("--date", help="Its new date, like 2024-07-18")
    ] = None,
    committee: Annotated[str | None, typer.Option(help="Its committee (empty for none)")] = None,
    url: Annotated[str | None, typer.Option(help="Where it is published (empty for none)")] = None,
) -> None:
    """Rename a paper, or change its committee, date or address; only what you give changes.

    Its figures stay as they are.

    Example: realise reconcile edit 3 -o dorset --title "Annual report 2023/24 (revised)"
    --as finance@dorset.example
    """

    def body() -> None:
        from realise.core.attribution import recorded_as
        from realise.core.concurrency import LATEST
        from realise.reconciliation.services import paper_update

        org = organisation_named(organisation)
        found = _paper(org, paper)
        by, reason = _acting(org, acting)
        given = {"title": title, "committee": committee, "url": url}
        changes: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        if published_on is not None:
            changes["published_on"] = _day(published_on)
        if not changes:
            raise ValueError("Say what changes: --title, --date, --committee or --url")
        with recorded_as(by, reason=reason):
            saved = paper_update(paper=found, seen_version=LATEST, changes=changes, by=by)
        out.print(f"Saved paper {saved.pk}: {saved}.", highlight=False)

    run(body)


@app.command("delete")
def delete_command(
    organisation: Org,
    paper: Annotated[int, typer.Argument(help="The paper's number (see `reconcile papers`)")],
    acting: Acting = "",
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking first")] = False,
) -> None:
    """Delete a paper added by mistake, and every figure entered for it.

    Asks first unless --yes is given. The change log keeps the paper and its figures.

    Example: realise reconcile delete 3 -o dorset --as finance@dorset.example
    """

    def body() -> None:
        from realise.core.attribution import recorded_as
        from realise.reconciliation.selectors import figures_count
        from realise.reconciliation.services import paper_delete

        org = organisation_named(organisation)
        found = _paper(org, paper)
        by, reason = _acting(org, acting)
        count = figures_count(paper=found)
        asked = f"Delete paper {found.pk}: {found}, and its {count} figures?"
        if not yes and not typer.confirm(asked, default=False):
            raise ValueError("Nothing was deleted")
        with recorded_as(by, reason=reason):
            deleted = paper_delete(paper=found, by=by)
        out.print(f"Deleted paper {paper}: {found}, and its {deleted} figures.", highlight=False)

    run(body)


@app.command("figures")
def figures_command(organisation: Org, paper: int, file: FiguresFile, acting: Acting = "") -> None:
    """Enter the figures a paper printed from a CSV file or spreadsheet, all or none.

    A figure the paper has already (same table, year, row and column) is replaced.

    Example: realise reconcile figures 3 paper.csv -o dorset --as finance@dorset.example
    """

    def body() -> None:
        from realise.core.attribution import recorded_as
        from realise.reconciliation.services import figures_set

        org = organisation_named(organisation)
        found = _paper(org, paper)
        by, reason = _acting(org, acting)
        read = _from_file(file)
        with recorded_as(by, reason=reason):
            saved = _save(lambda: figures_set(paper=found, figures=read.figures, by=by), read)
        out.print(f"Saved {len(saved)} figures of {found}.", highlight=False)

    run(body)


def _findings(result: Any) -> Table:
    table = Table(
        "Table",
        "Year",
        "Row",
        "Column",
        "Published",
        "In Realise",
        "Difference",
        "Result",
        title=f"{result.paper}: figures that differ",
        title_justify="left",
    )
    for f in result.figures:
        if f.outcome != "match":
            result_text = "differs" if f.outcome == "differs" else f"not in Realise: {f.note}"
            table.add_row(
                f.table,
                f.year,
                f.row,
                f.column,
                f.printed,
                f.realise_text or "–",
                f.difference_text or "–",
                result_text,
            )
    return table


def _sums(result: Any) -> Table:
    table = Table(
        "Table",
        "Year",
        "Column",
        "Published total",
        "Sum of its rows",
        "Difference",
        title=f"{result.paper}: printed totals that do not add up",
        title_justify="left",
    )
    for s in result.sums:
        if not s.adds_up:
            table.add_row(s.table, s.year, s.column, s.total, s.rows_sum_text, s.difference_text)
    return table


def _json(result: Any) -> dict[str, Any]:
    def plain(value: Any) -> str | None:
        return None if value is None else f"{value:f}"

    return {
        "paper": result.paper.pk,
        "title": result.paper.title,
        "clean": result.clean,
        "summary": result.summary,
        "figures": [
            {k: getattr(f, k) for k in ("table", "year", "row", "column", "printed")}
            | {k: plain(getattr(f, k)) for k in ("published", "realise", "difference")}
            | {"outcome": f.outcome, "note": f.note}
            for f in result.figures
        ],
        "sums": [
            {
                "table": s.table,
                "year": s.year,
                "column": s.column,
                "total": s.total,
                "rows_sum": plain(s.rows_sum),
                "difference": plain(s.difference),
                "adds_up": s.adds_up,
            }
            for s in result.sums
        ],
    }


@app.command("check")
def check_command(
    organisation: Org,
    paper: Annotated[int | None, typer.Argument(help="The paper's number (default: all)")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CheckFormat.table
    ),
) -> None:
    """Check a paper's printed figures (or every paper's) against Realise.

    Lists each figure that differs from Realise's, or that Realise does not have, with the
    difference (published less Realise's), and each printed total that is not the sum of its
    printed rows, beyond rounding; then a one-line summary. Exits 1 when anything differs, 0
    when everything matches.

    Example: realise reconcile check 3 -o dorset
    """

    def body() -> list[Any]:
        from realise.reconciliation.selectors import paper_in, papers_list, reconciliation

        org = organisation_named(organisation)
        chosen = (
            [_paper(org, paper)]
            if paper is not None
            else [paper_in(organisation=org, pk=p.pk) for p in papers_list(organisation=org)]
        )
        if not chosen:
            raise ValueError(f"{org.name} has no papers yet: add one with `realise reconcile add`")
        return [reconciliation(paper=p) for p in chosen]

    results = run(body)
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps([_json(r) for r in results], indent=2) + "\n")
    else:
        for result in results:
            if result.differences:
                out.print(_findings(result))
            if result.sums_off:
                out.print(_sums(result))
            out.print(f"{result.paper}: {result.summary}", highlight=False)
    raise typer.Exit(0 if all(r.clean for r in results) else 1)

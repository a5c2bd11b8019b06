"""`realise case`: store business-case files as a council's cases and their versions, list the
cases, compare two versions, record a board's approval (which sets the option's savings targets
and budgets) and list what it set. Thin wrappers over realise.cases; Django is set up inside each
command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from realise.cli.common import organisation_named, out, run

app = typer.Typer(help="Stored business cases: their versions and what changed between them.")

ORGANISATION = typer.Option(..., "--organisation", "-o", help="The organisation's slug")


def _acting(email: str, organisation: Any, project: Any) -> Any:
    """The person named with --as, if they may store this case (a lead: their own projects')."""
    from realise.accounts.access import Action, can, person_acting

    person = person_acting(email, organisation)
    if not can(person, organisation, Action.EDIT_CASE, project=project):
        raise ValueError(
            f'--as "{email}": their role in {organisation.name} does not allow storing this '
            "business case. Name someone who may (finance, a TMO admin, or the project's lead)"
        )
    return person


def _case(organisation: Any, case_id: int) -> Any:
    from realise.cases.selectors import case_in

    found = case_in(organisation=organisation, pk=case_id)
    if found is None:
        raise ValueError(
            f"{organisation.name} has no business case {case_id}: "
            f"see `realise case list --organisation {organisation.slug}`"
        )
    return found


def _file(path: Path) -> str:
    """The case file's text; a case's workbook (.xlsx, .ods) read back as its case's text."""
    from django.core.exceptions import ValidationError

    from realise.core.limits import case_limits
    from realise.finance.bounds import too_large
    from realise.finance.casefile import CaseFileError
    from realise.imports.case_workbook import case_text_from_upload, is_workbook

    if is_workbook(path.name):
        try:
            return case_text_from_upload(path, path.name)
        except CaseFileError as error:
            raise ValidationError([str(p) for p in error.problems]) from None
    limits = case_limits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ValueError(f"{path.name}: {too_large(size, limits)}")
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"Cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path.name}: the file is not UTF-8 text") from None


def store(
    file: Annotated[
        Path,
        typer.Argument(
            help="The business-case file (YAML), or the case's workbook (.xlsx or .ods) that "
            "Realise exports"
        ),
    ],
    organisation: str = ORGANISATION,
    acting: str = typer.Option(
        ..., "--as", metavar="EMAIL", help="Who is saving it: a person with a role in the council"
    ),
    case_id: int = typer.Option(0, "--case", help="Save a new version of this case (its id)"),
    title: str = typer.Option("", "--title", help="A new case's title"),
    project: str = typer.Option("", "--project", help="A new case's project (its code)"),
    programme: str = typer.Option("", "--programme", help="A new case's programme (its name)"),
    note: str = typer.Option("", "--note", help="What this version is, or what changed and why"),
) -> None:
    """Store a business-case file: a new case (with --title and --project or --programme), or a
    new version of a case (with --case).

    The file is checked first; a file with problems is not stored and every problem is listed
    with its line, and the command exits with code 1. Each version keeps the file exactly as
    written, who saved it (--as), when and the note; a file identical to the latest version is
    refused. A workbook of a format 2 case (.xlsx or .ods, as Realise exports it, perhaps changed
    in a spreadsheet) is read back from its Inputs sheet and kept as the case's YAML text; its
    problems name the sheet, row and column. Finance and TMO admins may store any case, a
    project lead their projects' cases.

    Example: realise case store v2.yaml -o dorset --as tmo@dorset.example --case 1 --note "Costs"
    """

    def body() -> None:
        from realise.cases import services
        from realise.portfolio.lookups import programme_named, project_to_change

        org = organisation_named(organisation)
        text = _file(file)
        if case_id:
            case = _case(org, case_id)
            by = _acting(acting, org, case.project)
            version = services.case_version_save(
                case=case, document=text, source=file.name, note=note, by=by
            )
            out.print(f"Saved version {version.number} of case {case.pk}, “{case}”: a draft.")
            return
        if not title.strip():
            raise ValueError("Give the new case's --title, or --case ID to save a new version")
        found = project_to_change(organisation=org, code=project) if project else None
        if project and found is None:
            raise ValueError(f'{org.name} has no project "{project}"')
        chosen = programme_named(organisation=org, name=programme) if programme else None
        by = _acting(acting, org, found)
        case = services.case_create(
            organisation=org,
            title=title,
            project=found,
            programme=chosen,
            document=text,
            source=file.name,
            note=note,
            by=by,
        )
        out.print(f"Stored “{case}” as case {case.pk}, version 1: a draft.")

    run(body)


def list_cases(organisation: str = ORGANISATION) -> None:
    """List a council's stored business cases: where each stands, its latest version and the
    approved version in force.

    Example: realise case list --organisation dorset
    """

    def body() -> None:
        from realise.cases.selectors import cases_list

        org = organisation_named(organisation)
        table = Table(title=f"Business cases of {org.name}")
        for heading in ("Case", "Title", "For", "Status", "Latest", "In force"):
            table.add_column(heading)
        for case in cases_list(organisation=org):
            status = "superseded" if case.is_superseded else (case.latest_status or "-")
            table.add_row(
                str(case.pk),
                case.title,
                str(case.project or case.programme),
                status,
                str(case.latest_number or "-"),
                str(case.in_force or "-"),
            )
        out.print(table)

    run(body)


def compare(
    case_id: int = typer.Argument(..., help="The case (its id)"),
    old: int = typer.Argument(..., help="The earlier version's number"),
    new: int = typer.Argument(..., help="The later version's number"),
    organisation: str = ORGANISATION,
) -> None:
    """Print every change from one version of a case to another: each changed figure with its
    old and new value, each line added or removed, each changed assumption.

    Example: realise case compare 1 1 2 --organisation dorset
    """

    def body() -> None:
        from realise.cases.selectors import version_in, versions_compared
        from realise.finance.casefile import CaseFileError

        org = organisation_named(organisation)
        case = _case(org, case_id)
        versions = [version_in(case=case, number=n) for n in (old, new)]
        missing = [n for n, v in zip((old, new), versions, strict=True) if v is None]
        if missing:
            raise ValueError(f"“{case}” has no version {missing[0]}")
        try:
            changes = versions_compared(old=versions[0], new=versions[1]).changes
        except CaseFileError as error:
            raise ValueError(str(error)) from None
        if not changes:
            out.print(f"No figure, line or assumption differs between versions {old} and {new}.")
        for change in changes:
            out.print(change.words, highlight=False)

    run(body)


def _mapping(organisation: Any, given: list[str]) -> dict[str, Any]:
    """``--directorate LINE=NAME`` options as line id → the council's directorate of that name."""
    from realise.portfolio.lookups import reference_named
    from realise.portfolio.reference import KINDS

    chosen = {}
    for item in given:
        line, sep, name = item.partition("=")
        if not sep or not line.strip() or not name.strip():
            raise ValueError(
                f'--directorate "{item}": write the line\'s id, "=" and the directorate\'s name, '
                'e.g. --directorate "layer:customer=Corporate Services"'
            )
        found = reference_named(organisation=organisation, kind=KINDS["directorate"], name=name)
        chosen[line.strip()] = found
    return chosen


def _plan_table(title: str, rows: list[tuple[str, ...]], headings: tuple[str, ...]) -> Table:
    table = Table(title=title)
    for heading in headings:
        money = heading in ("Target", "Amount")
        # Years and amounts are never broken over two lines; names wrap to fit the terminal.
        table.add_column(
            heading, justify="right" if money else "left", no_wrap=money or heading == "Year"
        )
    for row in rows:
        table.add_row(*row)
    return table


def approve(
    case_id: int = typer.Argument(..., help="The case (its id)"),
    organisation: str = ORGANISATION,
    acting: str = typer.Option(
        ..., "--as", metavar="EMAIL", help="Who records it: a TMO admin of the council"
    ),
    option: str = typer.Option(..., "--option", help="The option approved: its id, e.g. s4"),
    board: str = typer.Option(..., "--board", help="The board that decided, by name"),
    on: str = typer.Option(..., "--on", metavar="YYYY-MM-DD", help="The date of the decision"),
    text: str = typer.Option("", "--text", help="Anything the decision added"),
    directorate: list[str] = typer.Option(  # noqa: B008
        [],
        "--directorate",
        metavar="LINE=NAME",
        help="Where a line's savings targets go, e.g. layer:customer=Corporate Services; "
        "needed for each line for which the case names no directorate of the council. Repeat "
        "for each line",
    ),
    check: bool = typer.Option(
        False, "--check", help="Print the targets it would set, and record nothing"
    ),
) -> None:
    """Record that a board approved the case's submitted version, choosing one option. The option
    becomes the plan: its savings targets are set by financial year, directorate and kind, with
    its staff and cost budgets; the targets of the version approved before are re-baselined.
    With --check, the targets are printed and nothing is recorded. A problem (a line with no
    directorate, a year outside the plan years) is listed and nothing is recorded (exit code 1).

    Example: realise case approve 1 -o dorset --as tmo@dorset.example --option s4
    --board Cabinet --on 2025-02-12 --directorate "layer:customer=Corporate Services"
    """

    def body() -> None:
        from datetime import date

        from realise.accounts.access import Action, person_acting
        from realise.cases import services
        from realise.cases.plans import approval_plan, case_plan, kind_name
        from realise.cases.selectors import version_document
        from realise.finance.money import format_money
        from realise.portfolio.lookups import reference_named
        from realise.portfolio.reference import KINDS

        org = organisation_named(organisation)
        case = _case(org, case_id)
        by = person_acting(acting, org, Action.DECIDE_CASE)
        try:
            decided_on = date.fromisoformat(on)
        except ValueError:
            raise ValueError(f'--on "{on}": give the date as YYYY-MM-DD, e.g. 2025-02-12') from None
        chosen = _mapping(org, directorate)
        if check:
            version = services.case_to_approve(case=case)
            plan = approval_plan(
                case=case,
                version=version,
                document=version_document(version=version),
                option=option,
                directorates=chosen,
            )
            plan.refuse()
            rows = [
                (
                    c.year.label,
                    str(c.project or c.directorate),
                    kind_name(c.kind),
                    format_money(c.after, places=2),
                    c.action,
                )
                for c in sorted(plan.changes, key=lambda c: c.year)
            ]
            headings = ("Year", "Directorate or project", "Kind", "Target", "Change")
            out.print(_plan_table(f"Targets {plan.option_name} would set", rows, headings))
            out.print("Nothing was recorded (--check).")
            return
        found = reference_named(organisation=org, kind=KINDS["board"], name=board)
        version = services.case_approve(
            case=case,
            option=option,
            board=found,
            decided_on=decided_on,
            text=text,
            directorates=chosen,
            by=by,
        )
        made = case_plan(case=case, version=version)
        targets = {link.target_id for link in made.targets}
        out.print(
            f"Recorded the approval of version {version.number} of case {case.pk}, “{case}”: "
            f"{version.option_name}, setting {len(targets)} savings targets "
            f"(see `realise case targets {case.pk} -o {org.slug}`)."
        )

    run(body)


def targets(
    case_id: int = typer.Argument(..., help="The case (its id)"),
    organisation: str = ORGANISATION,
) -> None:
    """Print the savings targets and budgets the approval in force set: each line's saving in
    each year, where it lands and the target it is part of, then the staff and cost budgets.

    Example: realise case targets 1 --organisation dorset
    """

    def body() -> None:
        from realise.cases.plans import case_plan, kind_name
        from realise.finance.calendar import FinancialYear
        from realise.finance.money import format_money
        from realise.finance.tables import fte_text

        org = organisation_named(organisation)
        case = _case(org, case_id)
        plan = case_plan(case=case)
        if plan.version is None:
            out.print(f"“{case}” has no approved version: no targets were set.")
            return
        rows = [
            (
                FinancialYear(link.financial_year).label,
                link.line_name,
                str(link.project or link.directorate),
                kind_name(link.kind),
                format_money(link.amount, places=2),
                format_money(link.target.amount, places=2),
            )
            for link in plan.targets
        ]
        headings = ("Year", "Line", "Directorate or project", "Kind", "Amount", "Target")
        title = f"Savings targets set by version {plan.version.number} of “{case}”"
        out.print(_plan_table(title, rows, headings))
        budgets = [
            (
                FinancialYear(b.financial_year).label,
                b.line_name,
                fte_text(b.amount) if b.kind == "fte" else format_money(b.amount, places=2),
            )
            for b in plan.budgets
        ]
        out.print(_plan_table("Staff and cost budgets", budgets, ("Year", "What", "Amount")))

    run(body)


app.command("store")(store)
app.command("list")(list_cases)
app.command("compare")(compare)
app.command("approve")(approve)
app.command("targets")(targets)

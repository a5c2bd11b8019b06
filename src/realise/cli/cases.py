"""`realise case`: store business-case files as a council's cases and their versions, list the
cases, compare two versions. Thin wrappers over realise.cases; Django is set up inside each
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
    from realise.core.limits import case_limits
    from realise.finance.bounds import too_large

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
    file: Annotated[Path, typer.Argument(help="The business-case file (YAML)")],
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
    refused. Finance and TMO admins may store any case, a project lead their projects' cases.

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


app.command("store")(store)
app.command("list")(list_cases)
app.command("compare")(compare)

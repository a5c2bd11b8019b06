"""`realise setup ...`: a council's directorates, programmes, lifecycle stages, priorities, boards,
risk bands and savings RAG thresholds from the command line, as Settings on the web sets them.
Thin wrappers over ``realise.portfolio.reference``, ``realise.risks.services`` and
``realise.benefits.services`` (the same rules, the same messages); Django is set up inside each
command, and each change is recorded as made by the TMO admin named with ``--as``."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from realise.cli.common import OrganisationOption as Org
from realise.cli.common import organisation_named, out, run

app = typer.Typer(
    help="A council's settings: add, rename, reorder, retire and restore its directorates, "
    "programmes, lifecycle stages, priorities, boards and risk bands; set its savings RAG "
    "thresholds. Nothing is ever deleted: a retired one stays on the records that have it.",
    no_args_is_help=True,
)

BAND = "risk-band"
KINDS_HELP = "directorate, programme, stage (a lifecycle stage), priority, board or risk-band"

Acting = Annotated[
    str,
    typer.Option(
        "--as",
        metavar="EMAIL",
        help="Who is making the change: the email of a TMO admin of the council. The change log "
        "records them, and the operating-system account that ran the command",
    ),
]
KindArg = Annotated[str, typer.Argument(help=f"What kind: {KINDS_HELP}", metavar="KIND")]
NameArg = Annotated[str, typer.Argument(help="Its name as it is now (capital letters aside)")]


def _is_band(kind: str) -> bool:
    return kind.strip().lower().replace(" ", "-") in (BAND, "band", "risk-bands", "bands")


def _acting(org: Any, acting: str, command: str) -> tuple[Any, str]:
    """The TMO admin named with --as, and what the change log says ran the command."""
    from realise.accounts.access import Action, person_acting
    from realise.core.attribution import command_reason

    if not acting:
        raise ValueError(
            f"Say who is making the change with --as EMAIL (a TMO admin of {org.slug}): the "
            "change log records who made every change"
        )
    by = person_acting(acting, org, Action.MANAGE_SETTINGS)
    return by, command_reason(f"setup {command}")


def _item(org: Any, kind: str, name: str) -> Any:
    """The council's item of ``kind`` called ``name``, or a message naming those it has."""
    if _is_band(kind):
        from realise.risks.selectors import band_named

        return band_named(organisation=org, name=name)
    from realise.portfolio.lookups import reference_named
    from realise.portfolio.reference import kind_named

    return reference_named(organisation=org, kind=kind_named(kind), name=name)


def _change(organisation: str, kind: str, now: str, acting: str, command: str, **what: Any) -> Any:
    """Change one item with the service for its kind, as the person named with --as."""
    from realise.core.attribution import recorded_as
    from realise.portfolio.reference import reference_change
    from realise.risks.services import risk_band_change

    org = organisation_named(organisation)
    item = _item(org, kind, now)
    by, reason = _acting(org, acting, command)
    with recorded_as(by, reason=reason):
        if _is_band(kind):
            return risk_band_change(band=item, by=by, **what)
        return reference_change(item=item, by=by, **what)


@app.command("list")
def setup_list(
    organisation: Org,
    kind: Annotated[str, typer.Argument(help=f"Only this kind: {KINDS_HELP}")] = "",
) -> None:
    """List the council's settings, retired ones too.

    Each kind in the order lists show it; risk bands by the score they start at.

    Example: realise setup list programme -o dorset
    """

    def body() -> None:
        from realise.benefits.selectors import savings_rag
        from realise.portfolio.lookups import reference_items
        from realise.portfolio.reference import KINDS, kind_named
        from realise.risks.selectors import bands_list

        org = organisation_named(organisation)
        chosen = [] if _is_band(kind) else [kind_named(kind)] if kind else list(KINDS.values())
        for each in chosen:
            table = Table("Place", "Name", "In use", title=f"{org.name}: {each.plural}")
            for listed in reference_items(organisation=org, kind=each):
                status = "retired" if listed.item.retired else "yes"
                table.add_row(str(listed.position), listed.item.name, status)
            out.print(table)
        if not kind or _is_band(kind):
            table = Table("Starts at", "Name", "In use", "Action", title=f"{org.name}: risk bands")
            for band in bands_list(organisation=org, with_retired=True):
                status = "retired" if band.retired else "yes"
                table.add_row(str(band.min_score), band.name, status, band.action)
            out.print(table)
        if not kind:
            rag = savings_rag(organisation=org)
            out.print(
                f"Savings RAG: Green from {rag.green_from}%, Amber from {rag.amber_from}%, "
                "Red below.",
                highlight=False,
            )

    run(body)


@app.command("add")
def setup_add(
    kind: KindArg,
    name: Annotated[str, typer.Argument(help="The new one's name")],
    organisation: Org,
    acting: Acting = "",
    start_score: Annotated[
        int | None,
        typer.Option("--start-score", help="For a risk band: the score it starts at, 1 to 25"),
    ] = None,
    action: Annotated[
        str, typer.Option(help="For a risk band: what to do about a risk in it")
    ] = "",
) -> None:
    """Add a directorate, programme, stage, priority, board or risk band.

    A directorate, programme, stage, priority or board goes at the end of its list. A name the
    council already has for that kind, even in other capital letters, is refused.

    Example: realise setup add directorate "Adult Services" -o dorset --as tmo@dorset.gov.uk
    """

    def body() -> None:
        from realise.core.attribution import recorded_as
        from realise.portfolio.reference import reference_add
        from realise.risks.services import risk_band_add

        org = organisation_named(organisation)
        if _is_band(kind) and start_score is None:
            raise ValueError("Give a risk band the score it starts at with --start-score")
        by, reason = _acting(org, acting, "add")
        with recorded_as(by, reason=reason):
            if _is_band(kind):
                added: Any = risk_band_add(
                    organisation=org, name=name, min_score=start_score, action=action, by=by
                )
            else:
                added = reference_add(kind=kind, organisation=org, name=name, by=by)
        out.print(f"Added {added.name} to {org.name}.", highlight=False)

    run(body)


@app.command("rename")
def setup_rename(
    kind: KindArg,
    name: NameArg,
    new_name: Annotated[str, typer.Argument(help="Its new name")],
    organisation: Org,
    acting: Acting = "",
) -> None:
    """Rename one, keeping it on every record.

    Records and reports of every year, past ones too, show the new name; the change log keeps
    the old one.

    Example: realise setup rename directorate People "Adults and Health" -o dorset --as EMAIL
    """

    def body() -> None:
        changed = _change(organisation, kind, name, acting, "rename", name=new_name)
        out.print(f"Renamed {name} to {changed.name}.", highlight=False)

    run(body)


@app.command("move")
def setup_move(
    kind: KindArg,
    name: NameArg,
    position: Annotated[int, typer.Argument(help="Its new place in lists: 1 is first")],
    organisation: Org,
    acting: Acting = "",
) -> None:
    """Move one to another place in its list.

    The others keep their order. Risk bands are in the order of the scores they start at:
    change one with `realise setup band-start`.

    Example: realise setup move stage "Deliver" 3 -o dorset --as tmo@dorset.gov.uk
    """

    def body() -> None:
        if _is_band(kind):
            raise ValueError(
                "Risk bands are in the order of the scores they start at: change a band's "
                "start with `realise setup band-start NAME SCORE`"
            )
        changed = _change(organisation, kind, name, acting, "move", position=position)
        out.print(f"Moved {changed.name} to place {position}.", highlight=False)

    run(body)


@app.command("band-start")
def setup_band_start(
    name: NameArg,
    score: Annotated[int, typer.Argument(help="The score it starts at, 1 to 25")],
    organisation: Org,
    acting: Acting = "",
) -> None:
    """Change the score a risk band starts at.

    Every score from 1 to 25 must still fall in exactly one band in use.

    Example: realise setup band-start high 12 -o dorset --as tmo@dorset.gov.uk
    """

    def body() -> None:
        changed = _change(organisation, BAND, name, acting, "band-start", min_score=score)
        out.print(f"{changed.name} now starts at score {changed.min_score}.", highlight=False)

    run(body)


@app.command("retire")
def setup_retire(kind: KindArg, name: NameArg, organisation: Org, acting: Acting = "") -> None:
    """Retire one: kept on past records, not offered for new ones.

    It stays on the records that have it and in reports, and those records can still be
    edited, but it is no longer offered for new records. Restore it at any time.

    Example: realise setup retire programme "Tomorrow's Council" -o dorset --as tmo@dorset.gov.uk
    """

    def body() -> None:
        changed = _change(organisation, kind, name, acting, "retire", retired=True)
        out.print(f"Retired {changed.name}: it is kept on past records.", highlight=False)

    run(body)


@app.command("restore")
def setup_restore(kind: KindArg, name: NameArg, organisation: Org, acting: Acting = "") -> None:
    """Restore a retired one: it is offered for new records again.

    Example: realise setup restore programme "Tomorrow's Council" -o dorset --as tmo@dorset.gov.uk
    """

    def body() -> None:
        changed = _change(organisation, kind, name, acting, "restore", retired=False)
        out.print(f"Restored {changed.name}: it is offered for new records again.", highlight=False)

    run(body)


def _percent(text: str, option: str) -> Decimal:
    cleaned = text.strip().removesuffix("%").strip()
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,2})?", cleaned):
        raise ValueError(f'{option}: write a percentage like 95 or 92.5, not "{text}"')
    return Decimal(cleaned)


@app.command("savings-rag")
def setup_savings_rag(
    organisation: Org,
    green: Annotated[
        str, typer.Option(help="Green from this per cent of budget achieved or forecast")
    ] = "",
    amber: Annotated[str, typer.Option(help="Amber from this per cent (at or below Green)")] = "",
    acting: Acting = "",
) -> None:
    """Show or set the savings RAG thresholds.

    The savings monitoring report rates delivery Green from one per cent of the budget achieved
    or forecast, Amber from a lower one, Red below. Without --green and --amber this shows the
    thresholds in use.

    Example: realise setup savings-rag -o dorset --green 95 --amber 80 --as tmo@dorset.gov.uk
    """

    def body() -> None:
        from realise.benefits.selectors import savings_rag
        from realise.benefits.services import savings_rag_set
        from realise.core.attribution import recorded_as

        org = organisation_named(organisation)
        if green or amber:
            if not (green and amber):
                raise ValueError("Give both --green and --amber")
            by, reason = _acting(org, acting, "savings-rag")
            with recorded_as(by, reason=reason):
                savings_rag_set(
                    organisation=org,
                    green_from=_percent(green, "--green"),
                    amber_from=_percent(amber, "--amber"),
                    by=by,
                )
        rag = savings_rag(organisation=org)
        out.print(
            f"{org.name}: Green from {rag.green_from}%, Amber from {rag.amber_from}%, Red below.",
            highlight=False,
        )

    run(body)

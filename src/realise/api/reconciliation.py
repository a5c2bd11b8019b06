"""API: committee papers and the figures they printed, reconciled with Realise's own (list the
papers, add one with its figures, edit or delete one, enter more figures, read a paper's
reconciliation: every difference with its size, and every printed total that is not the sum of
its printed rows)."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from realise.accounts.access import Action, organisation_for
from realise.api.common import EDIT_ERRORS, ERRORS, Body, Id, Page
from realise.core.concurrency import version_of
from realise.reconciliation import services
from realise.reconciliation.choices import TableKind
from realise.reconciliation.selectors import (
    PaperLine,
    Reconciliation,
    figures_count,
    paper_in,
    papers_list,
    reconciliation,
)
from realise.reconciliation.tables import SOURCES

router = Router(tags=["reconciliation"])
TableName = Literal[tuple(TableKind.values)]  # type: ignore[valid-type]
UnitName = Literal["", "£", "£k", "£m", "%", "count"]
COLUMNS = "; ".join(f"{s.key}: {', '.join(c.key for c in s.columns)}" for s in SOURCES)


class PaperOut(Schema):
    id: int
    title: str
    committee: str
    published_on: date
    url: str
    figures: int = Field(..., description="How many printed figures are entered")
    version: int | None = Field(..., description="Send it back to edit the paper")


class FigureIn(Body):
    table: TableName = Field(..., description="Which of Realise's tables the figure is from")
    year: str | None = Field(
        None,
        description="For a table of one year (every table but savings-by-year and "
        "risks-by-band): its financial year, e.g. 2023/24",
    )
    row: str = Field(
        ...,
        min_length=1,
        max_length=120,
        description="The row: a financial year (savings-by-year), a directorate, a delivery "
        "confidence rating, a risk band, or Total",
    )
    column: str = Field(
        ..., min_length=1, max_length=60, description=f"The column's key, by table: {COLUMNS}"
    )
    printed: str = Field(
        ...,
        min_length=1,
        max_length=40,
        description='The figure exactly as printed, as text: "1,234", "1.2", "(300)", "84.5%"',
    )
    unit: UnitName = Field(
        "", description="For a figure in pounds printed in thousands (£k) or millions (£m)"
    )
    where: str = Field("", max_length=100, description="Where the paper prints it, e.g. page 12")


class PaperIn(Body):
    title: str = Field(..., min_length=1, max_length=200)
    published_on: date = Field(..., description="The date of the meeting, or of the paper")
    committee: str = Field("", max_length=200)
    url: str = Field("", max_length=500, description="Where the paper is published")
    figures: list[FigureIn] = Field([], max_length=2000, description="The figures it printed")


class PaperEdit(Body):
    version: int | None = Field(..., description="The version you saw (from PaperOut.version)")
    title: str | None = Field(None, min_length=1, max_length=200)
    published_on: date | None = Field(None, description="The date of the meeting, or of the paper")
    committee: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=500, description="Where the paper is published")


class FiguresIn(Body):
    figures: list[FigureIn] = Field(
        ...,
        min_length=1,
        max_length=2000,
        description="Figures to enter; one the paper has already (same table, year, row and "
        "column) is replaced",
    )


class FigureOut(Schema):
    id: int
    table: str
    year: str = Field(..., description="The financial year, for a table of one year; else empty")
    row: str
    column: str = Field(..., description="The column as Realise's table heads it")
    where: str
    printed: str = Field(..., description="The figure as printed, e.g. £1.2m")
    published: str = Field(
        ..., description="The printed figure in pounds (or per cent, or a count)"
    )
    realise: str | None = Field(..., description="Realise's figure, exactly; null when it has none")
    difference: str | None = Field(..., description="Published less Realise's; null when missing")
    outcome: Literal["match", "differs", "missing"] = Field(
        ..., description="match (within rounding), differs, or missing (Realise has no such figure)"
    )
    note: str


class SumOut(Schema):
    table: str
    year: str
    column: str
    total: str = Field(..., description="The printed total, as printed")
    rows: int = Field(..., description="How many printed rows it was checked against")
    rows_sum: str = Field(..., description="The sum of those printed rows, exactly")
    difference: str = Field(..., description="The printed total less the sum of its rows")
    adds_up: bool = Field(..., description="Whether it adds up, within rounding")


class ReconciliationOut(Schema):
    paper: PaperOut
    clean: bool = Field(..., description="true when every figure matches and every total adds up")
    summary: str
    differences: int = Field(..., description="Figures that differ or that Realise does not have")
    totals_not_adding_up: int
    figures: list[FigureOut]
    sums: list[SumOut]


def _plain(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def _paper_out(line: PaperLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "title": line.title,
        "committee": line.committee,
        "published_on": line.published_on,
        "url": line.url,
        "figures": line.figures,
        "version": line.version,
    }


def _line(paper: Any, figures: int) -> PaperLine:
    """A paper as the list shows it, with the version it was read or saved at."""
    return PaperLine(
        paper.pk,
        paper.title,
        paper.committee,
        paper.published_on,
        paper.url,
        figures,
        version_of(paper),
    )


def _out(found: Reconciliation) -> dict[str, Any]:
    paper = found.paper
    return {
        "paper": _paper_out(_line(paper, len(found.figures))),
        "clean": found.clean,
        "summary": found.summary,
        "differences": found.differences,
        "totals_not_adding_up": found.sums_off,
        "figures": [
            {
                "id": f.pk,
                "table": f.table,
                "year": f.year,
                "row": f.row,
                "column": f.column,
                "where": f.where,
                "printed": f.printed,
                "published": _plain(f.published),
                "realise": _plain(f.realise),
                "difference": _plain(f.difference),
                "outcome": f.outcome,
                "note": f.note,
            }
            for f in found.figures
        ],
        "sums": [
            s.__dict__ | {"rows_sum": _plain(s.rows_sum), "difference": _plain(s.difference)}
            for s in found.sums
        ],
    }


def _figures(given: list[FigureIn]) -> list[services.FigureIn]:
    return [services.FigureIn(**f.dict()) for f in given]


def _paper(request: HttpRequest, org: str, paper_id: int, action: Action = Action.VIEW) -> Any:
    organisation = organisation_for(request.user, org, action)
    found = paper_in(organisation=organisation, pk=paper_id)
    if found is None:
        raise Http404(f"No paper {paper_id} in {organisation}")
    return found


@router.get("/orgs/{org}/papers", response={200: list[PaperOut], **ERRORS}, summary="List papers")
@paginate(Page)
def papers(request: HttpRequest, org: str) -> Any:
    """The council's committee papers, newest first, with how many printed figures each has."""
    organisation = organisation_for(request.user, org)
    return [_paper_out(line) for line in papers_list(organisation=organisation)]


@router.post(
    "/orgs/{org}/papers",
    response={201: ReconciliationOut, **ERRORS},
    summary="Add a paper and the figures it printed",
)
def paper_create(request: HttpRequest, org: str, payload: PaperIn) -> Any:
    """Add a committee paper with the figures it printed (finance and TMO admins), all or
    nothing; answers with its reconciliation. A figure Realise cannot place (an unknown column,
    a year outside the plan, a unit that does not fit) is refused with 422 naming it, e.g.
    ``figures.2.column``."""
    organisation = organisation_for(request.user, org, Action.RECONCILE)
    data = payload.dict()
    data.pop("figures")
    paper = services.paper_create(
        organisation=organisation, **data, figures=_figures(payload.figures), by=request.user
    )
    return Status(201, _out(reconciliation(paper=paper)))


@router.get(
    "/orgs/{org}/papers/{paper_id}",
    response={200: ReconciliationOut, **ERRORS},
    summary="Reconcile a paper with Realise",
)
def paper_read(request: HttpRequest, org: str, paper_id: Id) -> Any:
    """Each figure the paper printed against Realise's figure for the same table, year, row and
    column (match within rounding, differs, or missing), with the difference in pounds; and each
    printed total against the sum of the rows printed above it."""
    return _out(reconciliation(paper=_paper(request, org, paper_id)))


@router.post(
    "/orgs/{org}/papers/{paper_id}/figures",
    response={200: ReconciliationOut, **ERRORS},
    summary="Enter figures a paper printed",
)
def figures_enter(request: HttpRequest, org: str, paper_id: Id, payload: FiguresIn) -> Any:
    """Enter more of the paper's printed figures (finance and TMO admins), all or nothing; a
    figure it has already for the same table, year, row and column is replaced. Answers with the
    paper's reconciliation."""
    paper = _paper(request, org, paper_id, Action.RECONCILE)
    services.figures_set(paper=paper, figures=_figures(payload.figures), by=request.user)
    return _out(reconciliation(paper=paper))


@router.patch(
    "/orgs/{org}/papers/{paper_id}",
    response={200: PaperOut, **EDIT_ERRORS},
    summary="Edit a paper",
)
def paper_edit(request: HttpRequest, org: str, paper_id: Id, payload: PaperEdit) -> Any:
    """Rename a paper, or change its committee, date or address (finance and TMO admins); its
    figures stay. Send only what changes, with the ``version`` you saw; a newer one refuses the
    edit with 409. A title and date the council has for another paper are refused with 422 on
    ``title``."""
    paper = _paper(request, org, paper_id, Action.RECONCILE)
    changes = payload.dict(exclude_unset=True)
    seen = changes.pop("version")
    for name in ("title", "published_on"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: "Leave it out to keep it: it cannot be empty"})
    changes = {k: "" if v is None else v for k, v in changes.items()}
    saved = services.paper_update(paper=paper, seen_version=seen, changes=changes, by=request.user)
    return _paper_out(_line(saved, figures_count(paper=saved)))


@router.delete(
    "/orgs/{org}/papers/{paper_id}",
    response={204: None, **ERRORS},
    summary="Delete a paper and its figures",
)
def paper_delete(request: HttpRequest, org: str, paper_id: Id) -> Any:
    """Delete a paper and every figure entered for it (finance and TMO admins), for a paper
    added by mistake. The change log keeps them, with who deleted them. Answers 204."""
    paper = _paper(request, org, paper_id, Action.RECONCILE)
    services.paper_delete(paper=paper, by=request.user)
    return Status(204, None)

"""The reconciliation room (Reports and data → Check a committee paper): the council's papers;
one paper's printed figures against Realise's, with every difference and its size and every
printed total that is not the sum of its printed rows; and the forms that add a paper, change
its details, delete it (after asking), enter its figures several at a time or from a file, and
take a figure off."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts.access import Action
from realise.core.concurrency import version_of
from realise.imports.readers import ImportFileError
from realise.reconciliation import services
from realise.reconciliation.files import figures_from_file, refusal_messages
from realise.reconciliation.selectors import (
    OUTCOMES,
    figure_in,
    figures_count,
    paper_in,
    papers_list,
    reconciliation,
)
from realise.reconciliation.tables import SOURCES, source
from realise.web.forms import apply_errors
from realise.web.pages import form_page, org_view, page, url_for
from realise.web.reconciliation.forms import (
    FiguresForm,
    FileForm,
    PaperEditForm,
    PaperForm,
    TableForm,
)

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation
    from realise.reconciliation.models import PublishedPaper


def _paper(organisation: Organisation, pk: int) -> PublishedPaper:
    found = paper_in(organisation=organisation, pk=pk)
    if found is None:
        raise Http404("No such paper")
    return found


@org_view()
def papers(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return page(
        request,
        organisation,
        "web/reconciliation/papers.html",
        papers=papers_list(organisation=organisation),
        sources=SOURCES,
    )


@org_view(Action.RECONCILE)
def paper_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = PaperForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return services.paper_create(organisation=organisation, **data, by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Add a committee paper",
        intro="Add the paper, then enter the figures it printed: Realise compares each with its "
        "own figure for the same table, year, row and column.",
        success="Paper added: now enter the figures it printed",
        back=url_for("papers", organisation),
        done=lambda paper: url_for("paper_figures", organisation, paper.pk),
    )


@org_view()
def paper(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _paper(organisation, pk)
    return page(
        request,
        organisation,
        "web/reconciliation/paper.html",
        paper=found,
        result=reconciliation(paper=found),
        outcomes=OUTCOMES,
    )


@org_view(Action.RECONCILE)
def paper_edit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _paper(organisation, pk)
    fields = ("title", "committee", "published_on", "url")
    initial = {name: getattr(found, name) for name in fields} | {"version": version_of(found)}
    form = PaperEditForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        seen = data.pop("version")
        return services.paper_update(paper=found, seen_version=seen, changes=data, by=request.user)

    return form_page(
        request,
        organisation,
        form,
        save,
        title="Change the paper's details",
        caption=found.title,
        intro="Its figures stay as they are.",
        success="Paper saved",
        back=url_for("paper", organisation, found.pk),
    )


@require_http_methods(["GET", "POST"])
@org_view(Action.RECONCILE)
def paper_delete(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Asks first (GET), saying what goes; deletes on POST."""
    found = _paper(organisation, pk)
    if request.method == "POST":
        count = services.paper_delete(paper=found, by=request.user)
        messages.success(request, f"{found.title} deleted, with its {count} figures")
        return redirect(url_for("papers", organisation))
    return page(
        request,
        organisation,
        "web/reconciliation/paper_delete.html",
        paper=found,
        figures=figures_count(paper=found),
        back=url_for("paper", organisation, found.pk),
    )


@org_view(Action.RECONCILE)
def paper_figures(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Asks which table first (``?table=``), then takes up to eight of its figures."""
    found = _paper(organisation, pk)
    chosen = TableForm(request.GET if "table" in request.GET else None)
    back = url_for("paper", organisation, found.pk)
    if not chosen.is_valid():
        asked = page(
            request,
            organisation,
            "web/reconciliation/choose_table.html",
            form=chosen,
            paper=found,
            back=back,
        )
        asked.status_code = 400 if "table" in request.GET else 200
        return asked
    src = source(chosen.cleaned_data["table"])
    form = FiguresForm(request.POST or None, organisation=organisation, source=src)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.figures_set(paper=found, figures=form.figures(), by=request.user)
            except services.FiguresRefused as refused:
                form.refuse(refused)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"{len(saved)} figures of {src.name} saved")
                return redirect(back)
    response = page(
        request,
        organisation,
        "web/reconciliation/figures.html",
        form=form,
        paper=found,
        source=src,
        back=back,
    )
    response.status_code = status
    return response


@org_view(Action.RECONCILE)
def paper_upload(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _paper(organisation, pk)
    form = FileForm(request.POST or None, request.FILES or None)
    back = url_for("paper", organisation, found.pk)
    if request.method == "POST" and form.is_valid():
        problems = _load(form.cleaned_data["file"], found, request.user)
        if not problems:
            messages.success(request, "Figures from the file saved")
            return redirect(back)
        for problem in problems:
            form.add_error("file", problem)
    response = page(
        request,
        organisation,
        "web/form_page.html",
        form=form,
        title="Upload a file of figures",
        caption=found.title,
        intro="A CSV file or spreadsheet with a heading row, then one figure a line: Table "
        "(e.g. savings-by-directorate or Table 3), Year (for a table of one year), Row, Column, "
        "Amount as printed, Unit (£, £k or £m, for pounds printed in thousands or millions) and "
        "Where. Nothing is saved unless every line is right.",
        submit="Upload",
        back=back,
        multipart=True,
    )
    response.status_code = 400 if request.method == "POST" else 200
    return response


def _load(uploaded: Any, paper: PublishedPaper, by: Any) -> list[str]:
    """Save the file's figures; the problems found, if any (then nothing is saved)."""
    name = Path(uploaded.name).name
    with tempfile.TemporaryDirectory(prefix="realise-figures-") as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
        try:
            read = figures_from_file(path, name)
        except ImportFileError as error:
            return [str(error)]
    try:
        services.figures_set(paper=paper, figures=read.figures, by=by)
    except services.FiguresRefused as refused:
        return refusal_messages(refused, read)
    except ValidationError as error:
        return list(error.messages)
    return []


@require_POST
@org_view(Action.RECONCILE)
def figure_remove(
    request: HttpRequest, organisation: Organisation, pk: int, figure: int
) -> HttpResponse:
    found = _paper(organisation, pk)
    chosen = figure_in(paper=found, pk=figure)
    if chosen is None:
        raise Http404("No such figure")
    services.figure_remove(figure=chosen, by=request.user)
    messages.success(request, "Figure taken off the paper")
    return redirect(url_for("paper", organisation, found.pk))

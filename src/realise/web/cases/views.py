"""The business-case room's file checker: pick an example or upload a file, see the scenarios
side by side, each scenario's benefit profile by layer and its J-curve, the audit findings, and
download as XLSX. The council's stored cases, their versions and decisions are in ``stored.py``
and ``decisions.py``; a stored version is shown with the same analysis (``analyse``).

An uploaded file is read into memory, size-limited, parsed as data (``yaml.SafeLoader`` via
``parse_case``: nothing in it is ever executed, and a file that would expand past the limits in
``realise.core.limits`` is refused before it is walked) and never stored here."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from realise.core.limits import case_limits
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.upgrade import to_format_1
from realise.finance.audit import audit_case
from realise.finance.casefile import CaseFileError, load_case
from realise.finance.casefile.formats import declared_format, load_any, read_any
from realise.finance.model import BusinessCase
from realise.finance.scenario import ScenarioResult, run_case
from realise.finance.tables import fte_text, scenario_rows
from realise.reports.charts import Series, line_chart
from realise.reports.formats import REPORT_FORMATS, Format
from realise.web.cases.forms import CaseUploadForm, read_upload
from realise.web.pages import org_view, page

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

MILLION = Decimal(1_000_000)
XLSX = Format.xlsx.content_type


def examples_dir() -> Path:
    return Path(settings.REALISE_EXAMPLES_DIR)


def examples() -> list[Path]:
    """The example files, of either format."""
    return sorted(examples_dir().glob("*.yaml"))


def _format_1_examples() -> list[Path]:
    """The examples whose committee report and format 1 workbook the page offers."""
    return [
        path
        for path in examples()
        if declared_format(path.read_text(encoding="utf-8"), source=path.name) == 1
    ]


def _example(name: str, *, format_1: bool = True) -> Path:
    chosen = next(
        (p for p in (_format_1_examples() if format_1 else examples()) if p.name == name), None
    )
    if chosen is None:
        raise Http404("No such example")
    return chosen


def _j_curve(result: ScenarioResult) -> str:
    years = result.years
    payback = next((i for i, y in enumerate(years) if y.year == result.payback_year), None)
    return line_chart(
        chart_id=f"jcurve-{slugify(result.scenario.id)}",
        title=f"Cumulative net: {result.scenario.name}",
        description="Cumulative benefit less cumulative cost by year, in pounds million; "
        f"it {result.payback.phrase}. The table below gives the figures.",
        categories=[y.year.label for y in years],
        series=[Series("Cumulative net", [y.cumulative_net / MILLION for y in years])],
        highlight=payback,
        highlight_label=f"Payback {result.payback_year.label}" if result.payback_year else "",
    )


def _scenario_view(case: BusinessCase, result: ScenarioResult) -> dict[str, Any]:
    rows = [
        {
            "label": row.label,
            "values": [fte_text(v) if row.kind == "fte" else v for v in values],
            "money": row.kind == "money",
        }
        for row, values in scenario_rows(result)
    ]
    layers = []
    for layer in case.layers:
        profile = result.layer_profile(layer.id)
        layers.append({"name": layer.name, "values": [pye for _, _, pye in profile]})
    return {
        "result": result,
        "slug": slugify(result.scenario.id),
        "rows": rows,
        "layers": layers,
        "chart": mark_safe(_j_curve(result)),
    }


def analyse(case: BusinessCase) -> dict[str, Any]:
    results = run_case(case)
    return {
        "case": case,
        "results": results,
        "years": [y.year for y in results[0].years] if results else [],
        "scenarios": [_scenario_view(case, r) for r in results],
        "audit": audit_case(case, results),
    }


def workbook(case: BusinessCase, name: str) -> HttpResponse:
    try:
        from realise.reports.case_workbook import write_case_workbook
    except ImportError:
        return HttpResponse(
            "The XLSX download is not available in this installation.",
            status=501,
            content_type="text/plain; charset=utf-8",
        )
    stream = io.BytesIO()
    write_case_workbook(case, stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{Path(name).stem}.xlsx"'
    return response


def workbook_response(content: bytes, name: str) -> HttpResponse:
    """An ``.xlsx`` file to download as ``name``."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{Path(name).stem}.xlsx"'
    return response


@org_view()
def business_case(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = CaseUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "examples": [p.name for p in examples()]}
    try:
        if request.method == "POST" and form.is_valid():
            text, name = read_upload(form.cleaned_data.get("file"), workbooks=True)
            case = read_any(text, source=name, limits=case_limits())
            case = (to_format_1(case) or case) if isinstance(case, Appraisal) else case
            if request.POST.get("action") == "xlsx":
                return _workbook_of(case, text, name)
            context |= {"source": name, **_analysis(case)}
        elif request.GET.get("example"):
            path = _example(request.GET["example"], format_1=False)
            case = load_any(path, limits=case_limits())
            case = (to_format_1(case) or case) if isinstance(case, Appraisal) else case
            context |= {"source": path.name, **_analysis(case)}
            if isinstance(case, BusinessCase) and path in _format_1_examples():
                context |= {"chosen": path.name, "report_formats": REPORT_FORMATS}
    except CaseFileError as error:
        context["problems"] = error.problems
    response = page(request, organisation, "web/cases/business_case.html", **context)
    if context.get("problems"):
        response.status_code = 400
    return response


def _analysis(case: BusinessCase | Appraisal) -> dict[str, Any]:
    if isinstance(case, BusinessCase):
        return analyse(case)
    from realise.web.cases.options_view import analyse_options

    return analyse_options(case)


def _workbook_of(case: BusinessCase | Appraisal, text: str, name: str) -> HttpResponse:
    """Format 1's workbook for a case in its shape, format 2's for any other."""
    if isinstance(case, BusinessCase):
        return workbook(case, name)
    from realise.finance.casefile.formats import file_data
    from realise.reports.case_workbook.appraisal import write_appraisal_workbook

    stream = io.BytesIO()
    document = file_data(text, source=name, limits=case_limits())
    write_appraisal_workbook(case, stream, document=document)
    return workbook_response(stream.getvalue(), name)


@org_view()
def business_case_report(
    request: HttpRequest, organisation: Organisation, fmt: str
) -> HttpResponse:
    """The financial-case committee report of an example case, in any report format."""
    from realise.reports.case import case_report
    from realise.reports.formats import render
    from realise.reports.views import report_response

    try:
        output = Format(fmt)
    except ValueError:
        raise Http404(f'"{fmt}" is not a report format') from None
    path = _example(request.GET.get("example", ""))
    rendered = render(case_report(load_case(path, limits=case_limits())), output)
    return report_response(rendered, f"{path.stem}-financial-case")


@org_view()
def business_case_xlsx(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    path = _example(request.GET.get("example", ""))
    return workbook(load_case(path, limits=case_limits()), path.name)

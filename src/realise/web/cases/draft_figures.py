"""An option's figures in the editor: its totals, net present value and payback, the cumulative net
J-curve with the table of its figures, the table by year and by category, and the option against
doing nothing, all worked out from the draft as it stands."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from realise.accounts.access import Action
from realise.finance.appraisal.engine import (
    OptionResult,
    compare,
    run_appraisal,
)
from realise.finance.appraisal.tables import category_totals, option_rows
from realise.reports.charts import Series, line_chart
from realise.web.cases.editing import (
    MILLION,
    THOUSAND,
    index_of,
    opened,
    the_draft,
)
from realise.web.pages import org_view, page

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation

# Figures.


def _j_curve(result: OptionResult, slug: str) -> str:
    years = result.years
    values = [y.cumulative_net for y in years]
    big = max((abs(v) for v in values), default=Decimal(0)) >= MILLION
    unit, scale = ("£m", MILLION) if big else ("£k", THOUSAND)
    paid = result.payback.year
    highlight = next((i for i, y in enumerate(years) if y.year == paid), None)
    said = f"it {result.payback.phrase}"
    return line_chart(
        chart_id=f"jcurve-{slug}",
        title=f"Cumulative net: {result.option.name}",
        description=f"Cumulative benefits less cumulative net cost by year, in {unit}; {said}. "
        "The table after the chart gives the figures.",
        categories=[y.year.label for y in years],
        series=[Series("Cumulative net", [v / scale for v in values])],
        unit=unit,
        highlight=highlight,
        highlight_label=f"Payback {paid.label}" if paid else "",
    )


@org_view(Action.EDIT_CASE)
def case_draft_figures(
    request: HttpRequest, organisation: Organisation, pk: int, number: int
) -> HttpResponse:
    """An option's figures: totals, NPV, payback, the J-curve, and the table by year."""
    draft = the_draft(request, organisation, pk)
    case = opened(draft)
    index = index_of(number, case.options)
    results = run_appraisal(case)
    result = results[index]
    versus = next((c for c in compare(case, results) if c.option is result), None)
    rows = [
        {
            "label": row.label,
            "values": row.values,
            "total": row.total,
            "level": row.level,
            "kind": row.kind,
        }
        for row in option_rows(result)
    ]
    return page(
        request,
        organisation,
        "web/cases/editor/figures.html",
        draft=draft,
        case=case,
        number=number,
        result=result,
        years=case.years,
        rows=rows,
        categories=category_totals(result),
        chart=mark_safe(_j_curve(result, slugify(result.option.id) or "option")),
        versus=versus,
        versus_rows=list(zip(case.years, versus.net_by_year, strict=True)) if versus else [],
        cash_differs=result.cash_npv != result.npv,
    )

"""API: a business-case draft's figures, worked out from the draft as it stands, as the editor's
pages show them (``realise.web.cases.draft_figures``): for each option its money by year (cost,
budgets released, benefits, net, cumulative net, present value), each line's money, totals by
category, net present value and payback, and the option against doing nothing; and the audit
of any figures a published paper printed that the draft keeps. Mounted beside the drafts' router
(``case_drafts.py``). See docs/api.md, "Business-case drafts"."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import PlainSerializer, WithJsonSchema

from realise.api.case_drafts import draft_found
from realise.api.common import ERRORS, Id, Money, TwoPlaces
from realise.cases import selectors
from realise.finance.appraisal.engine import Comparison, OptionResult, compare, run_appraisal
from realise.finance.appraisal.tables import CATEGORY_LABELS, line_label
from realise.finance.audit import AuditReport
from realise.finance.casefile import CaseFileError
from realise.finance.scenario import Payback

router = Router(tags=["business-case drafts"])

FOUR_PLACES = Decimal("0.0001")
# A discount factor: an exact decimal string to four places, as the editor shows it.
Factor = Annotated[
    Decimal,
    PlainSerializer(
        lambda v: f"{v.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP):f}", return_type=str
    ),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-9]+\.[0-9]{4}$",
            "description": 'An exact decimal string to four places, e.g. "0.9662"',
        }
    ),
]
YEAR = Field(..., description="The financial year, e.g. 2026/27")


class PaybackOut(Schema):
    year: str | None = Field(
        ..., description="The first year by whose end it has paid back for good, or null"
    )
    text: str = Field(..., description="The year, or the words for none (as a table shows it)")
    phrase: str = Field(..., description="In a sentence, e.g. pays back in 2028/29")


class YearOut(Schema):
    year: str = YEAR
    cost: Money = Field(..., description="Costs, with optimism bias")
    cost_bias: Money = Field(..., description="The optimism bias on costs included in cost")
    offsets: Money = Field(..., description="Budgets released")
    net_cost: Money = Field(..., description="Cost less budgets released")
    benefits: Money = Field(..., description="Benefits, after the optimism-bias haircut")
    benefit_bias: Money = Field(..., description="The haircut (zero or negative) in benefits")
    cash_benefits: Money = Field(..., description="The cashable and income benefits")
    net: Money = Field(..., description="Benefits less net cost")
    cash_net: Money = Field(..., description="Cash-releasing benefits less net cost")
    cumulative_net: Money
    cumulative_cash_net: Money
    discount_factor: Factor
    present_value: Money = Field(..., description="Net discounted to the case's first year")
    fte_released: TwoPlaces = Field(..., description="Full-time posts released")


class LineOut(Schema):
    group: Literal["cost", "offset", "benefit"]
    id: str = Field(..., description="The line's id in the file")
    name: str
    label: str = Field(..., description="Its name with its kind, as the table shows it")
    category: str = Field(
        ..., description="capital, revenue, unclassified, offset or the benefit type"
    )
    written: list[Money] = Field(..., description="Each year's money as its profile gives it")
    bias: list[Money] = Field(..., description="Each year's optimism-bias uplift or haircut")
    total: Money = Field(..., description="The two together, over every year")


class CategoryOut(Schema):
    category: str = Field(..., description="e.g. Capital, Budgets released, Cashable")
    total: Money


class VersusOut(Schema):
    do_nothing: str = Field(..., description="The do-nothing option's id")
    npv: Money = Field(..., description="This option's NPV less do-nothing's")
    net_by_year: list[Money] = Field(..., description="Net less do-nothing's net, by year")


class OptionFiguresOut(Schema):
    id: str = Field(..., description="The option's id in the file")
    name: str
    role: Literal["preferred", "do_nothing", "option"]
    total_cost: Money
    total_offsets: Money
    net_cost: Money = Field(..., description="Total cost less budgets released")
    total_benefits: Money
    total_net: Money = Field(..., description="Cumulative net at the end of the case")
    npv: Money = Field(..., description="Net present value of the net benefit")
    cash_npv: Money = Field(..., description="NPV of the cash-releasing net")
    payback: PaybackOut
    cash_payback: PaybackOut
    years: list[YearOut]
    lines: list[LineOut]
    categories: list[CategoryOut] = Field(..., description="Each category's total")
    versus_do_nothing: VersusOut | None = Field(
        ..., description="Against the do-nothing option; null for it, or with none"
    )


class FindingOut(Schema):
    kind: str = Field(..., description="differs from the computed value, or from its parts")
    figure: str
    where: str = Field(..., description="Where the paper printed it")
    line: int | None = Field(..., description="Its line in the file")
    unit: str = Field(..., description="£, £k or £m")
    printed: str = Field(..., description="As printed, in the unit")
    expected: TwoPlaces = Field(..., description="What it should be, in the unit")
    note: str = Field(..., description="A hint at the cause, or empty")


class AuditOut(Schema):
    summary: str
    figures_checked: int
    sums_checked: int
    findings: list[FindingOut]


class FiguresOut(Schema):
    draft_id: int
    title: str
    years: list[str] = Field(..., description="The case's financial years, in order")
    options: list[OptionFiguresOut]
    audit: AuditOut | None = Field(
        ...,
        description="The arithmetic audit of the published figures the draft keeps from a "
        "format 1 file; null when it keeps none",
    )


class FiguresQuery(Schema):
    option: str | None = Field(None, max_length=200, description="Only this option (its id)")


def _payback(payback: Payback) -> dict[str, Any]:
    year = payback.year.label if payback.year else None
    return {"year": year, "text": payback.text, "phrase": payback.phrase}


def _role(result: OptionResult) -> str:
    if result.option.preferred:
        return "preferred"
    return "do_nothing" if result.option.do_nothing else "option"


def _years(result: OptionResult) -> list[dict[str, Any]]:
    fields = YearOut.model_fields
    return [
        {name: (y.year.label if name == "year" else getattr(y, name)) for name in fields}
        for y in result.years
    ]


def _lines(result: OptionResult) -> list[dict[str, Any]]:
    return [
        {
            "group": line.group,
            "id": line.id,
            "name": line.name,
            "label": line_label(line),
            "category": line.category,
            "written": list(line.written),
            "bias": list(line.bias),
            "total": line.total,
        }
        for line in result.lines
    ]


def _option(result: OptionResult, versus: dict[str, Comparison]) -> dict[str, Any]:
    against = versus.get(result.option.id)
    return {
        "id": result.option.id,
        "name": result.option.name,
        "role": _role(result),
        "total_cost": result.total_cost,
        "total_offsets": result.total_offsets,
        "net_cost": result.total_cost - result.total_offsets,
        "total_benefits": result.total_benefits,
        "total_net": result.total_net,
        "npv": result.npv,
        "cash_npv": result.cash_npv,
        "payback": _payback(result.payback),
        "cash_payback": _payback(result.cash_payback),
        "years": _years(result),
        "lines": _lines(result),
        "categories": [
            {"category": CATEGORY_LABELS.get(c, c), "total": t}
            for group in ("cost", "offset", "benefit")
            for c, t in result.totals_by_category(group).items()
        ],
        "versus_do_nothing": None if against is None else _versus(against),
    }


def _versus(against: Comparison) -> dict[str, Any]:
    return {
        "do_nothing": against.do_nothing.option.id,
        "npv": against.npv,
        "net_by_year": list(against.net_by_year),
    }


def _audit(report: AuditReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    findings = [
        {
            "kind": f.kind,
            "figure": f.figure,
            "where": f.where,
            "line": f.line,
            "unit": f.unit,
            "printed": f"{f.printed:f}",
            "expected": f.expected,
            "note": f.note,
        }
        for f in report.findings
    ]
    return {
        "summary": report.summary,
        "figures_checked": report.figures_checked,
        "sums_checked": report.sums_checked,
        "findings": findings,
    }


@router.get(
    "/orgs/{org}/case-drafts/{draft_id}/figures",
    response={200: FiguresOut, **ERRORS},
    summary="A draft's figures",
)
def draft_figures(request: HttpRequest, org: str, draft_id: Id, query: Query[FiguresQuery]) -> Any:
    """Each option's figures worked out from the draft as it stands (or only ``option``'s): its
    money by year and by line, totals by category, NPV, payback and the difference from doing
    nothing; with the audit of any published figures the draft keeps. Money is exact to the
    penny, rounded once here."""
    draft = draft_found(request, org, draft_id)
    try:
        case = selectors.draft_appraisal(draft=draft)
    except CaseFileError:
        raise Http404("This draft can no longer be read: discard it and start again") from None
    results = run_appraisal(case)
    if query.option is not None:
        ids = [r.option.id for r in results]
        if query.option not in ids:
            raise ValidationError({"option": f"No such option: the draft has {', '.join(ids)}"})
    versus = {c.option.option.id: c for c in compare(case, results)}
    return {
        "draft_id": draft.pk,
        "title": case.title,
        "years": [y.label for y in case.years],
        "options": [_option(r, versus) for r in results if query.option in (None, r.option.id)],
        "audit": _audit(selectors.draft_audit(case=case)),
    }

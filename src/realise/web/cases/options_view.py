"""A format 2 case on the business-case page (check a file, keep nothing): the options side by
side, then each option's cumulative net (J-curve, with its table) and its figures by year. The
same figures as the editor's (``draft_figures``), from the same engine and tables."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.text import slugify

from realise.finance.appraisal.engine import compare, run_appraisal
from realise.finance.appraisal.model import Appraisal
from realise.finance.appraisal.tables import option_rows
from realise.web.cases.draft_figures import _j_curve


def analyse_options(case: Appraisal) -> dict[str, Any]:
    results = run_appraisal(case)
    versus = {c.option.option.id: c.npv for c in compare(case, results)}
    options = []
    for result in results:
        option = result.option
        role = " (preferred)" if option.preferred else ""
        role += " (do-nothing option)" if option.do_nothing else ""
        slug = slugify(option.id) or "option"
        options.append(
            {
                "result": result,
                "name": f"{option.name}{role}",
                "slug": slug,
                "versus": versus.get(option.id),
                "chart": mark_safe(_j_curve(result, slug)),
                "rows": [
                    {"label": row.label, "values": row.values, "total": row.total, "kind": row.kind}
                    for row in option_rows(result)
                ],
            }
        )
    return {"appraisal": case, "options": options, "years": case.years}

"""What the savings selectors share: the whole-council label, percentages and directorate sums."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from realise.finance.money import ZERO
from realise.portfolio.models import WHOLE_COUNCIL, Directorate, Organisation

__all__ = ["HUNDRED", "WHOLE_COUNCIL", "percent"]
HUNDRED = Decimal(100)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, unrounded (Decimal's 28 significant digits), or None
    when ``whole`` is nothing. Thresholds compare the exact ratio, and each page, report or
    spreadsheet rounds it once for display (``money.format_percent``): rounding it here as well
    showed 0.148% as 0.2% and rated 94.996% Green against a 95% threshold (ADR 0002)."""
    if not whole:
        return None
    return part * HUNDRED / whole


def directorate_names(organisation: Organisation) -> dict[int | None, str]:
    names: dict[int | None, str] = {
        pk: name
        for pk, name in Directorate.objects.filter(organisation=organisation).values_list(
            "pk", "name"
        )
    }
    names[None] = WHOLE_COUNCIL
    return names


def sum_by_directorate(rows: object) -> dict[int | None, Decimal]:
    totals: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:  # type: ignore[attr-defined]
        totals[row["directorate"]] += row["total"]
    return totals

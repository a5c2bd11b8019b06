"""What the savings selectors share: the whole-council label, percentages and directorate sums."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from realise.finance.money import ZERO
from realise.finance.savings import HUNDRED, percent
from realise.portfolio.models import WHOLE_COUNCIL, Directorate, Organisation

__all__ = ["HUNDRED", "WHOLE_COUNCIL", "percent"]


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

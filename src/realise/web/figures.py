"""Figures more than one room shows: the reporting year (dashboard, savings, funding, reports)
and the risk heat map as rows of cells (dashboard, risks)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from realise.benefits.selectors import SavingsByYear
from realise.finance.calendar import FinancialYear
from realise.risks.selectors import CURRENT, NoRiskBands, risk_heat_map

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation


def reporting_year(savings: SavingsByYear, on: date | None = None) -> FinancialYear:
    """The latest year with achieved savings, else the year we are in."""
    with_actuals = [y.year for y in savings.years if y.has_actuals]
    return with_actuals[-1] if with_actuals else FinancialYear.containing(on or date.today())


def heat_rows(organisation: Organisation, scores: str = CURRENT) -> dict[str, object] | None:
    """The heat map of current (or residual) scores as rows of cells, impact 5 at the top; None
    when no bands are set."""
    try:
        heat = risk_heat_map(organisation=organisation, scores=scores)
    except NoRiskBands:
        return None
    rows = [heat.cells[i : i + 5] for i in range(0, 25, 5)]
    return {"map": heat, "rows": rows}

"""Figures more than one room shows: the reporting year and the year a page shows, always one of
the council's plan years (dashboard, savings, funding, reports), and the risk heat map as rows of
cells (dashboard, risks)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest

from realise.benefits.selectors import SavingsByYear
from realise.finance.calendar import FinancialYear
from realise.risks.selectors import CURRENT, HeatMapRows, NoRiskBands, heat_map_rows, risk_heat_map

if TYPE_CHECKING:  # the council, in annotations only: pages reach it through the gateway
    from realise.portfolio.models import Organisation
from realise.web.pages import asked_year


def reporting_year(savings: SavingsByYear, on: date | None = None) -> FinancialYear:
    """The latest year with data (``SavingsByYear.reporting_year``): what the dashboard, the
    savings, funding and reports pages show unless asked for another year."""
    return savings.reporting_year(on or date.today())


def shown_year(
    request: HttpRequest, savings: SavingsByYear, on: date | None = None
) -> FinancialYear:
    """The year a page shows: the ``?year=`` asked for when it is one of the council's plan
    years, else the reporting year. A page never shows, or offers, a year outside the plan."""
    asked = asked_year(request)
    if asked is None or (savings.plan is not None and asked not in savings.plan):
        return reporting_year(savings, on)
    return asked


def heat_rows(organisation: Organisation, scores: str = CURRENT) -> dict[str, object] | None:
    """The heat map of current (or residual) scores as rows of cells, laid out as the council
    chose (impact down the side unless it chose likelihood), the worst cell at the top right;
    None when no bands are set."""
    try:
        heat = risk_heat_map(organisation=organisation, scores=scores)
    except NoRiskBands:
        return None
    rows = heat_map_rows(organisation=organisation)
    by_likelihood = rows == HeatMapRows.LIKELIHOOD
    return {
        "map": heat,
        "down": "Likelihood" if by_likelihood else "Impact",
        "across": "Impact" if by_likelihood else "Likelihood",
        "rows": [
            {"rating": row[0].likelihood if by_likelihood else row[0].impact, "cells": row}
            for row in heat.grid(rows)
        ],
    }

"""Small business cases built in code for tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from realise.finance.calendar import FinancialYear
from realise.finance.model import BusinessCase, Layer, LayerSaving, SavingsLevel, Scenario, Tranche


def simple_case(
    releases: dict[str, list[tuple[date, str]]] | None = None,
    costs: dict[str, dict[int, str]] | None = None,
    amounts: dict[str, str] | None = None,
    years: int = 3,
) -> BusinessCase:
    amounts = amounts or {"a": "120000.00", "b": "60000.00"}
    layers = tuple(Layer(i, i.upper(), Decimal(v) * 10, Decimal(100)) for i, v in amounts.items())
    level = SavingsLevel(
        "only",
        "Only",
        {i: LayerSaving(Decimal(v), Decimal(10), Decimal(10)) for i, v in amounts.items()},
    )
    releases = releases or {"a": [(date(2025, 9, 30), "1")], "b": [(date(2026, 3, 31), "1")]}
    scenario = Scenario(
        "s",
        "Scenario",
        "only",
        {k: tuple(Tranche(d, Decimal(s)) for d, s in v) for k, v in releases.items()},
        {
            c: {FinancialYear(y): Decimal(a) for y, a in by.items()}
            for c, by in (costs or {"Build": {2025: "100000.00"}}).items()
        },
    )
    return BusinessCase(
        organisation="Testshire",
        title="Test case",
        first_year=FinancialYear(2025),
        year_count=years,
        layers=layers,
        levels=(level,),
        scenarios=(scenario,),
    )
